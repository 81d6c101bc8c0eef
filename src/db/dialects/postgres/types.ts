/**
 * PostgreSQL types ↔ storages.
 *
 * Reading (by type OID and modifier): smallint/integer/bigint/oid and numeric(p,0) →
 * integer (bigint values beyond ±2^53); real, double precision, numeric(p,s>0) and
 * unconstrained numeric → real; date, time, timestamp → date, time, timestamp; time and
 * timestamp *with time zone* → the UTC time/timestamp; boolean → integer 1/0 typed as a
 * flag; everything else (text, varchar, char, uuid, json, interval, money, arrays, ...) →
 * string in PostgreSQL's text form.
 *
 * Creating: integer → BIGINT, real → DOUBLE PRECISION, string → VARCHAR(n) (TEXT beyond
 * 10485760), date → DATE, time → TIME, timestamp → TIMESTAMP.
 */
import type { Storage } from "../../../data/storage.js";
import type { ColumnInfo, NewColumn } from "../../dialect.js";

export const OID = {
  bool: 16, int8: 20, int2: 21, int4: 23, oid: 26,
  float4: 700, float8: 701, numeric: 1700,
  date: 1082, time: 1083, timetz: 1266, timestamp: 1114, timestamptz: 1184,
  bpchar: 1042, varchar: 1043, text: 25, name: 19,
} as const;

export const MAX_VARCHAR = 10_485_760;

/** Storage of a column from its type OID and modifier (`atttypmod` / RowDescription). */
export function storageOfOid(oid: number, typmod: number): { storage: Storage; flag?: boolean; length?: number } {
  switch (oid) {
    case OID.bool:
      return { storage: "integer", flag: true };
    case OID.int2:
    case OID.int4:
    case OID.int8:
    case OID.oid:
      return { storage: "integer" };
    case OID.float4:
    case OID.float8:
      return { storage: "real" };
    case OID.numeric: {
      // typmod = ((precision << 16) | scale) + 4; -1 when unconstrained.
      if (typmod < 4) return { storage: "real" };
      const scale = (typmod - 4) & 0xffff;
      return { storage: scale === 0 ? "integer" : "real" };
    }
    case OID.date:
      return { storage: "date" };
    case OID.time:
    case OID.timetz:
      return { storage: "time" };
    case OID.timestamp:
    case OID.timestamptz:
      return { storage: "timestamp" };
    case OID.varchar:
    case OID.bpchar:
      return typmod >= 4 ? { storage: "string", length: typmod - 4 } : { storage: "string" };
    default:
      return { storage: "string" };
  }
}

export function columnInfo(name: string, oid: number, typmod: number, dbType: string): ColumnInfo {
  const s = storageOfOid(oid, typmod);
  return { name, dbType, storage: s.storage, native: oid, ...(s.flag && { flag: true }), ...(s.length !== undefined && { length: s.length }) };
}

export function postgresColumnType(c: NewColumn): string {
  if (c.override !== undefined) return c.override;
  switch (c.storage) {
    case "integer": return "BIGINT";
    case "real": return "DOUBLE PRECISION";
    case "date": return "DATE";
    case "time": return "TIME";
    case "timestamp": return "TIMESTAMP";
    case "string": return c.length <= MAX_VARCHAR ? `VARCHAR(${Math.max(1, c.length)})` : "TEXT";
    default: return "TEXT";
  }
}
