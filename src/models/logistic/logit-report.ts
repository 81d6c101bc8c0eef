/**
 * What a Logistic nugget documents (NODES.md §6.19): the parameter estimates per non-reference
 * category (B, standard error, Wald χ², significance, Exp(B)) and the model fit (−2 log
 * likelihood, the likelihood-ratio χ² against the constant-only model, and the pseudo R²
 * measures of Cox & Snell, Nagelkerke and McFadden, as NOMREG reports them).
 */
import type { Category } from "../dataset.js";
import { chiSquareSurvival } from "../stats/distributions.js";
import type { LogitProblem } from "./logit-derivatives.js";
import type { LogitFit } from "./newton-fit.js";

export interface LogitParameter {
  /** The category this equation models (against the reference). */
  readonly category: Category;
  /** `(Intercept)`, a field name, or `field=category`. */
  readonly name: string;
  readonly b: number;
  readonly se: number;
  readonly wald: number;
  readonly p: number;
  readonly expB: number;
}

export interface LogitSummary {
  readonly cases: number;
  readonly minus2LogLikelihood: number;
  /** −2 log likelihood of the constant-only model (NaN without an intercept). */
  readonly nullMinus2LogLikelihood: number;
  readonly chiSquare: number;
  readonly df: number;
  readonly p: number;
  readonly coxSnellR2: number;
  readonly nagelkerkeR2: number;
  readonly mcFaddenR2: number;
  readonly iterations: number;
  readonly converged: boolean;
}

export function logitParameters(fit: LogitFit, problem: LogitProblem, categories: readonly Category[], columnNames: readonly string[]): LogitParameter[] {
  const out: LogitParameter[] = [];
  const D = fit.theta.length;
  const names = [...(problem.intercept ? ["(Intercept)"] : []), ...fit.cols.map((c) => columnNames[c]!)];
  for (let j = 0; j < problem.classes - 1; j++) {
    names.forEach((name, a) => {
      const i = j * fit.d + a;
      const b = fit.theta[i]!;
      const se = fit.covariance ? Math.sqrt(fit.covariance[i * D + i]!) : NaN;
      const wald = (b / se) ** 2;
      out.push({ category: categories[j]!, name, b, se, wald, p: Number.isFinite(wald) ? chiSquareSurvival(wald, 1) : NaN, expB: Math.exp(b) });
    });
  }
  return out;
}

/** ℓ of the constant-only model: Σ w log(n_c / N). */
export function nullLogLikelihood(problem: LogitProblem): number {
  const counts = new Float64Array(problem.classes);
  let total = 0;
  problem.y.forEach((c, i) => {
    const w = problem.w ? problem.w[i]! : 1;
    counts[c] = counts[c]! + w;
    total += w;
  });
  let ll = 0;
  for (const c of counts) if (c > 0) ll += c * Math.log(c / total);
  return ll;
}

export function logitSummary(fit: LogitFit, problem: LogitProblem, cases: number): LogitSummary {
  const ll = fit.logLikelihood;
  const ll0 = problem.intercept ? nullLogLikelihood(problem) : NaN;
  const chi = 2 * (ll - ll0);
  const df = (problem.classes - 1) * fit.cols.length;
  const coxSnell = 1 - Math.exp((2 * (ll0 - ll)) / cases);
  const maxCoxSnell = 1 - Math.exp((2 * ll0) / cases);
  return {
    cases, minus2LogLikelihood: -2 * ll, nullMinus2LogLikelihood: -2 * ll0, chiSquare: chi, df,
    p: Number.isFinite(chi) && df > 0 ? chiSquareSurvival(Math.max(0, chi), df) : NaN,
    coxSnellR2: coxSnell, nagelkerkeR2: coxSnell / maxCoxSnell, mcFaddenR2: 1 - ll / ll0,
    iterations: fit.iterations, converged: fit.converged,
  };
}
