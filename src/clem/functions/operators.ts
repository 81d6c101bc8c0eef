/**
 * Arithmetic, concatenation and bitwise operators (CLEM.md §2, §4.5, §4.9), defined like
 * functions under their spelling. Comparisons are in `comparison-ops.ts`; `and`, `or`, `not`
 * and `if` are control flow, compiled by the compiler itself.
 *
 * Typing (CLEM.md Part 2 §B.3): `+ - *` give an integer when both sides are integers, else a
 * real; `/` always gives a real; `div rem mod` take integers only; `**` follows §2.7.
 */
import { finiteOrNull, type Value } from "../../data/values.js";
import { strict } from "../bound.js";
import { ClemRuntimeError } from "../errors.js";
import { textConverter } from "./conversion.js";
import {
  addInt, divInt, modInt, mulInt, negInt, powInt, remInt, subInt, type Int,
} from "./integers.js";
import { family, sig, type CallSite } from "./registry.js";

const real = (f: (a: number, b: number) => number) => strict((a: Int, b: Int) => finiteOrNull(f(Number(a), Number(b))));

/** `BASE ** POWER` with a real power: exp(POWER * log(BASE)), so a negative base or 0 ** 0.0 is `$null$`. */
function realPower(base: number, power: number): number | null {
  if (base < 0) return null;
  if (base === 0) return power > 0 ? 0 : null;
  return finiteOrNull(Math.pow(base, power));
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const isInt32 = (x: Int): x is number => typeof x === "number" && x >= INT32_MIN && x <= INT32_MAX;
const big = (f: (a: bigint, b: bigint) => bigint) => (a: Int, b: Int): Int => {
  const r = f(BigInt(a), BigInt(b));
  return r >= BigInt(Number.MIN_SAFE_INTEGER) && r <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(r) : r;
};

/**
 * Bitwise operators on infinite two's complement (CLEM.md §4.9). Within 32 bits JS operators
 * give the same bits (sign extension included); beyond, BigInt does.
 */
const bitAnd = big((a, b) => a & b);
const bitOr = big((a, b) => a | b);
const bitXor = big((a, b) => a ^ b);
const bitAndNot = big((a, b) => a & ~b);

/** Shifts past this many bits are refused: the result would not fit in memory sensibly. */
const MAX_SHIFT = 1 << 22;

export function shiftLeft(a: Int, n: Int): Int {
  const k = Number(n);
  if (k < 0) return shiftRight(a, -k);
  if (k > MAX_SHIFT) throw new ClemRuntimeError(`a shift by ${k} bits is more than the ${MAX_SHIFT} CLEM computes`);
  const r = BigInt(a) << BigInt(k);
  return r >= BigInt(Number.MIN_SAFE_INTEGER) && r <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(r) : r;
}

export function shiftRight(a: Int, n: Int): Int {
  const k = Number(n);
  if (k < 0) return shiftLeft(a, -k);
  // BigInt >> is an arithmetic (floor) shift: -1 >> 5 = -1, as infinite sign extension says.
  const r = BigInt(a) >> BigInt(Math.min(k, MAX_SHIFT));
  return r >= BigInt(Number.MIN_SAFE_INTEGER) && r <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(r) : r;
}

function concat(site: CallSite) {
  const left = textConverter(site.types[0]!, site.settings);
  const right = textConverter(site.types[1]!, site.settings);
  return strict((a: Value, b: Value) => left(a) + right(b));
}

export const OPERATORS = family("operators", {
  "+": [
    sig(["integer", "integer"], "integer", strict(addInt)),
    sig(["number", "number"], "real", real((a, b) => a + b)),
  ],
  "-": [
    sig(["integer", "integer"], "integer", strict(subInt)),
    sig(["number", "number"], "real", real((a, b) => a - b)),
  ],
  "*": [
    sig(["integer", "integer"], "integer", strict(mulInt)),
    sig(["number", "number"], "real", real((a, b) => a * b)),
  ],
  "/": sig(["number", "number"], "real", real((a, b) => (b === 0 ? NaN : a / b))),
  div: sig(["integer", "integer"], "integer", strict(divInt)),
  rem: sig(["integer", "integer"], "integer", strict(remInt)),
  mod: sig(["integer", "integer"], "integer", (site) => {
    site.warn(`"mod" is deprecated in CLEM; use "rem" (note: mod takes the sign of the divisor, rem of the dividend)`);
    return strict(modInt);
  }),
  "**": [
    sig(["integer", "integer"], "integer", strict(powInt)),
    sig(["real", "integer"], "real", real((a, b) => Math.pow(a, b))),
    sig(["number", "real"], "real", strict((a: Int, b: number) => realPower(Number(a), b))),
  ],
  "><": sig(["value", "value"], "string", concat),
  "&&": sig(["integer", "integer"], "integer", strict((a: Int, b: Int) => (isInt32(a) && isInt32(b) ? a & b : bitAnd(a, b)))),
  "||": sig(["integer", "integer"], "integer", strict((a: Int, b: Int) => (isInt32(a) && isInt32(b) ? a | b : bitOr(a, b)))),
  "||/&": sig(["integer", "integer"], "integer", strict((a: Int, b: Int) => (isInt32(a) && isInt32(b) ? a ^ b : bitXor(a, b)))),
  "&&~~": sig(["integer", "integer"], "integer", strict((a: Int, b: Int) => (isInt32(a) && isInt32(b) ? a & ~b : bitAndNot(a, b)))),
  "<<": sig(["integer", "integer"], "integer", strict(shiftLeft)),
  ">>": sig(["integer", "integer"], "integer", strict(shiftRight)),
  "&&=_0": sig(["integer", "integer"], "boolean", strict((a: Int, b: Int) => (isInt32(a) && isInt32(b) ? (a & b) === 0 : (BigInt(a) & BigInt(b)) === 0n))),
  "&&/=_0": sig(["integer", "integer"], "boolean", strict((a: Int, b: Int) => (isInt32(a) && isInt32(b) ? (a & b) !== 0 : (BigInt(a) & BigInt(b)) !== 0n))),
});

/** Prefix operators, named `negate` (also a CLEM function) and `~~`. */
export const PREFIX_OPERATORS = family("operators", {
  negate: [
    sig(["integer"], "integer", strict(negInt)),
    sig(["real"], "real", strict((a: number) => 0 - a)),
  ],
  "~~": sig(["integer"], "integer", strict((a: Int) => negInt(addInt(a, 1)))),
});
