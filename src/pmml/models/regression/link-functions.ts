/**
 * Inverse link functions and the normalisations that turn linear predictors into predictions
 * or class probabilities (RegressionModel@normalizationMethod, GeneralRegressionModel links).
 */
import { stdNormalCdf } from "../../math/normal-distribution.js";

export const inverseLinks: Record<string, (x: number) => number> = {
  none: (x) => x,
  logit: (x) => 1 / (1 + Math.exp(-x)),
  // For a single value softmax is the logistic function of it against an implicit 0.
  softmax: (x) => 1 / (1 + Math.exp(-x)),
  exp: Math.exp,
  probit: stdNormalCdf,
  cloglog: (x) => 1 - Math.exp(-Math.exp(x)),
  loglog: (x) => Math.exp(-Math.exp(-x)),
  cauchit: (x) => 0.5 + Math.atan(x) / Math.PI,
};

/** Softmax in place with the maximum subtracted first (no overflow for large scores). */
export function softmaxInPlace(xs: Float64Array, n: number, round?: (x: number) => number): void {
  let max = -Infinity;
  for (let i = 0; i < n; i++) if (xs[i]! > max) max = xs[i]!;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const e = Math.exp(xs[i]! - max);
    xs[i] = round ? round(e) : e;
    sum += xs[i]!;
  }
  if (round) sum = round(sum);
  for (let i = 0; i < n; i++) xs[i] = round ? round(xs[i]! / sum) : xs[i]! / sum;
}

/** Divides by the sum, unless the values already sum to exactly one. */
export function simplemaxInPlace(xs: Float64Array, n: number): void {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += xs[i]!;
  if (sum === 1) return;
  for (let i = 0; i < n; i++) xs[i] = xs[i]! / sum;
}
