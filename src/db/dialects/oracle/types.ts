/**
 * Oracle types ↔ storages.
 *
 * Reading (numbers, dates and intervals are fetched as text, so nothing is rounded):
 * NUMBER(p,0) and INTEGER → integer (bigint beyond ±2^53); NUMBER(p,s>0), NUMBER without
 * precision, FLOAT, BINARY_FLOAT, BINARY_DOUBLE → real; DATE, TIMESTAMP and TIMESTAMP WITH
 * (LOCAL) TIME ZONE → timestamp (Oracle's DATE holds a time of day, so a date written by an
 * export reads back as a timestamp at midnight); INTERVAL DAY TO SECOND under one day →
 * time; character types, CLOB, ROWID → string; RAW, BLOB → string (hex).
 *
 * Creating: NUMBER(38,0), BINARY_DOUBLE, VARCHAR2(n CHAR) up to 4000 characters (longer
 * strings need a `type` override such as CLOB: Oracle cannot widen VARCHAR2 to CLOB), DATE,
 * INTERVAL DAY(0) TO SECOND(6), TIMESTAMP(6).
 */
import type { Storage } from "../../../data/storage.js";
import type { Value } from "../../../data/values.js";
import { decodeInteger, decodeReal, decodeTimestamp } from "../../db-values.js";
import type { ColumnInfo, NewColumn } from "../../dialect.js";

export function oracleColumn(name: string, typeName: string, precision: number | null, scale: number | null, charLength?: number | null): ColumnInfo {
  const t = typeName.toUpperCase();
  const info = { name, dbType: describeType(t, precision, scale, charLength) };
  let storage: Storage;
  if (t === "NUMBER") storage = scale === 0 ? "integer" : "real";
  else if (t === "INTEGER") storage = "integer";
  else if (t === "FLOAT" || t === "BINARY_FLOAT" || t === "BINARY_DOUBLE") storage = "real";
  else if (t === "DATE" || t.startsWith("TIMESTAMP")) storage = "timestamp";
  else if (t.startsWith("INTERVAL DAY")) storage = "time";
  else {
    const length = /CHAR/.test(t) && charLength ? charLength : undefined;
    return { ...info, storage: "string", ...(length !== undefined && { length }) };
  }
  return { ...info, storage };
}

function describeType(t: string, precision: number | null, scale: number | null, charLength?: number | null): string {
  if (t === "NUMBER" && precision !== null) return `NUMBER(${precision},${scale ?? 0})`;
  if (/CHAR/.test(t) && charLength) return `${t}(${charLength})`;
  return t;
}

const INTERVAL = /^([+-])?(\d+) (\d{2}):(\d{2}):(\d{2})(\.\d+)?$/;

/** `+00 13:45:00.250000` (an INTERVAL DAY TO SECOND as text) → seconds, when under a day. */
export function decodeIntervalTime(s: string): number | null {
  const m = INTERVAL.exec(s.trim());
  if (!m || m[1] === "-" || Number(m[2]) !== 0) return null;
  return Number(m[3]) * 3600 + Number(m[4]) * 60 + Number(m[5]) + (m[6] ? Number(m[6]) : 0);
}

export function oracleDecoder(c: ColumnInfo): (v: unknown) => Value {
  switch (c.storage) {
    case "integer":
      return (v) => (typeof v === "string" ? decodeInteger(v) : typeof v === "number" ? v : null);
    case "real":
      return (v) => (typeof v === "string" ? decodeReal(v) : typeof v === "number" ? v : null);
    case "timestamp":
      return (v) => (typeof v === "string" ? decodeTimestamp(v.replace(/ [+-]\d{2}:\d{2}$/, (z) => z.trim())) : null);
    case "time":
      return (v) => (typeof v === "string" ? decodeIntervalTime(v) : null);
    default:
      return (v) => (v === null || v === undefined ? null : typeof v === "string" ? v : Buffer.isBuffer(v) ? v.toString("hex") : String(v));
  }
}

export function oracleColumnType(c: NewColumn): string {
  if (c.override !== undefined) return c.override;
  switch (c.storage) {
    case "integer": return "NUMBER(38,0)";
    case "real": return "BINARY_DOUBLE";
    case "date": return "DATE";
    case "time": return "INTERVAL DAY(0) TO SECOND(6)";
    case "timestamp": return "TIMESTAMP(6)";
    case "string": return c.length <= 4000 ? `VARCHAR2(${Math.max(1, c.length)} CHAR)` : "CLOB";
    default: return "VARCHAR2(4000 CHAR)";
  }
}
