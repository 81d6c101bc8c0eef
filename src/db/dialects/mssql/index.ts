/**
 * SQL Server through tedious. DDL is transactional (with XACT_ABORT on, any error dooms the
 * transaction, which the export then rolls back). The bulk path is tedious' bulk load
 * (`INSERT BULK`, one per batch, inside the transaction); the plain path is multi-row
 * INSERTs within SQL Server's limits (1000 rows, 2100 parameters). A query's columns come
 * from `sp_describe_first_result_set`, without running it.
 *
 * Options: `EnableQuotedIdentifiers` (0 or 1; identifiers are always bracket-quoted, so it
 * changes nothing), `Encrypt` (flag), `TrustServerCertificate` (flag), `Security=SSL`
 * (= Encrypt=yes, TrustServerCertificate=yes), `instanceName`, `connectTimeout` (seconds),
 * `requestTimeout` (seconds; default none).
 */
import { createRequire } from "node:module";
import type { Connection, Request as TediousRequest, TYPES as TediousTypes } from "tedious";
import type { Knex } from "knex";
import type { Column } from "../../../data/batch.js";
import type { Value } from "../../../data/values.js";
import { CancelledError } from "../../../errors.js";
import { dateText, timeText, timestampText } from "../../db-values.js";
import { applyOptions, FLAG_VALUES, optionFlag, optionNumber, requireField, type DbDefinition, type OptionSpec } from "../../definition.js";
import type { ColumnInfo, Dialect, DriverSession, QueryResult, ReadOptions, RowWriter, SqlParam, WriteColumn } from "../../dialect.js";
import { insertWriter } from "../../insert-writer.js";
import { commonSql } from "../../sql-common.js";
import type { TableRef } from "../../table-ref.js";
import { dateOfSeconds, mssqlColumn, mssqlColumnType, mssqlDecoder } from "./types.js";

const load = createRequire(import.meta.url);
const tedious = () => load("tedious") as { Request: typeof TediousRequest; TYPES: typeof TediousTypes };

interface MssqlConfig {
  connection: Record<string, unknown> & { options: Record<string, unknown> };
}

const OPTIONS: OptionSpec<MssqlConfig>[] = [
  { names: ["EnableQuotedIdentifiers"], values: ["0", "1"], description: "accepted for compatibility; identifiers are always bracket-quoted", apply: () => undefined },
  { names: ["Encrypt"], values: FLAG_VALUES, description: "encrypt the connection", apply: (c, v) => (c.connection.options.encrypt = optionFlag(v)) },
  { names: ["TrustServerCertificate"], values: FLAG_VALUES, description: "accept the server's certificate without checking it", apply: (c, v) => (c.connection.options.trustServerCertificate = optionFlag(v)) },
  {
    names: ["Security"], values: ["SSL", "None"], description: "SSL = Encrypt=yes;TrustServerCertificate=yes",
    apply: (c, v) => {
      c.connection.options.encrypt = v.toLowerCase() === "ssl";
      c.connection.options.trustServerCertificate = v.toLowerCase() === "ssl";
    },
  },
  { names: ["instanceName"], description: "named instance (found through the SQL Browser)", apply: (c, v) => (c.connection.options.instanceName = v) },
  { names: ["connectTimeout"], description: "seconds to wait for the connection", apply: (c, v, ref) => (c.connection.options.connectTimeout = optionNumber(v, ref, "connectTimeout") * 1000) },
  { names: ["requestTimeout"], description: "seconds a statement may run (default: no limit)", apply: (c, v, ref) => (c.connection.options.requestTimeout = optionNumber(v, ref, "requestTimeout") * 1000) },
];

export const quoteMssql = (name: string) => `[${name.replace(/]/g, "]]")}]`;
const sql = commonSql(quoteMssql);
/** N'...' literal (sp_rename takes names as strings). */
const nstring = (s: string) => `N'${s.replace(/'/g, "''")}'`;

