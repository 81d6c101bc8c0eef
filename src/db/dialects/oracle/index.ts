/**
 * Oracle through node-oracledb in thin mode (no Oracle client libraries). Every DDL
 * statement commits, so Create and Drop exports load a staging table and rename it into
 * place (two renames; if the second fails the first is undone); Append, Refresh and Merge
 * are one transaction (Merge through `MERGE INTO`). The bulk path is array binding
 * (`executeMany`), the plain path `INSERT ALL` statements. Sessions use UTC and ISO
 * NLS formats; numbers, dates and intervals are read as text so nothing is rounded.
 *
 * Options: `Security=SSL` (TCPS), `connectTimeout` (seconds).
 */
import { createRequire } from "node:module";
import type { Knex } from "knex";
import type { Column } from "../../../data/batch.js";
import type { Value } from "../../../data/values.js";
import { CancelledError } from "../../../errors.js";
import { columnBatches } from "../../row-batches.js";
import { dateText, timestampText } from "../../db-values.js";
import { applyOptions, optionNumber, requireField, type DbDefinition, type OptionSpec } from "../../definition.js";
import type { ColumnInfo, Dialect, DriverSession, ReadOptions, RowWriter, SqlParam, WriteColumn } from "../../dialect.js";
import { insertWriter } from "../../insert-writer.js";
import { commonSql, quoteAnsi, stripTrailingSemicolons } from "../../sql-common.js";
import type { TableRef } from "../../table-ref.js";
import { oracleColumn, oracleColumnType, oracleDecoder } from "./types.js";

/** The parts of node-oracledb used here (the package ships no types). */
interface OracleResult {
  rows?: unknown[][];
  rowsAffected?: number;
  metaData?: Array<{ name: string; dbTypeName?: string; precision?: number; scale?: number }>;
}
interface OracleConnection {
  execute(sql: string, binds: unknown[], options: Record<string, unknown>): Promise<OracleResult>;
  executeMany(sql: string, binds: unknown[][], options: Record<string, unknown>): Promise<OracleResult>;
  queryStream(sql: string, binds: unknown[], options: Record<string, unknown>): NodeJS.ReadableStream & { destroy(): void };
  break(): Promise<void>;
  close(options?: { drop?: boolean }): Promise<void>;
}
interface OracleDb {
  OUT_FORMAT_ARRAY: number;
  STRING: number;
  NUMBER: number;
}

const load = createRequire(import.meta.url);
const oracledb = () => load("oracledb") as OracleDb;

interface OracleConfig {
  protocol: string;
  connectTimeout?: number;
}

const OPTIONS: OptionSpec<OracleConfig>[] = [
  { names: ["Security"], values: ["SSL", "None"], description: "SSL connects over TCPS", apply: (c, v) => (c.protocol = v.toLowerCase() === "ssl" ? "tcps" : "tcp") },
  { names: ["connectTimeout", "connect_timeout"], description: "seconds to wait for the connection", apply: (c, v, ref) => (c.connectTimeout = optionNumber(v, ref, "connectTimeout")) },
];

const TEXT_TYPES = /^(NUMBER|FLOAT|BINARY_FLOAT|BINARY_DOUBLE|DATE|TIMESTAMP|INTERVAL)/;

function queryOptions(): Record<string, unknown> {
  const db = oracledb();
  return {
    outFormat: db.OUT_FORMAT_ARRAY,
    autoCommit: false,
    // Numbers, dates and intervals as text: exact, and formatted by the session's ISO NLS settings.
    fetchTypeHandler: (meta: { dbTypeName?: string }) => (TEXT_TYPES.test(meta.dbTypeName ?? "") ? { type: db.STRING } : undefined),
  };
}

function binds(params: readonly SqlParam[]): unknown[] {
  return params.map((p) => (typeof p === "bigint" ? p.toString() : p));
}

function oracleSession(raw: unknown): DriverSession {
  const conn = raw as OracleConnection;
  return {
    raw,
    async execute(text: string, params: readonly SqlParam[] = []) {
      const r = await conn.execute(text, binds(params), queryOptions());
      return { rows: r.rows ?? [], ...(r.rowsAffected !== undefined && { rowCount: r.rowsAffected }) };
    },
  };
}

/** `YYYY-MM-DD HH24:MI:SS.FF6` with exactly six fraction digits, as TO_TIMESTAMP expects. */
export function oracleTimestampText(ts: number): string {
  const t = timestampText(ts);
  const dot = t.indexOf(".", 11);
  return dot < 0 ? `${t}.000000` : `${t.slice(0, dot)}.${t.slice(dot + 1).padEnd(6, "0")}`;
}

/** Placeholder wrapped in the conversion its storage needs. */
function bindExpression(storage: string, marker: string): string {
  switch (storage) {
    case "date": return `TO_DATE(${marker}, 'YYYY-MM-DD')`;
    case "timestamp": return `TO_TIMESTAMP(${marker}, 'YYYY-MM-DD HH24:MI:SS.FF6')`;
    case "time": return `NUMTODSINTERVAL(${marker}, 'SECOND')`;
    default: return marker;
  }
}

