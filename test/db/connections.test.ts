/**
 * Connectors and connections: types without a driver fail with a message saying how to add
 * one, and registering one works; unknown dbRefs list the defined ones; passwords never
 * reach a message; every pool is closed when the job ends, also after a failure or a
 * cancellation.
 */
import { afterAll, describe, expect, it } from "vitest";
import { batchFromRows } from "../../src/data/batch.js";
import { openDatabases, withDatabases } from "../../src/db/connections.js";
import { createConnectorRegistry } from "../../src/db/connectors.js";
import type { Dialect } from "../../src/db/dialect.js";
import { sqliteDialect } from "../../src/db/dialects/sqlite/index.js";
import { DatabaseError } from "../../src/db/errors.js";
import { readSource } from "../../src/db/read.js";
import { exportTable } from "../../src/db/write/export.js";
import { CancelledError } from "../../src/errors.js";
import { batchesOf, readTable, schemaOf } from "./fixtures.js";
import { describeLive, liveDatabases, sqliteDefinition } from "./live.js";

const SECRET = "Wr0ng-s3cret!";

function caught(fn: () => unknown): DatabaseError {
  try {
    fn();
  } catch (e) {
    return e as DatabaseError;
  }
  throw new Error("expected an error");
}

describe("connectors", () => {
  it("refuses a type without a connector, naming it and how to register one", () => {
    for (const type of ["Teradata", "DB2", "ApacheHive", "Salesforce"]) {
      const err = caught(() => openDatabases({ w: { type, host: "h", db: "d" } }).connection("w"));
      expect(err).toBeInstanceOf(DatabaseError);
      expect(err.message).toContain(`database "w" has type "${type}", for which modeler-batch has no connector`);
      expect(err.message).toContain("createConnectorRegistry().register(dialect)");
      expect(err.details).toMatchObject({ dbRef: "w", dbType: type });
    }
  });

  it("uses a connector an application registers for such a type", async () => {
    // A stand-in "Teradata" connector: SQLite under another type name.
    const teradata: Dialect = { ...sqliteDialect, family: "teradata-test", dbTypes: ["Teradata"] };
    const connectors = createConnectorRegistry().register(teradata);
    const schema = schemaOf([["id", "integer"]]);
    const { db } = sqliteDefinition();
    await withDatabases(
      { td: { type: "Teradata", db: db! } },
      async (dbs) => {
        expect(dbs.connection("td").dialect.family).toBe("teradata-test");
        await exportTable({ connection: dbs.connection("td"), table: "T", schema, mode: { kind: "Create", dropExisting: false }, bulk: true }, batchesOf(schema, [[7]], 1));
        expect((await readTable(dbs, { name: "td", definition: { type: "Teradata" } }, "T")).rows).toEqual([[7]]);
      },
      { connectors },
    );
  });

  it("names the defined databases when a dbRef is unknown", () => {
    const dbs = openDatabases({ warehouse: { type: "SQLite", db: ":memory:" }, scratch: { type: "SQLite", db: ":memory:" } });
    expect(() => dbs.connection("wharehouse")).toThrow(/no database is defined as "wharehouse"; defined: "warehouse", "scratch" \(give it in dbDefinitions, or with --db wharehouse=<url>\)/);
  });
});

describe("passwords never appear in errors", () => {
  it("redacts the password from a driver message, the error's details and its cause", async () => {
    // A connector whose driver quotes the connection string back (some do).
    const leaky: Dialect = {
      ...sqliteDialect,
      dbTypes: ["Leaky"],
      session: (raw) => ({
        raw,
        execute: async () => {
          throw Object.assign(new Error(`login failed: postgres://etl:${encodeURIComponent(SECRET)}@h/d (password=${SECRET})`), { code: "E42" });
        },
      }),
      prepare: async () => undefined,
      describeQuery: async (session, text) => {
        await session.execute(text);
        return [];
      },
    };
    const connectors = createConnectorRegistry().register(leaky);
    const { db } = sqliteDefinition();
    const dbs = openDatabases({ l: { type: "Leaky", db: db!, password: SECRET } }, { connectors });
    const err = await readSource({ connection: dbs.connection("l"), source: { kind: "query", sql: "SELECT 1" } }).next().catch((e: unknown) => e as DatabaseError);
    await dbs.close();
    expect(err).toBeInstanceOf(DatabaseError);
    const everything = [(err as DatabaseError).message, (err as Error).stack, JSON.stringify((err as DatabaseError).toJSON()), String(((err as Error).cause as Error).message)].join("\n");
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain(encodeURIComponent(SECRET));
    expect((err as DatabaseError).message).toContain("login failed: postgres://etl:******@h/d (password=******)");
    expect((err as DatabaseError).details).toMatchObject({ dbRef: "l", driverCode: "E42" });
  });
});

