/**
 * The four insert modes on live SQLite, PostgreSQL and MariaDB, each with failures injected
 * mid-export (a value the column rejects, an upstream node failing, the connection killed
 * from another session, cancellation): the table must be exactly as before, and no staging
 * table may be left behind. Expected rows are written out by hand.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Value } from "../../src/data/values.js";
import { openDatabases, type DatabaseConnections } from "../../src/db/connections.js";
import { DatabaseError } from "../../src/db/errors.js";
import { exportTable, type WriteMode } from "../../src/db/write/export.js";
import { CancelledError } from "../../src/errors.js";
import { batchesOf, readTable, schemaOf, tablesLike } from "./fixtures.js";
import { describeLive, dropTable, liveDatabases, open, q, sql, tableName } from "./live.js";

const schema = schemaOf([["id", "integer"], ["name", "string"], ["score", "real"]]);
const input: Value[][] = [[1, "a", 0.5], [2, "b", 1.5], [3, "c", 2.5], [4, "d", 3.5]];
const before: Value[][] = [[10, "old", 1], [11, "older", 2]];

const CREATE: WriteMode = { kind: "Create", dropExisting: false };
const DROP: WriteMode = { kind: "Create", dropExisting: true };
const APPEND: WriteMode = { kind: "Append", deleteExisting: false };
const REFRESH: WriteMode = { kind: "Append", deleteExisting: true };

for (const db of await liveDatabases()) {
  describeLive(db, "export insert modes", () => {
    let dbs: DatabaseConnections;
    beforeAll(() => {
      dbs = open(db);
    });
    afterAll(async () => {
      await dbs.close();
    });

    /** A table with a CHECK constraint and two rows, made with plain SQL. */
    async function seed(table: string): Promise<void> {
      await dropTable(dbs, db, table);
      const t = q(dbs, db, table);
      await sql(dbs, db, `CREATE TABLE ${t} (${q(dbs, db, "id")} BIGINT, ${q(dbs, db, "name")} VARCHAR(20), ${q(dbs, db, "score")} DOUBLE PRECISION CHECK (${q(dbs, db, "score")} >= 0))`);
      await sql(dbs, db, `INSERT INTO ${t} VALUES (10, 'old', 1), (11, 'older', 2)`);
    }

    function exportRows(connections: DatabaseConnections, table: string, mode: WriteMode, bulk: boolean, rows = input, between?: (i: number) => Promise<void> | void, extra: Partial<Parameters<typeof exportTable>[0]> = {}) {
      return exportTable({ connection: connections.connection(db.name), table, schema, mode, bulk, ...extra }, batchesOf(schema, rows, 2, between));
    }

    for (const bulk of [true, false]) {
      const path = bulk ? "bulk" : "plain";

      it(`Create makes the table and writes every row (${path})`, async () => {
        const table = tableName(`create_${path}`);
        await dropTable(dbs, db, table);
        const result = await exportRows(dbs, table, CREATE, bulk);
        expect(result).toMatchObject({ records: 4, mode: "Create" });
        expect(await readTable(dbs, db, table)).toEqual({ columns: ["id", "name", "score"], rows: input });
        await expect(exportRows(dbs, table, CREATE, bulk)).rejects.toThrow(/already exists.*use Drop/);
        expect((await readTable(dbs, db, table)).rows).toEqual(input);
      });

      it(`Append adds rows to the existing table (${path})`, async () => {
        const table = tableName(`append_${path}`);
        await seed(table);
        expect(await exportRows(dbs, table, APPEND, bulk)).toMatchObject({ records: 4, mode: "Append" });
        expect((await readTable(dbs, db, table)).rows).toEqual([...input, ...before]);
      });

      it(`Drop replaces the table, columns included (${path})`, async () => {
        const table = tableName(`drop_${path}`);
        await dropTable(dbs, db, table);
        await sql(dbs, db, `CREATE TABLE ${q(dbs, db, table)} (${q(dbs, db, "other")} INTEGER)`);
        await sql(dbs, db, `INSERT INTO ${q(dbs, db, table)} VALUES (7)`);
        expect(await exportRows(dbs, table, DROP, bulk)).toMatchObject({ records: 4, mode: "Drop" });
        expect(await readTable(dbs, db, table)).toEqual({ columns: ["id", "name", "score"], rows: input });
        expect(await tablesLike(dbs, db, table)).toEqual([table]);
      });

      it(`Refresh deletes the rows, then inserts (${path})`, async () => {
        const table = tableName(`refresh_${path}`);
        await seed(table);
        expect(await exportRows(dbs, table, REFRESH, bulk)).toMatchObject({ records: 4, mode: "Refresh" });
        expect((await readTable(dbs, db, table)).rows).toEqual(input);
      });
    }

    it("Append and Refresh need the table to exist", async () => {
      const table = tableName("missing");
      await dropTable(dbs, db, table);
      await expect(exportRows(dbs, table, APPEND, true)).rejects.toThrow(/does not exist; insert mode Append.*use Create/);
      await expect(exportRows(dbs, table, REFRESH, true)).rejects.toThrow(/does not exist; insert mode Refresh/);
    });

    it("Append refuses a missing column and an incompatible type before writing any row", async () => {
      const table = tableName("append_check");
      await seed(table);
      const wrong = schemaOf([["id", "string"], ["name", "string"], ["extra", "real"]]);
      const err = await exportTable({ connection: dbs.connection(db.name), table, schema: wrong, mode: APPEND, bulk: true }, batchesOf(wrong, [["x", "y", 1]], 1)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DatabaseError);
      expect((err as Error).message).toMatch(/2 problems/);
      expect((err as Error).message).toMatch(/field "id" holds String values, which column "id" \(.*\) cannot take/i);
      expect((err as Error).message).toMatch(/field "extra" has no column in the table, whose columns are: "id", "name", "score"/);
      expect((await readTable(dbs, db, table)).rows).toEqual(before);
    });

    // Failures injected mid-export, for every mode: the table must be as it was.
    const modes: Array<[string, WriteMode]> = [["Create", CREATE], ["Drop", DROP], ["Append", APPEND], ["Refresh", REFRESH]];
    for (const [label, mode] of modes) {
      const prepare = async (table: string) => {
        if (mode === CREATE) await dropTable(dbs, db, table);
        else await seed(table);
      };
      const expectUnchanged = async (table: string) => {
        if (mode === CREATE) expect(await tablesLike(dbs, db, table)).toEqual([]);
        else {
          expect(await readTable(dbs, db, table)).toEqual({ columns: ["id", "name", "score"], rows: before });
          expect(await tablesLike(dbs, db, table)).toEqual([table]);
        }
      };

      for (const bulk of [true, false]) {
        const path = bulk ? "bulk" : "plain";
        it(`${label}: a value the column rejects in the second batch leaves the table unchanged (${path})`, async () => {
          const table = tableName(`reject_${label}_${path}`);
          await prepare(table);
          // Append/Refresh: the CHECK constraint refuses a negative score; Create/Drop: the
          // primary key refuses a repeated id.
          const rows = mode.kind === "Append" ? [...input.slice(0, 2), [5, "e", -1]] : [...input.slice(0, 2), [1, "dup", 9]];
          const err = await exportRows(dbs, table, mode, bulk, rows, undefined, mode.kind === "Create" ? { primaryKey: ["id"] } : {}).catch((e: unknown) => e);
          expect(err).toBeInstanceOf(DatabaseError);
          expect((err as DatabaseError).details).toMatchObject({ dbRef: db.name, table });
          await expectUnchanged(table);
        });
      }

      it(`${label}: an upstream failure mid-export leaves the table unchanged`, async () => {
        const table = tableName(`upstream_${label}`);
        await prepare(table);
        const err = await exportRows(dbs, table, mode, true, input, () => {
          throw new Error("upstream node failed");
        }).catch((e: unknown) => e);
        expect((err as Error).message).toMatch(/upstream node failed/);
        await expectUnchanged(table);
      });

      it(`${label}: cancellation mid-export leaves the table unchanged`, async () => {
        const table = tableName(`cancel_${label}`);
        await prepare(table);
        const controller = new AbortController();
        const err = await exportRows(dbs, table, mode, true, input, () => controller.abort(), { signal: controller.signal }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(CancelledError);
        await expectUnchanged(table);
      });

      if (db.definition.type !== "SQLite") {
        it(`${label}: a connection killed from another session mid-export leaves the table unchanged`, async () => {
          const table = tableName(`kill_${label}`);
          await prepare(table);
          // A pool of two whose connection ids we know; both are killed after the first batch.
          const victim = openDatabases({ [db.name]: db.definition }, { maxConnections: 2 });
          try {
            const idSql = db.definition.type === "PostgreSQL" ? "SELECT pg_backend_pid()" : "SELECT CONNECTION_ID()";
            const conn = victim.connection(db.name);
            const [a, b] = [await conn.acquire(), await conn.acquire()];
            const ids = [(await a.execute(idSql)).rows[0]![0], (await b.execute(idSql)).rows[0]![0]].map((x) => Number(x));
            await a.release();
            await b.release();
            const kill = async () => {
              for (const id of ids) {
                await sql(dbs, db, db.definition.type === "PostgreSQL" ? `SELECT pg_terminate_backend(${id})` : `KILL ${id}`).catch(() => undefined);
              }
              await new Promise((r) => setTimeout(r, 100));
            };
            const err = await exportRows(victim, table, mode, true, input, async (i) => {
              if (i === 1) await kill();
            }).catch((e: unknown) => e);
            expect(err).toBeInstanceOf(DatabaseError);
          } finally {
            await victim.close();
          }
          await expectUnchanged(table);
        });
      }
    }
  });
}