function encoder(c: WriteColumn): (v: Value) => SqlParam {
  switch (c.storage) {
    case "date": return (v) => (typeof v === "number" ? dateText(v) : null);
    case "timestamp": return (v) => (typeof v === "number" ? oracleTimestampText(v) : null);
    case "time": return (v) => (typeof v === "number" ? v : null);
    // Integers as text: exact beyond 2^53, converted by the server.
    case "integer": return (v) => (v === null ? null : typeof v === "number" || typeof v === "bigint" ? String(v) : String(v));
    case "real": return (v) => (typeof v === "number" ? v : v === null ? null : String(v));
    default: return (v) => (v === null ? null : typeof v === "string" ? v : String(v));
  }
}

const sql = commonSql(quoteAnsi);

export function oracleInsertAll(ref: TableRef, columns: readonly WriteColumn[], rows: number): string {
  const t = sql.qualify(ref);
  const list = columns.map((c) => quoteAnsi(c.name)).join(", ");
  let index = 1;
  const parts: string[] = [];
  for (let r = 0; r < rows; r++) parts.push(`INTO ${t} (${list}) VALUES (${columns.map((c) => bindExpression(c.storage, `:${index++}`)).join(", ")})`);
  return `INSERT ALL ${parts.join(" ")} SELECT 1 FROM DUAL`;
}

export function oracleInsertOne(ref: TableRef, columns: readonly WriteColumn[]): string {
  return `INSERT INTO ${sql.qualify(ref)} (${columns.map((c) => quoteAnsi(c.name)).join(", ")}) VALUES (${columns.map((c, i) => bindExpression(c.storage, `:${i + 1}`)).join(", ")})`;
}

/** Array binding: one `executeMany` per batch. */
function arrayWriter(conn: OracleConnection, ref: TableRef, columns: readonly WriteColumn[], signal?: AbortSignal): RowWriter {
  const text = oracleInsertOne(ref, columns);
  const encoders = columns.map(encoder);
  let written = 0;
  return {
    async write(cols: readonly Column[], length: number) {
      if (signal?.aborted) throw new CancelledError();
      const db = oracledb();
      const rows: unknown[][] = new Array(length);
      const maxSize = columns.map(() => 1);
      for (let r = 0; r < length; r++) {
        const row = columns.map((_, c) => encoders[c]!(cols[c]![r]!));
        row.forEach((v, c) => {
          if (typeof v === "string" && v.length * 4 > maxSize[c]!) maxSize[c] = v.length * 4;
        });
        rows[r] = row;
      }
      const bindDefs = columns.map((c, i) => (c.storage === "real" || c.storage === "time" ? { type: db.NUMBER } : { type: db.STRING, maxSize: maxSize[i] }));
      await conn.executeMany(text, rows, { autoCommit: false, bindDefs });
      written += length;
    },
    async finish() {
      return written;
    },
  };
}

async function* streamRows(conn: OracleConnection, text: string, params: readonly SqlParam[], columns: readonly ColumnInfo[], options: ReadOptions): AsyncGenerator<Column[]> {
  const stream = conn.queryStream(text, binds(params), { ...queryOptions(), fetchArraySize: 1000 });
  yield* columnBatches(stream as AsyncIterable<unknown[]>, columns.map(oracleDecoder), options.batchSize, () => stream.destroy(), options.signal);
}

