/**
 * Integer arithmetic of arbitrary size. CLEM integers have no fixed width (CLEM.md §1.1): we
 * keep them as JS numbers while they are safe integers and move to `bigint` only when a result
 * leaves ±2^53, so the common case costs one float operation and one range test.
 *
 * Why the float fast path is exact: for safe integer operands, IEEE addition, subtraction and
 * multiplication return the correctly rounded exact result, so a result that is itself a safe
 * integer is the exact one; a rounded result outside the safe range means the exact one is too.
 */
import { normaliseInteger, type Value } from "../../data/values.js";
import { ClemRuntimeError } from "../errors.js";

export type Int = number | bigint;

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

export function addInt(a: Int, b: Int): Int {
  if (typeof a === "number" && typeof b === "number") {
    const r = a + b;
    if (r <= MAX_SAFE && r >= -MAX_SAFE) return r;
  }
  return normaliseInteger(BigInt(a) + BigInt(b));
}

export function subInt(a: Int, b: Int): Int {
  if (typeof a === "number" && typeof b === "number") {
    const r = a - b;
    if (r <= MAX_SAFE && r >= -MAX_SAFE) return r;
  }
  return normaliseInteger(BigInt(a) - BigInt(b));
}

export function mulInt(a: Int, b: Int): Int {
  if (typeof a === "number" && typeof b === "number") {
    const r = a * b;
    // `+ 0` turns -0 (0 * -5) into 0: integers have no signed zero.
    if (r <= MAX_SAFE && r >= -MAX_SAFE) return r + 0;
  }
  return normaliseInteger(BigInt(a) * BigInt(b));
}

export function negInt(a: Int): Int {
  return typeof a === "number" ? 0 - a : normaliseInteger(-a);
}

export function absInt(a: Int): Int {
  return typeof a === "number" ? Math.abs(a) : normaliseInteger(a < 0n ? -a : a);
}

/** `div`: truncates toward zero; `$null$` for division by zero. */
export function divInt(a: Int, b: Int): Int | null {
  if (typeof a === "number" && typeof b === "number") {
    if (b === 0) return null;
    // a - a % b is an exact multiple of b, so the division is exact (no float rounding).
    return (a - (a % b)) / b + 0;
  }
  const bb = BigInt(b);
  return bb === 0n ? null : normaliseInteger(BigInt(a) / bb);
}

/** `rem`: `a - (a div b) * b`, sign of `a`. */
export function remInt(a: Int, b: Int): Int | null {
  if (typeof a === "number" && typeof b === "number") return b === 0 ? null : (a % b) + 0;
  const bb = BigInt(b);
  return bb === 0n ? null : normaliseInteger(BigInt(a) % bb);
}

/** `mod` (deprecated): the floored modulus, sign of `b` (Pop-11's `mod`, CLEM's ancestor). */
export function modInt(a: Int, b: Int): Int | null {
  const r = remInt(a, b);
  if (r === null || r === 0) return r;
  const negR = typeof r === "number" ? r < 0 : r < 0n;
  const negB = typeof b === "number" ? b < 0 : b < 0n;
  return negR !== negB ? addInt(r, b) : r;
}

/** Bits beyond which an integer power is refused rather than computed for minutes. */
const MAX_POWER_BITS = 1 << 22;

/**
 * `INT ** INT` by repeated multiplication (squaring). A negative exponent gives
 * `1 div (base ** -exp)`: 0 unless the base is ±1, `$null$` for base 0 (docs/clem.md).
 */
export function powInt(base: Int, exp: Int): Int | null {
  const e = BigInt(exp);
  const b = BigInt(base);
  if (e < 0n) {
    if (b === 0n) return null;
    if (b === 1n) return 1;
    if (b === -1n) return e % 2n === 0n ? 1 : -1;
    return 0;
  }
  if (b === 0n || b === 1n) return e === 0n ? 1 : Number(b);
  if (b === -1n) return e % 2n === 0n ? 1 : -1;
  const bits = Number(e) * Math.log2(Math.abs(Number(b)));
  if (bits > MAX_POWER_BITS) {
    throw new ClemRuntimeError(`${base} ** ${exp} has about ${Math.round(bits)} bits, more than the ${MAX_POWER_BITS} CLEM computes`);
  }
  if (bits < 52 && typeof base === "number") {
    let result = 1;
    let sq = base;
    let n = Number(e);
    while (n > 0) {
      if (n & 1) result *= sq;
      sq *= sq;
      n >>>= 1;
    }
    return result;
  }
  return normaliseInteger(b ** e);
}

/** Truncation toward zero of a finite real, as an integer value (bigint beyond 2^53). */
export function truncToInt(x: number): Int {
  const t = Math.trunc(x) + 0;
  return Number.isSafeInteger(t) ? t : BigInt(t);
}

/** Half away from zero (`round`, CLEM.md §4.5). `x - trunc(x)` is exact, so 0.49999999999999994 stays 0. */
export function roundHalfAway(x: number): Int {
  const t = Math.trunc(x);
  const f = x - t;
  const r = f >= 0.5 ? t + 1 : f <= -0.5 ? t - 1 : t;
  return truncToInt(r);
}

export function isInt(v: Value): v is Int {
  return typeof v === "bigint" || (typeof v === "number" && Number.isInteger(v));
}

export function compareInt(a: Int, b: Int): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Exact sum of integers (bigint only when needed). */
export function sumInts(values: readonly Int[]): Int {
  let acc: Int = 0;
  for (const v of values) acc = addInt(acc, v);
  return acc;
}