function paramType(p: SqlParam, TYPES: typeof TediousTypes) {
  if (typeof p === "bigint") return TYPES.BigInt;
  if (typeof p === "number") return Number.isSafeInteger(p) ? TYPES.BigInt : TYPES.Float;
  return TYPES.NVarChar;
}

function run(conn: Connection, text: string, params: readonly SqlParam[]): Promise<QueryResult> {
  const { Request, TYPES } = tedious();
  return new Promise((resolve, reject) => {
    const rows: unknown[][] = [];
    const req = new Request(text, (err, rowCount) => (err ? reject(err) : resolve({ rows, rowCount })));
    params.forEach((p, i) => req.addParameter(`p${i + 1}`, paramType(p, TYPES), p));
    req.on("row", (columns: Array<{ value: unknown }>) => rows.push(columns.map((c) => c.value)));
    conn.execSql(req);
  });
}

function mssqlSession(raw: unknown): DriverSession {
  return { raw, execute: (text, params = []) => run(raw as Connection, text, params) };
}

/** Text SQL Server reads the same whatever its DATEFORMAT: `YYYYMMDD`, ISO with `T`. */
function encoder(c: WriteColumn): (v: Value) => SqlParam {
  switch (c.storage) {
    case "date": return (v) => (typeof v === "number" ? dateText(v).replace(/-/g, "") : v === null ? null : String(v));
    case "time": return (v) => (typeof v === "number" ? timeText(v) : v === null ? null : String(v));
    case "timestamp": return (v) => (typeof v === "number" ? timestampText(v).replace(" ", "T") : v === null ? null : String(v));
    case "integer": case "real": return (v) => (v === null || typeof v === "number" || typeof v === "bigint" ? v : String(v));
    default: return (v) => (v === null ? null : typeof v === "string" ? v : String(v));
  }
}

/** Bulk-load column type and value conversion per storage. */
function bulkColumn(c: WriteColumn, TYPES: typeof TediousTypes): { type: unknown; options: Record<string, unknown>; value: (v: Value) => unknown } {
  switch (c.storage) {
    case "integer": return { type: TYPES.BigInt, options: {}, value: (v) => v };
    case "real": return { type: TYPES.Float, options: {}, value: (v) => v };
    case "date": return { type: TYPES.Date, options: {}, value: (v) => (typeof v === "number" ? new Date(v * 86_400_000) : null) };
    case "time": return { type: TYPES.Time, options: { scale: 6 }, value: (v) => (typeof v === "number" ? dateOfSeconds(v) : null) };
    case "timestamp": return { type: TYPES.DateTime2, options: { scale: 6 }, value: (v) => (typeof v === "number" ? dateOfSeconds(v) : null) };
    default: {
      // tedious declares nvarchar(max) for lengths beyond 4000.
      const length = c.target?.length !== undefined && c.target.length <= 4000 ? c.target.length : 8000;
      return { type: TYPES.NVarChar, options: { length }, value: (v) => (v === null ? null : String(v)) };
    }
  }
}

/** tedious bulk load, one `INSERT BULK` per batch, in the session's transaction. */
function bulkWriter(conn: Connection, ref: TableRef, columns: readonly WriteColumn[], signal?: AbortSignal): RowWriter {
  const { TYPES } = tedious();
  const specs = columns.map((c) => bulkColumn(c, TYPES));
  let written = 0;
  return {
    async write(cols: readonly Column[], length: number) {
      if (signal?.aborted) throw new CancelledError();
      const rows: unknown[][] = new Array(length);
      for (let r = 0; r < length; r++) rows[r] = specs.map((s, c) => s.value(cols[c]![r]!));
      await new Promise<void>((resolve, reject) => {
        const bulk = conn.newBulkLoad(sql.qualify(ref), { keepNulls: true }, (err) => (err ? reject(err) : resolve()));
        specs.forEach((s, c) => bulk.addColumn(columns[c]!.name, s.type as never, { nullable: true, ...s.options }));
        conn.execBulkLoad(bulk, rows);
      });
      written += length;
    },
    async finish() {
      return written;
    },
  };
}