export const oracleDialect: Dialect = {
  family: "oracle",
  dbTypes: ["Oracle"],
  capabilities: {
    transactionalDdl: false,
    maxParameters: 65_535,
    maxRowsPerInsert: 500,
    maxIdentifierLength: 128,
    declaresStringLength: true,
  },
  optionDocs: OPTIONS.map((o) => [o.names.join(" / "), o.description] as const),

  knexConfig(def: DbDefinition, dbRef: string): Knex.Config {
    const c = applyOptions(def, dbRef, OPTIONS, { protocol: "tcp" } as OracleConfig);
    const host = requireField(def, dbRef, "host");
    const service = requireField(def, dbRef, "db");
    const connectString = `${c.protocol === "tcps" ? "tcps://" : ""}${host}:${def.port ?? 1521}/${service}${c.connectTimeout !== undefined ? `?connect_timeout=${c.connectTimeout}` : ""}`;
    return {
      client: "oracledb",
      connection: { connectString, ...(def.username !== undefined && { user: def.username }), ...(def.password !== undefined && { password: def.password }) },
    };
  },
  session: oracleSession,
  async prepare(session) {
    await session.execute(
      "ALTER SESSION SET TIME_ZONE = '+00:00' NLS_DATE_FORMAT = 'YYYY-MM-DD HH24:MI:SS' NLS_TIMESTAMP_FORMAT = 'YYYY-MM-DD HH24:MI:SS.FF6' NLS_TIMESTAMP_TZ_FORMAT = 'YYYY-MM-DD HH24:MI:SS.FF6 TZH:TZM' NLS_NUMERIC_CHARACTERS = '.,'",
    );
  },
  destroy(raw) {
    const conn = raw as OracleConnection;
    void conn.break().catch(() => undefined);
    void conn.close({ drop: true }).catch(() => undefined);
  },

  quote: quoteAnsi,
  qualify: sql.qualify,
  placeholder: (i) => `:${i}`,
  begin: [],
  commit: "COMMIT",
  rollback: "ROLLBACK",
  columnType: oracleColumnType,
  createTable: sql.createTable,
  dropTable: sql.dropTable,
  deleteRows: sql.deleteRows,
  alterColumnType(ref, column, type) {
    if (/^CLOB$/i.test(type)) {
      throw new Error(`column "${column}" would need more than 4000 characters; Oracle cannot turn VARCHAR2 into CLOB: give the field the type CLOB (type property)`);
    }
    return `ALTER TABLE ${sql.qualify(ref)} MODIFY (${quoteAnsi(column)} ${type})`;
  },
  renameTable: (ref, newName) => [`ALTER TABLE ${sql.qualify(ref)} RENAME TO ${quoteAnsi(newName)}`],
  swapTables: (target, staging, old) => [`ALTER TABLE ${sql.qualify(target)} RENAME TO ${quoteAnsi(old.name)}`, `ALTER TABLE ${sql.qualify(staging)} RENAME TO ${quoteAnsi(target.name)}`],
  copyStructure: sql.copyStructure,
  createMergeStaging: (ref, columns) => sql.createTable(ref, columns),
  dropMergeStaging: (ref) => [`DROP TABLE ${sql.qualify(ref)} PURGE`],
  mergeFromStaging(target, staging, keys, columns, insertUnmatched) {
    const on = keys.map((k) => `mb_t.${quoteAnsi(k)} = mb_s.${quoteAnsi(k)}`).join(" AND ");
    const updated = columns.filter((c) => !keys.includes(c));
    let text = `MERGE INTO ${sql.qualify(target)} mb_t USING ${sql.qualify(staging)} mb_s ON (${on})`;
    if (updated.length > 0) text += ` WHEN MATCHED THEN UPDATE SET ${updated.map((c) => `mb_t.${quoteAnsi(c)} = mb_s.${quoteAnsi(c)}`).join(", ")}`;
    if (insertUnmatched) text += ` WHEN NOT MATCHED THEN INSERT (${columns.map(quoteAnsi).join(", ")}) VALUES (${columns.map((c) => `mb_s.${quoteAnsi(c)}`).join(", ")})`;
    return updated.length > 0 || insertUnmatched ? [text] : [];
  },
  selectTable: sql.selectTable,
  zeroRowQuery: (query) => `SELECT * FROM (${stripTrailingSemicolons(query)}) WHERE 1 = 0`,

  async describeTable(session, ref) {
    const find = (exact: boolean) =>
      session.execute(
        `SELECT OWNER, TABLE_NAME FROM ALL_TABLES WHERE OWNER = COALESCE(:1, SYS_CONTEXT('USERENV', 'CURRENT_SCHEMA')) AND ${exact ? "TABLE_NAME = :2" : "UPPER(TABLE_NAME) = UPPER(:2)"}`,
        [ref.schema ?? null, ref.name],
      );
    let found = (await find(true)).rows as string[][];
    if (found.length === 0) found = (await find(false)).rows as string[][];
    if (found.length !== 1) return undefined;
    const [owner, name] = found[0]!;
    const cols = await session.execute(
      "SELECT COLUMN_NAME, DATA_TYPE, DATA_PRECISION, DATA_SCALE, CHAR_LENGTH FROM ALL_TAB_COLUMNS WHERE OWNER = :1 AND TABLE_NAME = :2 ORDER BY COLUMN_ID",
      [owner!, name!],
    );
    return {
      ref: { ...(ref.schema !== undefined && { schema: owner! }), name: name! },
      columns: (cols.rows as unknown[][]).map(([n, t, p, s, len]) => oracleColumn(String(n), String(t).replace(/\(\d+\)/, ""), p === null ? null : Number(p), s === null ? null : Number(s), len === null ? null : Number(len))),
      transactional: true,
    };
  },
  async describeQuery(session, query, params) {
    const conn = session.raw as OracleConnection;
    const r = await conn.execute(oracleDialect.zeroRowQuery(query), binds(params), queryOptions());
    return (r.metaData ?? []).map((m) => oracleColumn(m.name, m.dbTypeName ?? "VARCHAR2", m.precision ?? null, m.scale ?? null));
  },

  readRows: (session, query, params, columns, options) => streamRows(session.raw as OracleConnection, query, params, columns, options),
  async openWriter(session, ref, columns, options) {
    if (options.bulk) return arrayWriter(session.raw as OracleConnection, ref, columns, options.signal);
    return insertWriter({
      session,
      width: columns.length,
      sql: (rows) => oracleInsertAll(ref, columns, rows),
      encoders: columns.map(encoder),
      rowsPerStatement: options.rowsPerStatement,
      maxParameters: 65_535,
      maxRowsPerInsert: 500,
      ...(options.signal && { signal: options.signal }),
    });
  },
};
