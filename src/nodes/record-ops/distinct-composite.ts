/**
 * The Distinct node's Composite mode: how each field of a group of duplicates is filled in
 * the one record that replaces the group (`composite_value`, keyed by field, a fill type and
 * its options: `["First"]`, `["Concatenate", "Comma"]`, `["IncludesValue", "Y"]`).
 *
 * A fill sees the group's values in group order (the input order, or `sort_keys` order).
 * Fills that pick a value (First, Last) return it as it is, `$null$` included; the others
 * skip nulls and give `$null$` when every value is null.
 */
import type { Field } from "../../data/field.js";
import { isDateTimeStorage, isNumericStorage, storageLabel, type Storage } from "../../data/storage.js";
import { formatValue, valuesEqual, type Value } from "../../data/values.js";
import { compareSortValues } from "./ordering.js";

export type CompositeFill = (values: readonly Value[]) => Value;

export interface CompositePlan {
  readonly storage: Storage;
  readonly fill: CompositeFill;
}

/** Named delimiters of Concatenate; any other text is used as it is. */
const DELIMITERS: Readonly<Record<string, string>> = { space: " ", comma: ",", underscore: "_", semicolon: ";", tab: "\t", none: "" };

/** Fill types by lower-case name (Modeler's scripting examples mix cases: "First", "last"). */
const FILLS: Readonly<Record<string, (field: Field, options: readonly unknown[]) => CompositePlan>> = {
  first: (f) => ({ storage: f.storage, fill: (vs) => (vs.length > 0 ? vs[0]! : null) }),
  last: (f) => ({ storage: f.storage, fill: (vs) => (vs.length > 0 ? vs[vs.length - 1]! : null) }),
  total: (f) => ({ storage: f.storage === "integer" ? "integer" : "real", fill: total }),
  average: () => ({ storage: "real", fill: average }),
  min: (f) => ({ storage: f.storage, fill: (vs) => extreme(vs, -1) }),
  max: (f) => ({ storage: f.storage, fill: (vs) => extreme(vs, 1) }),
  shortest: (f) => ({ storage: f.storage, fill: (vs) => byLength(vs, -1) }),
  longest: (f) => ({ storage: f.storage, fill: (vs) => byLength(vs, 1) }),
  concatenate: (f, options) => {
    const d = options[0] === undefined ? "" : String(options[0]);
    const delimiter = Object.hasOwn(DELIMITERS, d.toLowerCase()) ? DELIMITERS[d.toLowerCase()]! : d;
    return { storage: "string", fill: (vs) => concatenate(vs, delimiter, f.storage) };
  },
  mostfrequent: (f) => ({ storage: f.storage, fill: (vs) => byFrequency(vs, 1) }),
  leastfrequent: (f) => ({ storage: f.storage, fill: (vs) => byFrequency(vs, -1) }),
  includesvalue: (f, options) => {
    const wanted = options[0] as Value;
    const [yes, no] = [options[1] ?? "T", options[2] ?? "F"].map(String) as [string, string];
    return { storage: "string", fill: (vs) => (vs.some((v) => sameValue(v, wanted, f.storage)) ? yes : no) };
  },
};

/** Alternative spellings (UI labels and older scripting names). */
const ALIASES: Readonly<Record<string, string>> = {
  firstrecord: "first", lastrecord: "last", sum: "total", mean: "average",
  minimum: "min", maximum: "max", earliest: "min", latest: "max", mostrecent: "max",
  firstalpha: "min", lastalpha: "max", concat: "concatenate",
};

/** Which storages a fill accepts, by canonical name (absent: any). */
const ACCEPTS: Readonly<Record<string, (s: Storage) => boolean>> = {
  total: isNumericStorage,
  average: isNumericStorage,
  shortest: (s) => s === "string",
  longest: (s) => s === "string",
};

/** Earliest/Latest read naturally only on dates and times; they still order any storage. */
const DATE_FILLS = new Set(["earliest", "latest", "mostrecent"]);

export class CompositeSettingError extends Error {}

/**
 * The plan for one field from its `composite_value` setting (a fill name or a list whose
 * first item is the fill name). Throws `CompositeSettingError` with the reason.
 */
