/**
 * PMML values, data types and operational types, and the conversions between outside values
 * (whatever a caller or a CSV cell hands in) and the evaluator's typed values.
 *
 * A value is a JS number, string or boolean; `null` is the missing value. Numeric data types
 * (integer, float, double) are numbers — `float` values are rounded to float32 so that models
 * exported from float32 learners (XGBoost) reproduce their arithmetic. Dates and times are numbers
 * too (see dates.ts); the static data type tells how to print them.
 */
import { formatDate, formatDateTime, formatTime, parseDate, parseDateTime, parseTime, yearStartDays, SECONDS_PER_DAY } from "./dates.js";
import { isPmmlNumber, parsePmmlNumber } from "../xml/read.js";

export type Value = number | string | boolean | null;

export const DATA_TYPES = [
  "string",
  "integer",
  "float",
  "double",
  "boolean",
  "date",
  "time",
  "dateTime",
  "dateDaysSince[0]",
  "dateDaysSince[1960]",
  "dateDaysSince[1970]",
  "dateDaysSince[1980]",
  "timeSeconds",
  "dateTimeSecondsSince[0]",
  "dateTimeSecondsSince[1960]",
  "dateTimeSecondsSince[1970]",
  "dateTimeSecondsSince[1980]",
] as const;
export type DataType = (typeof DATA_TYPES)[number];

export const OP_TYPES = ["categorical", "ordinal", "continuous"] as const;
export type OpType = (typeof OP_TYPES)[number];

/** How a data type is represented and compared. */
export type TypeFamily = "string" | "number" | "boolean";

export function typeFamily(dt: DataType): TypeFamily {
  if (dt === "string") return "string";
  if (dt === "boolean") return "boolean";
  return "number";
}

export function isDateLike(dt: DataType): boolean {
  return dt !== "string" && dt !== "boolean" && dt !== "integer" && dt !== "float" && dt !== "double";
}

/** The epoch year of the `…Since[Y]` types, for date arithmetic. */
function sinceYear(dt: DataType): number | undefined {
  const m = /\[(\d+)\]$/.exec(dt);
  return m ? Number(m[1]) : undefined;
}

/** Days (since 1970) of a date-like value, for date functions. */
export function toEpochDays(v: number, dt: DataType): number {
  switch (dt) {
    case "date":
      return v;
    case "dateTime":
      return Math.floor(v / SECONDS_PER_DAY);
    default:
      if (dt.startsWith("dateDaysSince")) return v + yearStartDays(sinceYear(dt)!);
      if (dt.startsWith("dateTimeSecondsSince")) return Math.floor(v / SECONDS_PER_DAY) + yearStartDays(sinceYear(dt)!);
      return v;
  }
}

/** Seconds (since 1970-01-01T00:00) of a date-like value, for date-time functions. */
export function toEpochSeconds(v: number, dt: DataType): number {
  switch (dt) {
    case "date":
      return v * SECONDS_PER_DAY;
    case "dateTime":
      return v;
    case "time":
    case "timeSeconds":
      return v;
    default:
      if (dt.startsWith("dateDaysSince")) return (v + yearStartDays(sinceYear(dt)!)) * SECONDS_PER_DAY;
      if (dt.startsWith("dateTimeSecondsSince")) return v + yearStartDays(sinceYear(dt)!) * SECONDS_PER_DAY;
      return v;
  }
}

/** JS-style shortest round-trip text of a number ("1", "0.5", "1e-7"). */
export function numberToString(n: number): string {
  if (Number.isNaN(n)) return "NaN";
  if (n === Infinity) return "INF";
  if (n === -Infinity) return "-INF";
  return String(n);
}

/**
 * Converts an outside value to the typed value of `dt`. Returns `null` for missing (null,
 * undefined, and an empty or blank string for non-string types) and `undefined` when the value
 * cannot be read as `dt` at all (an invalid value).
 */
export function toTypedValue(raw: unknown, dt: DataType): Value | undefined {
  if (raw === null || raw === undefined) return null;
  switch (dt) {
    case "string":
      if (typeof raw === "string") return raw;
      if (typeof raw === "number") return numberToString(raw);
      if (typeof raw === "boolean") return raw ? "true" : "false";
      if (raw instanceof Date) return raw.toISOString();
      return String(raw);
    case "double":
      return toNumber(raw);
    case "float": {
      const n = toNumber(raw);
      return typeof n === "number" ? Math.fround(n) : n;
    }
    case "integer": {
      const n = toNumber(raw);
      if (typeof n !== "number") return n;
      if (!Number.isFinite(n)) return undefined;
      return Number.isInteger(n) ? n : undefined;
    }
    case "boolean":
      return toBoolean(raw);
    default:
      return toDateLike(raw, dt);
  }
}

function toNumber(raw: unknown): number | null | undefined {
  if (typeof raw === "number") return raw;
  if (typeof raw === "string") {
    const t = raw.trim();
    if (t === "") return null;
    return isPmmlNumber(t) ? parsePmmlNumber(t) : undefined;
  }
  if (typeof raw === "boolean") return raw ? 1 : 0;
  if (typeof raw === "bigint") return Number(raw);
  return undefined;
}

