/**
 * Comparison operators and functions (CLEM.md §2.5, §4.3).
 *
 * Two values compare when they are of one kind: numbers (integer and real mix), strings (by
 * UTF-16 code unit, case-sensitive, trailing spaces significant), dates, times, timestamps, or
 * conditions (equality only). Anything else — notably a string with a number — is a type error
 * before any row is read. A `$null$` operand makes the comparison `$null$`.
 */
import type { Value } from "../../data/values.js";
import { lenient, strict } from "../bound.js";
import { ClemRuntimeError } from "../errors.js";
import { describeType, isNumericType, unifyTypes, type ClemType } from "../types.js";
import { itemTypeOf, listItems } from "./lists.js";
import { family, sig, type CallSite } from "./registry.js";

export type CompareKind = "number" | "string" | "date" | "time" | "timestamp" | "boolean" | "dynamic";

/** The kind two static types compare as, or null when they do not compare. */
export function compareKind(a: ClemType, b: ClemType): CompareKind | null {
  if (a === "list" || b === "list") return null;
  if (a === "any" || b === "any") return "dynamic";
  if (a === "null" && b === "null") return "dynamic";
  const x = a === "null" ? b : a;
  const y = b === "null" ? a : b;
  if (isNumericType(x) && isNumericType(y)) return "number";
  if (x !== y) return null;
  return x as CompareKind;
}

/** Equality of two values of one kind; integer 3 equals real 3.0 and bigints compare exactly. */
export function sameValue(a: Value, b: Value): boolean {
  if (a === b) return true;
  // Loose equality compares a bigint and a number mathematically (1n == 1); nothing else reaches here equal.
  return (typeof a === "bigint" || typeof b === "bigint") && typeof a !== "string" && typeof b !== "string" && a == b;
}

function kindOf(v: Value): string {
  return typeof v === "bigint" ? "number" : Array.isArray(v) ? "list" : typeof v;
}

