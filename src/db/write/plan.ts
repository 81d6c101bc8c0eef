/**
 * Checking an export before any row is written: column names (from fields, through the
 * `map` property), the four modes' rules about the table existing, Append/Merge column
 * matching and type compatibility, Create column types. Every problem found is reported in
 * one error, so a user fixes them in one go.
 */
import type { Schema } from "../../data/schema.js";
import { SECONDS_PER_DAY, type Value } from "../../data/values.js";
import { storageLabel, type Storage } from "../../data/storage.js";
import type { ColumnInfo, Dialect, NewColumn, TableInfo, WriteColumn } from "../dialect.js";
import { DatabaseError, describeTarget } from "../errors.js";
import { formatTableRef, type TableRef } from "../table-ref.js";

export type WriteMode =
  | { readonly kind: "Create"; readonly dropExisting: boolean }
  | { readonly kind: "Append"; readonly deleteExisting: boolean }
  | { readonly kind: "Merge"; readonly keys: readonly string[]; readonly insertUnmatched: boolean };

/** The job's insert mode for a write mode: Create, Drop, Append, Refresh or Merge. */
export function modeLabel(mode: WriteMode): string {
  if (mode.kind === "Create") return mode.dropExisting ? "Drop" : "Create";
  if (mode.kind === "Append") return mode.deleteExisting ? "Refresh" : "Append";
  return mode.insertUnmatched ? "Merge (Add)" : "Merge";
}

export interface PlanInput {
  readonly dialect: Dialect;
  readonly dbRef: string;
  readonly tableText: string;
  readonly ref: TableRef;
  readonly schema: Schema;
  readonly mode: WriteMode;
  readonly existing: TableInfo | undefined;
  readonly columnMap: Readonly<Record<string, string>>;
  readonly defaultStringSize: number;
  readonly typeOverrides: Readonly<Record<string, string>>;
  readonly primaryKey: readonly string[];
}

export interface ExportPlan {
  /** The table written (the catalog's spelling when it exists). */
  readonly ref: TableRef;
  readonly columns: readonly WriteColumn[];
  /** Create: the columns to create (same order as `columns`). */
  readonly newColumns: readonly NewColumn[];
  /** Merge: key columns. */
  readonly keyColumns: readonly string[];
  /** Primary key columns declared on create. */
  readonly primaryKey: readonly string[];
  /** Per column, a conversion of values to the column's storage (dates into timestamps). */
  readonly converters: ReadonlyArray<((v: Value) => Value) | undefined>;
}

const TYPE_OVERRIDE = /^[A-Za-z][A-Za-z0-9_]*( [A-Za-z][A-Za-z0-9_]*)*(\s*\(\s*(\d+|max)(\s+(char|byte))?\s*(,\s*\d+\s*)?\))?( [A-Za-z][A-Za-z0-9_]*)*$/i;