for (const db of await liveDatabases()) {
  if (db.definition.type === "SQLite") continue;
  describeLive(db, "connection errors and pools", () => {
    it("reports a refused login without the password", async () => {
      const dbs = openDatabases({ bad: { ...db.definition, password: SECRET } });
      const err = (await dbs.connection("bad").withSession((s) => s.execute("SELECT 1")).catch((e: unknown) => e)) as DatabaseError;
      await dbs.close();
      expect(err).toBeInstanceOf(DatabaseError);
      expect(err.message).toMatch(/database "bad": connecting to .* failed: .*(password authentication failed|Access denied)/);
      expect(JSON.stringify(err.toJSON()) + err.stack).not.toContain(SECRET);
    });

    it("reports an unreachable server without the password", async () => {
      const dbs = openDatabases({ gone: { ...db.definition, host: "127.0.0.1", port: 1, password: SECRET } });
      const err = (await dbs.connection("gone").withSession((s) => s.execute("SELECT 1")).catch((e: unknown) => e)) as DatabaseError;
      await dbs.close();
      expect(err.message).toMatch(/database "gone": connecting to .*127\.0\.0\.1:1.* failed: .*ECONNREFUSED/);
      expect(err.message + err.stack).not.toContain(SECRET);
    });

    if (db.definition.type === "PostgreSQL") {
      const app = `mbt_pool_${process.pid}`;
      const watcher = openDatabases({ w: db.definition });
      afterAll(() => watcher.close());
      const open = async () => Number((await watcher.connection("w").withSession((s) => s.execute(`SELECT count(*) FROM pg_stat_activity WHERE application_name = '${app}'`))).rows[0]![0]);
      const definition = { ...db.definition, options: `application_name=${app}` };

      it("closes every connection after a failed export", async () => {
        const schema = schemaOf([["x", "integer"]]);
        await expect(
          withDatabases({ p: definition }, (dbs) =>
            exportTable({ connection: dbs.connection("p"), table: "no_such_schema.t", schema, mode: { kind: "Append", deleteExisting: false }, bulk: true }, batchesOf(schema, [[1]], 1)),
          ),
        ).rejects.toThrow(/does not exist/);
        expect(await open()).toBe(0);
      });

      it("kills a cancelled read and closes the pool without waiting", async () => {
        const controller = new AbortController();
        const dbs = openDatabases({ p: definition });
        const rows = readSource({ connection: dbs.connection("p"), source: { kind: "query", sql: "SELECT g, pg_sleep(0.001) FROM generate_series(1, 200000) g" }, signal: controller.signal, batchSize: 100 });
        await rows.next();
        expect(await open()).toBe(1);
        controller.abort();
        const t0 = Date.now();
        await expect(rows.next()).rejects.toBeInstanceOf(CancelledError);
        await dbs.close();
        expect(Date.now() - t0).toBeLessThan(5000);
        // The server ends the backend when it next writes to the closed socket.
        for (let i = 0; i < 50 && (await open()) > 0; i++) await new Promise((r) => setTimeout(r, 100));
        expect(await open()).toBe(0);
      });
    }
  });
}

it("batches built for tests keep their rows", () => {
  expect(batchFromRows(schemaOf([["a", "integer"]]), [[1], [2]]).length).toBe(2);
});
