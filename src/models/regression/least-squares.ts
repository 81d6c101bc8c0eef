/**
 * Weighted least squares on a design (`design.ts`): the problem set up once (design matrix,
 * scaled cross-products), then fits of any subset of terms by sweeping (`sweep.ts`), and the
 * final fit refined against the data.
 *
 * Numerical approach: the cross-products of deviations (`cross-products.ts`) scaled to a
 * correlation matrix, swept with a singularity tolerance (columns that are linear combinations
 * of entered ones are refused, i.e. aliased, as a pivoted Cholesky factorisation would), then
 * one step of iterative refinement: the residuals are recomputed from the data and the
 * normal-equation correction δ = (X'WX)⁻¹X'Wr added (Björck 1996, "Numerical Methods for Least
 * Squares Problems", §2.9). That recovers most of the digits the normal equations lose on
 * ill-conditioned data (checked on Longley's data against R's QR-based `lm`).
 */
import { crossProducts, scaleToUnitDiagonal, type CrossProducts } from "./cross-products.js";
import { termColumns, type Design } from "./design.js";
import { sweepAll } from "./sweep.js";

export interface LeastSquaresProblem {
  readonly design: Design;
  /** Row-major n × p design matrix of the training rows. */
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** Frequency weights of the training rows, or null. */
  readonly w: Float64Array | null;
  readonly p: number;
  readonly intercept: boolean;
  readonly tolerance: number;
  readonly cp: CrossProducts;
  /** Cross-products scaled to unit diagonal (`m = p + 1`, y last). */
  readonly r: Float64Array;
  readonly scale: Float64Array;
}

export function leastSquaresProblem(design: Design, x: Float64Array, y: Float64Array, w: Float64Array | null, intercept: boolean, tolerance: number): LeastSquaresProblem {
  const p = design.features.length;
  const cp = crossProducts(x, y, w, p, intercept);
  const { r, scale } = scaleToUnitDiagonal(cp);
  return { design, x, y, w, p, intercept, tolerance, cp, r, scale };
}

export interface SubsetFit {
  /** Terms in the model, in entry order. */
  readonly terms: readonly number[];
  /** Design columns swept in (the others of these terms are aliased: coefficient 0). */
  readonly columns: readonly number[];
  readonly aliased: readonly number[];
  /** The swept (scaled) matrix. */
  readonly a: Float64Array;
  readonly rss: number;
  /** Residual degrees of freedom: cases − estimated coefficients (intercept included). */
  readonly dfResidual: number;
}

/** The least-squares fit of `terms` (sweeping their columns in order). */
export function fitSubset(problem: LeastSquaresProblem, terms: readonly number[]): SubsetFit {
  const m = problem.p + 1;
  const { a, swept, refused } = sweepAll(problem.r, m, termColumns(problem.design, terms), problem.tolerance);
  return { terms: [...terms], columns: swept, aliased: refused, a, rss: residualSS(problem, a), dfResidual: problem.cp.weight - swept.length - (problem.intercept ? 1 : 0) };
}

export function residualSS(problem: LeastSquaresProblem, a: Float64Array): number {
  const m = problem.p + 1;
  const sy = problem.scale[problem.p]!;
  return Math.max(0, a[m * m - 1]!) * sy * sy;
}

/** Total sum of squares the R² is relative to (about the mean, or about 0 without intercept). */
export function totalSS(problem: LeastSquaresProblem): number {
  const m = problem.p + 1;
  return problem.cp.sscp[m * m - 1]!;
}

export interface Coefficients {
  readonly intercept: number;
  /** One per design column (0 for columns not in the model). */
  readonly b: Float64Array;
  /** (X'WX)⁻¹ over the model's columns (deviations from means when there is an intercept), row-major c × c. */
  readonly inverse: Float64Array;
  readonly rss: number;
}

/** Coefficients of a subset fit, unscaled, with one step of iterative refinement on the data. */
export function refinedCoefficients(problem: LeastSquaresProblem, fit: SubsetFit): Coefficients {
  const { p, scale, cp, x, y, w } = problem;
  const m = p + 1;
  const cols = fit.columns;
  const c = cols.length;
  const sy = scale[p]!;
  const b = new Float64Array(p);
  const inverse = new Float64Array(c * c);
  for (let i = 0; i < c; i++) {
    const ci = cols[i]!;
    b[ci] = (fit.a[ci * m + p]! * sy) / scale[ci]!;
    for (let j = 0; j < c; j++) inverse[i * c + j] = fit.a[ci * m + cols[j]!]! / (scale[ci]! * scale[cols[j]!]!);
  }
  const means = cp.means;
  const n = y.length;
  // r = y − ȳ − Σ (x − x̄) b, then g = X_c' W r and b += (X'WX)⁻¹ g.
  const g = new Float64Array(c);
  let rss = 0;
  let rSum = 0;
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i]! : 1;
    if (wi === 0) continue;
    const row = i * p;
    let fitted = 0;
    for (let j = 0; j < c; j++) fitted += (x[row + cols[j]!]! - means[cols[j]!]!) * b[cols[j]!]!;
    const res = y[i]! - means[p]! - fitted;
    rSum += wi * res;
    for (let j = 0; j < c; j++) g[j] = g[j]! + wi * (x[row + cols[j]!]! - means[cols[j]!]!) * res;
  }
  for (let i = 0; i < c; i++) {
    let d = 0;
    for (let j = 0; j < c; j++) d += inverse[i * c + j]! * g[j]!;
    b[cols[i]!] = b[cols[i]!]! + d;
  }
  // Intercept: ȳ − x̄'b, plus the mean residual (zero in exact arithmetic).
  let intercept = 0;
  if (problem.intercept) {
    intercept = means[p]! + rSum / cp.weight;
    for (let j = 0; j < c; j++) intercept -= means[cols[j]!]! * b[cols[j]!]!;
  }
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i]! : 1;
    if (wi === 0) continue;
    const row = i * p;
    let fitted = intercept;
    for (let j = 0; j < c; j++) fitted += x[row + cols[j]!]! * b[cols[j]!]!;
    const res = y[i]! - fitted;
    rss += wi * res * res;
  }
  return { intercept, b, inverse, rss };
}
