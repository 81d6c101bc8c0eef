/**
 * The function library: every CLEM function and operator by name. Adding a function is one
 * entry in its family's file; the binder and compiler need no change.
 */
import { BITWISE_FUNCTIONS } from "./bitwise.js";
import { COMPARISON_FUNCTIONS } from "./comparison.js";
import { CONVERSION_FUNCTIONS } from "./conversion.js";
import { DATE_FUNCTIONS } from "./dates.js";
import { INFORMATION_FUNCTIONS } from "./information.js";
import { NUMERIC_FUNCTIONS } from "./numeric.js";
import { OPERATORS, PREFIX_OPERATORS } from "./operators.js";
import { PROBABILITY_FUNCTIONS } from "./probability.js";
import { RANDOM_FUNCTIONS } from "./random.js";
import type { FunctionDef } from "./registry.js";
import { SOUNDEX_FUNCTIONS } from "./soundex.js";
import { STRING_FUNCTIONS } from "./strings.js";
import { TIME_FUNCTIONS } from "./times.js";
import { TRIGONOMETRIC_FUNCTIONS } from "./trigonometric.js";

const ALL: readonly FunctionDef[] = [
  ...OPERATORS, ...PREFIX_OPERATORS, ...INFORMATION_FUNCTIONS, ...CONVERSION_FUNCTIONS, ...COMPARISON_FUNCTIONS,
  ...NUMERIC_FUNCTIONS, ...TRIGONOMETRIC_FUNCTIONS, ...PROBABILITY_FUNCTIONS, ...BITWISE_FUNCTIONS,
  ...RANDOM_FUNCTIONS, ...STRING_FUNCTIONS, ...SOUNDEX_FUNCTIONS, ...DATE_FUNCTIONS, ...TIME_FUNCTIONS,
];

export const FUNCTIONS: ReadonlyMap<string, FunctionDef> = new Map(ALL.map((d) => [d.name, d]));

/** Functions written without parentheses (`pi`, `datetime_now`). */
export const CONSTANT_FUNCTIONS: ReadonlySet<string> = new Set(["pi", "datetime_now"]);

/** Names of the callable functions (operators excluded), for suggestions and docs. */
export function functionNames(): string[] {
  return ALL.filter((d) => d.family !== "operators" || d.name === "negate").map((d) => d.name).sort();
}

export { SPATIAL_FUNCTION_NAMES } from "./information.js";
export type { CallSite, FunctionDef, Signature } from "./registry.js";
