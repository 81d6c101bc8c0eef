/**
 * Inputs for export tests: a schema, rows cut into batches, and a hook that runs between
 * batches (to inject a failure mid-export), plus reading a table back through our reader.
 */
import { batchFromRows, type RecordBatch } from "../../src/data/batch.js";
import { makeField } from "../../src/data/field.js";
import { Schema } from "../../src/data/schema.js";
import type { Storage } from "../../src/data/storage.js";
import type { Value } from "../../src/data/values.js";
import type { DatabaseConnections } from "../../src/db/connections.js";
import { readSource } from "../../src/db/read.js";
import type { LiveDb } from "./live.js";

export function schemaOf(fields: Array<[string, Storage]>): Schema {
  return new Schema(fields.map(([n, s]) => makeField(n, s)));
}

/** Rows in batches of `size`; `between(i)` runs before batch i (i ≥ 1) is yielded. */
export async function* batchesOf(schema: Schema, rows: readonly (readonly Value[])[], size: number, between?: (index: number) => Promise<void> | void): AsyncGenerator<RecordBatch> {
  for (let start = 0, i = 0; start < rows.length; start += size, i++) {
    if (i > 0 && between) await between(i);
    yield batchFromRows(schema, rows.slice(start, start + size));
  }
}

/** Every row of a table read back through `readSource`, sorted by the first column. */
export async function readTable(dbs: DatabaseConnections, db: LiveDb, table: string): Promise<{ columns: string[]; rows: Value[][] }> {
  const connection = dbs.connection(db.name);
  const { describeSource } = await import("../../src/db/read.js");
  const info = await describeSource({ connection, source: { kind: "table", table } });
  const rows: Value[][] = [];
  for await (const cols of readSource({ connection, source: { kind: "table", table } })) {
    const n = cols[0]?.length ?? 0;
    for (let r = 0; r < n; r++) rows.push(cols.map((c) => c[r]!));
  }
  rows.sort((a, b) => compare(a[0]!, b[0]!));
  return { columns: info.map((c) => c.name), rows };
}

function compare(a: Value, b: Value): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

/** Tables whose name starts with `prefix` (left-over staging tables show up here). */
export async function tablesLike(dbs: DatabaseConnections, db: LiveDb, prefix: string): Promise<string[]> {
  const connection = dbs.connection(db.name);
  const text =
    db.definition.type === "SQLite"
      ? "SELECT name FROM sqlite_master WHERE type = 'table'"
      : db.definition.type === "PostgreSQL"
        ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        : "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()";
  const rows = await connection.withSession(async (s) => (await s.execute(text)).rows);
  return rows.map((r) => String(r[0])).filter((n) => n.startsWith(prefix)).sort();
}