export function compositePlan(field: Field, setting: unknown): CompositePlan {
  const list = Array.isArray(setting) ? setting : [setting];
  const name = list[0];
  if (typeof name !== "string" || name === "") throw new CompositeSettingError("must be a fill type name or a list starting with one");
  const lower = name.toLowerCase();
  const canonical = ALIASES[lower] ?? lower;
  const make = FILLS[canonical];
  if (!make) {
    throw new CompositeSettingError(
      `fill type "${name}" is not supported; use one of First, Last, Total, Average, Min, Max, Earliest, Latest, FirstAlpha, LastAlpha, Shortest, Longest, Concatenate, MostFrequent, LeastFrequent, IncludesValue`,
    );
  }
  const accepts = ACCEPTS[canonical];
  if (accepts && !accepts(field.storage)) {
    throw new CompositeSettingError(`${name} does not apply to "${field.name}", which has ${storageLabel(field.storage)} storage`);
  }
  if (DATE_FILLS.has(lower) && !isDateTimeStorage(field.storage) && !isNumericStorage(field.storage)) {
    throw new CompositeSettingError(`${name} applies to dates, times and numbers; "${field.name}" has ${storageLabel(field.storage)} storage`);
  }
  if (canonical === "includesvalue" && list.length < 2) throw new CompositeSettingError("IncludesValue needs the value to look for: [\"IncludesValue\", value]");
  const options = list.slice(1);
  if (!["concatenate", "includesvalue"].includes(canonical) && options.length > 0) {
    throw new CompositeSettingError(`${name} takes no options (got ${JSON.stringify(options)})`);
  }
  return make(field, options);
}

function total(vs: readonly Value[]): Value {
  let sum: number | bigint | null = null;
  for (const v of vs) {
    if (v === null) continue;
    if (typeof sum === "bigint" || typeof v === "bigint") sum = BigInt(sum ?? 0) + BigInt(v as number | bigint);
    else {
      const s: number = (sum ?? 0) + (v as number);
      sum = Number.isInteger(v) && !Number.isSafeInteger(s) ? BigInt(sum ?? 0) + BigInt(v as number) : s;
    }
  }
  return sum;
}

function average(vs: readonly Value[]): Value {
  let n = 0;
  let mean = 0;
  for (const v of vs) {
    if (v === null) continue;
    n++;
    mean += (Number(v) - mean) / n;
  }
  return n === 0 ? null : mean;
}

function extreme(vs: readonly Value[], sign: 1 | -1): Value {
  let best: Value = null;
  for (const v of vs) {
    if (v === null) continue;
    if (best === null || sign * compareSortValues(v, best) > 0) best = v;
  }
  return best;
}

function byLength(vs: readonly Value[], sign: 1 | -1): Value {
  let best: string | null = null;
  for (const v of vs) {
    if (typeof v !== "string") continue;
    if (best === null || sign * (v.length - best.length) > 0) best = v;
  }
  return best;
}

function concatenate(vs: readonly Value[], delimiter: string, storage: Storage): Value {
  const parts: string[] = [];
  for (const v of vs) if (v !== null) parts.push(typeof v === "string" ? v : formatValue(v, storage));
  return parts.length === 0 ? null : parts.join(delimiter);
}

/** The most (sign 1) or least (sign −1) frequent non-null value; ties go to the one met first. */
function byFrequency(vs: readonly Value[], sign: 1 | -1): Value {
  const counts = new Map<Value, number>();
  for (const v of vs) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: Value = null;
  let bestCount = 0;
  for (const [v, c] of counts) {
    if (best === null || sign * (c - bestCount) > 0) {
      best = v;
      bestCount = c;
    }
  }
  return best;
}

function sameValue(v: Value, wanted: Value, storage: Storage): boolean {
  if (v === null) return false;
  if (v === wanted || valuesEqual(v, wanted)) return true;
  if (isNumericStorage(storage) && typeof wanted === "string" && wanted.trim() !== "") return Number(wanted) === Number(v);
  return typeof v === "string" && typeof wanted === "number" && v === String(wanted);
}
