/**
 * PostgreSQL and Greenplum through `pg`: transactional DDL (an export is one transaction),
 * `COPY FROM STDIN` as the bulk path (binary format when every column's type allows, else
 * text; binary.ts, copy.ts), INSERT ... SELECT FROM unnest(column arrays) as the
 * plain one (unnest.ts), `COPY TO STDOUT` for reading tables and queries
 * without parameters, a cursor (pg-query-stream) for queries with bound parameters (COPY
 * cannot take parameters).
 *
 * Options (`key=value;...`): `sslmode` (disable, allow, prefer, require, verify-ca,
 * verify-full; `allow`/`prefer` connect without SSL: the driver cannot fall back),
 * `Security=SSL` (= sslmode=require), `connect_timeout` (seconds), `application_name`,
 * `search_path` (also `currentSchema`, `schema`), `statement_timeout` (milliseconds).
 */
import type { Client } from "pg";
import QueryStream from "pg-query-stream";
import type { Knex } from "knex";
import type { Column } from "../../../data/batch.js";
import { columnBatches } from "../../row-batches.js";
import { textDecoder, type TextDecoder } from "../../db-values.js";
import { applyOptions, FLAG_VALUES, optionFlag, optionNumber, requireField, type DbDefinition, type OptionSpec } from "../../definition.js";
import type { ColumnInfo, Dialect, DriverSession, ReadOptions, SqlParam } from "../../dialect.js";
import { commonSql, quoteAnsi } from "../../sql-common.js";
import { describePgQuery, describePgTable, pgParams, RAW_TEXT_TYPES } from "./catalog.js";
import { copyEncoder, copyReader, copyWriter } from "./copy.js";
import { unnestWriter } from "./unnest.js";
import { binaryCopyReader, binaryCopyWriter, binaryReadable, binaryWriteKind } from "./binary.js";
import { postgresColumnType } from "./types.js";

interface PgConfig {
  connection: Record<string, unknown>;
  searchPath?: string[];
}

const SSL_MODES = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"];

function applySslMode(c: PgConfig, mode: string): void {
  switch (mode.toLowerCase()) {
    case "require":
      c.connection.ssl = { rejectUnauthorized: false };
      break;
    case "verify-ca":
      c.connection.ssl = { rejectUnauthorized: true, checkServerIdentity: () => undefined };
      break;
    case "verify-full":
      c.connection.ssl = { rejectUnauthorized: true };
      break;
    default:
      c.connection.ssl = false;
  }
}

const OPTIONS: OptionSpec<PgConfig>[] = [
  { names: ["sslmode"], values: SSL_MODES, description: "SSL use, as libpq's sslmode (allow/prefer connect without SSL)", apply: applySslMode },
  { names: ["Security"], values: ["SSL", "None"], description: "SSL makes the connection use SSL without verifying the certificate", apply: (c, v) => applySslMode(c, v.toLowerCase() === "ssl" ? "require" : "disable") },
  { names: ["ssl"], values: FLAG_VALUES, description: "true = sslmode=require", apply: (c, v) => applySslMode(c, optionFlag(v) ? "require" : "disable") },
  { names: ["connect_timeout", "connectTimeout"], description: "seconds to wait for the connection", apply: (c, v, ref) => (c.connection.connectionTimeoutMillis = optionNumber(v, ref, "connect_timeout") * 1000) },
  { names: ["application_name", "ApplicationName"], description: "name shown in pg_stat_activity", apply: (c, v) => (c.connection.application_name = v) },
  { names: ["search_path", "currentSchema", "schema"], description: "schemas searched for unqualified table names, comma-separated", apply: (c, v) => (c.searchPath = v.split(",").map((s) => s.trim()).filter((s) => s !== "")) },
  { names: ["statement_timeout"], description: "milliseconds a statement may run", apply: (c, v, ref) => (c.connection.statement_timeout = optionNumber(v, ref, "statement_timeout")) },
];

function pgSession(raw: unknown): DriverSession {
  const client = raw as Client;
  return {
    raw,
    async execute(sql: string, params: readonly SqlParam[] = []) {
      const res = await client.query({ text: sql, values: pgParams(params), rowMode: "array", types: RAW_TEXT_TYPES });
      return { rows: res.rows as unknown[][], rowCount: res.rowCount ?? undefined };
    },
  };
}

function decoders(columns: readonly ColumnInfo[]): TextDecoder[] {
  return columns.map((c) => textDecoder(c.storage, c.flag));
}

/** COPY out, in binary when every column type allows it, else in text. */
function copyOut(client: Client, select: string, columns: readonly ColumnInfo[], options: ReadOptions): AsyncIterable<Column[]> {
  if (binaryReadable(columns)) return binaryCopyReader(client, select, columns, options.batchSize, options.signal);
  return copyReader(client, select, decoders(columns), options.batchSize, options.signal);
}

