/**
 * The job actions over a registry with a tiny builder whose model is the mean of field X
 * (worked out by hand below): TRAINING refreshes the nugget linked to the builder, a builder
 * without a nugget gets one, AUTO_REFRESH replaces the stream file keeping numbered backups,
 * RUN_STREAM refuses a script it would have to run, EVALUATION says it is not available.
 */
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defineNode } from "../../src/nodes/definition.js";
import { createRegistry } from "../../src/nodes/registry.js";
import { StreamBuilder, readStreamJson, writeStreamJson } from "../../src/stream/index.js";
import { runJob, parseJobDefinition, FileStreamRepository, JobActionError } from "../../src/jobs/index.js";
import type { Stream } from "../../src/stream/model.js";

const meanBuilder = defineNode({
  type: "meanbuilder",
  label: "Mean",
  palette: "modeling",
  inputs: { min: 1, max: 1 },
  properties: [],
  async execute(_ctx, [input]) {
    let sum = 0;
    let n = 0;
    for await (const b of input!) for (const v of b.columns[0]!) { sum += v as number; n++; }
    return { models: [{ nuggetType: "applymean", name: "X", pmmlText: `<mean value="${sum / n}"/>` }] };
  },
});
const meanNugget = defineNode({
  type: "applymean",
  label: "Mean model",
  palette: "model",
  inputs: { min: 1, max: 1 },
  properties: [],
  run: (_ctx, [input]) => input!,
});
const registry = createRegistry().register(meanBuilder).register(meanNugget);

function stream(withNugget: boolean): Stream {
  const b = new StreamBuilder("means");
  const src = b.add("userinput", { names: ["X"], data: { X: "1 2 3 10" } }, { id: "src" });
  src.then("meanbuilder", {}, { id: "builder" });
  if (withNugget) src.then("applymean", {}, { id: "nugget", builder: "builder", model: { pmmlText: "<mean value=\"0\"/>" } }).then("table", {}, { id: "t" });
  return b.build();
}

const job = (action: string) => parseJobDefinition({ action, model: { id: "means" }, dbDefinitions: {}, setting: { inputs: [], exports: [], parameterOverride: [] } });

describe("job actions", () => {
  it("TRAINING refreshes the nugget linked to the builder: mean of 1, 2, 3, 10 is 4", async () => {
    const r = await runJob(stream(true), job("TRAINING"), { registry, seed: 1 });
    expect(r.models).toEqual([expect.objectContaining({ builder: "builder", nuggets: ["nugget"], added: false })]);
    const nugget = r.updatedStream!.nodes.find((n) => n.id === "nugget")!;
    expect(nugget.model).toEqual({ pmmlText: '<mean value="4"/>' });
  });

  it("TRAINING adds a nugget for a builder that has none, so no model is lost", async () => {
    const r = await runJob(stream(false), job("TRAINING"), { registry, seed: 1 });
    const added = r.updatedStream!.nodes.find((n) => n.builder === "builder")!;
    expect(added.type).toBe("applymean");
    expect(added.model).toEqual({ pmmlText: '<mean value="4"/>' });
    expect(r.models![0]!.added).toBe(true);
  });

  it("AUTO_REFRESH replaces the stream file and keeps numbered backups", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mb-refresh-"));
    const path = join(dir, "means.stream.json");
    const original = writeStreamJson(stream(true));
    writeFileSync(path, original);
    const nodeTypes = registry.propertySchemas();
    for (const expected of ["1", "2"]) {
      const loaded = readStreamJson(readFileSync(path, "utf8"), { path, nodeTypes });
      const r = await runJob(loaded, job("AUTO_REFRESH"), { registry, seed: 1, repository: new FileStreamRepository(), streamId: path });
      expect(r.backup).toBe(`${path}.${expected}`);
    }
    expect(readFileSync(`${path}.1`, "utf8")).toBe(original);
    const refreshed = readStreamJson(readFileSync(path, "utf8"), { path, nodeTypes });
    expect(refreshed.nodes.find((n) => n.id === "nugget")!.model).toEqual({ pmmlText: '<mean value="4"/>' });
    expect(existsSync(`${path}.3`)).toBe(false);
  });

  it("AUTO_REFRESH without a repository is refused before anything runs", async () => {
    await expect(runJob(stream(true), job("AUTO_REFRESH"), { registry })).rejects.toBeInstanceOf(JobActionError);
  });

  it("RUN_STREAM refuses a stream whose script runs by default, and runs the terminals otherwise", async () => {
    const scripted: Stream = { ...stream(true), script: { language: "python", text: "stream = modeler.script.stream()", runByDefault: true } };
    await expect(runJob(scripted, job("RUN_STREAM"), { registry })).rejects.toThrow(/does not execute stream scripts/);
    const r = await runJob({ ...scripted, script: { ...scripted.script!, runByDefault: false } }, job("RUN_STREAM"), { registry, seed: 1 });
    expect(r.report.terminals.map((t) => t.node).sort()).toEqual(["builder", "t"]);
  });

  it("EVALUATION says it is not available yet", async () => {
    await expect(runJob(stream(true), job("EVALUATION"), { registry })).rejects.toThrow(/EVALUATION is not available yet/);
  });
});
