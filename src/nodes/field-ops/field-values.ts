/**
 * Values written in node properties (declared Type values, blank values, Set to Flag and
 * Restructure values, Reclassify mappings, flag true/false values) are JSON: strings and
 * numbers. These helpers turn them into run-time values of a field's storage, so that they
 * compare equal to the values in the data (`"3"` for an integer field is the integer 3, an
 * ISO or stream-format date string is a day number).
 */
import { makeDateParser, makeTimeParser } from "../../data/datetime-format.js";
import type { StreamSettings } from "../../data/settings.js";
import type { Props } from "../properties.js";
import type { Storage } from "../../data/storage.js";
import { groupKey, parseIsoDate, parseIsoTime, parseIsoTimestamp, type Value } from "../../data/values.js";

const INTEGER_TEXT = /^[+-]?\d+$/;

/**
 * The value of `storage` that a JSON property value stands for, `null` for JSON null, or
 * `undefined` when it cannot be one (e.g. `"abc"` for an integer field).
 */
export function jsonToValue(v: unknown, storage: Storage, settings?: Pick<StreamSettings, "dateFormat" | "timeFormat" | "dateBaseline" | "date2DigitBaseline">): Value | undefined {
  if (v === null) return null;
  switch (storage) {
    case "integer":
      if (typeof v === "number") return Number.isInteger(v) ? v : undefined;
      if (typeof v === "string" && INTEGER_TEXT.test(v.trim())) {
        const n = Number(v.trim());
        return Number.isSafeInteger(n) ? n : BigInt(v.trim());
      }
      return undefined;
    case "real":
      if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
      if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
      return undefined;
    case "string":
      if (typeof v === "string") return v;
      if (typeof v === "number" || typeof v === "boolean") return String(v);
      return undefined;
    case "date":
      if (typeof v !== "string") return undefined;
      return parseIsoDate(v) ?? parseWith(() => makeDateParser(settings!.dateFormat, settings), v, settings) ?? undefined;
    case "time":
      if (typeof v !== "string") return undefined;
      return parseIsoTime(v) ?? parseWith(() => makeTimeParser(settings!.timeFormat), v, settings) ?? undefined;
    case "timestamp":
      return typeof v === "string" ? parseIsoTimestamp(v) ?? undefined : undefined;
    default:
      return typeof v === "string" || typeof v === "number" ? v : undefined;
  }
}

function parseWith(make: () => (text: string) => number | null, text: string, settings: unknown): number | null {
  if (!settings) return null;
  try {
    return make()(text);
  } catch {
    return null;
  }
}

/**
 * Storage of a list of literal output values (flag true/false values, Derive Set values,
 * Reclassify targets): Integer when every one is a JSON integer, Real when every one is a
 * number, String otherwise. JSON null entries do not count.
 */
export function storageOfLiterals(values: readonly unknown[]): Storage {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (present.length > 0 && present.every((v) => typeof v === "number" && Number.isInteger(v))) return "integer";
  if (present.length > 0 && present.every((v) => typeof v === "number")) return "real";
  return "string";
}

/** A literal output value in the storage chosen by `storageOfLiterals`. */
export function literalValue(v: unknown, storage: Storage): Value {
  if (v === null || v === undefined) return null;
  if (storage === "string") return typeof v === "string" ? v : String(v);
  return v as number;
}

/**
 * A lookup from values of one storage to something, keyed so that data values find the
 * entries written as JSON (`"1"` finds integer 1). Keys that are not values of the storage
 * are reported through `onBadKey`.
 */
export class ValueMap<T> {
  private readonly map = new Map<string, T>();

  set(value: Value, item: T): void {
    this.map.set(groupKey(value), item);
  }

  get(value: Value): T | undefined {
    return this.map.get(groupKey(value));
  }

  has(value: Value): boolean {
    return this.map.has(groupKey(value));
  }

  get size(): number {
    return this.map.size;
  }
}

/** Accepts a mapping written as a JSON object or as a list of `[from, to]` pairs. */
export function mappingEntries(v: unknown): Array<[unknown, unknown]> {
  if (Array.isArray(v)) return v.filter((e): e is unknown[] => Array.isArray(e) && e.length >= 2).map((e) => [e[0], e[1]]);
  if (typeof v === "object" && v !== null) return Object.entries(v);
  return [];
}

/** The JSON Schema of such a mapping. */
export const MAPPING_SCHEMA = {
  oneOf: [
    { type: "object", additionalProperties: { type: ["string", "number", "null"] } },
    { type: "array", items: { type: "array", minItems: 2, maxItems: 2, items: { type: ["string", "number", "null"] } } },
  ],
} as const;

/** JSON Schema of a scalar property value (string or number). */
export const SCALAR_SCHEMA = { type: ["string", "number"] } as const;

/** JSON Schema of a list of scalar values. */
export const VALUE_LIST_SCHEMA = { type: "array", items: { type: ["string", "number", "null"] } } as const;

function isScalar(v: unknown): boolean {
  return typeof v === "string" || (typeof v === "number" && Number.isFinite(v));
}

/**
 * Shape checks for JSON-typed properties (the stream reader checks them against their JSON
 * Schema, but streams built in code are not read): scalars, keyed lists of scalars, keyed
 * scalars and mappings. Errors name the node, property and value.
 */
export function checkJsonShapes(
  props: Props,
  shapes: { scalars?: readonly string[]; keyedLists?: readonly string[]; keyedScalars?: readonly string[]; mappings?: readonly string[] },
): void {
  for (const name of shapes.scalars ?? []) {
    const v = props.values[name];
    if (v !== undefined && v !== null && !isScalar(v)) throw props.unsupported(name, v, "it must be a string or a number");
  }
  for (const name of shapes.keyedLists ?? []) {
    for (const [key, v] of Object.entries(props.keyed(name))) {
      if (v !== null && !(Array.isArray(v) && v.every((x) => x === null || isScalar(x)))) throw props.unsupported(name, v, `the entry for "${key}" must be a list of strings or numbers`);
    }
  }
  for (const name of shapes.keyedScalars ?? []) {
    for (const [key, v] of Object.entries(props.keyed(name))) {
      if (v !== null && !isScalar(v)) throw props.unsupported(name, v, `the entry for "${key}" must be a string or a number`);
    }
  }
  for (const name of shapes.mappings ?? []) {
    const v = props.values[name];
    if (v === undefined || v === null) continue;
    const ok = Array.isArray(v)
      ? v.every((e) => Array.isArray(e) && e.length === 2 && (e[0] === null || isScalar(e[0])) && (e[1] === null || isScalar(e[1])))
      : typeof v === "object" && Object.values(v).every((x) => x === null || isScalar(x));
    if (!ok) throw props.unsupported(name, v, "it must be an object of values, or a list of [from, to] pairs");
  }
}