async function* streamRows(conn: Connection, text: string, params: readonly SqlParam[], columns: readonly ColumnInfo[], options: ReadOptions): AsyncGenerator<Column[]> {
  const { Request, TYPES } = tedious();
  const decode = columns.map(mssqlDecoder);
  const size = options.batchSize;
  const queue: unknown[][] = [];
  let done = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const req = new Request(text, (err) => {
    failure = err;
    done = true;
    wake?.();
  });
  params.forEach((p, i) => req.addParameter(`p${i + 1}`, paramType(p, TYPES), p));
  let paused = false;
  req.on("row", (cols: Array<{ value: unknown }>) => {
    queue.push(cols.map((c) => c.value));
    if (queue.length >= size * 2 && !paused) {
      paused = true;
      req.pause();
    }
    wake?.();
  });
  conn.execSql(req);
  try {
    while (true) {
      if (options.signal?.aborted) throw new CancelledError();
      if (queue.length >= size || (done && queue.length > 0)) {
        const take = queue.splice(0, size);
        if (paused && queue.length < size) {
          paused = false;
          req.resume();
        }
        yield decode.map((d, c) => take.map((row) => d(row[c])));
        continue;
      }
      if (done) {
        if (failure) throw failure;
        return;
      }
      await new Promise<void>((r) => (wake = r));
      wake = undefined;
    }
  } finally {
    if (!done) conn.cancel();
  }
}

