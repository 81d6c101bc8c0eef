/**
 * Tail probabilities for the tests the model builders make (CHAID's chi-square and F tests,
 * QUEST's ANOVA F, Levene and chi-square tests, the regression and logistic selection tests),
 * on the special functions shared with CLEM (`data/special-functions.ts`).
 */
import { gammaQ, logGamma, regularizedBeta } from "../../data/special-functions.js";

export { logGamma };

/** Regularized incomplete beta I_x(a, b). */
export const betaRegularized = regularizedBeta;

/** P(χ²_df > x). */
export function chiSquareSurvival(x: number, df: number): number {
  // NaN statistics (empty tables) count as no evidence, as they always have here.
  if (df <= 0 || !(x > 0)) return 1;
  return gammaQ(df / 2, x / 2);
}

/** P(F_{d1,d2} > f). */
export function fSurvival(f: number, d1: number, d2: number): number {
  if (!(f > 0)) return 1;
  if (d1 <= 0 || d2 <= 0) return 1;
  return regularizedBeta(d2 / (d2 + d1 * f), d2 / 2, d1 / 2);
}

/** ln C(n, k). */
export function logChoose(n: number, k: number): number {
  if (k < 0 || k > n) return -Infinity;
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}
