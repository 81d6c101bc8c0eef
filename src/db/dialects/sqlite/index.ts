/**
 * SQLite through better-sqlite3 (our extension; `db` is the file path, relative paths
 * resolve against the job's folder). DDL is transactional: an export is one transaction.
 * The bulk path is prepared INSERTs of 500 rows reused inside that transaction; the plain
 * path is multi-row INSERTs of at most 500 rows (`batch_size`), each prepared anew.
 *
 * Options: `readonly` (flag), `busy_timeout` (milliseconds a statement waits for a lock,
 * default 5000), `journal_mode` (DELETE, TRUNCATE, PERSIST, MEMORY, WAL, OFF; default WAL for
 * files opened for writing, so a run can read and write the same file at once),
 * `foreign_keys` (flag).
 */
import { resolve } from "node:path";
import type { Knex } from "knex";
import type { Column } from "../../../data/batch.js";
import type { Value } from "../../../data/values.js";
import { CancelledError } from "../../../errors.js";
import { valueText } from "../../db-values.js";
import { applyOptions, FLAG_VALUES, optionFlag, optionNumber, requireField, type DbDefinition, type OptionSpec } from "../../definition.js";
import type { ColumnInfo, Dialect, DriverSession, ReadOptions, RowWriter, SqlParam, WriteColumn } from "../../dialect.js";
import { insertWriter } from "../../insert-writer.js";
import { commonSql, quoteAnsi } from "../../sql-common.js";
import type { TableRef } from "../../table-ref.js";
import { sqliteColumn, sqliteColumnType, sqliteDecoder, storageOfValues } from "./types.js";

/** The parts of better-sqlite3's API used here (the package ships no types). */
interface Statement {
  readonly reader: boolean;
  run(...params: unknown[]): { changes: number };
  all(...params: unknown[]): unknown[];
  iterate(...params: unknown[]): IterableIterator<unknown[]>;
  raw(toggle?: boolean): Statement;
  safeIntegers(toggle?: boolean): Statement;
  columns(): Array<{ name: string; type: string | null }>;
}
interface Database {
  prepare(sql: string): Statement;
  close(): void;
}

interface SqliteSettings {
  readonly: boolean;
  pragmas: string[];
}

const JOURNAL_MODES = ["DELETE", "TRUNCATE", "PERSIST", "MEMORY", "WAL", "OFF"];

const OPTIONS: OptionSpec<SqliteSettings>[] = [
  { names: ["readonly", "mode"], values: [...FLAG_VALUES, "ro", "rw"], description: "open the file read-only (readonly=1 or mode=ro)", apply: (c, v) => (c.readonly = v.toLowerCase() === "ro" || optionFlag(v)) },
  { names: ["busy_timeout", "timeout"], description: "milliseconds a statement waits for another connection's lock (default 5000)", apply: (c, v, ref) => c.pragmas.push(`busy_timeout = ${Math.floor(optionNumber(v, ref, "busy_timeout"))}`) },
  { names: ["journal_mode"], values: JOURNAL_MODES, description: "the file's journal mode (WAL lets readers and a writer work at once)", apply: (c, v) => c.pragmas.push(`journal_mode = ${v.toUpperCase()}`) },
  { names: ["foreign_keys"], values: FLAG_VALUES, description: "enforce foreign keys", apply: (c, v) => c.pragmas.push(`foreign_keys = ${optionFlag(v) ? "ON" : "OFF"}`) },
];

function settings(def: DbDefinition, dbRef: string): SqliteSettings {
  const s = applyOptions(def, dbRef, OPTIONS, { readonly: false, pragmas: ["busy_timeout = 5000"] });
  // A run often reads one table of a file while writing another. With the rollback journal
  // the writer must wait for the reader's lock (and better-sqlite3 waits synchronously,
  // stalling the very reader it waits for); with WAL readers and a writer work at once.
  if (!s.readonly && def.db !== ":memory:" && !s.pragmas.some((p) => p.startsWith("journal_mode"))) s.pragmas.push("journal_mode = WAL");
  return s;
}

function toSqlite(p: SqlParam): unknown {
  return p;
}

