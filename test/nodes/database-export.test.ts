/**
 * The Database export node (`databaseexport`) in streams run by the engine: Modeler's write
 * modes and options, the export summary, unsupported options refused by name, and a stream
 * whose upstream fails mid-export leaving the table as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabases, type DatabaseConnections } from "../../src/db/connections.js";
import { describeSource } from "../../src/db/read.js";
import { DATABASES_SERVICE } from "../../src/db/services.js";
import { runStream } from "../../src/engine/index.js";
import { StreamBuilder } from "../../src/stream/builder.js";
import { readTable } from "../db/fixtures.js";
import { sqliteDefinition, type LiveDb } from "../db/live.js";
import { dbRegistry, numbersNode } from "./database-helpers.js";

describe("Database export on SQLite", () => {
  let dbs: DatabaseConnections;
  const lite: LiveDb = { name: "lite", definition: sqliteDefinition() };
  beforeAll(() => {
    dbs = openDatabases({ lite: lite.definition });
  });
  afterAll(() => dbs.close());

  const exportStream = (props: Record<string, unknown>, source: Record<string, unknown> = { names: ["id", "label"], data: { id: "1 2 3", label: "a b c" }, data_mode: "Ordered" }) => {
    const b = new StreamBuilder("export");
    b.add("userinput", source, { id: "in" }).then("databaseexport", { dbRef: "lite", ...props }, { id: "out" });
    return b.build();
  };
  const run = (props: Record<string, unknown>, source?: Record<string, unknown>) => runStream(exportStream(props, source), { registry: dbRegistry(), services: { [DATABASES_SERVICE]: dbs }, seed: 1 });

  it("creates the table and reports what it wrote", async () => {
    const report = await run({ table_name: "T1" });
    expect(report.terminals[0]!.result.exports).toEqual([{ target: "lite:T1", records: 3, mode: "Create" }]);
    expect((await readTable(dbs, lite, "T1")).rows).toEqual([[1, "a"], [2, "b"], [3, "c"]]);
    await expect(run({ table_name: "T1" })).rejects.toThrow(/table "T1": the table already exists/);
  });

  it("maps Modeler's options: drop_existing_table, delete_existing_rows, Append, Merge with join Add", async () => {
    await run({ table_name: "T2" });
    expect((await run({ table_name: "T2", write_mode: "Create", drop_existing_table: true })).terminals[0]!.result.exports![0]!.mode).toBe("Drop");
    expect((await run({ table_name: "T2", write_mode: "Append" })).terminals[0]!.result.exports![0]).toMatchObject({ records: 3, mode: "Append" });
    expect((await readTable(dbs, lite, "T2")).rows).toHaveLength(6);
    await run({ table_name: "T2", write_mode: "Append", delete_existing_rows: true });
    expect((await readTable(dbs, lite, "T2")).rows).toHaveLength(3);
    await run({ table_name: "T2", write_mode: "Merge", key_fields: ["id"], join: "Add" }, { names: ["id", "label"], data: { id: "3 4", label: "C D" }, data_mode: "Ordered" });
    expect((await readTable(dbs, lite, "T2")).rows).toEqual([[1, "a"], [2, "b"], [3, "C"], [4, "D"]]);
  });

  it("renames columns with map, sets column types with type, declares the primary key", async () => {
    await run({ table_name: "T3", map: [["label", "LABEL_TEXT"]], type: { id: "SMALLINT" }, key_fields: ["id"], export_db_primarykey: true });
    const cols = await describeSource({ connection: dbs.connection("lite"), source: { kind: "table", table: "T3" } });
    expect(cols.map((c) => [c.name, c.dbType])).toEqual([["id", "SMALLINT"], ["LABEL_TEXT", "TEXT"]]);
    const pk = await dbs.connection("lite").withSession((s) => s.execute("SELECT name FROM pragma_table_info('T3') WHERE pk > 0"));
    expect(pk.rows).toEqual([["id"]]);
    await expect(run({ table_name: "T3b", type: { id: "INT); DROP TABLE T3; --" } })).rejects.toThrow(/type of field "id" is .* which is not a column type/);
  });

  it("refuses options it does not implement, naming them", async () => {
    for (const [props, name] of [
      [{ bulk_loading: "External" }, "bulk_loading"],
      [{ use_custom_create_table_command: true, custom_create_table_command: "CREATE TABLE <table-name> <(table columns)>" }, "use_custom_create_table_command"],
      [{ indexes: { IX: { fields: ["id"] } } }, "indexes"],
      [{ table_space: "USERS" }, "table_space"],
      [{ use_partition: true, partition_field: "id" }, "use_partition"],
      [{ not_logged: true }, "not_logged"],
    ] as const) {
      await expect(run({ table_name: "T4", ...props })).rejects.toThrow(new RegExp(`property "${name}" of node "out" \\(databaseexport\\) has value .* which is not supported`));
    }
  });

  it("warns that generate_import does nothing in a batch run", async () => {
    const report = await run({ table_name: "T5", generate_import: true, odbc_binding: "Row", use_batch: true, batch_size: 2 });
    expect(report.warnings.some((w) => w.includes("generate_import"))).toBe(true);
    expect((await readTable(dbs, lite, "T5")).rows).toHaveLength(3);
  });

  it("reads one table of a file while writing another of the same file", async () => {
    // 200,000 rows overflow SQLite's page cache, so the writer writes while the reader reads.
    const load = new StreamBuilder("load");
    load.add("numbers", {}, { id: "in" }).then("databaseexport", { dbRef: "lite", table_name: "BIG", bulk_loading: "ODBC" }, { id: "out" });
    await runStream(load.build(), { registry: dbRegistry(numbersNode(200_000, 8192)), services: { [DATABASES_SERVICE]: dbs }, seed: 1 });
    const copy = new StreamBuilder("copy");
    copy.add("database", { dbRef: "lite", tablename: "BIG" }, { id: "in" }).then("databaseexport", { dbRef: "lite", table_name: "BIG_COPY", bulk_loading: "ODBC" }, { id: "out" });
    const report = await runStream(copy.build(), { registry: dbRegistry(), services: { [DATABASES_SERVICE]: dbs }, seed: 1 });
    expect(report.terminals[0]!.result.exports).toEqual([{ target: "lite:BIG_COPY", records: 200_000, mode: "Create" }]);
    const count = await dbs.connection("lite").withSession((s) => s.execute('SELECT COUNT(*), SUM("id") FROM "BIG_COPY"'));
    expect(count.rows[0]!.map(Number)).toEqual([200_000, (200_000 * 200_001) / 2]);
  });

  it("leaves the table as it was when an upstream node fails mid-export", async () => {
    await run({ table_name: "T6" });
    const b = new StreamBuilder("failing");
    b.add("numbers", {}, { id: "in" }).then("databaseexport", { dbRef: "lite", table_name: "T6", write_mode: "Create", drop_existing_table: true, bulk_loading: "ODBC" }, { id: "out" });
    await expect(runStream(b.build(), { registry: dbRegistry(numbersNode(50_000, 1000, 7)), services: { [DATABASES_SERVICE]: dbs }, seed: 1 })).rejects.toThrow(/the upstream node broke/);
    expect((await readTable(dbs, lite, "T6")).rows).toEqual([[1, "a"], [2, "b"], [3, "c"]]);
  });
});
