/**
 * Values as databases read and write them in text: ISO dates (`2024-02-29`), times
 * (`13:45:00.25`) and timestamps (`2024-02-29 13:45:00.25`), decimal integers of any size,
 * and shortest round-trip reals. Every dialect that talks text (PostgreSQL COPY and
 * parameters, MySQL, SQLite, Oracle conversions) shares these, so a value written and read
 * back is the same value whatever the database.
 *
 * The decoders are on the hot path of reading (a million rows is several million calls),
 * so the common forms are parsed by character code, with a regular expression only for the
 * rare ones.
 */
import { daysFromCivil, finiteOrNull, formatIsoDate, formatIsoTime, formatIsoTimestamp, formatValue, isValidCivil, normaliseInteger, SECONDS_PER_DAY, type Value } from "../data/values.js";
import type { Storage } from "../data/storage.js";

export const dateText = formatIsoDate;
export const timeText = formatIsoTime;
export const timestampText = formatIsoTimestamp;

/** A value of a storage as text for a database (null stays null; flags as 1 / 0, lists as JSON). */
export function valueText(v: Value, storage: Storage): string | null {
  if (v === null) return null;
  if (typeof v === "boolean") return v ? "1" : "0";
  if (Array.isArray(v)) return JSON.stringify(v);
  return formatValue(v, storage);
}

const ZERO = 48;

function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

const DATE_RE = /^(\d{4,})-(\d{2})-(\d{2})( BC)?$/;

/** `YYYY-MM-DD` (PostgreSQL's ` BC` suffix and `infinity` understood; invalid → null). */
export function decodeDate(s: string): number | null {
  if (s.length === 10 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45) {
    const y = digits(s, 0, 4);
    const m = digits(s, 5, 7);
    const d = digits(s, 8, 10);
    if (y >= 0 && m >= 0 && d >= 0 && isValidCivil(y, m, d)) return daysFromCivil(y, m, d);
    if (y === 0 && m === 0 && d === 0) return null; // MySQL's zero date
  }
  const r = DATE_RE.exec(s.trim());
  if (!r) return null;
  let y = Number(r[1]);
  if (r[4]) y = 1 - y; // 1 BC is year 0 in proleptic ISO numbering
  const m = Number(r[2]);
  const d = Number(r[3]);
  return isValidCivil(y, m, d) ? daysFromCivil(y, m, d) : null;
}

/**
 * `HH:MM:SS[.ffffff][±HH[:MM]]` → seconds since midnight. An offset (time with time zone)
 * is removed by converting to UTC. Values of 24 hours or more (MySQL TIME intervals,
 * PostgreSQL's `24:00:00`) are outside a time of day and read as null.
 */
export function decodeTime(s: string): number | null {
  if (s.length >= 8 && s.charCodeAt(2) === 58 && s.charCodeAt(5) === 58) {
    const h = digits(s, 0, 2);
    const mi = digits(s, 3, 5);
    const se = digits(s, 6, 8);
    if (h < 0 || mi < 0 || se < 0) return null;
    let t = h * 3600 + mi * 60 + se;
    let i = 8;
    if (s.charCodeAt(i) === 46) {
      let j = i + 1;
      while (j < s.length && s.charCodeAt(j) >= ZERO && s.charCodeAt(j) <= ZERO + 9) j++;
      t += Number("0" + s.slice(i, j));
      i = j;
    }
    if (i < s.length) {
      const off = offsetSeconds(s, i);
      if (off === undefined) return null;
      t = (((t - off) % SECONDS_PER_DAY) + SECONDS_PER_DAY) % SECONDS_PER_DAY;
    }
    return h > 23 || mi > 59 || se > 59 ? null : t;
  }
  return null;
}

