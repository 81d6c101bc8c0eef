/**
 * Bitwise integer functions (CLEM.md §4.9) on infinite two's complement, with BigInt so that
 * no 32-bit truncation ever shows. The operators (`&&`, `||`, `<<`, ...) are in operators.ts.
 */
import { strict } from "../bound.js";
import type { Int } from "./integers.js";
import { family, sig } from "./registry.js";

/** Ones of n ≥ 0, zeros of n < 0: bitcount(n) = bitcount(-(n+1)) (CLEM.md §4.9). */
export function bitCount(n: Int): number {
  let b = BigInt(n);
  if (b < 0n) b = -(b + 1n);
  let count = 0;
  while (b > 0n) {
    count += Number(b & 1n);
    b >>= 1n;
  }
  return count;
}

/** Largest N with 2**N dividing n; `$null$` for 0, which every power of two divides. */
export function leastBit(n: Int): number | null {
  let b = BigInt(n);
  if (b === 0n) return null;
  let k = 0;
  while ((b & 1n) === 0n) {
    b >>= 1n;
    k++;
  }
  return k;
}

/** Smallest N with n < 1 << N (n ≥ 0) or n ≥ -1 << N (n < 0). */
export function bitLength(n: Int): number {
  let b = BigInt(n);
  if (b < 0n) b = -(b + 1n);
  return b === 0n ? 0 : b.toString(2).length;
}

export function testBit(n: Int, bit: Int): boolean | null {
  const k = BigInt(bit);
  if (k < 0n) return null;
  return ((BigInt(n) >> k) & 1n) === 1n;
}

export const BITWISE_FUNCTIONS = family("bitwise", {
  integer_bitcount: sig(["integer"], "integer", strict(bitCount)),
  integer_leastbit: sig(["integer"], "integer", strict(leastBit)),
  integer_length: sig(["integer"], "integer", strict(bitLength)),
  testbit: sig(["integer", "integer"], "boolean", strict(testBit)),
});
