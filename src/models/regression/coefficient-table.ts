/**
 * The statistics a Regression nugget documents (NODES.md §6.19: "coefficients and ANOVA"): per
 * coefficient B, its standard error, t, two-sided significance and the standardised β; and the
 * model summary (R², adjusted R², standard error of the estimate) with its ANOVA F test.
 * Formulas as in any regression text (e.g. Draper & Smith 1998, ch. 5–6):
 *
 *   σ² = RSS / df,  Var(b) = σ² (X_c'WX_c)⁻¹,  Var(b₀) = σ²/W + x̄'Var(b)x̄,
 *   t = B / SE,  p = P(|T_df| > |t|),  β_j = B_j · s_j / s_y.
 */
import { fSurvival } from "../stats/distributions.js";
import type { Coefficients, LeastSquaresProblem, SubsetFit } from "./least-squares.js";
import { totalSS } from "./least-squares.js";

export interface CoefficientRow {
  /** `(Intercept)`, a continuous field's name, or `field=category` for an indicator column. */
  readonly name: string;
  /** Design column, or −1 for the intercept. */
  readonly column: number;
  readonly b: number;
  readonly se: number;
  readonly t: number;
  readonly p: number;
  /** Standardised coefficient (NaN for the intercept and aliased columns). */
  readonly beta: number;
  /** True when the column was left out as a linear combination of others (b = 0). */
  readonly aliased: boolean;
}

export interface RegressionSummary {
  /** Cases used (sum of frequency weights). */
  readonly cases: number;
  readonly rSquare: number;
  readonly adjustedRSquare: number;
  readonly stdErrorOfEstimate: number;
  readonly ssRegression: number;
  readonly ssResidual: number;
  readonly dfRegression: number;
  readonly dfResidual: number;
  readonly f: number;
  readonly pF: number;
}

/** Two-sided p of a t statistic (via F(1, df) = t²). */
export function tTestP(t: number, df: number): number {
  return df > 0 && Number.isFinite(t) ? fSurvival(t * t, 1, df) : NaN;
}

export function regressionSummary(problem: LeastSquaresProblem, fit: SubsetFit, coef: Coefficients): RegressionSummary {
  const sst = totalSS(problem);
  const dfRes = fit.dfResidual;
  const dfReg = fit.columns.length;
  const ssRes = coef.rss;
  const ssReg = Math.max(0, sst - ssRes);
  const rSquare = sst > 0 ? ssReg / sst : 0;
  const n = problem.cp.weight;
  const dfTotal = n - (problem.intercept ? 1 : 0);
  const adjustedRSquare = dfRes > 0 ? 1 - (1 - rSquare) * (dfTotal / dfRes) : NaN;
  const f = dfReg > 0 && dfRes > 0 ? ssReg / dfReg / (ssRes / dfRes) : NaN;
  return {
    cases: n, rSquare, adjustedRSquare, stdErrorOfEstimate: dfRes > 0 ? Math.sqrt(ssRes / dfRes) : NaN,
    ssRegression: ssReg, ssResidual: ssRes, dfRegression: dfReg, dfResidual: dfRes,
    f, pF: Number.isFinite(f) ? fSurvival(f, dfReg, dfRes) : NaN,
  };
}

export function coefficientTable(problem: LeastSquaresProblem, fit: SubsetFit, coef: Coefficients, columnNames: readonly string[]): CoefficientRow[] {
  const { cp, p } = problem;
  const df = fit.dfResidual;
  const sigma2 = df > 0 ? coef.rss / df : NaN;
  const cols = fit.columns;
  const c = cols.length;
  const sdY = Math.sqrt(cp.sscp[(p + 1) * (p + 1) - 1]!);
  const rows: CoefficientRow[] = [];
  if (problem.intercept) {
    let v = sigma2 / cp.weight;
    for (let i = 0; i < c; i++) {
      for (let j = 0; j < c; j++) v += sigma2 * cp.means[cols[i]!]! * coef.inverse[i * c + j]! * cp.means[cols[j]!]!;
    }
    const se = Math.sqrt(v);
    const t = coef.intercept / se;
    rows.push({ name: "(Intercept)", column: -1, b: coef.intercept, se, t, p: tTestP(t, df), beta: NaN, aliased: false });
  }
  const position = new Map(cols.map((col, i) => [col, i]));
  for (const term of fit.terms) {
    const info = problem.design.terms[term]!;
    for (let k = 0; k < info.count; k++) {
      const col = info.first + k;
      const i = position.get(col);
      if (i === undefined) {
        rows.push({ name: columnNames[col]!, column: col, b: 0, se: NaN, t: NaN, p: NaN, beta: NaN, aliased: true });
        continue;
      }
      const b = coef.b[col]!;
      const se = Math.sqrt(sigma2 * coef.inverse[i * c + i]!);
      const t = b / se;
      const sdX = Math.sqrt(cp.sscp[col * (p + 1) + col]!);
      rows.push({ name: columnNames[col]!, column: col, b, se, t, p: tTestP(t, df), beta: sdY > 0 ? (b * sdX) / sdY : NaN, aliased: false });
    }
  }
  return rows;
}
