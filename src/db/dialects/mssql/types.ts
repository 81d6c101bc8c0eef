/**
 * SQL Server types ↔ storages.
 *
 * Reading: bit → integer 1/0 typed as a flag; tinyint, smallint, int, bigint and
 * decimal/numeric(p,0) → integer; decimal/numeric(p,s>0), money, float, real → real; date
 * → date; time → time; datetime, datetime2, smalldatetime → timestamp; datetimeoffset →
 * timestamp in UTC; character types, uniqueidentifier, xml → string; binary → string (hex).
 * tedious hands bigint as text (kept exact) and decimals as JavaScript numbers (exact up to
 * 2^53).
 *
 * Creating: BIGINT, FLOAT(53), NVARCHAR(n) up to 4000 characters then NVARCHAR(MAX), DATE,
 * TIME(6), DATETIME2(6).
 */
import type { Storage } from "../../../data/storage.js";
import { daysFromCivil, normaliseInteger, SECONDS_PER_DAY, type Value } from "../../../data/values.js";
import { decodeBoolean, decodeInteger, decodeReal } from "../../db-values.js";
import type { ColumnInfo, NewColumn } from "../../dialect.js";

/** Storage of a column from its type name (`int`, `nvarchar(40)`, `decimal(12,2)`, `datetime2(7)`). */
export function mssqlColumn(name: string, typeName: string, scale?: number | null, length?: number | null): ColumnInfo {
  const full = typeName.toLowerCase().trim();
  const base = full.replace(/\(.*$/, "").trim();
  const info = { name, dbType: typeName };
  const m = /\(\s*\d+\s*,\s*(\d+)\s*\)/.exec(full);
  const s = scale ?? (m ? Number(m[1]) : null);
  let storage: Storage;
  switch (base) {
    case "bit":
      return { ...info, storage: "integer", flag: true };
    case "tinyint": case "smallint": case "int": case "bigint":
      storage = "integer";
      break;
    case "decimal": case "numeric":
      storage = s === 0 ? "integer" : "real";
      break;
    case "money": case "smallmoney": case "float": case "real":
      storage = "real";
      break;
    case "date":
      storage = "date";
      break;
    case "time":
      storage = "time";
      break;
    case "datetime": case "datetime2": case "smalldatetime": case "datetimeoffset":
      storage = "timestamp";
      break;
    default: {
      const len = length ?? lengthOf(full);
      return { ...info, storage: "string", ...(len !== undefined && len > 0 && { length: len }) };
    }
  }
  return { ...info, storage };
}

function lengthOf(full: string): number | undefined {
  const m = /^n?(var)?char\s*\(\s*(\d+)\s*\)/.exec(full);
  return m ? Number(m[2]) : undefined;
}

/** tedious values → run-time values. Dates arrive as JS Dates in UTC (`useUTC`). */
export function mssqlDecoder(c: ColumnInfo): (v: unknown) => Value {
  if (c.flag) return (v) => (v === null || v === undefined ? null : typeof v === "boolean" ? (v ? 1 : 0) : typeof v === "string" ? decodeBoolean(v) : Number(v) !== 0 ? 1 : 0);
  switch (c.storage) {
    case "integer":
      return (v) => (typeof v === "number" ? (Number.isInteger(v) ? v : null) : typeof v === "string" ? decodeInteger(v) : typeof v === "bigint" ? normaliseInteger(v) : null);
    case "real":
      return (v) => (typeof v === "number" ? v : typeof v === "string" ? decodeReal(v) : null);
    case "date":
      return (v) => (v instanceof Date ? daysFromCivil(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate()) : null);
    case "time":
      return (v) => (v instanceof Date ? secondsOfDay(v) + nanoDelta(v) : null);
    case "timestamp":
      return (v) => (v instanceof Date ? daysFromCivil(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate()) * SECONDS_PER_DAY + secondsOfDay(v) + nanoDelta(v) : null);
    default:
      return (v) => (v === null || v === undefined ? null : typeof v === "string" ? v : Buffer.isBuffer(v) ? v.toString("hex") : String(v));
  }
}

function secondsOfDay(d: Date): number {
  return d.getUTCHours() * 3600 + d.getUTCMinutes() * 60 + d.getUTCSeconds() + d.getUTCMilliseconds() / 1000;
}

/** tedious keeps digits below the millisecond in `nanosecondDelta` (seconds). */
function nanoDelta(d: Date): number {
  const n = (d as Date & { nanosecondDelta?: number }).nanosecondDelta;
  return typeof n === "number" ? n : 0;
}

/** A run-time timestamp (seconds) as the JS Date tedious writes, sub-millisecond digits kept. */
export function dateOfSeconds(seconds: number): Date {
  const ms = Math.floor(seconds * 1000);
  const d = new Date(ms) as Date & { nanosecondDelta?: number };
  const rest = seconds - ms / 1000;
  if (rest > 1e-9) d.nanosecondDelta = Math.round(rest * 1e7) / 1e7;
  return d;
}

export function mssqlColumnType(c: NewColumn): string {
  if (c.override !== undefined) return c.override;
  switch (c.storage) {
    case "integer": return "BIGINT";
    case "real": return "FLOAT(53)";
    case "date": return "DATE";
    case "time": return "TIME(6)";
    case "timestamp": return "DATETIME2(6)";
    case "string": return c.length <= 4000 ? `NVARCHAR(${Math.max(1, c.length)})` : "NVARCHAR(MAX)";
    default: return "NVARCHAR(MAX)";
  }
}
