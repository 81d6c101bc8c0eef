import { describe, expect, it } from "vitest";
import { StreamBuilder } from "../../src/stream/index.js";
import { runStream, type RunEvent } from "../../src/engine/index.js";
import { createRegistry } from "../../src/nodes/registry.js";
import { defineNode } from "../../src/nodes/definition.js";
import { makeBatch } from "../../src/data/batch.js";
import { Schema } from "../../src/data/schema.js";
import { makeField } from "../../src/data/field.js";
import { CancelledError } from "../../src/errors.js";
import { UnsupportedNodeError } from "../../src/nodes/errors.js";
import type { TableContent } from "../../src/reports/document.js";

/** A test source counting how often it is read: n batches of `size` integers 1.. */
function countingSource(counter: { reads: number; batches: number }, n = 3, size = 4) {
  return defineNode({
    type: "counter",
    label: "Counter",
    palette: "source",
    inputs: { min: 0, max: 0 },
    properties: [],
    schema: () => new Schema([makeField("X", "integer")]),
    async *run(ctx) {
      counter.reads++;
      for (let b = 0; b < n; b++) {
        counter.batches++;
        yield makeBatch(ctx.outputSchema, [Array.from({ length: size }, (_, i) => b * size + i + 1)]);
      }
    },
  });
}

function tableRows(report: Awaited<ReturnType<typeof runStream>>, node: string) {
  const doc = report.documents.find((d) => d.nodeId === node)!;
  return (doc.content as TableContent).rows;
}

describe("engine", () => {
  it("runs user input through a filter into a table", async () => {
    const b = new StreamBuilder("t");
    b.add("userinput", { names: ["A", "B"], data: { A: "1 2", B: '"x" "y"' }, data_mode: "Ordered" }, { id: "in" })
      .then("filter", { include: { B: false }, new_name: { A: "Alpha" } }, { id: "f" })
      .then("table", {}, { id: "t" });
    const report = await runStream(b.build(), { seed: 1 });
    expect(tableRows(report, "t")).toEqual([[1], [2]]);
    expect(report.documents[0]!.content).toMatchObject({ columns: [{ name: "Alpha", storage: "integer" }] });
    expect(report.nodes.map((n) => [n.id, n.records])).toEqual([["in", 2], ["f", 2], ["t", 2]]);
  });

  it("reads a shared source once for several terminals", async () => {
    const counter = { reads: 0, batches: 0 };
    const registry = createRegistry().register(countingSource(counter));
    const b = new StreamBuilder();
    const src = b.add("counter", {}, { id: "src" });
    src.then("filter", {}, { id: "f1" }).then("table", {}, { id: "t1" });
    src.then("table", {}, { id: "t2" });
    const report = await runStream(b.build(), { registry, seed: 1 });
    expect(counter.reads).toBe(1);
    expect(counter.batches).toBe(3);
    expect(tableRows(report, "t1")).toHaveLength(12);
    expect(tableRows(report, "t2")).toHaveLength(12);
  });

  it("pulls lazily: a source is not read past what is needed", async () => {
    const counter = { reads: 0, batches: 0 };
    const early = defineNode({
      type: "firstbatch",
      label: "First",
      palette: "output",
      inputs: { min: 1, max: 1 },
      properties: [],
      async execute(_ctx, [input]) {
        for await (const _b of input!) break;
        return {};
      },
    });
    const registry = createRegistry().register(countingSource(counter, 100)).register(early);
    const b = new StreamBuilder();
    b.add("counter").then("firstbatch");
    await runStream(b.build(), { registry, seed: 1 });
    expect(counter.batches).toBe(1);
  });

  it("passes records through a disabled node", async () => {
    const b = new StreamBuilder();
    b.add("userinput", { names: ["A"], data: { A: "1 2" } })
      .then("filter", { include: { A: false } }, { id: "f", enabled: false })
      .then("table", {}, { id: "t" });
    const report = await runStream(b.build(), { seed: 1 });
    expect(tableRows(report, "t")).toEqual([[1], [2]]);
  });

  it("emits progress events and per-node counts", async () => {
    const counter = { reads: 0, batches: 0 };
    const registry = createRegistry().register(countingSource(counter));
    const b = new StreamBuilder();
    b.add("counter", {}, { id: "src" }).then("table", {}, { id: "t" });
    const events: RunEvent[] = [];
    await runStream(b.build(), { registry, seed: 1, onEvent: (e) => events.push(e) });
    const progress = events.filter((e) => e.type === "progress" && e.node === "src").map((e) => (e as { records: number }).records);
    expect(progress).toEqual([4, 8, 12]);
    expect(events.some((e) => e.type === "node-end" && e.node === "t" && e.records === 12)).toBe(true);
  });

  it("stops promptly when cancelled", async () => {
    const controller = new AbortController();
    const slow = defineNode({
      type: "endless",
      label: "Endless",
      palette: "source",
      inputs: { min: 0, max: 0 },
      properties: [],
      schema: () => new Schema([makeField("X", "integer")]),
      async *run(ctx) {
        for (let i = 0; ; i++) {
          if (i === 5) controller.abort();
          await new Promise((r) => setTimeout(r, 1));
          yield makeBatch(ctx.outputSchema, [[i]]);
        }
      },
    });
    const registry = createRegistry().register(slow);
    const b = new StreamBuilder();
    b.add("endless").then("table");
    await expect(runStream(b.build(), { registry, signal: controller.signal })).rejects.toBeInstanceOf(CancelledError);
  });

  it("refuses an unsupported node before reading data, naming it", async () => {
    const b = new StreamBuilder();
    b.add("userinput", { names: ["A"], data: { A: "1" } }).then("teleport", {}, { id: "tp" }).then("table");
    await expect(runStream(b.build())).rejects.toBeInstanceOf(UnsupportedNodeError);
    await expect(runStream(b.build())).rejects.toThrow(/node "tp".*teleport/);
  });

  it("names the node whose property is wrong", async () => {
    const b = new StreamBuilder();
    b.add("userinput", { names: ["A"], data: { A: "1" }, data_mode: "Sideways" }, { id: "src" }).then("table");
    await expect(runStream(b.build())).rejects.toThrow(/property "data_mode" of node "src" \(userinput\) must be one of Combined, Ordered/);
  });
});
