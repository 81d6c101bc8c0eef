/**
 * The comparison rules of the conformance corpus (fixtures README §5), one per tolerance kind a
 * case.json can name.
 */
import type { Value } from "../../../src/pmml/index.js";

export interface Tolerance {
  readonly kind: string;
  readonly precision?: number;
  readonly zeroThreshold?: number;
  readonly ulps?: number;
  readonly delta?: number;
  readonly rtol?: number;
  readonly atol?: number;
}

/** JPMML VerificationUtil.acceptable: relative with an absolute floor near zero. */
function relative(expected: number, actual: number, precision: number, zeroThreshold: number): boolean {
  if (Math.abs(expected) <= zeroThreshold && Math.abs(actual) <= zeroThreshold) return true;
  if (expected >= 0) return expected * (1 - precision) <= actual && actual <= expected * (1 + precision);
  return expected * (1 + precision) <= actual && actual <= expected * (1 - precision);
}

/** Distance between adjacent float32 values at `x` (Java Math.ulp(float)). */
function floatUlp(x: number): number {
  const f = Math.abs(Math.fround(x));
  if (!Number.isFinite(f)) return NaN;
  const buf = new DataView(new ArrayBuffer(4));
  buf.setFloat32(0, f);
  const bits = buf.getUint32(0);
  buf.setUint32(0, bits + 1);
  return buf.getFloat32(0) - f;
}

export function numbersMatch(expected: number, actual: number, t: Tolerance): boolean {
  if (Number.isNaN(expected) || Number.isNaN(actual)) return Number.isNaN(expected) && Number.isNaN(actual);
  if (t.ulps !== undefined) {
    const e = Math.fround(expected);
    const a = Math.fround(actual);
    return e === a || Math.abs(a - e) <= t.ulps * floatUlp(e);
  }
  if (t.delta !== undefined) return Math.abs(expected - actual) <= t.delta;
  if (t.rtol !== undefined) return Math.abs(actual - expected) <= (t.atol ?? 0) + t.rtol * Math.abs(expected);
  if (t.precision !== undefined) return relative(expected, actual, t.precision, t.zeroThreshold ?? t.precision);
  return expected === actual;
}

/**
 * Compares an expected cell (text, or null for a missing token) with an actual value, parsing the
 * text into the actual value's type first (JPMML TypeUtil.parseOrCast).
 */
export function cellMatches(expected: string | null, actual: Value, t: Tolerance): boolean {
  if (expected === null || actual === null) return expected === null && actual === null;
  if (typeof actual === "number") {
    const e = Number(expected.trim());
    if (expected.trim() === "" || Number.isNaN(e)) return expected.trim() === "NaN" && Number.isNaN(actual);
    return numbersMatch(e, actual, t);
  }
  if (typeof actual === "boolean") {
    const s = expected.trim().toLowerCase();
    return (s === "true" || s === "1") === actual && ["true", "false", "1", "0"].includes(s);
  }
  if (actual === expected) return true;
  // A numeric label compared as text ("1.0" vs "1").
  const en = Number(expected);
  const an = Number(actual);
  return expected.trim() !== "" && !Number.isNaN(en) && !Number.isNaN(an) && numbersMatch(en, an, t);
}
