/**
 * MySQL and MariaDB through mysql2. DDL commits by itself here, so Create and Drop exports
 * load a staging table and swap it in with one atomic `RENAME TABLE`; Append, Refresh and
 * Merge into a transactional (InnoDB) table are one transaction, into a non-transactional
 * one (MyISAM, Aria) they work on a staging copy. The plain path is multi-row INSERTs of
 * `batch_size` rows; sessions run
 * in UTC with strict SQL mode, so a value a column cannot hold is an error, not a silent
 * truncation. The bulk path is `LOAD DATA LOCAL INFILE` fed from the batches when the server
 * allows it (load-data.ts), else multi-row INSERTs as large as the limits allow.
 *
 * Options: `Security=SSL` (SSL without certificate check), `ssl` (flag), `sslmode`
 * (DISABLED, PREFERRED, REQUIRED, VERIFY_CA, VERIFY_IDENTITY), `connectTimeout` (seconds),
 * `charset` (default utf8mb4).
 */
import type { Connection, FieldPacket, QueryOptions } from "mysql2";
import type { Knex } from "knex";
import type { Column } from "../../../data/batch.js";
import type { Value } from "../../../data/values.js";
import { columnBatches } from "../../row-batches.js";
import { valueText } from "../../db-values.js";
import { applyOptions, FLAG_VALUES, optionFlag, optionNumber, requireField, type DbDefinition, type OptionSpec } from "../../definition.js";
import type { ColumnInfo, Dialect, DriverSession, QueryResult, ReadOptions, SqlParam, WriteColumn } from "../../dialect.js";
import { DatabaseError } from "../../errors.js";
import { insertWriter } from "../../insert-writer.js";
import { commonSql, stripTrailingSemicolons } from "../../sql-common.js";
import type { TableRef } from "../../table-ref.js";
import { catalogColumn, fieldColumn, mysqlColumnType, mysqlDecoder, type MysqlField } from "./types.js";
import { loadDataWriter, localInfileAllowed } from "./load-data.js";

interface MysqlConfig {
  connection: Record<string, unknown>;
}

function applySsl(c: MysqlConfig, mode: string): void {
  switch (mode.toUpperCase()) {
    case "REQUIRED":
      c.connection.ssl = { rejectUnauthorized: false };
      break;
    case "VERIFY_CA":
    case "VERIFY_IDENTITY":
      c.connection.ssl = { rejectUnauthorized: true };
      break;
    default:
      delete c.connection.ssl;
  }
}

const OPTIONS: OptionSpec<MysqlConfig>[] = [
  { names: ["Security"], values: ["SSL", "None"], description: "SSL makes the connection use SSL without verifying the certificate", apply: (c, v) => applySsl(c, v.toLowerCase() === "ssl" ? "REQUIRED" : "DISABLED") },
  { names: ["ssl"], values: FLAG_VALUES, description: "true = sslmode=REQUIRED", apply: (c, v) => applySsl(c, optionFlag(v) ? "REQUIRED" : "DISABLED") },
  { names: ["sslmode", "ssl-mode"], values: ["DISABLED", "PREFERRED", "REQUIRED", "VERIFY_CA", "VERIFY_IDENTITY"], description: "as the mysql client's --ssl-mode (PREFERRED connects without SSL)", apply: applySsl },
  { names: ["connectTimeout", "connect_timeout"], description: "seconds to wait for the connection", apply: (c, v, ref) => (c.connection.connectTimeout = optionNumber(v, ref, "connectTimeout") * 1000) },
  { names: ["charset"], description: "connection character set (default utf8mb4)", apply: (c, v) => (c.connection.charset = v) },
];

