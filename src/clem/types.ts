/**
 * Static types of CLEM expressions.
 *
 * Every sub-expression gets one type before anything runs: the storages of the data model,
 * plus `boolean` (conditions), `list` (`[a b]`, `@FIELDS_MATCHING`), `null` (the type of
 * `undef`, which fits anywhere) and `any` (a field whose storage is still unknown: checked
 * when the value arrives instead of before).
 */
import type { Storage } from "../data/storage.js";

export type ClemType = "integer" | "real" | "string" | "date" | "time" | "timestamp" | "boolean" | "list" | "null" | "any";

/** What a function parameter accepts. */
export type ParamKind =
  | "integer" | "real" | "number" | "string" | "date" | "time" | "timestamp" | "boolean" | "list"
  /** a date or a timestamp */
  | "dateLike"
  /** a time or a timestamp */
  | "timeLike"
  /** any date, time or timestamp */
  | "datetime"
  /** a number or a string (`to_integer`, `to_real`) */
  | "numberOrString"
  /** an integer, or `false` to switch an option off (`issubstring_lim`) */
  | "integerOrFalse"
  /** any single value (not a list) */
  | "value"
  /** anything, lists included */
  | "any";

export function typeOfStorage(storage: Storage): ClemType {
  return storage === "unknown" ? "any" : storage;
}

/** The storage a derived field gets from an expression of this type. */
export function storageOfType(type: ClemType): Storage | "boolean" | "list" {
  switch (type) {
    case "null":
    case "any": return "unknown";
    default: return type;
  }
}

export function isNumericType(t: ClemType): boolean {
  return t === "integer" || t === "real";
}

/**
 * The common type of two branches or list items: equal types, `null` with anything, integer
 * with real gives real; otherwise there is none (`null` result).
 */
export function unifyTypes(a: ClemType, b: ClemType): ClemType | null {
  if (a === b) return a;
  if (a === "null") return b;
  if (b === "null") return a;
  if (a === "any" || b === "any") return "any";
  if (isNumericType(a) && isNumericType(b)) return "real";
  return null;
}

/**
 * Whether a parameter of this kind takes an argument of this type. `null` (undef) fits every
 * parameter; `any` fits only when `wildcard` is set (the second pass of overload resolution,
 * which then checks the value at run time).
 */
export function acceptsType(kind: ParamKind, type: ClemType, wildcard: boolean): boolean {
  if (type === "null") return true;
  if (type === "any") return wildcard || kind === "any" || kind === "value";
  switch (kind) {
    case "any": return true;
    case "value": return type !== "list";
    case "integer": return type === "integer";
    case "real": return type === "real";
    case "number": return type === "integer" || type === "real";
    case "string": return type === "string";
    case "date": return type === "date";
    case "time": return type === "time";
    case "timestamp": return type === "timestamp";
    case "boolean": return type === "boolean";
    case "list": return type === "list";
    case "dateLike": return type === "date" || type === "timestamp";
    case "timeLike": return type === "time" || type === "timestamp";
    case "datetime": return type === "date" || type === "time" || type === "timestamp";
    case "integerOrFalse": return type === "integer" || type === "boolean";
    case "numberOrString": return type === "integer" || type === "real" || type === "string";
  }
}

/** "an integer", "a string", ... for messages. */
export function describeType(t: ClemType): string {
  switch (t) {
    case "integer": return "an integer";
    case "null": return "undef";
    case "any": return "a value of unknown storage";
    case "boolean": return "a condition (true/false)";
    default: return `a ${t}`;
  }
}

export function describeKind(k: ParamKind): string {
  switch (k) {
    case "dateLike": return "a date or timestamp";
    case "timeLike": return "a time or timestamp";
    case "datetime": return "a date, time or timestamp";
    case "number": return "a number";
    case "integerOrFalse": return "an integer or false";
    case "numberOrString": return "a number or a string";
    case "value": return "a single value";
    case "any": return "any value";
    case "list": return "a list";
    default: return describeType(k);
  }
}

/** A run-time test that a value of an `any`-typed field fits a parameter kind. */
export function valueFitsKind(kind: ParamKind, v: unknown): boolean {
  switch (kind) {
    case "any": return true;
    case "value": return !Array.isArray(v);
    case "integer": return typeof v === "bigint" || (typeof v === "number" && Number.isInteger(v));
    case "real":
    case "number":
    case "date":
    case "time":
    case "timestamp":
    case "dateLike":
    case "timeLike":
    case "datetime": return typeof v === "number" || typeof v === "bigint";
    case "string": return typeof v === "string";
    case "boolean": return typeof v === "boolean";
    case "list": return Array.isArray(v);
    case "numberOrString": return typeof v === "number" || typeof v === "bigint" || typeof v === "string";
    case "integerOrFalse": return v === false || typeof v === "bigint" || (typeof v === "number" && Number.isInteger(v));
  }
}
