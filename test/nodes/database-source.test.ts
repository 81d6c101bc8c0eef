/**
 * The Database source node (`database`) in streams run by the engine: table and query modes,
 * parameters bound, Types and Filter tabs, strip_spaces, streaming, errors. Expected values
 * are the rows the tests insert.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { daysFromCivil } from "../../src/data/values.js";
import { openDatabases, type DatabaseConnections } from "../../src/db/connections.js";
import { DATABASES_SERVICE } from "../../src/db/services.js";
import { runStream } from "../../src/engine/index.js";
import { StreamBuilder } from "../../src/stream/builder.js";
import { describeLive, liveDatabases, sqliteDefinition } from "../db/live.js";
import { captureNode, dbRegistry, type Captured } from "./database-helpers.js";

function sourceStream(props: Record<string, unknown>, params: Array<[string, "integer" | "string", number | string]> = []) {
  const b = new StreamBuilder("db");
  for (const [n, s, v] of params) b.parameter(n, s, v);
  b.add("database", props, { id: "in" }).then("capture", {}, { id: "out" });
  return b.build();
}

describe("Database source on SQLite", () => {
  let dbs: DatabaseConnections;
  beforeAll(async () => {
    dbs = openDatabases({ lite: sqliteDefinition() });
    await dbs.connection("lite").withSession(async (s) => {
      await s.execute('CREATE TABLE "DRUG" ("Age" INTEGER, "Sex" TEXT, "Na" REAL, "Seen" DATE, "Active" BOOLEAN, "Code" CHAR(5))');
      await s.execute(`INSERT INTO "DRUG" VALUES (23, 'F', 0.792535, '2024-02-29', 1, 'ab   '), (47, 'M', 0.739309, NULL, 0, '  cd '), (61, 'F', NULL, '1999-12-31', NULL, NULL)`);
    });
  });
  afterAll(() => dbs.close());

  const run = async (props: Record<string, unknown>, params: Array<[string, "integer" | "string", number | string]> = [], parameters?: Record<string, string>) => {
    const captured: Captured = { rows: [], batches: 0 };
    const report = await runStream(sourceStream(props, params), { registry: dbRegistry(captureNode(captured)), services: { [DATABASES_SERVICE]: dbs }, seed: 1, ...(parameters && { parameters }) });
    return { captured, report };
  };

  it("reads a table with storages from its declared types", async () => {
    const { captured } = await run({ dbRef: "lite", tablename: "DRUG" });
    expect(captured.schema!.fields.map((f) => [f.name, f.storage, f.measure])).toEqual([
      ["Age", "integer", "continuous"], ["Sex", "string", "categorical"], ["Na", "real", "continuous"],
      ["Seen", "date", "continuous"], ["Active", "integer", "flag"], ["Code", "string", "categorical"],
    ]);
    expect(captured.rows).toEqual([
      [23, "F", 0.792535, daysFromCivil(2024, 2, 29), 1, "ab   "],
      [47, "M", 0.739309, null, 0, "  cd "],
      [61, "F", null, daysFromCivil(1999, 12, 31), null, null],
    ]);
  });

  it("binds '$P-' parameters in a query, with overrides", async () => {
    const props = { mode: "Query", dbRef: "lite", query: `SELECT "Age", "Sex" FROM "DRUG" WHERE "Age" > '$P-min_age' ORDER BY "Age"` };
    expect((await run(props, [["min_age", "integer", 30]])).captured.rows).toEqual([[47, "M"], [61, "F"]]);
    expect((await run(props, [["min_age", "integer", 30]], { min_age: "50" })).captured.rows).toEqual([[61, "F"]]);
  });

  it("types expression columns from their values", async () => {
    const { captured } = await run({ mode: "Query", dbRef: "lite", query: `SELECT COUNT(*) AS n, AVG("Age") AS mean, MAX("Sex") AS top FROM "DRUG"` });
    expect(captured.schema!.fields.map((f) => f.storage)).toEqual(["integer", "real", "string"]);
    expect(captured.rows).toEqual([[3, 131 / 3, "M"]]);
  });

  it("applies the Filter tab then the Types tab, and strip_spaces", async () => {
    const { captured } = await run({
      dbRef: "lite",
      tablename: "drug",
      include: { Na: false, Seen: false },
      new_name: { Sex: "Gender" },
      type: { Gender: "Flag" },
      direction: { Gender: "Target" },
      strip_spaces: "Both",
    });
    expect(captured.schema!.fields.map((f) => [f.name, f.measure, f.role])).toEqual([
      ["Age", "continuous", "input"], ["Gender", "flag", "target"], ["Active", "flag", "input"], ["Code", "categorical", "input"],
    ]);
    expect(captured.rows.map((r) => r[3])).toEqual(["ab", "cd", null]);
  });

  it("uses Modeler's datasource as the database name when there is no dbRef, and warns about epassword", async () => {
    const { captured, report } = await run({ datasource: "lite", username: "u", epassword: "1F3C8A", tablename: "DRUG" });
    expect(captured.rows).toHaveLength(3);
    expect(report.warnings.some((w) => /epassword .* cannot be read; connecting with the credentials of database "lite"/.test(w))).toBe(true);
  });

  it("fails with errors that say what to change", async () => {
    await expect(run({ tablename: "DRUG" })).rejects.toThrow(/needs property "dbRef" \(or Modeler's "datasource"\)/);
    await expect(run({ dbRef: "nowhere", tablename: "DRUG" })).rejects.toThrow(/no database is defined as "nowhere"; defined: "lite"/);
    await expect(run({ dbRef: "lite", tablename: "NOPE" })).rejects.toThrow(/database "lite", table "NOPE": .*the table does not exist/);
    await expect(run({ dbRef: "lite", mode: "Query", query: "SELECT 1 AS a, 2 AS a" })).rejects.toThrow(/two columns named "a"/);
    await expect(run({ dbRef: "lite", tablename: "DRUG", mode: "Sql" })).rejects.toThrow(/property "mode" .* must be one of Table, Query/);
    const captured: Captured = { rows: [], batches: 0 };
    await expect(runStream(sourceStream({ dbRef: "lite", tablename: "DRUG" }), { registry: dbRegistry(captureNode(captured)), seed: 1 })).rejects.toThrow(
      /uses database "lite", but this run has no databases: give the job's dbDefinitions, or --db lite=<url>/,
    );
  });
});

for (const db of await liveDatabases()) {
  if (db.definition.type !== "PostgreSQL") continue;
  describeLive(db, "Database source on PostgreSQL", () => {
    let dbs: DatabaseConnections;
    beforeAll(() => {
      dbs = openDatabases({ pg: db.definition });
    });
    afterAll(() => dbs.close());

    it("streams a large query in batches (COPY) and a parameterised one through a cursor", async () => {
      for (const [query, params, expected] of [
        ["SELECT g AS n, g * 0.5 AS half FROM generate_series(1, 50000) g", [], 50_000],
        ["SELECT g AS n FROM generate_series(1, 50000) g WHERE g > '$P-floor'", [["floor", "integer", 20000]], 30_000],
      ] as const) {
        const captured: Captured = { rows: [], batches: 0 };
        await runStream(sourceStream({ mode: "Query", dbRef: "pg", query }, params as never), { registry: dbRegistry(captureNode(captured)), services: { [DATABASES_SERVICE]: dbs }, seed: 1 });
        expect(captured.rows).toHaveLength(expected);
        expect(captured.batches).toBeGreaterThan(1);
        expect(captured.rows[0]![0]).toBe(50_000 - expected + 1);
      }
    });
  });
}
