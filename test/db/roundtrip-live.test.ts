/**
 * Values written by an export and read back by the reader are the values written — every
 * storage, nulls, unicode, integers beyond 2^53, extreme dates — on SQLite, PostgreSQL and
 * MariaDB; the bulk and plain paths make identical tables; hostile table and column names
 * stay names; created string columns grow to the longest value; Merge updates and adds.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { daysFromCivil, SECONDS_PER_DAY, type Value } from "../../src/data/values.js";
import type { DatabaseConnections } from "../../src/db/connections.js";
import { describeSource } from "../../src/db/read.js";
import { exportTable } from "../../src/db/write/export.js";
import { batchesOf, readTable, schemaOf } from "./fixtures.js";
import { describeLive, dropTable, liveDatabases, open, q, sql, tableName } from "./live.js";

const day = (y: number, m: number, d: number) => daysFromCivil(y, m, d);
const ts = (y: number, mo: number, d: number, h: number, mi: number, s: number) => day(y, mo, d) * SECONDS_PER_DAY + h * 3600 + mi * 60 + s;

const schema = schemaOf([["i", "integer"], ["r", "real"], ["s", "string"], ["d", "date"], ["t", "time"], ["ts", "timestamp"]]);
// Worked out by hand: each row is what must come back.
const rows: Value[][] = [
  [1, 0.1, "plain", day(2000, 2, 29), 0, ts(1970, 1, 1, 0, 0, 0)],
  [2n ** 53n + 1n, -1.5e300, "ünïcödé — 日本語 😀", day(1, 1, 1), 86_399.5, ts(1, 1, 1, 0, 0, 0)],
  [-(2n ** 62n), 2.5e-300, "tab\there, newline\nand \\ backslash, 'single' \"double\"", day(9999, 12, 31), 45_296.25, ts(9999, 12, 31, 23, 59, 59.5)],
  [0, 0, "", day(1969, 12, 31), 3_600.125, ts(1969, 12, 31, 23, 59, 59.25)],
  [null, null, null, null, null, null],
];

for (const db of await liveDatabases()) {
  describeLive(db, "values round-trip", () => {
    let dbs: DatabaseConnections;
    beforeAll(() => {
      dbs = open(db);
    });
    afterAll(async () => {
      await dbs.close();
    });
    const write = (table: string, bulk: boolean, data = rows, extra: Partial<Parameters<typeof exportTable>[0]> = {}) =>
      exportTable({ connection: dbs.connection(db.name), table, schema, mode: { kind: "Create", dropExisting: true }, bulk, ...extra }, batchesOf(schema, data, 2));

    it("gives back every storage, nulls, unicode, big integers and extreme dates (bulk and plain paths alike)", async () => {
      const bulk = tableName("rt_bulk");
      const plain = tableName("rt_plain");
      await write(bulk, true);
      await write(plain, false);
      const a = await readTable(dbs, db, bulk);
      const b = await readTable(dbs, db, plain);
      const expected = [...rows].sort((x, y) => (x[0] === null ? -1 : y[0] === null ? 1 : x[0]! < y[0]! ? -1 : 1));
      expect(a).toEqual({ columns: ["i", "r", "s", "d", "t", "ts"], rows: expected });
      expect(b).toEqual(a);
      const types = async (t: string) => (await describeSource({ connection: dbs.connection(db.name), source: { kind: "table", table: t } })).map((c) => [c.storage, c.dbType]);
      expect(await types(plain)).toEqual(await types(bulk));
      expect((await types(bulk)).map((x) => x[0])).toEqual(["integer", "real", "string", "date", "time", "timestamp"]);
    });

    it("appends to and reads columns of other types (integer, decimal, boolean, char), on both paths", async () => {
      const s = schemaOf([["i", "integer"], ["d", "real"], ["b", "integer"], ["c", "string"]]);
      const data: Value[][] = [[1, 12.25, 1, "abc"], [2, -0.5, 0, "xyz"], [3, null, null, null]];
      for (const bulk of [true, false]) {
        const table = tableName(`other_types_${bulk ? "bulk" : "plain"}`);
        await dropTable(dbs, db, table);
        await sql(dbs, db, `CREATE TABLE ${q(dbs, db, table)} (${q(dbs, db, "i")} INTEGER, ${q(dbs, db, "d")} NUMERIC(12,2), ${q(dbs, db, "b")} BOOLEAN, ${q(dbs, db, "c")} CHAR(3))`);
        await exportTable({ connection: dbs.connection(db.name), table, schema: s, mode: { kind: "Append", deleteExisting: false }, bulk }, batchesOf(s, data, 2));
        expect((await readTable(dbs, db, table)).rows).toEqual(data);
        const cols = await describeSource({ connection: dbs.connection(db.name), source: { kind: "table", table } });
        expect(cols.map((c) => [c.storage, !!c.flag])).toEqual([["integer", false], ["real", false], ["integer", true], ["string", false]]);
      }
    });

    it("keeps hostile table and column names as names", async () => {
      const canary = tableName("canary");
      await dropTable(dbs, db, canary);
      await sql(dbs, db, `CREATE TABLE ${q(dbs, db, canary)} (x INTEGER)`);
      const hostileTable = `${tableName("evil")}"; DROP TABLE ${canary}; --\`]'`;
      const names = [`a"b`, "c`d", "e]f", "g'h", "select", `x; DROP TABLE ${canary}; --`, "with space"];
      const hostile = schemaOf(names.map((n) => [n, "string"] as [string, "string"]));
      const values = [names.map((n) => `value of ${n}`)];
      const result = await exportTable({ connection: dbs.connection(db.name), table: hostileTable, schema: hostile, mode: { kind: "Create", dropExisting: true }, bulk: true }, batchesOf(hostile, values, 1));
      expect(result.records).toBe(1);
      expect(await readTable(dbs, db, hostileTable)).toEqual({ columns: names, rows: values });
      expect(await sql(dbs, db, `SELECT COUNT(*) FROM ${q(dbs, db, canary)}`)).toHaveLength(1);
      await dropTable(dbs, db, hostileTable);
    });

    it("grows created string columns to the longest value", async () => {
      const table = tableName("widen");
      const s = schemaOf([["k", "integer"], ["txt", "string"]]);
      const data: Value[][] = [[1, "abc"], [2, "x".repeat(40)], [3, "y".repeat(300)], [4, "z"]];
      await exportTable({ connection: dbs.connection(db.name), table, schema: s, mode: { kind: "Create", dropExisting: true }, bulk: true, defaultStringSize: 5 }, batchesOf(s, data, 1));
      expect((await readTable(dbs, db, table)).rows).toEqual(data);
      const [, txt] = await describeSource({ connection: dbs.connection(db.name), source: { kind: "table", table } });
      const expectedType: Record<string, RegExp> = { SQLite: /^TEXT$/, PostgreSQL: /^character varying\(300\)$/, MySQL: /^text$/i };
      expect(txt!.dbType).toMatch(expectedType[db.definition.type]!);
    });

    it("Merge updates rows with matching keys and, with join Add, inserts the others", async () => {
      const table = tableName("merge");
      const s = schemaOf([["id", "integer"], ["v", "string"]]);
      const seed = () => exportTable({ connection: dbs.connection(db.name), table, schema: s, mode: { kind: "Create", dropExisting: true }, bulk: true }, batchesOf(s, [[1, "one"], [2, "two"]], 2));
      const merge = (insertUnmatched: boolean, data: Value[][]) => exportTable({ connection: dbs.connection(db.name), table, schema: s, mode: { kind: "Merge", keys: ["id"], insertUnmatched }, bulk: true }, batchesOf(s, data, 1));
      await seed();
      await merge(false, [[2, "TWO"], [3, "three"]]);
      expect((await readTable(dbs, db, table)).rows).toEqual([[1, "one"], [2, "TWO"]]);
      await merge(true, [[1, "ONE"], [3, "three"]]);
      expect((await readTable(dbs, db, table)).rows).toEqual([[1, "ONE"], [2, "TWO"], [3, "three"]]);
      await expect(merge(true, [[4, "a"], [4, "b"]])).rejects.toThrow(/1 value\(s\) of the merge key \(id\) occur in more than one input record/);
      expect((await readTable(dbs, db, table)).rows).toEqual([[1, "ONE"], [2, "TWO"], [3, "three"]]);
    });

    it("finds an existing table and its columns whatever their case, and writes dates into timestamp columns", async () => {
      const table = tableName("casefold");
      await dropTable(dbs, db, table);
      await sql(dbs, db, `CREATE TABLE ${table} (id INTEGER, at TIMESTAMP NULL)`);
      const s = schemaOf([["ID", "integer"], ["AT", "date"]]);
      await exportTable({ connection: dbs.connection(db.name), table: table.toUpperCase(), schema: s, mode: { kind: "Append", deleteExisting: false }, bulk: true }, batchesOf(s, [[1, day(2024, 2, 29)]], 1));
      expect((await readTable(dbs, db, table)).rows).toEqual([[1, day(2024, 2, 29) * SECONDS_PER_DAY]]);
    });
  });
}
