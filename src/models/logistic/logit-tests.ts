/**
 * The tests that drive stepwise logistic regression (SPSS NOMREG / LOGISTIC REGRESSION):
 *
 * - score (Rao) test of adding columns C to a fitted model with columns A, evaluated at the
 *   fitted θ_A with θ_C = 0, without fitting the larger model:
 *   S = U_Cᵀ (I_CC − I_CA I_AA⁻¹ I_AC)⁻¹ U_C, χ² with |C| degrees of freedom;
 * - likelihood-ratio test: 2 (ℓ_big − ℓ_small), χ² with the difference in parameters;
 * - Wald test of a block of parameters: θ_Bᵀ Cov_BB⁻¹ θ_B, χ² with |B|.
 * (e.g. Agresti 2013, "Categorical Data Analysis", §1.3 and §4.5.)
 */
import { chiSquareSurvival } from "../stats/distributions.js";
import { cholesky, choleskySolve, solveSpd } from "../regression/cholesky.js";
import { logitDerivatives, type LogitProblem } from "./logit-derivatives.js";
import type { LogitFit } from "./newton-fit.js";

export interface ChiSquareTest {
  readonly statistic: number;
  readonly df: number;
  readonly p: number;
}

function chiSquare(statistic: number, df: number): ChiSquareTest {
  const s = Math.max(0, statistic);
  return { statistic: s, df, p: df > 0 ? chiSquareSurvival(s, df) : 1 };
}

/** Parameter indices of a block of columns (positions within the fit's columns) for every class. */
export function blockIndices(fit: Pick<LogitFit, "d">, classes: number, positions: readonly number[], intercept: boolean): number[] {
  const idx: number[] = [];
  for (let j = 0; j < classes - 1; j++) for (const pos of positions) idx.push(j * fit.d + pos + (intercept ? 1 : 0));
  return idx;
}

/**
 * Score tests of adding each of several blocks of columns to `fit`. One pass over the data
 * computes the gradient and information over the fitted columns and every candidate column
 * (candidates have θ = 0, so they do not change π); each test then uses its own submatrices.
 */
export function scoreTests(problem: LogitProblem, fit: LogitFit, candidates: readonly (readonly number[])[]): ChiSquareTest[] {
  const extra = [...new Set(candidates.flat())];
  const cols = [...fit.cols, ...extra];
  const J = problem.classes - 1;
  const off = problem.intercept ? 1 : 0;
  const d = cols.length + off;
  const theta = new Float64Array(J * d);
  for (let j = 0; j < J; j++) for (let a = 0; a < fit.d; a++) theta[j * d + a] = fit.theta[j * fit.d + a]!;
  const der = logitDerivatives(problem, cols, theta, true);
  const info = der.information!;
  const D = J * d;
  const A: number[] = [];
  for (let j = 0; j < J; j++) for (let a = 0; a < fit.d; a++) A.push(j * d + a);
  const sub = (rows: readonly number[], cs: readonly number[]) => {
    const m = new Float64Array(rows.length * cs.length);
    rows.forEach((r, i) => cs.forEach((c, k) => (m[i * cs.length + k] = info[r * D + c]!)));
    return m;
  };
  const lA = cholesky(sub(A, A), A.length);
  const position = new Map(extra.map((c, i) => [c, fit.d + i]));
  return candidates.map((cand) => {
    if (!lA || cand.length === 0) return chiSquare(0, 0);
    const C: number[] = [];
    for (let j = 0; j < J; j++) for (const c of cand) C.push(j * d + position.get(c)!);
    const q = C.length;
    const iAC = sub(A, C);
    // Schur complement I_CC − I_CA I_AA⁻¹ I_AC, column by column.
    const schur = sub(C, C);
    for (let k = 0; k < q; k++) {
      const col = choleskySolve(lA, A.length, Array.from(A, (_, i) => iAC[i * q + k]!));
      for (let i = 0; i < q; i++) {
        let s = 0;
        for (let r = 0; r < A.length; r++) s += iAC[r * q + i]! * col[r]!;
        schur[i * q + k] = schur[i * q + k]! - s;
      }
    }
    const u = C.map((c) => der.gradient[c]!);
    const x = solveSpd(schur, q, u);
    if (!x) return chiSquare(0, 0);
    let s = 0;
    for (let i = 0; i < q; i++) s += u[i]! * x[i]!;
    return chiSquare(s, q);
  });
}

/** Score test of adding `candidate` columns to `fit`. */
export function scoreTest(problem: LogitProblem, fit: LogitFit, candidate: readonly number[]): ChiSquareTest {
  return scoreTests(problem, fit, [candidate])[0]!;
}

export function likelihoodRatioTest(big: LogitFit, small: LogitFit, classes: number): ChiSquareTest {
  const df = (classes - 1) * (big.d - small.d);
  return chiSquare(2 * (big.logLikelihood - small.logLikelihood), df);
}

/** Wald test that the parameters at `indices` are all zero. */
export function waldTest(fit: LogitFit, indices: readonly number[]): ChiSquareTest {
  if (!fit.covariance || indices.length === 0) return chiSquare(0, indices.length);
  const D = fit.theta.length;
  const q = indices.length;
  const cov = new Float64Array(q * q);
  indices.forEach((r, i) => indices.forEach((c, k) => (cov[i * q + k] = fit.covariance![r * D + c]!)));
  const b = indices.map((i) => fit.theta[i]!);
  const x = solveSpd(cov, q, b);
  if (!x) return chiSquare(0, q);
  let s = 0;
  for (let i = 0; i < q; i++) s += b[i]! * x[i]!;
  return chiSquare(s, q);
}
