/**
 * applyJob on streams built with StreamBuilder: sources and terminals replaced by Database
 * nodes (keeping ids, names, links, Types and Filter tabs), insert modes mapped onto
 * Modeler's options, parameters converted; the input stream is never changed. Then a whole
 * job run on SQLite.
 */
import { describe, expect, it } from "vitest";
import { DATABASES_SERVICE } from "../../src/db/services.js";
import { withDatabases } from "../../src/db/connections.js";
import { runStream } from "../../src/engine/index.js";
import { applyJob } from "../../src/jobs/apply-job.js";
import { JobDefinitionError, parseJobDefinition } from "../../src/jobs/definition/index.js";
import { StreamBuilder } from "../../src/stream/builder.js";
import type { Stream } from "../../src/stream/model.js";
import { readTable } from "../db/fixtures.js";
import { sqliteDefinition } from "../db/live.js";
import { dbRegistry } from "../nodes/database-helpers.js";

function drugStream(): Stream {
  const b = new StreamBuilder("drug");
  b.parameter("min_age", "integer", 18).parameter("since", "date", "2020-01-01").parameter("tag", "string", "x");
  const src = b.add(
    "variablefile",
    { full_filename: "C:\\data\\DRUG1n.csv", delimit_other: true, other: ";", type: { Drug: "Set" }, direction: { Drug: "Target" }, include: { K: false }, new_name: { Na: "NA" } },
    { id: "src", name: "scoreInput" },
  );
  src.then("filter", {}, { id: "f" }).then("table", {}, { id: "t1" });
  src.then("table", { output_name: "second" }, { id: "t2", label: "Audit table" });
  return b.build();
}

const job = (setting: Record<string, unknown>) =>
  parseJobDefinition({ action: "BATCH_SCORE", model: { id: "drug" }, dbDefinitions: { wh: { type: "SQLite", db: "x.db" } }, setting });