/** Order of two values of unknown storage: checked at run time. */
export function dynamicCompare(a: Value, b: Value): number {
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (ka !== kb || ka === "list") throw new ClemRuntimeError(`cannot compare a ${ka} with a ${kb}`);
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

/** Sign of a - b for two values of one (statically checked) kind. */
export function orderOf(a: Value, b: Value): number {
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

export type ComparisonOperator = "=" | "/=" | "<" | "<=" | ">" | ">=";

export function comparisonImplementation(op: ComparisonOperator, kind: CompareKind) {
  if (kind === "dynamic") {
    switch (op) {
      case "=": return strict((a: Value, b: Value) => { dynamicCompare(a, b); return sameValue(a, b); });
      case "/=": return strict((a: Value, b: Value) => { dynamicCompare(a, b); return !sameValue(a, b); });
      case "<": return strict((a: Value, b: Value) => dynamicCompare(a, b) < 0);
      case "<=": return strict((a: Value, b: Value) => dynamicCompare(a, b) <= 0);
      case ">": return strict((a: Value, b: Value) => dynamicCompare(a, b) > 0);
      case ">=": return strict((a: Value, b: Value) => dynamicCompare(a, b) >= 0);
    }
  }
  if (kind === "number") {
    // `==` between number and bigint is exact; between two numbers it is `===`.
    switch (op) {
      case "=": return strict((a: number, b: number) => a == b);
      case "/=": return strict((a: number, b: number) => a != b);
      default: break;
    }
  } else {
    switch (op) {
      case "=": return strict((a: Value, b: Value) => a === b);
      case "/=": return strict((a: Value, b: Value) => a !== b);
      default: break;
    }
  }
  switch (op) {
    case "<": return strict((a: number, b: number) => a < b);
    case "<=": return strict((a: number, b: number) => a <= b);
    case ">": return strict((a: number, b: number) => a > b);
    default: return strict((a: number, b: number) => a >= b);
  }
}

/** Checks that every list item compares with `item` (or with each other) and gives their common type. */
function checkComparableItems(site: CallSite, listIndex: number, against?: ClemType): ClemType {
  let common: ClemType = against ?? "null";
  for (const item of listItems(site, listIndex)) {
    if (compareKind(common, item.type) === null) {
      site.fail(`${site.name}: ${describeType(item.type)} cannot be compared with ${describeType(common)}`, listIndex);
    }
    common = unifyTypes(common, item.type) ?? "any";
  }
  return common;
}

function requireOrdered(site: CallSite, t: ClemType, i: number): void {
  if (t === "boolean") site.fail(`${site.name}: conditions (true/false) have no order`, i);
}

function countWhere(test: (item: Value, x: Value) => boolean) {
  return lenient((x: Value, items: Value[]) => {
    if (x === null) return null;
    let n = 0;
    for (const v of items) if (v !== null && test(v, x)) n++;
    return n;
  });
}

function indexWhere(items: Value[], x: Value, fromEnd: boolean): number {
  if (fromEnd) {
    for (let i = items.length - 1; i >= 0; i--) if (items[i] !== null && sameValue(items[i]!, x)) return i + 1;
  } else {
    for (let i = 0; i < items.length; i++) if (items[i] !== null && sameValue(items[i]!, x)) return i + 1;
  }
  return 0;
}

/** Position (1-based) of the largest/smallest non-null item; the first one on ties; null if all are null. */
function extremeIndex(items: Value[], sign: 1 | -1): number | null {
  let best = -1;
  for (let i = 0; i < items.length; i++) {
    const v = items[i]!;
    if (v === null) continue;
    if (best < 0 || sign * orderOf(v, items[best]!) > 0) best = i;
  }
  return best < 0 ? null : best + 1;
}

function twoComparable(site: CallSite): ClemType {
  const [a, b] = site.types as [ClemType, ClemType];
  const kind = compareKind(a, b);
  if (kind === null) site.fail(`${site.name}: ${describeType(a)} cannot be compared with ${describeType(b)}`, 1);
  requireOrdered(site, a, 0);
  return unifyTypes(a, b) ?? "any";
}

export const COMPARISON_FUNCTIONS = family("comparison", {
  count_equal: sig(["value", "list"], (s) => (checkComparableItems(s, 1, s.types[0]), "integer"), countWhere(sameValue)),
  count_not_equal: sig(["value", "list"], (s) => (checkComparableItems(s, 1, s.types[0]), "integer"), countWhere((v, x) => !sameValue(v, x))),
  count_greater_than: sig(["value", "list"], (s) => (requireOrdered(s, checkComparableItems(s, 1, s.types[0]), 1), "integer"), countWhere((v, x) => orderOf(v, x) > 0)),
  count_less_than: sig(["value", "list"], (s) => (requireOrdered(s, checkComparableItems(s, 1, s.types[0]), 1), "integer"), countWhere((v, x) => orderOf(v, x) < 0)),
  count_nulls: sig(["list"], "integer", lenient((items: Value[]) => items.reduce<number>((n, v) => (v === null ? n + 1 : n), 0))),
  count_non_nulls: sig(["list"], "integer", lenient((items: Value[]) => items.reduce<number>((n, v) => (v === null ? n : n + 1), 0))),
  date_before: sig(["dateLike", "dateLike"], "boolean", strict((a: number, b: number) => a < b)),
  time_before: sig(["timeLike", "timeLike"], "boolean", strict((a: number, b: number) => a < b)),
  first_index: sig(["value", "list"], (s) => (checkComparableItems(s, 1, s.types[0]), "integer"), lenient((x: Value, items: Value[]) => (x === null ? null : indexWhere(items, x, false)))),
  last_index: sig(["value", "list"], (s) => (checkComparableItems(s, 1, s.types[0]), "integer"), lenient((x: Value, items: Value[]) => (x === null ? null : indexWhere(items, x, true)))),
  first_non_null: sig(["list"], (s) => itemTypeOf(s, 0), lenient((items: Value[]) => items.find((v) => v !== null) ?? null)),
  last_non_null: sig(["list"], (s) => itemTypeOf(s, 0), lenient((items: Value[]) => items.findLast((v) => v !== null) ?? null)),
  first_non_null_index: sig(["list"], "integer", lenient((items: Value[]) => items.findIndex((v) => v !== null) + 1)),
  last_non_null_index: sig(["list"], "integer", lenient((items: Value[]) => items.findLastIndex((v) => v !== null) + 1)),
  max: sig(["value", "value"], twoComparable, strict((a: Value, b: Value) => (orderOf(b, a) > 0 ? b : a))),
  min: sig(["value", "value"], twoComparable, strict((a: Value, b: Value) => (orderOf(b, a) < 0 ? b : a))),
  max_index: sig(["list"], (s) => (requireOrdered(s, checkComparableItems(s, 0), 0), "integer"), lenient((items: Value[]) => extremeIndex(items, 1))),
  min_index: sig(["list"], (s) => (requireOrdered(s, checkComparableItems(s, 0), 0), "integer"), lenient((items: Value[]) => extremeIndex(items, -1))),
  member: sig(["value", "list"], (s) => (checkComparableItems(s, 1, s.types[0]), "boolean"), lenient((x: Value, items: Value[]) => (x === null ? null : items.some((v) => v !== null && sameValue(v, x))))),
  value_at: sig(["integer", "list"], (s) => itemTypeOf(s, 1), lenient((i: Value, items: Value[]) => {
    if (i === null) return null;
    const k = Number(i);
    return k >= 1 && k <= items.length ? items[k - 1]! : null;
  })),
});
