/**
 * How values are held at run time.
 *
 * A column's storage is known from its schema before any row is read, so values stay plain
 * JavaScript primitives and the hot path never inspects a tag:
 *
 * | storage   | value                                                                 |
 * |-----------|-----------------------------------------------------------------------|
 * | integer   | `number` (a safe integer), or `bigint` beyond ±2^53                   |
 * | real      | `number`, always finite (NaN and ±Infinity become `null`)             |
 * | string    | `string`                                                              |
 * | date      | `number`: whole days since 1970-01-01 (proleptic Gregorian)           |
 * | time      | `number`: seconds since midnight, 0 ≤ t < 86400 (fractions allowed)   |
 * | timestamp | `number`: seconds since 1970-01-01T00:00:00, wall clock, no time zone |
 *
 * `null` is Modeler's system missing value `$null$`; `undefined` never appears in data.
 * Booleans and lists exist only inside CLEM evaluation.
 */
import type { Storage } from "./storage.js";

export type Value = number | bigint | string | boolean | null | Value[];

export const SECONDS_PER_DAY = 86_400;

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1–12). Exact for any year. */
export function daysFromCivil(year: number, month: number, day: number): number {
  // Howard Hinnant's algorithm: shift the year to start in March so Feb 29 is the last day.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** Inverse of `daysFromCivil`. */
export function civilFromDays(days: number): CivilDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/** True when (year, month, day) names a real calendar day (no 29 Feb 2001). */
export function isValidCivil(year: number, month: number, day: number): boolean {
  return Number.isInteger(year) && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** 1 = Sunday … 7 = Saturday, as CLEM's `datetime_weekday`. 1970-01-01 was a Thursday. */
export function weekdayOfDays(days: number): number {
  return ((((days + 4) % 7) + 7) % 7) + 1;
}

export function timeOfDay(hour: number, minute: number, second: number): number {
  return hour * 3600 + minute * 60 + second;
}

export function timestampOf(days: number, secondsOfDay: number): number {
  return days * SECONDS_PER_DAY + secondsOfDay;
}

export function daysOfTimestamp(ts: number): number {
  return Math.floor(ts / SECONDS_PER_DAY);
}

export function secondsOfTimestamp(ts: number): number {
  return ts - daysOfTimestamp(ts) * SECONDS_PER_DAY;
}

/** ISO forms, used by the open formats (JSON, CSV written by us, databases). */
export function formatIsoDate(days: number): string {
  const { year, month, day } = civilFromDays(days);
  const y = year < 0 ? "-" + String(-year).padStart(4, "0") : String(year).padStart(4, "0");
  return `${y}-${pad2(month)}-${pad2(day)}`;
}

export function formatIsoTime(seconds: number): string {
  const whole = Math.floor(seconds);
  const frac = seconds - whole;
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const base = `${pad2(h)}:${pad2(m)}:${pad2(s)}`;
  return frac > 0 ? base + fractionDigits(frac) : base;
}

export function formatIsoTimestamp(ts: number): string {
  const days = daysOfTimestamp(ts);
  return `${formatIsoDate(days)} ${formatIsoTime(ts - days * SECONDS_PER_DAY)}`;
}

const ISO_DATE = /^(-?\d{4,})-(\d{1,2})-(\d{1,2})$/;
const ISO_TIME = /^(\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?$/;
const ISO_TIMESTAMP = /^(-?\d{4,})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

export function parseIsoDate(text: string): number | null {
  const m = ISO_DATE.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidCivil(y, mo, d) ? daysFromCivil(y, mo, d) : null;
}

export function parseIsoTime(text: string): number | null {
  const m = ISO_TIME.exec(text.trim());
  if (!m) return null;
  const [h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  if (h > 23 || mi > 59 || s > 59) return null;
  return timeOfDay(h, mi, s) + (m[4] ? Number(m[4]) : 0);
}

/** A zone suffix (`Z`, `+02:00`) is converted to UTC wall clock. */
export function parseIsoTimestamp(text: string): number | null {
  const m = ISO_TIMESTAMP.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  if (!isValidCivil(y, mo, d) || h > 23 || mi > 59 || s > 59) return null;
  let ts = timestampOf(daysFromCivil(y, mo, d), timeOfDay(h, mi, s)) + (m[7] ? Number(m[7]) : 0);
  const zone = m[8];
  if (zone && zone !== "Z") {
    const sign = zone[0] === "-" ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    ts -= sign * (Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2)) * 60);
  }
  return ts;
}

/** JS `Date` (UTC fields) ↔ our numbers, for drivers that hand us `Date` objects. */
export function timestampFromJsDate(d: Date): number {
  return d.getTime() / 1000;
}

export function jsDateFromTimestamp(ts: number): Date {
  return new Date(Math.round(ts * 1000));
}

/** Integers beyond ±2^53 become `bigint`; within, `number`. */
export function normaliseInteger(v: number | bigint): number | bigint {
  if (typeof v === "bigint") {
    return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  }
  return v;
}

/** Real results: NaN and infinities are `$null$` in Modeler (division by zero, sqrt(-1)). */
export function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/**
 * Total order used by Sort, Distinct, Aggregate keys and comparisons of one storage:
 * `null` first, numbers (and bigints) numerically, strings by UTF-16 code unit (Modeler
 * compares by character code).
 */
export function compareValues(a: Value, b: Value): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  const ta = typeof a;
  const tb = typeof b;
  if ((ta === "number" || ta === "bigint") && (tb === "number" || tb === "bigint")) {
    if (ta === tb) return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
    return compareMixedNumbers(a as number | bigint, b as number | bigint);
  }
  if (ta === "string" && tb === "string") return (a as string) < (b as string) ? -1 : 1;
  if (ta === "boolean" && tb === "boolean") return a ? 1 : -1;
  // Different kinds never compare equal; order them by kind so sorting stays total.
  return kindRank(a) - kindRank(b);
}

function compareMixedNumbers(a: number | bigint, b: number | bigint): number {
  if (typeof a === "number" && !Number.isInteger(a)) {
    const bn = Number(b);
    return a < bn ? -1 : a > bn ? 1 : 0;
  }
  if (typeof b === "number" && !Number.isInteger(b)) {
    const an = Number(a);
    return an < b ? -1 : an > b ? 1 : 0;
  }
  const ab = BigInt(a);
  const bb = BigInt(b);
  return ab < bb ? -1 : ab > bb ? 1 : 0;
}

function kindRank(v: Value): number {
  switch (typeof v) {
    case "boolean": return 1;
    case "number":
    case "bigint": return 2;
    case "string": return 3;
    default: return 4;
  }
}

/** Equality as Modeler's `=` on one storage: integer 3 equals real 3.0. */
export function valuesEqual(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  if (typeof a === "bigint" || typeof b === "bigint") {
    return (typeof a === "number" || typeof a === "bigint") && (typeof b === "number" || typeof b === "bigint") && compareMixedNumbers(a, b) === 0;
  }
  return false;
}

/** A stable text key for grouping (Aggregate, Distinct, Merge): distinct for distinct values. */
export function groupKey(v: Value): string {
  if (v === null) return "\u0000";
  switch (typeof v) {
    case "number": return "n" + v;
    case "bigint": return "n" + v.toString();
    case "string": return "s" + v;
    case "boolean": return v ? "bT" : "bF";
    default: return "l" + JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? x.toString() : x));
  }
}

/** Plain-text rendering for tables, CSV and messages; dates and times in ISO form. */
export function formatValue(v: Value, storage: Storage): string {
  if (v === null) return "$null$";
  if (typeof v === "number") {
    switch (storage) {
      case "date": return formatIsoDate(v);
      case "time": return formatIsoTime(v);
      case "timestamp": return formatIsoTimestamp(v);
      default: return String(v);
    }
  }
  if (Array.isArray(v)) return "[" + v.map((x) => formatValue(x, "unknown")).join(" ") + "]";
  return String(v);
}

/** Which storage a JavaScript value most naturally has (used by the builder API and userinput). */
export function storageOfJsValue(v: unknown): Storage {
  if (typeof v === "bigint") return "integer";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "real";
  if (typeof v === "string") return "string";
  return "unknown";
}

function pad2(n: number): string {
  return n < 10 ? "0" + n : String(n);
}

function fractionDigits(frac: number): string {
  return (Math.round(frac * 1e6) / 1e6).toFixed(6).slice(1).replace(/0+$/, "");
}