export const mssqlDialect: Dialect = {
  family: "mssql",
  dbTypes: ["SQLServer"],
  capabilities: {
    transactionalDdl: true,
    maxParameters: 2_098,
    maxRowsPerInsert: 1000,
    maxIdentifierLength: 128,
    declaresStringLength: true,
  },
  optionDocs: OPTIONS.map((o) => [o.names.join(" / "), o.description] as const),

  knexConfig(def: DbDefinition, dbRef: string): Knex.Config {
    const config: MssqlConfig = {
      connection: {
        server: requireField(def, dbRef, "host"),
        port: def.port ?? 1433,
        database: requireField(def, dbRef, "db"),
        ...(def.username !== undefined && { user: def.username }),
        ...(def.password !== undefined && { password: def.password }),
        requestTimeout: 0,
        options: { appName: "modeler-batch", encrypt: false, trustServerCertificate: false, useUTC: true },
      },
    };
    applyOptions(def, dbRef, OPTIONS, config);
    return { client: "mssql", connection: config.connection as Knex.StaticConnectionConfig };
  },
  session: mssqlSession,
  async prepare(session) {
    await session.execute("SET XACT_ABORT ON; SET QUOTED_IDENTIFIER ON; SET DATEFORMAT ymd");
  },
  destroy(raw) {
    (raw as Connection).close();
  },

  quote: quoteMssql,
  qualify: sql.qualify,
  placeholder: (i) => `@p${i}`,
  begin: ["BEGIN TRANSACTION"],
  commit: "COMMIT TRANSACTION",
  rollback: "IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION",
  columnType: mssqlColumnType,
  createTable: sql.createTable,
  dropTable: sql.dropTable,
  deleteRows: sql.deleteRows,
  alterColumnType: (ref, column, type) => `ALTER TABLE ${sql.qualify(ref)} ALTER COLUMN ${quoteMssql(column)} ${type}`,
  renameTable: (ref, newName) => [`EXEC sp_rename ${nstring(sql.qualify(ref))}, ${nstring(newName)}`],
  swapTables: (target, staging, old) => [`EXEC sp_rename ${nstring(sql.qualify(target))}, ${nstring(old.name)}`, `EXEC sp_rename ${nstring(sql.qualify(staging))}, ${nstring(target.name)}`],
  copyStructure: (from, to) => [`SELECT * INTO ${sql.qualify(to)} FROM ${sql.qualify(from)} WHERE 1 = 0`],
  // A plain table: DDL is transactional, so it disappears with a rollback.
  createMergeStaging: (ref, columns) => sql.createTable(ref, columns),
  dropMergeStaging: (ref) => [sql.dropTable(ref)],
  mergeFromStaging(target, staging, keys, columns, insertUnmatched) {
    const t = sql.qualify(target);
    const s = sql.qualify(staging);
    const on = keys.map((k) => `mb_t.${quoteMssql(k)} = mb_s.${quoteMssql(k)}`).join(" AND ");
    const updated = columns.filter((c) => !keys.includes(c));
    const out: string[] = [];
    if (updated.length > 0) out.push(`UPDATE mb_t SET ${updated.map((c) => `mb_t.${quoteMssql(c)} = mb_s.${quoteMssql(c)}`).join(", ")} FROM ${t} AS mb_t INNER JOIN ${s} AS mb_s ON ${on}`);
    if (insertUnmatched) {
      out.push(`INSERT INTO ${t} (${columns.map(quoteMssql).join(", ")}) SELECT ${columns.map((c) => `mb_s.${quoteMssql(c)}`).join(", ")} FROM ${s} AS mb_s WHERE NOT EXISTS (SELECT 1 FROM ${t} AS mb_t WHERE ${on})`);
    }
    return out;
  },
  selectTable: sql.selectTable,
  zeroRowQuery: (query) => `EXEC sp_describe_first_result_set @tsql = ${nstring(query)}`,

  async describeTable(session, ref) {
    const find = (exact: boolean) =>
      session.execute(
        `SELECT TABLE_SCHEMA, TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = COALESCE(@p1, SCHEMA_NAME()) AND ${exact ? "TABLE_NAME = @p2 COLLATE Latin1_General_BIN2" : "LOWER(TABLE_NAME) = LOWER(@p2)"}`,
        [ref.schema ?? null, ref.name],
      );
    let found = (await find(true)).rows as string[][];
    if (found.length === 0) found = (await find(false)).rows as string[][];
    if (found.length !== 1) return undefined;
    const [schema, name] = found[0]!;
    const cols = await session.execute(
      "SELECT COLUMN_NAME, DATA_TYPE, NUMERIC_SCALE, CHARACTER_MAXIMUM_LENGTH FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = @p1 AND TABLE_NAME = @p2 ORDER BY ORDINAL_POSITION",
      [schema!, name!],
    );
    return {
      ref: { ...(ref.schema !== undefined && { schema: schema! }), name: name! },
      columns: (cols.rows as unknown[][]).map(([n, t, scale, len]) => mssqlColumn(String(n), String(t), scale as number | null, len === -1 ? undefined : (len as number | null))),
      transactional: true,
    };
  },
  async describeQuery(session, query, params) {
    const decls = params.map((p, i) => `@p${i + 1} ${typeof p === "number" && !Number.isSafeInteger(p) ? "float" : typeof p === "number" || typeof p === "bigint" ? "bigint" : "nvarchar(max)"}`).join(", ");
    const res = await session.execute("EXEC sp_describe_first_result_set @tsql = @p1, @params = @p2", [query, decls === "" ? null : decls]);
    // Columns: is_hidden, column_ordinal, name, is_nullable, system_type_id, system_type_name, ...
    return (res.rows as unknown[][]).filter((r) => !r[0]).map((r) => mssqlColumn(String(r[2]), String(r[5])));
  },

  readRows: (session, query, params, columns, options) => streamRows(session.raw as Connection, query, params, columns, options),
  async openWriter(session, ref, columns, options) {
    // tedious writes bulk-load column names inside [ ] without escaping: names holding ] take the plain path.
    if (options.bulk && !columns.some((c) => c.name.includes("]"))) return bulkWriter(session.raw as Connection, ref, columns, options.signal);
    const names = columns.map((c) => c.name);
    return insertWriter({
      session,
      width: columns.length,
      sql: (rows) => sql.insertValues(ref, names, rows, (i) => `@p${i}`),
      encoders: columns.map(encoder),
      rowsPerStatement: options.rowsPerStatement,
      maxParameters: 2_098,
      maxRowsPerInsert: 1000,
      ...(options.signal && { signal: options.signal }),
    });
  },
};