export function planExport(p: PlanInput): ExportPlan {
  const problems: string[] = [];
  const where = describeTarget(p.dbRef, p.tableText);
  const fieldNames = p.schema.names;
  for (const f of Object.keys(p.columnMap)) if (!p.schema.has(f)) problems.push(`map names field "${f}", which is not in the input`);
  for (const f of Object.keys(p.typeOverrides)) if (!p.schema.has(f)) problems.push(`type names field "${f}", which is not in the input`);
  const names = fieldNames.map((f) => p.columnMap[f] ?? f);
  checkIdentifiers(p.dialect, [p.ref.name, ...names], problems);
  const seen = new Map<string, string>();
  names.forEach((n, i) => {
    const other = seen.get(n.toLowerCase());
    if (other !== undefined) problems.push(`fields "${other}" and "${fieldNames[i]}" both go to column "${n}" (names that differ only in case clash in most databases); rename one with a Filter node or the map property`);
    seen.set(n.toLowerCase(), fieldNames[i]!);
  });

  const { mode, existing } = p;
  if (mode.kind === "Create" && existing && !mode.dropExisting) {
    throw new DatabaseError(`${where}: the table already exists (as ${formatTableRef(existing.ref)}); insert mode Create does not replace it — use Drop to replace it or Append to add rows`, { dbRef: p.dbRef, table: p.tableText });
  }
  if (mode.kind !== "Create" && !existing) {
    throw new DatabaseError(`${where}: the table does not exist; insert mode ${modeLabel(mode)} writes into an existing table — use Create to make it`, { dbRef: p.dbRef, table: p.tableText });
  }

  let columns: WriteColumn[];
  let newColumns: NewColumn[] = [];
  if (mode.kind === "Create") {
    for (const [f, t] of Object.entries(p.typeOverrides)) {
      if (!TYPE_OVERRIDE.test(t.trim())) problems.push(`type of field "${f}" is ${JSON.stringify(t)}, which is not a column type (e.g. VARCHAR(40), NUMERIC(12, 2), DOUBLE PRECISION)`);
    }
    const length = Math.max(1, Math.floor(p.defaultStringSize));
    newColumns = p.schema.fields.map((f, i) => {
      const storage: Storage = f.storage === "unknown" ? "string" : f.storage;
      const override = p.typeOverrides[f.name]?.trim();
      return { name: names[i]!, storage, length, ...(override !== undefined && { override }) };
    });
    columns = newColumns.map((c) => ({ name: c.name, storage: c.storage, target: { name: c.name, dbType: p.dialect.columnType(c), storage: c.storage } }));
  } else {
    columns = matchColumns(p, names, existing!, problems);
  }

  const byField = new Map(fieldNames.map((f, i) => [f, names[i]!]));
  const keyColumns: string[] = [];
  if (mode.kind === "Merge") {
    if (mode.keys.length === 0) problems.push("Merge needs key_fields: the fields that identify a row");
    for (const k of mode.keys) {
      const col = byField.get(k);
      if (col === undefined) problems.push(`key field "${k}" is not in the input`);
      else keyColumns.push(columns[fieldNames.indexOf(k)]!.name);
    }
  }
  const primaryKey: string[] = [];
  for (const k of p.primaryKey) {
    const col = byField.get(k);
    if (col === undefined) problems.push(`primary key field "${k}" is not in the input`);
    else primaryKey.push(col);
  }
  if (problems.length > 0) {
    throw new DatabaseError(`${where}: ${problems.length === 1 ? problems[0] : `${problems.length} problems: ${problems.map((x, i) => `(${i + 1}) ${x}`).join("; ")}`}`, {
      dbRef: p.dbRef,
      table: p.tableText,
      problems,
    });
  }
  const converters = columns.map((c, i) => (p.schema.fields[i]!.storage === "date" && c.storage === "timestamp" ? dateToTimestamp : undefined));
  return { ref: existing?.ref ?? p.ref, columns, newColumns, keyColumns, primaryKey, converters };
}

function checkIdentifiers(dialect: Dialect, names: readonly string[], problems: string[]): void {
  const max = dialect.capabilities.maxIdentifierLength;
  for (const n of names) {
    if (n === "") problems.push("a column name is empty");
    else if (n.includes("\u0000")) problems.push(`name ${JSON.stringify(n)} holds a NUL character`);
    else if (Buffer.byteLength(n, "utf8") > max) problems.push(`name "${n}" is longer than ${max} bytes, the longest this database keeps`);
  }
}

/** Append/Merge: each field's column (exact name, else the only one equal ignoring case), checked for type. */
function matchColumns(p: PlanInput, names: readonly string[], table: TableInfo, problems: string[]): WriteColumn[] {
  return p.schema.fields.map((f, i) => {
    const want = names[i]!;
    let col = table.columns.find((c) => c.name === want);
    if (!col) {
      const loose = table.columns.filter((c) => c.name.toLowerCase() === want.toLowerCase());
      if (loose.length === 1) col = loose[0];
    }
    if (!col) {
      problems.push(`field "${f.name}"${want !== f.name ? ` (column "${want}")` : ""} has no column in the table, whose columns are: ${table.columns.map((c) => `"${c.name}"`).join(", ")}`);
      return { name: want, storage: f.storage };
    }
    if (!compatible(f.storage, col)) {
      problems.push(`field "${f.name}" holds ${storageLabel(f.storage)} values, which column "${col.name}" (${col.dbType}) cannot take; convert the field (Derive, Filler) or write to another table`);
    }
    const storage = f.storage === "date" && col.storage === "timestamp" ? "timestamp" : f.storage;
    return { name: col.name, storage, target: col };
  });
}

/**
 * Which storages a column accepts without losing anything: numbers into numbers (integers
 * also into reals and decimals), strings into character columns (and into flags and other
 * text-typed columns, which the database validates), dates into date and timestamp
 * columns, times into time columns, timestamps into timestamp columns. A field whose
 * storage is unknown holds only nulls and goes anywhere.
 */
export function compatible(storage: Storage, column: ColumnInfo): boolean {
  if (storage === "unknown") return true;
  if (column.flag) return storage === "integer" || storage === "string";
  switch (column.storage) {
    case "integer": return storage === "integer";
    case "real": return storage === "integer" || storage === "real";
    case "string": return storage === "string";
    case "date": return storage === "date";
    case "time": return storage === "time";
    case "timestamp": return storage === "timestamp" || storage === "date";
    default: return true;
  }
}

function dateToTimestamp(v: Value): Value {
  return typeof v === "number" ? v * SECONDS_PER_DAY : v;
}
