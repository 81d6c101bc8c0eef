/**
 * PostgreSQL introspection: a table's columns from `pg_attribute` (through domains to their
 * base types), a query's columns from the RowDescription of a zero-row execution. Names are
 * looked up exactly first, then ignoring case (a table created unquoted is `drug1n`, a job
 * may say `DRUG1N`); several case-insensitive matches are an error listing them.
 */
import type { Client, FieldDef } from "pg";
import type { ColumnInfo, SqlParam, TableInfo } from "../../dialect.js";
import { DatabaseError } from "../../errors.js";
import { formatTableRef, type TableRef } from "../../table-ref.js";
import { columnInfo } from "./types.js";

/** Hands every value back as the server's text; decoding is ours (see db-values). */
export const RAW_TEXT_TYPES = { getTypeParser: () => (v: string) => v };

export function pgParams(params: readonly SqlParam[]): unknown[] {
  return params.map((p) => (typeof p === "bigint" ? p.toString() : p));
}

const FIND_TABLE = `
SELECT c.oid::text, n.nspname, c.relname
FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
  AND (CASE WHEN $1::text IS NULL THEN pg_catalog.pg_table_is_visible(c.oid) ELSE %SCHEMA% END)
  AND %NAME%
ORDER BY n.nspname, c.relname`;

const COLUMNS = `
SELECT a.attname,
       (CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE a.atttypid END)::int AS typid,
       (CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END)::int AS typmod,
       pg_catalog.format_type(a.atttypid, a.atttypmod) AS typname
FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
WHERE a.attrelid = $1::oid AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum`;

async function findTable(client: Client, ref: TableRef): Promise<{ oid: string; ref: TableRef } | undefined> {
  const params = [ref.schema ?? null, ref.name];
  for (const exact of [true, false]) {
    const sql = FIND_TABLE.replace("%SCHEMA%", exact ? "n.nspname = $1" : "lower(n.nspname) = lower($1)").replace("%NAME%", exact ? "c.relname = $2" : "lower(c.relname) = lower($2)");
    const res = await client.query({ text: sql, values: params, rowMode: "array", types: RAW_TEXT_TYPES });
    const rows = res.rows as string[][];
    if (rows.length === 1) return { oid: rows[0]![0]!, ref: { schema: rows[0]![1]!, name: rows[0]![2]! } };
    if (rows.length > 1) {
      throw new DatabaseError(
        `table name "${formatTableRef(ref)}" matches ${rows.length} tables when case is ignored: ${rows.map((r) => formatTableRef({ schema: r[1]!, name: r[2]! })).join(", ")}; give the exact name`,
        { table: formatTableRef(ref) },
      );
    }
  }
  return undefined;
}

export async function describePgTable(client: Client, ref: TableRef): Promise<TableInfo | undefined> {
  const found = await findTable(client, ref);
  if (!found) return undefined;
  const res = await client.query({ text: COLUMNS, values: [found.oid], rowMode: "array", types: RAW_TEXT_TYPES });
  const columns = (res.rows as string[][]).map(([name, typid, typmod, typname]) => columnInfo(name!, Number(typid), Number(typmod), typname!));
  return { ref: found.ref, columns, transactional: true };
}

export async function describePgQuery(client: Client, sql: string, params: readonly SqlParam[]): Promise<ColumnInfo[]> {
  const res = await client.query({ text: sql, values: pgParams(params), rowMode: "array", types: RAW_TEXT_TYPES });
  return res.fields.map((f: FieldDef) => columnInfo(f.name, f.dataTypeID, f.dataTypeModifier, typeLabel(f)));
}

function typeLabel(f: FieldDef): string {
  return `oid ${f.dataTypeID}${f.dataTypeModifier >= 0 ? ` (modifier ${f.dataTypeModifier})` : ""}`;
}