describe("applyJob", () => {
  it("replaces a source by a Database source that keeps the Types and Filter tabs", () => {
    const stream = drugStream();
    const before = structuredClone(stream);
    const out = applyJob(stream, job({ inputs: [{ odbc: { dbRef: "wh", table: "DRUG1N" }, node: "scoreInput" }] }), { registry: dbRegistry() });
    expect(stream).toEqual(before);
    const node = out.nodes.find((n) => n.id === "src")!;
    expect(node).toEqual({
      id: "src",
      name: "scoreInput",
      type: "database",
      enabled: true,
      properties: { mode: "Table", dbRef: "wh", tablename: "DRUG1N", type: { Drug: "Set" }, direction: { Drug: "Target" }, include: { K: false }, new_name: { Na: "NA" } },
    });
    expect(out.links).toEqual(stream.links);
  });

  it("replaces terminals by Database exports, mapping insert modes onto Modeler's options", () => {
    const out = applyJob(
      drugStream(),
      job({
        exports: [
          { odbc: { dbRef: "wh", table: "SCORED", insertMode: "Drop" }, node: "t1", bulkLoading: "ODBC" },
          { odbc: { dbRef: "wh", table: "AUDIT", insertMode: "Refresh" }, node: "Audit table" },
        ],
      }),
      { registry: dbRegistry() },
    );
    expect(out.nodes.find((n) => n.id === "t1")).toMatchObject({
      type: "databaseexport",
      name: "Table",
      properties: { dbRef: "wh", table_name: "SCORED", write_mode: "Create", drop_existing_table: true, bulk_loading: "ODBC" },
    });
    expect(out.nodes.find((n) => n.id === "t2")).toMatchObject({
      type: "databaseexport",
      label: "Audit table",
      properties: { dbRef: "wh", table_name: "AUDIT", write_mode: "Append", delete_existing_rows: true, bulk_loading: "Off" },
    });
    for (const [mode, props] of [["Create", { write_mode: "Create", drop_existing_table: false }], ["Append", { write_mode: "Append", delete_existing_rows: false }]] as const) {
      const o = applyJob(drugStream(), job({ exports: [{ odbc: { dbRef: "wh", table: "S", insertMode: mode }, node: "t1" }] }), { registry: dbRegistry() });
      expect(o.nodes.find((n) => n.id === "t1")!.properties).toMatchObject(props);
    }
  });

  it("lists the candidates when a name matches no node, or several", () => {
    const none = (() => {
      try {
        applyJob(drugStream(), job({ inputs: [{ odbc: { dbRef: "wh", table: "T" }, node: "ScoreInput" }] }), { registry: dbRegistry() });
      } catch (e) {
        return e as JobDefinitionError;
      }
    })()!;
    expect(none).toBeInstanceOf(JobDefinitionError);
    expect(none.message).toBe('$.setting.inputs[0].node: no source node is called "ScoreInput"; candidates: "scoreInput" (id src, variablefile)');
    expect(() => applyJob(drugStream(), job({ exports: [{ odbc: { dbRef: "wh", table: "T" }, node: "Table" }] }), { registry: dbRegistry() })).toThrow(
      /\$\.setting\.exports\[0\]\.node: "Table" matches 2 terminal nodes: "Table" \(id t1, table\), "Table" \(id t2, table\); refer to one by its id/,
    );
    expect(() => applyJob(drugStream(), job({ exports: [{ odbc: { dbRef: "wh", table: "T" }, node: "f" }] }), { registry: dbRegistry() })).toThrow(/no terminal node is called "f"; candidates: "Table" \(id t1/);
  });

  it("converts parameter overrides to each parameter's storage", () => {
    const out = applyJob(drugStream(), job({ parameterOverride: [{ name: "min_age", value: "30" }, { name: "since", value: "2024-02-29" }, { name: "tag", value: 5 }] }), { registry: dbRegistry() });
    expect(out.parameters).toEqual([
      { name: "min_age", storage: "integer", value: 30 },
      { name: "since", storage: "date", value: "2024-02-29" },
      { name: "tag", storage: "string", value: "5" },
    ]);
    expect(applyJob(drugStream(), job({ parameterOverride: [{ name: "min_age", value: "123456789012345678901" }] })).parameters[0]!.value).toBe("123456789012345678901");
    expect(() => applyJob(drugStream(), job({ parameterOverride: [{ name: "min_age", value: "thirty" }] }))).toThrow(
      /\$\.setting\.parameterOverride\[0\]\.value: parameter "min_age" is integer: "thirty" is not a whole number/,
    );
    expect(() => applyJob(drugStream(), job({ parameterOverride: [{ name: "max_age", value: "1" }] }))).toThrow(
      /\$\.setting\.parameterOverride\[0\]\.name: the stream has no parameter "max_age"; its parameters are: "min_age", "since", "tag"/,
    );
  });
});

describe("a BATCH_SCORE job run on SQLite", () => {
  it("reads the input table through the stream and writes the export table", async () => {
    const b = new StreamBuilder("scoring");
    b.parameter("min_age", "integer", 18);
    b.add("userinput", { names: ["AGE"], data: { AGE: "1" } }, { id: "in", name: "scoreInput" })
      .then("filter", { new_name: { AGE: "Age" } }, { id: "f" })
      .then("table", {}, { id: "out" });
    const def = sqliteDefinition();
    const definition = parseJobDefinition({
      action: "BATCH_SCORE",
      model: { id: "scoring" },
      dbDefinitions: { wh: def },
      setting: {
        inputs: [{ odbc: { dbRef: "wh", table: "PATIENTS" }, node: "scoreInput" }],
        exports: [{ odbc: { dbRef: "wh", table: "SCORED", insertMode: "Create" }, node: "out", bulkLoading: "ODBC" }],
      },
    });
    const registry = dbRegistry();
    const report = await withDatabases(definition.dbDefinitions, async (dbs) => {
      await dbs.connection("wh").withSession(async (s) => {
        await s.execute('CREATE TABLE "PATIENTS" ("AGE" INTEGER)');
        await s.execute('INSERT INTO "PATIENTS" VALUES (15), (40), (72)');
      });
      const r = await runStream(applyJob(b.build(), definition, { registry }), { registry, services: { [DATABASES_SERVICE]: dbs }, seed: 1 });
      expect(await readTable(dbs, { name: "wh", definition: def }, "SCORED")).toEqual({ columns: ["Age"], rows: [[15], [40], [72]] });
      return r;
    });
    expect(report.terminals.map((t) => t.result.exports)).toEqual([[{ target: "wh:SCORED", records: 3, mode: "Create" }]]);
  });
});