const quote = (name: string) => "`" + name.replace(/`/g, "``") + "`";
const sql = commonSql(quote);

function mysqlParams(params: readonly SqlParam[]): unknown[] {
  return params.map((p) => (typeof p === "bigint" ? p.toString() : p));
}

function run(conn: Connection, options: QueryOptions): Promise<{ rows: unknown; fields: FieldPacket[] | undefined }> {
  return new Promise((resolve, reject) => {
    conn.query(options, (err, rows, fields) => (err ? reject(err) : resolve({ rows, fields: fields as FieldPacket[] | undefined })));
  });
}

function mysqlSession(raw: unknown): DriverSession {
  const conn = raw as Connection;
  return {
    raw,
    async execute(text: string, params: readonly SqlParam[] = []): Promise<QueryResult> {
      const { rows } = await run(conn, { sql: text, values: mysqlParams(params), rowsAsArray: true });
      if (Array.isArray(rows)) return { rows: rows as unknown[][] };
      return { rows: [], rowCount: (rows as { affectedRows?: number }).affectedRows };
    },
  };
}

function encoder(c: WriteColumn): (v: Value) => SqlParam {
  switch (c.storage) {
    case "integer":
    case "real":
      return (v) => (v === null || typeof v === "number" ? v : typeof v === "bigint" ? v.toString() : valueText(v, "string"));
    default:
      return (v) => valueText(v, c.storage);
  }
}

async function* streamRows(conn: Connection, text: string, params: readonly SqlParam[], columns: readonly ColumnInfo[], options: ReadOptions): AsyncGenerator<Column[]> {
  const stream = conn.query({ sql: text, values: mysqlParams(params), rowsAsArray: true }).stream({ highWaterMark: 2000 });
  const close = () => {
    if (!stream.destroyed) stream.destroy();
  };
  yield* columnBatches(stream as AsyncIterable<unknown[]>, columns.map(mysqlDecoder), options.batchSize, close, options.signal);
}

const TRANSACTIONAL_ENGINES = new Set(["innodb", "xtradb", "ndb", "ndbcluster", "tokudb", "rocksdb"]);

export const mysqlDialect: Dialect = {
  family: "mysql",
  dbTypes: ["MySQL"],
  capabilities: {
    transactionalDdl: false,
    maxParameters: 65_535,
    maxRowsPerInsert: Number.POSITIVE_INFINITY,
    maxIdentifierLength: 64,
    declaresStringLength: true,
  },
  optionDocs: OPTIONS.map((o) => [o.names.join(" / "), o.description] as const),

  knexConfig(def: DbDefinition, dbRef: string): Knex.Config {
    const config: MysqlConfig = {
      connection: {
        host: requireField(def, dbRef, "host"),
        port: def.port ?? 3306,
        database: requireField(def, dbRef, "db"),
        ...(def.username !== undefined && { user: def.username }),
        ...(def.password !== undefined && { password: def.password }),
        charset: "utf8mb4",
        dateStrings: true,
        supportBigNumbers: true,
        bigNumberStrings: true,
        connectTimeout: 15_000,
      },
    };
    applyOptions(def, dbRef, OPTIONS, config);
    return { client: "mysql2", connection: config.connection };
  },
  session: mysqlSession,
  async prepare(session) {
    await session.execute("SET time_zone = '+00:00'");
    await session.execute("SET SESSION sql_mode = TRIM(BOTH ',' FROM CONCAT(@@SESSION.sql_mode, ',STRICT_ALL_TABLES'))");
  },
  destroy(raw) {
    (raw as Connection).destroy();
  },

  quote,
  qualify: sql.qualify,
  placeholder: () => "?",
  begin: ["START TRANSACTION"],
  commit: "COMMIT",
  rollback: "ROLLBACK",
  columnType: mysqlColumnType,
  createTable: (ref, columns, primaryKey) => `${sql.createTable(ref, columns, primaryKey)} ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`,
  dropTable: sql.dropTable,
  deleteRows: sql.deleteRows,
  alterColumnType: (ref, column, type) => `ALTER TABLE ${sql.qualify(ref)} MODIFY COLUMN ${quote(column)} ${type}`,
  renameTable: (ref, newName) => [`RENAME TABLE ${sql.qualify(ref)} TO ${sql.qualify({ ...ref, name: newName })}`],
  swapTables: (target, staging, old) => [`RENAME TABLE ${sql.qualify(target)} TO ${sql.qualify(old)}, ${sql.qualify(staging)} TO ${sql.qualify(target)}`],
  copyStructure: (from, to) => [`CREATE TABLE ${sql.qualify(to)} LIKE ${sql.qualify(from)}`],
  // A plain table, created before the transaction starts (DDL commits here), so that a
  // failed export can drop it from another connection.
  createMergeStaging: (ref, columns) => `${sql.createTable(ref, columns)} ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`,
  dropMergeStaging: (ref) => [sql.dropTable(ref)],
  mergeFromStaging(target, staging, keys, columns, insertUnmatched) {
    const t = sql.qualify(target);
    const s = sql.qualify(staging);
    const on = keys.map((k) => `mb_t.${quote(k)} = mb_s.${quote(k)}`).join(" AND ");
    const updated = columns.filter((c) => !keys.includes(c));
    const out: string[] = [];
    if (updated.length > 0) out.push(`UPDATE ${t} mb_t JOIN ${s} mb_s ON ${on} SET ${updated.map((c) => `mb_t.${quote(c)} = mb_s.${quote(c)}`).join(", ")}`);
    if (insertUnmatched) {
      out.push(`INSERT INTO ${t} (${columns.map(quote).join(", ")}) SELECT ${columns.map((c) => `mb_s.${quote(c)}`).join(", ")} FROM ${s} mb_s WHERE NOT EXISTS (SELECT 1 FROM ${t} mb_t WHERE ${on})`);
    }
    return out;
  },
  selectTable: sql.selectTable,
  zeroRowQuery: (query) => `SELECT * FROM (${stripTrailingSemicolons(query)}) mb_describe LIMIT 0`,

  async describeTable(session, ref) {
    const conn = session.raw as Connection;
    const find = (exact: boolean) =>
      session.execute(
        `SELECT TABLE_SCHEMA, TABLE_NAME, ENGINE FROM information_schema.TABLES WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND ${exact ? "BINARY TABLE_NAME = ?" : "LOWER(TABLE_NAME) = LOWER(?)"}`,
        [ref.schema ?? null, ref.name],
      );
    let found = (await find(true)).rows as string[][];
    if (found.length === 0) found = (await find(false)).rows as string[][];
    if (found.length === 0) return undefined;
    if (found.length > 1) {
      throw new DatabaseError(`table name "${ref.name}" matches ${found.length} tables when case is ignored: ${found.map((r) => r[1]).join(", ")}; give the exact name`, { table: ref.name });
    }
    const [schema, name, engine] = found[0]!;
    const { rows } = await run(conn, {
      sql: "SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, CHARACTER_MAXIMUM_LENGTH, NUMERIC_SCALE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION",
      values: [schema, name],
      rowsAsArray: true,
    });
    const columns = (rows as unknown[][]).map(([n, dt, ct, len, scale]) =>
      catalogColumn(String(n), String(dt), String(ct), len === null ? null : Number(len), scale === null ? null : Number(scale)),
    );
    const resolved: TableRef = { ...(ref.schema !== undefined && { schema: schema! }), name: name! };
    return { ref: resolved, columns, transactional: engine === null || engine === undefined || TRANSACTIONAL_ENGINES.has(String(engine).toLowerCase()) };
  },
  async describeQuery(session, query, params) {
    const { fields } = await run(session.raw as Connection, { sql: mysqlDialect.zeroRowQuery(query), values: mysqlParams(params), rowsAsArray: true });
    return (fields ?? []).map((f) =>
      fieldColumn({ name: f.name, columnType: f.columnType ?? 253, columnLength: f.columnLength ?? 0, decimals: f.decimals, characterSet: f.characterSet ?? 0 } satisfies MysqlField),
    );
  },

  readRows: (session, query, params, columns, options) => streamRows(session.raw as Connection, query, params, columns, options),
  async openWriter(session, ref, columns, options) {
    if (options.bulk && (await localInfileAllowed(session))) return loadDataWriter(session, sql.qualify(ref), columns, quote, options.signal);
    const names = columns.map((c) => c.name);
    return insertWriter({
      session,
      width: columns.length,
      sql: (rows) => sql.insertValues(ref, names, rows, () => "?"),
      encoders: columns.map(encoder),
      rowsPerStatement: options.bulk ? Number.POSITIVE_INFINITY : options.rowsPerStatement,
      maxParameters: 65_535,
      maxRowsPerInsert: Number.POSITIVE_INFINITY,
      maxStatementBytes: 4 * 1024 * 1024,
      ...(options.signal && { signal: options.signal }),
    });
  },
};
