/**
 * Stale Types rows: Modeler keeps the Types settings of fields that have left a node's input
 * and ignores them. A node read from a `.str` file (here one our own writer made) warns,
 * naming those fields, and runs; the same settings in an open-format stream are an error
 * naming the field, so that a misspelt name fails.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runStream } from "../../src/engine/run.js";
import { parseStreamBytes } from "../../src/load/index.js";
import { writeStr } from "../../src/modeler/export/index.js";
import type { TableContent } from "../../src/reports/document.js";
import { defaultRegistry } from "../../src/nodes/registry.js";
import { StreamBuilder } from "../../src/stream/builder.js";
import type { Stream } from "../../src/stream/model.js";

const registry = defaultRegistry();

function viaStr(stream: Stream): Stream {
  const { bytes } = writeStr(stream, { registry });
  return parseStreamBytes(bytes, join(tmpdir(), `${stream.name}.str`), registry);
}

/** Typed-in rows, then a Type node with settings for `AGE` and for `GONE`, which the input lacks. */
function typeNodeStream(): Stream {
  const b = new StreamBuilder("stale-type-node");
  b.add("userinput", { names: ["AGE", "BP"], data: { AGE: "23 47 61", BP: "HIGH LOW HIGH" }, custom_storage: { AGE: "Integer", BP: "String" }, data_mode: "Ordered" }, { id: "rows" })
    .then("type", { direction: { AGE: "Input", GONE: "Target" }, type: { AGE: "Range", GONE: "Set" }, values: { GONE: ["a", "b"] } }, { id: "roles" })
    .then("table", {}, { id: "out" });
  return b.build();
}

/** A Var. File whose Types tab has a setting for `GONE`, a column the file no longer has. */
function sourceStream(csv: string): Stream {
  const b = new StreamBuilder("stale-types-tab");
  b.add("variablefile", { full_filename: csv, read_field_names: true, delimit_comma: true, direction: { Na: "Input", GONE: "Target" } }, { id: "file" })
    .then("table", {}, { id: "out" });
  return b.build();
}

function csvFile(): string {
  const dir = mkdtempSync(join(tmpdir(), "mb-stale-types-"));
  const path = join(dir, "patients.csv");
  writeFileSync(path, "Na,K\n0.79,0.03\n0.74,0.05\n");
  return path;
}

describe("Types settings for fields the input does not have", () => {
  it("a Type node read from .str warns naming the field, ignores it and runs", async () => {
    const stream = viaStr(typeNodeStream());
    const roles = stream.nodes.find((n) => n.id === "roles")!;
    expect(roles.modeler?.modelerClass).toBe("TypeNode");
    expect(roles.properties.direction).toEqual({ AGE: "Input", GONE: "Target" });
    const report = await runStream(stream, { registry, seed: 1 });
    const stale = report.warnings.filter((w) => /Types settings for "GONE" are ignored/.test(w));
    expect(stale).toHaveLength(1);
    expect(stale[0]).toMatch(/\(roles\)/);
    const table = report.documents[0]!.content as TableContent;
    expect(table.columns.map((c) => c.name)).toEqual(["AGE", "BP"]);
    expect(table.rows).toEqual([[23, "HIGH"], [47, "LOW"], [61, "HIGH"]]);
  });

  it("the same Type node in an open-format stream is an error naming the field", async () => {
    await expect(runStream(typeNodeStream(), { registry, seed: 1 })).rejects.toThrow(/unknown field "GONE".*node "roles"/);
  });

  it("a source's Types tab follows the same rule", async () => {
    const csv = csvFile();
    const report = await runStream(viaStr(sourceStream(csv)), { registry, seed: 1 });
    expect(report.warnings.some((w) => /Types settings for "GONE" are ignored/.test(w))).toBe(true);
    expect((report.documents[0]!.content as TableContent).rows).toEqual([[0.79, 0.03], [0.74, 0.05]]);
    await expect(runStream(sourceStream(csv), { registry, seed: 1 })).rejects.toThrow(/unknown field "GONE".*"direction"/);
  });
});