function sqliteSession(raw: unknown): DriverSession {
  const db = raw as Database;
  return {
    raw,
    async execute(sql: string, params: readonly SqlParam[] = []) {
      const stmt = db.prepare(sql);
      if (stmt.reader) return { rows: stmt.raw(true).safeIntegers(true).all(...params.map(toSqlite)) as unknown[][] };
      const info = stmt.run(...params.map(toSqlite));
      return { rows: [], rowCount: info.changes };
    },
  };
}

/** Parameters: numbers and big integers as such, dates and times as ISO text. */
function encoder(c: WriteColumn): (v: Value) => SqlParam {
  switch (c.storage) {
    case "integer":
    case "real":
      return (v) => (v === null || typeof v === "number" || typeof v === "bigint" ? v : valueText(v, "string"));
    default:
      return (v) => valueText(v, c.storage);
  }
}

async function* readStatement(db: Database, sql: string, params: readonly SqlParam[], columns: readonly ColumnInfo[], options: ReadOptions): AsyncGenerator<Column[]> {
  const decode = columns.map(sqliteDecoder);
  const width = columns.length;
  const size = options.batchSize;
  const it = db.prepare(sql).raw(true).safeIntegers(true).iterate(...params.map(toSqlite));
  try {
    while (true) {
      if (options.signal?.aborted) throw new CancelledError();
      const out: Column[] = decode.map(() => new Array<Value>(size));
      let rows = 0;
      for (; rows < size; rows++) {
        const r = it.next();
        if (r.done) break;
        const row = r.value;
        for (let c = 0; c < width; c++) out[c]![rows] = decode[c]!(row[c]);
      }
      if (rows === 0) return;
      if (rows < size) for (const col of out) col.length = rows;
      yield out;
      if (rows < size) return;
    }
  } finally {
    it.return?.();
  }
}

/**
 * Prepared statements run inside the export's transaction: one of 500 rows (SQLite's
 * limit for a multi-row VALUES) for full chunks, one of a single row for the rest — the
 * fewest crossings into SQLite per row.
 */
function preparedWriter(db: Database, ref: TableRef, columns: readonly WriteColumn[], signal?: AbortSignal): RowWriter {
  const names = columns.map((c) => c.name);
  const width = columns.length;
  const chunk = Math.max(1, Math.min(500, Math.floor(32_766 / Math.max(1, width))));
  const many = db.prepare(sql.insertValues(ref, names, chunk, () => "?"));
  const one = db.prepare(sql.insertValues(ref, names, 1, () => "?"));
  const encoders = columns.map(encoder);
  const params: unknown[] = new Array(chunk * width);
  let buffered = 0;
  let written = 0;
  return {
    async write(cols, length) {
      if (signal?.aborted) throw new CancelledError();
      for (let r = 0; r < length; r++) {
        const base = buffered * width;
        for (let c = 0; c < width; c++) params[base + c] = encoders[c]!(cols[c]![r]!);
        if (++buffered === chunk) {
          many.run(params);
          buffered = 0;
        }
      }
      written += length;
    },
    async finish() {
      for (let r = 0; r < buffered; r++) one.run(params.slice(r * width, (r + 1) * width));
      buffered = 0;
      return written;
    },
  };
}

const sql = commonSql(quoteAnsi);
const temp = (ref: TableRef): TableRef => ({ schema: "temp", name: ref.name });

