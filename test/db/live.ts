/**
 * Live databases for tests: SQLite (a temporary file, always there), PostgreSQL and MariaDB
 * from `MB_TEST_PG_URL` / `MB_TEST_MYSQL_URL` (defaults: the CI servers on 127.0.0.1).
 * An unreachable server skips its tests, saying so; with `MB_TEST_REQUIRE_DB=1` (CI) it is a
 * failing test instead.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, it } from "vitest";
import { openDatabases, type DatabaseConnections } from "../../src/db/connections.js";
import type { DbDefinition } from "../../src/db/definition.js";
import { parseDatabaseUrl } from "../../src/db/url.js";

export interface LiveDb {
  readonly name: string;
  readonly definition: DbDefinition;
  /** Set when the server could not be reached. */
  readonly unavailable?: string;
}

const PG_URL = process.env.MB_TEST_PG_URL ?? "postgres://mbtest:mbtest@127.0.0.1:5432/mbtest";
const MYSQL_URL = process.env.MB_TEST_MYSQL_URL ?? "mysql://mbtest:mbtest@127.0.0.1:3306/mbtest";
export const REQUIRE_DB = process.env.MB_TEST_REQUIRE_DB === "1";

export function sqliteDefinition(file = "test.db"): DbDefinition {
  return { type: "SQLite", db: join(mkdtempSync(join(tmpdir(), "mb-sqlite-")), file) };
}

async function probe(name: string, definition: DbDefinition): Promise<LiveDb> {
  const dbs = openDatabases({ [name]: withTimeout(definition) });
  try {
    await dbs.connection(name).withSession((s) => s.execute("SELECT 1"));
    return { name, definition };
  } catch (err) {
    return { name, definition, unavailable: (err as Error).message };
  } finally {
    await dbs.close();
  }
}

function withTimeout(d: DbDefinition): DbDefinition {
  if (d.type === "SQLite") return d;
  const key = d.type === "PostgreSQL" ? "connect_timeout=5" : "connectTimeout=5";
  return { ...d, options: d.options ? `${d.options};${key}` : key };
}

/** The three live databases, probed once per test file. */
export async function liveDatabases(): Promise<LiveDb[]> {
  return Promise.all([
    Promise.resolve<LiveDb>({ name: "sqlite", definition: sqliteDefinition() }),
    probe("postgres", parseDatabaseUrl(PG_URL)),
    probe("mariadb", parseDatabaseUrl(MYSQL_URL)),
  ]);
}

/**
 * `describe` for one live database: skipped (with the reason printed) when unreachable, or
 * a failing test when MB_TEST_REQUIRE_DB=1.
 */
export function describeLive(db: LiveDb, title: string, body: () => void): void {
  if (db.unavailable === undefined) {
    describe(`${title} [${db.name}]`, () => {
      body();
      afterAll(() => dropTestTables(db));
    });
    return;
  }
  if (REQUIRE_DB) {
    describe(`${title} [${db.name}]`, () => {
      it(`reaches ${db.name} (MB_TEST_REQUIRE_DB=1)`, () => {
        throw new Error(`${db.name} is unreachable: ${db.unavailable}`);
      });
    });
    return;
  }
  console.warn(`skipping live ${db.name} tests (${title}): ${db.unavailable}; set MB_TEST_REQUIRE_DB=1 to make this a failure`);
  describe.skip(`${title} [${db.name}] (unreachable: ${db.unavailable})`, body);
}

/** A table name unique to this test process. */
export function tableName(base: string): string {
  return `mbt_${process.pid}_${base}`;
}

export function open(db: LiveDb): DatabaseConnections {
  return openDatabases({ [db.name]: db.definition });
}

/** Runs SQL on a fresh connection of `dbs`. */
export async function sql(dbs: DatabaseConnections, db: LiveDb, text: string, params: Array<string | number | null> = []): Promise<unknown[][]> {
  return dbs.connection(db.name).withSession(async (s) => (await s.execute(text, params)).rows as unknown[][]);
}

/** `"name"` quoted the way the database wants. */
export function q(dbs: DatabaseConnections, db: LiveDb, name: string): string {
  return dbs.connection(db.name).dialect.quote(name);
}

/** Rows of a table ordered by its first column, as the driver returns them (text). */
export async function tableRows(dbs: DatabaseConnections, db: LiveDb, table: string, orderBy?: string): Promise<unknown[][]> {
  const d = dbs.connection(db.name).dialect;
  return sql(dbs, db, `SELECT * FROM ${d.quote(table)}${orderBy ? ` ORDER BY ${d.quote(orderBy)}` : ""}`);
}

export async function dropTable(dbs: DatabaseConnections, db: LiveDb, table: string): Promise<void> {
  await sql(dbs, db, `DROP TABLE IF EXISTS ${q(dbs, db, table)}`);
}

/** Drops the tables this test process made (`mbt_<pid>_...`), so servers do not fill up. */
export async function dropTestTables(db: LiveDb): Promise<void> {
  if (db.definition.type === "SQLite") return;
  const dbs = open(db);
  try {
    const list =
      db.definition.type === "PostgreSQL"
        ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        : "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()";
    const prefix = `mbt_${process.pid}_`;
    const names = (await sql(dbs, db, list)).map((r) => String(r[0])).filter((n) => n.startsWith(prefix));
    for (const n of names) await sql(dbs, db, `DROP TABLE IF EXISTS ${q(dbs, db, n)}`).catch(() => undefined);
  } finally {
    await dbs.close();
  }
}
