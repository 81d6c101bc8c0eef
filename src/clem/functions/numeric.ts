/**
 * Numeric functions (CLEM.md §4.5). Results that are not finite (log of 0, sqrt of a negative,
 * exp overflow) are `$null$`. The `*_n` functions skip `$null$` items and give `$null$` only
 * when no item is left; `sdev_n` is the sample standard deviation (n − 1), `$null$` for fewer
 * than two values.
 */
import { finiteOrNull, type Value } from "../../data/values.js";
import { lenient, strict } from "../bound.js";
import { describeType, isNumericType, unifyTypes, type ClemType } from "../types.js";
import { listItems } from "./lists.js";
import { absInt, addInt, roundHalfAway, truncToInt, type Int } from "./integers.js";
import { family, sameAs, sig, type CallSite } from "./registry.js";

const realFn = (f: (x: number) => number) => strict((x: Int) => finiteOrNull(f(Number(x))));

function numericItems(site: CallSite, i: number): ClemType {
  let t: ClemType = "null";
  for (const item of listItems(site, i)) {
    if (!isNumericType(item.type) && item.type !== "null" && item.type !== "any") {
      site.fail(`${site.name} needs numbers; the list holds ${describeType(item.type)}`, i);
    }
    t = unifyTypes(t, item.type) ?? "any";
  }
  return t === "null" ? "integer" : t;
}

/** Exact sum of integers skipping nulls (bigint when needed). */
function sumOfIntegers(items: readonly Value[]): Value {
  let acc: Int = 0;
  let seen = false;
  for (const v of items) {
    if (v === null) continue;
    seen = true;
    acc = addInt(acc, v as Int);
  }
  return seen ? acc : null;
}

function sumOfReals(items: readonly Value[]): Value {
  let acc = 0;
  let seen = false;
  for (const v of items) {
    if (v === null) continue;
    seen = true;
    acc += Number(v);
  }
  return seen ? finiteOrNull(acc) : null;
}

export function meanOf(items: readonly Value[]): number | null {
  let n = 0;
  let sum = 0;
  for (const v of items) {
    if (v === null) continue;
    n++;
    sum += Number(v);
  }
  return n === 0 ? null : finiteOrNull(sum / n);
}

/** Sample standard deviation by Welford's update (stable for large, close values). */
export function sdevOf(items: readonly Value[]): number | null {
  let n = 0;
  let mean = 0;
  let m2 = 0;
  for (const v of items) {
    if (v === null) continue;
    const x = Number(v);
    n++;
    const d = x - mean;
    mean += d / n;
    m2 += d * (x - mean);
  }
  return n < 2 ? null : finiteOrNull(Math.sqrt(m2 / (n - 1)));
}

function extremeOf(items: readonly Value[], sign: 1 | -1): Value {
  let best: Value = null;
  for (const v of items) {
    if (v === null) continue;
    if (best === null || (sign > 0 ? v > best : v < best)) best = v;
  }
  return best;
}

function sign(site: CallSite) {
  return site.types[0] === "integer"
    ? strict((x: Int) => (x > 0 ? 1 : x < 0 ? -1 : 0))
    : strict((x: number) => (x > 0 ? 1.0 : x < 0 ? -1.0 : 0.0));
}

export const NUMERIC_FUNCTIONS = family("numeric", {
  abs: [
    sig(["integer"], "integer", strict(absInt)),
    sig(["real"], "real", strict((x: number) => Math.abs(x))),
  ],
  exp: sig(["number"], "real", realFn(Math.exp)),
  fracof: sig(["number"], "real", strict((x: Int) => (typeof x === "bigint" ? 0 : x - Math.trunc(x)))),
  intof: [
    sig(["integer"], "integer", strict((x: Int) => x)),
    sig(["real"], "integer", strict(truncToInt)),
  ],
  log: sig(["number"], "real", realFn((x) => (x > 0 ? Math.log(x) : NaN))),
  log10: sig(["number"], "real", realFn((x) => (x > 0 ? Math.log10(x) : NaN))),
  round: [
    sig(["integer"], "integer", strict((x: Int) => x)),
    sig(["real"], "integer", strict(roundHalfAway)),
  ],
  sign: sig(["number"], sameAs(0), sign),
  sqrt: sig(["number"], "real", realFn((x) => (x >= 0 ? Math.sqrt(x) : NaN))),
  sum_n: sig(["list"], (s) => (numericItems(s, 0) === "integer" ? "integer" : "real"), (s) => lenient(numericItems(s, 0) === "integer" ? sumOfIntegers : sumOfReals)),
  mean_n: sig(["list"], (s) => (numericItems(s, 0), "real"), lenient(meanOf)),
  sdev_n: sig(["list"], (s) => (numericItems(s, 0), "real"), lenient(sdevOf)),
  max_n: sig(["list"], (s) => numericItems(s, 0), lenient((items: Value[]) => extremeOf(items, 1))),
  min_n: sig(["list"], (s) => numericItems(s, 0), lenient((items: Value[]) => extremeOf(items, -1))),
});