async function* cursorReader(client: Client, sql: string, params: readonly SqlParam[], decode: readonly TextDecoder[], options: ReadOptions): AsyncGenerator<Column[]> {
  const stream = client.query(new QueryStream(sql, pgParams(params), { rowMode: "array", batchSize: 2000, types: RAW_TEXT_TYPES }));
  // pg gives SQL NULL as null; the text decoders take only text.
  const decodeOrNull = decode.map((d) => (v: unknown) => (v === null || v === undefined ? null : d(v as string)));
  const close = () => {
    if (!stream.destroyed) stream.destroy();
  };
  yield* columnBatches(stream as AsyncIterable<unknown[]>, decodeOrNull, options.batchSize, close, options.signal);
}

const sql = commonSql(quoteAnsi);

export const postgresDialect: Dialect = {
  family: "postgres",
  dbTypes: ["PostgreSQL", "Greenplum"],
  capabilities: {
    transactionalDdl: true,
    maxParameters: 65_535,
    maxRowsPerInsert: Number.POSITIVE_INFINITY,
    maxIdentifierLength: 63,
    declaresStringLength: true,
  },
  optionDocs: OPTIONS.map((o) => [o.names.join(" / "), o.description] as const),

  knexConfig(def: DbDefinition, dbRef: string): Knex.Config {
    const config: PgConfig = {
      connection: {
        host: requireField(def, dbRef, "host"),
        port: def.port ?? 5432,
        database: requireField(def, dbRef, "db"),
        ...(def.username !== undefined && { user: def.username }),
        ...(def.password !== undefined && { password: def.password }),
        application_name: "modeler-batch",
        connectionTimeoutMillis: 15_000,
      },
    };
    applyOptions(def, dbRef, OPTIONS, config);
    return { client: "pg", connection: config.connection, ...(config.searchPath && { searchPath: config.searchPath }) };
  },
  session: pgSession,
  async prepare(session) {
    // UTC and ISO: timestamptz values read as UTC wall clock, dates as YYYY-MM-DD.
    await session.execute("SET TimeZone = 'UTC'");
    await session.execute("SET DateStyle = 'ISO, YMD'");
    await session.execute("SET IntervalStyle = 'iso_8601'");
    await session.execute("SET extra_float_digits = 3");
  },
  destroy(raw) {
    const client = raw as Client & { connection?: { stream?: { destroy(): void } } };
    client.connection?.stream?.destroy();
  },

  quote: quoteAnsi,
  qualify: sql.qualify,
  placeholder: (i) => `$${i}`,
  begin: ["BEGIN"],
  commit: "COMMIT",
  rollback: "ROLLBACK",
  columnType: postgresColumnType,
  createTable: sql.createTable,
  dropTable: sql.dropTable,
  deleteRows: sql.deleteRows,
  alterColumnType: (ref, column, type) => `ALTER TABLE ${sql.qualify(ref)} ALTER COLUMN ${quoteAnsi(column)} TYPE ${type}`,
  renameTable: (ref, newName) => [`ALTER TABLE ${sql.qualify(ref)} RENAME TO ${quoteAnsi(newName)}`],
  swapTables: (target, staging, old) => [
    `ALTER TABLE ${sql.qualify(target)} RENAME TO ${quoteAnsi(old.name)}`,
    `ALTER TABLE ${sql.qualify(staging)} RENAME TO ${quoteAnsi(target.name)}`,
  ],
  copyStructure: (from, to) => [`CREATE TABLE ${sql.qualify(to)} (LIKE ${sql.qualify(from)} INCLUDING ALL)`],
  createMergeStaging: (ref, columns) => `CREATE TEMPORARY TABLE ${quoteAnsi(ref.name)} (${columns.map((c) => `${quoteAnsi(c.name)} ${c.type}`).join(", ")}) ON COMMIT DROP`,
  dropMergeStaging: () => [],
  mergeFromStaging: (target, staging, keys, columns, insertUnmatched) => sql.mergeFromStaging(target, { name: staging.name }, keys, columns, insertUnmatched),
  selectTable: sql.selectTable,
  zeroRowQuery: sql.zeroRowQuery,

  describeTable: (session, ref) => describePgTable(session.raw as Client, ref),
  describeQuery: (session, query, params) => describePgQuery(session.raw as Client, sql.zeroRowQuery(query), params),

  readRows(session, query, params, columns, options) {
    const client = session.raw as Client;
    if (params.length > 0) return cursorReader(client, query, params, decoders(columns), options);
    return copyOut(client, query, columns, options);
  },
  readTable(session, ref, columns, options) {
    return copyOut(session.raw as Client, sql.selectTable(ref), columns, options);
  },
  async openWriter(session, ref, columns, options) {
    if (options.bulk) {
      const copySql = `COPY ${sql.qualify(ref)} (${columns.map((c) => quoteAnsi(c.name)).join(", ")}) FROM STDIN`;
      const kinds = columns.map(binaryWriteKind);
      if (kinds.every((k) => k !== undefined)) return binaryCopyWriter(session.raw as Client, copySql, kinds as NonNullable<(typeof kinds)[number]>[], options.signal);
      return copyWriter(session.raw as Client, copySql, columns.map((c) => copyEncoder(c.storage)), options.signal);
    }
    return unnestWriter(session.raw as Client, sql.qualify(ref), columns, options.rowsPerStatement, options.signal);
  },
};
