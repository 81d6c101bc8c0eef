/**
 * Information functions (CLEM.md §4.1): `is_*` test the storage of a value, not whether a
 * string looks like a number. `$null$` is of no storage, so every test gives false for it.
 * For a field of known storage the answer is fixed by its type; for a field of unknown storage
 * it is read from the value (a whole number counts as an integer; dates cannot be told from
 * numbers there, so `is_date` and friends give false).
 */
import type { Value } from "../../data/values.js";
import { lenient, type Implementation } from "../bound.js";
import type { ClemType } from "../types.js";
import { family, sig, type CallSite } from "./registry.js";

function storageTest(types: readonly ClemType[], dynamic: (v: Value) => boolean) {
  return (site: CallSite): Implementation => {
    const t = site.types[0]!;
    if (t === "any") return lenient((v: Value) => v !== null && dynamic(v));
    const fits = types.includes(t);
    return lenient((v: Value) => v !== null && fits);
  };
}

const isWhole = (v: Value) => typeof v === "bigint" || (typeof v === "number" && Number.isInteger(v));
const never = () => false;

export const INFORMATION_FUNCTIONS = family("information", {
  is_date: sig(["value"], "boolean", storageTest(["date"], never)),
  is_time: sig(["value"], "boolean", storageTest(["time"], never)),
  is_timestamp: sig(["value"], "boolean", storageTest(["timestamp"], never)),
  is_datetime: sig(["value"], "boolean", storageTest(["date", "time", "timestamp"], never)),
  is_integer: sig(["value"], "boolean", storageTest(["integer"], isWhole)),
  is_real: sig(["value"], "boolean", storageTest(["real"], (v) => typeof v === "number" && !Number.isInteger(v))),
  is_number: sig(["value"], "boolean", storageTest(["integer", "real"], (v) => typeof v === "number" || typeof v === "bigint")),
  is_string: sig(["value"], "boolean", storageTest(["string"], (v) => typeof v === "string")),
});

/** Geospatial functions: recognised so that the error says why, not "unknown function". */
export const SPATIAL_FUNCTION_NAMES: ReadonlySet<string> = new Set([
  "close_to", "crosses", "overlap", "within", "area", "num_points", "distance", "to_geohash",
]);