function toBoolean(raw: unknown): boolean | null | undefined {
  if (typeof raw === "boolean") return raw;
  if (typeof raw === "number") return raw === 1 ? true : raw === 0 ? false : undefined;
  if (typeof raw === "string") {
    const t = raw.trim().toLowerCase();
    if (t === "") return null;
    if (t === "true" || t === "1") return true;
    if (t === "false" || t === "0") return false;
  }
  return undefined;
}

function toDateLike(raw: unknown, dt: DataType): number | null | undefined {
  if (typeof raw === "number") return raw;
  if (raw instanceof Date) {
    const seconds = raw.getTime() / 1000;
    return fromEpochSeconds(seconds, dt);
  }
  if (typeof raw !== "string") return undefined;
  const t = raw.trim();
  if (t === "") return null;
  if (isPmmlNumber(t) && dt !== "date" && dt !== "dateTime" && dt !== "time") return parsePmmlNumber(t);
  if (dt === "time" || dt === "timeSeconds") return parseTime(t);
  if (dt === "date") return parseDate(t);
  const seconds = parseDateTime(t);
  if (seconds === undefined) return undefined;
  return fromEpochSeconds(seconds, dt);
}

function fromEpochSeconds(seconds: number, dt: DataType): number {
  switch (dt) {
    case "date":
      return Math.floor(seconds / SECONDS_PER_DAY);
    case "dateTime":
      return seconds;
    case "time":
    case "timeSeconds":
      return ((seconds % SECONDS_PER_DAY) + SECONDS_PER_DAY) % SECONDS_PER_DAY;
    default: {
      const y = sinceYear(dt)!;
      if (dt.startsWith("dateDaysSince")) return Math.floor(seconds / SECONDS_PER_DAY) - yearStartDays(y);
      return Math.floor(seconds - yearStartDays(y) * SECONDS_PER_DAY);
    }
  }
}

/** Reads PMML document text (an attribute or Array token) as a value of `dt`; throws nothing. */
export function parseTypedText(text: string, dt: DataType): Value | undefined {
  if (dt === "string") return text;
  return toTypedValue(text, dt);
}

/** The value as callers see it: dates and times become ISO-8601 text, the rest is unchanged. */
export function toOutsideValue(v: Value, dt: DataType): Value {
  if (typeof v !== "number" || !isDateLike(dt)) return v;
  switch (dt) {
    case "date":
      return formatDate(v);
    case "time":
      return formatTime(v);
    case "dateTime":
      return formatDateTime(v);
    default:
      return v;
  }
}

/** Text of a typed value, e.g. for string functions and string outputs. */
export function valueToText(v: Exclude<Value, null>, dt?: DataType): string {
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "true" : "false";
  if (dt && isDateLike(dt)) {
    const o = toOutsideValue(v, dt);
    return typeof o === "string" ? o : numberToString(v);
  }
  return numberToString(v);
}

/** Converts a typed value of one data type to another (an Apply result to its declared type, …). */
export function castValue(v: Value, from: DataType, to: DataType): Value | undefined {
  if (v === null || from === to) return v;
  if (to === "string") return valueToText(v, from);
  if (typeof v === "string") return toTypedValue(v, to);
  if (typeof v === "boolean") return toTypedValue(v, to);
  // number → number-like
  if (to === "integer") return Number.isInteger(v) ? v : Math.trunc(v);
  if (to === "float") return Math.fround(v);
  if (to === "double") return v;
  if (to === "boolean") return v === 1 ? true : v === 0 ? false : undefined;
  if (isDateLike(from) && isDateLike(to)) return fromEpochSeconds(toEpochSeconds(v, from), to);
  return v;
}

/** Total order used by comparisons and by ordinal values without an explicit order. */
export function compareValues(a: Exclude<Value, null>, b: Exclude<Value, null>): number {
  if (typeof a === "number" && typeof b === "number") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "boolean" && typeof b === "boolean") return a === b ? 0 : a ? 1 : -1;
  const sa = typeof a === "string" ? a : valueToText(a);
  const sb = typeof b === "string" ? b : valueToText(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** The data type PMML assumes for a value written without one (Constant, score attribute). */
export function inferDataType(text: string): DataType {
  const t = text.trim();
  if (/^[+-]?\d+$/.test(t)) return "integer";
  if (isPmmlNumber(t)) return "double";
  return "string";
}

export function isNumericType(dt: DataType): boolean {
  return dt === "integer" || dt === "float" || dt === "double";
}

/**
 * The type both sides of a comparison are brought to: numbers compare as numbers (a string side is
 * parsed), booleans against numbers as 1/0, and two different date-like types as the first one.
 */
export function widenForComparison(a: DataType, b: DataType): DataType {
  if (a === b) return a;
  const fa = typeFamily(a);
  const fb = typeFamily(b);
  if (fa === "string") return b;
  if (fb === "string") return a;
  if (fa === "number" && fb === "number") {
    if (isNumericType(a) && isNumericType(b)) return a === "double" || b === "double" ? "double" : a === "float" || b === "float" ? "float" : "integer";
    return isDateLike(a) ? a : b;
  }
  return fa === "number" ? a : b;
}
