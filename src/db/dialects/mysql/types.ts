/**
 * MySQL / MariaDB types ↔ storages.
 *
 * Reading: TINYINT(1), BOOLEAN and BIT(1) → integer 1/0 typed as a flag; other integer
 * types, YEAR, BIT(n) and DECIMAL(p,0) → integer (bigint beyond ±2^53; BIGINT UNSIGNED
 * included); FLOAT, DOUBLE, DECIMAL(p,s>0) → real; DATE → date; TIME → time (values
 * outside 00:00:00–23:59:59, which MySQL allows for intervals, read as null); DATETIME and
 * TIMESTAMP → timestamp (TIMESTAMP in UTC: sessions run with time_zone '+00:00'); zero
 * dates → null; character, ENUM, SET, JSON → string; binary → string (hex).
 *
 * Creating: BIGINT, DOUBLE, VARCHAR(n) up to 255 characters then TEXT / MEDIUMTEXT /
 * LONGTEXT by length (text types do not count against MySQL's 65,535-byte row limit),
 * DATE, TIME(6), DATETIME(6).
 */
import type { Storage } from "../../../data/storage.js";
import type { Value } from "../../../data/values.js";
import { decodeBoolean, decodeDate, decodeInteger, decodeReal, decodeTime, decodeTimestamp } from "../../db-values.js";
import type { ColumnInfo, NewColumn } from "../../dialect.js";

/** mysql2 column type codes (protocol `MYSQL_TYPE_*`). */
const T = {
  DECIMAL: 0, TINY: 1, SHORT: 2, LONG: 3, FLOAT: 4, DOUBLE: 5, NULL: 6, TIMESTAMP: 7, LONGLONG: 8, INT24: 9,
  DATE: 10, TIME: 11, DATETIME: 12, YEAR: 13, NEWDATE: 14, VARCHAR: 15, BIT: 16, JSON: 245, NEWDECIMAL: 246,
  ENUM: 247, SET: 248, TINY_BLOB: 249, MEDIUM_BLOB: 250, LONG_BLOB: 251, BLOB: 252, VAR_STRING: 253, STRING: 254, GEOMETRY: 255,
} as const;

const BINARY_CHARSET = 63;

export interface MysqlField {
  readonly name: string;
  readonly columnType: number;
  readonly columnLength: number;
  readonly decimals: number;
  readonly characterSet: number;
}

/** Storage of a result column from its protocol description. */
export function storageOfField(f: MysqlField): { storage: Storage; flag?: boolean; binary?: boolean } {
  switch (f.columnType) {
    case T.TINY:
      return f.columnLength === 1 ? { storage: "integer", flag: true } : { storage: "integer" };
    case T.BIT:
      return f.columnLength === 1 ? { storage: "integer", flag: true } : { storage: "integer" };
    case T.SHORT: case T.LONG: case T.LONGLONG: case T.INT24: case T.YEAR:
      return { storage: "integer" };
    case T.DECIMAL: case T.NEWDECIMAL:
      return { storage: f.decimals === 0 ? "integer" : "real" };
    case T.FLOAT: case T.DOUBLE:
      return { storage: "real" };
    case T.DATE: case T.NEWDATE:
      return { storage: "date" };
    case T.TIME:
      return { storage: "time" };
    case T.DATETIME: case T.TIMESTAMP:
      return { storage: "timestamp" };
    case T.TINY_BLOB: case T.MEDIUM_BLOB: case T.LONG_BLOB: case T.BLOB: case T.VAR_STRING: case T.STRING: case T.VARCHAR: case T.GEOMETRY:
      return f.characterSet === BINARY_CHARSET ? { storage: "string", binary: true } : { storage: "string" };
    default:
      return { storage: "string" };
  }
}

export function fieldColumn(f: MysqlField): ColumnInfo {
  const s = storageOfField(f);
  return { name: f.name, dbType: `type ${f.columnType}${s.binary ? " (binary)" : ""}`, storage: s.storage, ...(s.flag && { flag: true }) };
}

/** Storage of a table column from information_schema (`DATA_TYPE`, `COLUMN_TYPE`, scale). */
export function catalogColumn(name: string, dataType: string, columnType: string, charLength: number | null, scale: number | null): ColumnInfo {
  const t = dataType.toLowerCase();
  const full = columnType.toLowerCase();
  const base = { name, dbType: columnType };
  if ((t === "tinyint" && /^tinyint\(1\)/.test(full)) || (t === "bit" && /^bit\(1\)/.test(full)) || t === "boolean" || t === "bool") return { ...base, storage: "integer", flag: true };
  if (["tinyint", "smallint", "mediumint", "int", "integer", "bigint", "year", "bit"].includes(t)) return { ...base, storage: "integer" };
  if (t === "decimal" || t === "numeric") return { ...base, storage: scale === 0 ? "integer" : "real" };
  if (["float", "double", "real", "double precision"].includes(t)) return { ...base, storage: "real" };
  if (t === "date") return { ...base, storage: "date" };
  if (t === "time") return { ...base, storage: "time" };
  if (t === "datetime" || t === "timestamp") return { ...base, storage: "timestamp" };
  if ((t === "varchar" || t === "char") && charLength !== null) return { ...base, storage: "string", length: charLength };
  return { ...base, storage: "string" };
}

function bitsToInteger(b: Buffer): number | bigint {
  let n = 0n;
  for (const byte of b) n = (n << 8n) | BigInt(byte);
  return n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
}

/** What mysql2 returns (dateStrings, bigNumberStrings) → a value of the column's storage. */
export function mysqlDecoder(c: ColumnInfo): (v: unknown) => Value {
  if (c.flag) return (v) => (v === null ? null : Buffer.isBuffer(v) ? (v.some((x) => x !== 0) ? 1 : 0) : typeof v === "string" ? decodeBoolean(v) : Number(v) !== 0 ? 1 : 0);
  switch (c.storage) {
    case "integer":
      return (v) => (typeof v === "number" ? v : typeof v === "string" ? decodeInteger(v) : Buffer.isBuffer(v) ? bitsToInteger(v) : null);
    case "real":
      return (v) => (typeof v === "number" ? v : typeof v === "string" ? decodeReal(v) : null);
    case "date":
      return (v) => (typeof v === "string" ? decodeDate(v) : null);
    case "time":
      return (v) => (typeof v === "string" ? decodeTime(v) : null);
    case "timestamp":
      return (v) => (typeof v === "string" ? (v.startsWith("0000-00-00") ? null : decodeTimestamp(v)) : null);
    default:
      return (v) => (v === null || v === undefined ? null : typeof v === "string" ? v : Buffer.isBuffer(v) ? v.toString("hex") : typeof v === "object" ? JSON.stringify(v) : String(v));
  }
}

export const MYSQL_VARCHAR_MAX = 255;

export function mysqlColumnType(c: NewColumn): string {
  if (c.override !== undefined) return c.override;
  switch (c.storage) {
    case "integer": return "BIGINT";
    case "real": return "DOUBLE";
    case "date": return "DATE";
    case "time": return "TIME(6)";
    case "timestamp": return "DATETIME(6)";
    case "string":
      if (c.length <= MYSQL_VARCHAR_MAX) return `VARCHAR(${Math.max(1, c.length)})`;
      if (c.length <= 16_383) return "TEXT";
      if (c.length <= 4_194_303) return "MEDIUMTEXT";
      return "LONGTEXT";
    default: return "TEXT";
  }
}