/** `±HH`, `±HH:MM`, `±HHMM`, `±HH:MM:SS` or `Z` at position `i` → seconds east of UTC. */
function offsetSeconds(s: string, i: number): number | undefined {
  const rest = s.slice(i).trim();
  if (rest === "Z" || rest === "") return 0;
  const m = /^([+-])(\d{2})(?::?(\d{2}))?(?::?(\d{2}))?$/.exec(rest);
  if (!m) return undefined;
  const v = Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
  return m[1] === "-" ? -v : v;
}

const TS_RE = /^(\d{4,})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}(?::?\d{2}){0,2})?( BC)?$/;

/**
 * `YYYY-MM-DD HH:MM:SS[.ffffff][±HH[:MM]]` → seconds since 1970 (wall clock). A zone offset
 * (timestamp with time zone) is converted to UTC.
 */
export function decodeTimestamp(s: string): number | null {
  if (s.length === 19 && s.charCodeAt(4) === 45 && s.charCodeAt(13) === 58) {
    const y = digits(s, 0, 4);
    const m = digits(s, 5, 7);
    const d = digits(s, 8, 10);
    const h = digits(s, 11, 13);
    const mi = digits(s, 14, 16);
    const se = digits(s, 17, 19);
    if (y >= 0 && m >= 0 && d >= 0 && h >= 0 && h < 24 && mi >= 0 && mi < 60 && se >= 0 && se < 60 && isValidCivil(y, m, d)) {
      return daysFromCivil(y, m, d) * SECONDS_PER_DAY + h * 3600 + mi * 60 + se;
    }
  }
  const r = TS_RE.exec(s.trim());
  if (!r) return null;
  let y = Number(r[1]);
  if (r[9]) y = 1 - y;
  const [mo, d, h, mi, se] = [Number(r[2]), Number(r[3]), Number(r[4]), Number(r[5]), Number(r[6])];
  if (!isValidCivil(y, mo, d) || h > 23 || mi > 59 || se > 59) return null;
  let ts = daysFromCivil(y, mo, d) * SECONDS_PER_DAY + h * 3600 + mi * 60 + se + (r[7] ? Number(r[7]) : 0);
  if (r[8]) ts -= offsetSeconds(r[8], 0) ?? 0;
  return ts;
}

/** Decimal integer text → number, or bigint beyond ±2^53. A fraction is refused (null). */
export function decodeInteger(s: string): number | bigint | null {
  if (s.length < 16) {
    const n = Number(s);
    return Number.isInteger(n) ? n : decodeIntegerSlow(s);
  }
  return decodeIntegerSlow(s);
}

function decodeIntegerSlow(s: string): number | bigint | null {
  const t = s.trim().replace(/\.0*$/, "");
  if (!/^[+-]?\d+$/.test(t)) return null;
  return normaliseInteger(BigInt(t));
}

export function decodeReal(s: string): number | null {
  return finiteOrNull(Number(s));
}

/** `t`/`f`, `true`/`false`, `1`/`0`, `y`/`n` → 1/0 (flags are integers, see docs/databases.md). */
export function decodeBoolean(s: string): number | null {
  switch (s.toLowerCase()) {
    case "t": case "true": case "1": case "y": case "yes": case "on": return 1;
    case "f": case "false": case "0": case "n": case "no": case "off": return 0;
    default: return null;
  }
}

/** The decoder for text values of a storage. */
export type TextDecoder = (s: string) => Value;

export function textDecoder(storage: Storage, flag = false): TextDecoder {
  if (flag) return decodeBoolean;
  switch (storage) {
    case "integer": return decodeInteger;
    case "real": return decodeReal;
    case "date": return decodeDate;
    case "time": return decodeTime;
    case "timestamp": return decodeTimestamp;
    default: return (s) => s;
  }
}

/** The longest string of a column, in UTF-16 code units (an upper bound of characters). */
export function longestString(column: readonly Value[], length: number): number {
  let max = 0;
  for (let r = 0; r < length; r++) {
    const v = column[r];
    if (typeof v === "string" && v.length > max) max = v.length;
  }
  return max;
}
