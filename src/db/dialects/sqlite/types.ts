/**
 * SQLite types ↔ storages. SQLite stores any value in any column; the declared type gives
 * the column's affinity and, for us, its storage (our convention, shared with most tools):
 *
 * | declared type contains | storage |
 * | --- | --- |
 * | `BOOL` | integer 1/0, typed as a flag |
 * | `INT` | integer (bigint values beyond ±2^53) |
 * | `DATETIME`, `TIMESTAMP` | timestamp (ISO text `YYYY-MM-DD HH:MM:SS[.ffffff]`; a number is Unix seconds) |
 * | `DATE` | date (ISO text) |
 * | `TIME` | time (ISO text) |
 * | `CHAR`, `CLOB`, `TEXT` | string |
 * | `BLOB` | string (hex) |
 * | `REAL`, `FLOA`, `DOUB`, `NUMERIC`, `DECIMAL` (scale > 0 or none) | real |
 * | `DECIMAL(p,0)`, `NUMERIC(p,0)` | integer |
 *
 * Expression columns have no declared type: their storage is taken from the values of the
 * first rows (integers, reals, else string; only nulls: string).
 *
 * The export creates INTEGER, REAL, TEXT, DATE, TIME and TIMESTAMP columns.
 */
import type { Storage } from "../../../data/storage.js";
import { normaliseInteger, type Value } from "../../../data/values.js";
import { decodeBoolean, decodeDate, decodeInteger, decodeReal, decodeTime, decodeTimestamp } from "../../db-values.js";
import type { ColumnInfo, NewColumn } from "../../dialect.js";

export function storageOfDeclared(declared: string): { storage: Storage; flag?: boolean } {
  const t = declared.toUpperCase();
  if (t.includes("BOOL")) return { storage: "integer", flag: true };
  if (t.includes("INT")) return { storage: "integer" };
  if (t.includes("DATETIME") || t.includes("TIMESTAMP")) return { storage: "timestamp" };
  if (/\bDATE\b/.test(t)) return { storage: "date" };
  if (/\bTIME\b/.test(t)) return { storage: "time" };
  if (t.includes("CHAR") || t.includes("CLOB") || t.includes("TEXT") || t.includes("BLOB")) return { storage: "string" };
  const scale = /\(\s*\d+\s*,\s*(\d+)\s*\)/.exec(t);
  if ((t.includes("NUMERIC") || t.includes("DECIMAL")) && scale && Number(scale[1]) === 0) return { storage: "integer" };
  return { storage: "real" };
}

export function sqliteColumn(name: string, declared: string): ColumnInfo {
  const s = storageOfDeclared(declared);
  return { name, dbType: declared, storage: s.storage, ...(s.flag && { flag: true }) };
}

/** Storage of an untyped (expression) column from sample values. */
export function storageOfValues(values: readonly unknown[]): Storage {
  let storage: Storage | undefined;
  for (const v of values) {
    if (v === null || v === undefined) continue;
    const s: Storage = typeof v === "bigint" ? "integer" : typeof v === "number" ? (Number.isInteger(v) ? "integer" : "real") : "string";
    if (storage === undefined || storage === s) storage = s;
    else if ((storage === "integer" && s === "real") || (storage === "real" && s === "integer")) storage = "real";
    else return "string";
  }
  return storage ?? "string";
}

/** Converts what better-sqlite3 returns (safe integers on) to a value of the column's storage. */
export function sqliteDecoder(column: ColumnInfo): (v: unknown) => Value {
  if (column.flag) return (v) => (v === null ? null : typeof v === "string" ? decodeBoolean(v) : Number(v) !== 0 ? 1 : 0);
  switch (column.storage) {
    case "integer":
      return (v) => (typeof v === "bigint" ? normaliseInteger(v) : typeof v === "number" ? (Number.isInteger(v) ? v : null) : typeof v === "string" ? decodeInteger(v) : null);
    case "real":
      return (v) => (typeof v === "number" ? v : typeof v === "bigint" ? Number(v) : typeof v === "string" ? decodeReal(v) : null);
    case "date":
      return (v) => (typeof v === "string" ? decodeDate(v.length > 10 ? v.slice(0, 10) : v) : null);
    case "time":
      return (v) => (typeof v === "string" ? decodeTime(v) : null);
    case "timestamp":
      return (v) => (typeof v === "string" ? (v.length === 10 ? decodeTimestamp(`${v} 00:00:00`) : decodeTimestamp(v)) : typeof v === "number" ? v : typeof v === "bigint" ? Number(v) : null);
    default:
      return (v) => (v === null || v === undefined ? null : typeof v === "string" ? v : Buffer.isBuffer(v) ? v.toString("hex") : String(v));
  }
}

export function sqliteColumnType(c: NewColumn): string {
  if (c.override !== undefined) return c.override;
  switch (c.storage) {
    case "integer": return "INTEGER";
    case "real": return "REAL";
    case "date": return "DATE";
    case "time": return "TIME";
    case "timestamp": return "TIMESTAMP";
    default: return "TEXT";
  }
}