export const sqliteDialect: Dialect = {
  family: "sqlite",
  dbTypes: ["SQLite"],
  capabilities: {
    transactionalDdl: true,
    maxParameters: 32_766,
    maxRowsPerInsert: 500,
    maxIdentifierLength: 1024,
    declaresStringLength: false,
  },
  optionDocs: OPTIONS.map((o) => [o.names.join(" / "), o.description] as const),

  knexConfig(def: DbDefinition, dbRef: string, baseDir?: string): Knex.Config {
    const file = requireField(def, dbRef, "db");
    const s = settings(def, dbRef);
    const filename = file === ":memory:" ? file : resolve(baseDir ?? process.cwd(), file);
    // An in-memory database exists once per connection: keep one.
    return { client: "better-sqlite3", connection: { filename, options: { readonly: s.readonly } }, useNullAsDefault: true, ...(file === ":memory:" && { pool: { min: 1, max: 1 } }) };
  },
  session: sqliteSession,
  async prepare(session, def, dbRef) {
    for (const p of settings(def, dbRef).pragmas) (session.raw as Database).prepare(`PRAGMA ${p}`).raw(true).all();
  },
  destroy(raw) {
    try {
      (raw as Database).close();
    } catch {
      // Closing while a statement iterates throws; the pool discards the handle anyway.
    }
  },

  quote: quoteAnsi,
  qualify: sql.qualify,
  placeholder: () => "?",
  begin: ["BEGIN IMMEDIATE"],
  commit: "COMMIT",
  rollback: "ROLLBACK",
  columnType: sqliteColumnType,
  createTable: sql.createTable,
  dropTable: sql.dropTable,
  deleteRows: sql.deleteRows,
  alterColumnType() {
    throw new Error("SQLite columns are never widened (declaresStringLength is false)");
  },
  renameTable: (ref, newName) => [`ALTER TABLE ${sql.qualify(ref)} RENAME TO ${quoteAnsi(newName)}`],
  swapTables: (target, staging, old) => [`ALTER TABLE ${sql.qualify(target)} RENAME TO ${quoteAnsi(old.name)}`, `ALTER TABLE ${sql.qualify(staging)} RENAME TO ${quoteAnsi(target.name)}`],
  copyStructure: sql.copyStructure,
  createMergeStaging: (ref, columns) => `CREATE TEMP TABLE ${quoteAnsi(ref.name)} (${columns.map((c) => `${quoteAnsi(c.name)} ${c.type}`).join(", ")})`,
  dropMergeStaging: (ref) => [sql.dropTable(temp(ref))],
  mergeFromStaging: (target, staging, keys, columns, insertUnmatched) => sql.mergeFromStaging(target, temp(staging), keys, columns, insertUnmatched),
  selectTable: sql.selectTable,
  zeroRowQuery: (query) => query,

  async describeTable(session, ref) {
    const db = session.raw as Database;
    const schema = ref.schema ?? "main";
    const master = schema.toLowerCase() === "temp" ? "sqlite_temp_master" : `${quoteAnsi(schema)}.sqlite_master`;
    // SQLite compares ASCII names without regard to case, as the catalog lookup here does.
    const found = db.prepare(`SELECT name FROM ${master} WHERE type IN ('table', 'view') AND name = ? COLLATE NOCASE`).raw(true).all(ref.name) as string[][];
    if (found.length === 0) return undefined;
    const name = found.find((r) => r[0] === ref.name)?.[0] ?? found[0]![0]!;
    const info = db.prepare("SELECT name, type FROM pragma_table_info(?, ?)").raw(true).all(name, schema) as Array<[string, string]>;
    return {
      ref: { ...(ref.schema !== undefined && { schema: ref.schema }), name },
      columns: info.map(([n, t]) => sqliteColumn(n, t ?? "")),
      transactional: true,
    };
  },
  async describeQuery(session, query, params) {
    const db = session.raw as Database;
    const stmt = db.prepare(query);
    if (!stmt.reader) throw new Error("the SQL query returns no rows (it is not a SELECT)");
    const declared = stmt.columns();
    const untyped = declared.map((c, i) => (c.type ? -1 : i)).filter((i) => i >= 0);
    const sample: unknown[][] = [];
    if (untyped.length > 0) {
      // Expression columns: look at the first rows' values.
      const it = db.prepare(query).raw(true).safeIntegers(true).iterate(...params.map(toSqlite));
      try {
        for (let n = 0; n < 100; n++) {
          const r = it.next();
          if (r.done) break;
          sample.push(r.value);
        }
      } finally {
        it.return?.();
      }
    }
    return declared.map((c, i) =>
      c.type ? sqliteColumn(c.name, c.type) : { name: c.name, dbType: "(expression)", storage: storageOfValues(sample.map((row) => row[i])) },
    );
  },

  readRows: (session, query, params, columns, options) => readStatement(session.raw as Database, query, params, columns, options),
  async openWriter(session, ref, columns, options) {
    const names = columns.map((c) => c.name);
    if (options.bulk) return preparedWriter(session.raw as Database, ref, columns, options.signal);
    return insertWriter({
      session,
      width: columns.length,
      sql: (rows) => sql.insertValues(ref, names, rows, () => "?"),
      encoders: columns.map(encoder),
      rowsPerStatement: options.rowsPerStatement,
      maxParameters: 32_766,
      maxRowsPerInsert: 500,
      ...(options.signal && { signal: options.signal }),
    });
  },
};
