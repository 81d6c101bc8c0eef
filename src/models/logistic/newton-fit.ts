/**
 * Maximum likelihood for the multinomial logit by Newton–Raphson (for the canonical link this
 * is Fisher scoring, i.e. IRLS), with the safeguards SPSS NOMREG documents: step-halving when
 * the log-likelihood falls (`max_steps`, default 5; when even the shortest step does not help,
 * the fit stops where it is), an iteration cap (`max_iterations`, 100),
 * parameter convergence (`p_converge`, 1e−6) and optional log-likelihood convergence
 * (`l_converge`, relative, 0 = off).
 *
 * Parameter change is measured where it matters, on the linear predictor: each parameter's
 * change times its column's standard deviation (1 for intercepts), so the criterion does not
 * depend on the units of the inputs.
 *
 * Separation (a hyperplane that splits the classes, so the MLE does not exist): the
 * log-likelihood approaches its supremum while parameters keep growing. When it has stopped
 * changing — |Δℓ| ≤ 1e−8·(|ℓ| + 0.1), R's `glm` convergence test on the deviance, on three
 * successive iterations whose parameters still moved — the fit stops there and says so;
 * reaching the iteration cap without convergence says so too. Predictions of such a fit are
 * usable, coefficients and standard errors are not (Albert & Anderson 1984).
 *
 * Large data (over 100,000 rows): the Newton matrix is the information of an evenly spaced
 * sample of 50,000 rows, scaled up, while the gradient and the log-likelihood use every row —
 * a sub-sampled Newton method (Byrd, Chin, Neveitt & Nocedal 2011, "On the use of stochastic
 * Hessian information in optimization methods for machine learning"). The search direction
 * stays a descent direction and the fixed point is the same maximum-likelihood estimate; the
 * information that gives the standard errors is computed from every row at the end.
 *
 * Complete separation shows sooner: once θ classifies every row correctly with a margin, the
 * likelihood grows without bound along cθ (Albert & Anderson's theorem), so the fit stops as
 * soon as, in addition, the mean log loss −ℓ/W is below 1e−4 (observed classes predicted
 * with probability ≈ 0.9999), instead of iterating to the cap.
 */
import { checkpoint, type TrainingControl } from "../progress.js";
import { cholesky, choleskyInverse, choleskySolve } from "../regression/cholesky.js";
import { logitDerivatives, paramsPerClass, type LogitDerivatives, type LogitProblem } from "./logit-derivatives.js";

/** Largest change of a (standardised) linear predictor in one Newton step. */
const MAX_STEP = 20;

export interface NewtonSettings {
  readonly maxIterations: number;
  readonly pConverge: number;
  readonly lConverge: number;
  readonly maxStepHalvings: number;
}

export interface LogitFit {
  /** Design columns in the model (after dropping aliased ones). */
  readonly cols: readonly number[];
  /** Parameters per class (intercept + columns). */
  readonly d: number;
  /** (K − 1) × d parameters, class by class. */
  readonly theta: Float64Array;
  readonly logLikelihood: number;
  /** Fisher information at θ, D × D. */
  readonly information: Float64Array;
  /** Its inverse (the asymptotic covariance), or null when singular. */
  readonly covariance: Float64Array | null;
  readonly iterations: number;
  readonly converged: boolean;
  /** The log-likelihood stopped changing while parameters still moved (see above). */
  readonly separation: boolean;
  /** No step along the Newton direction improved the likelihood, away from an optimum. */
  readonly stuck: boolean;
}

/** Per-column standard deviations of the design (weighted), for the convergence test. */
export function columnSpread(problem: LogitProblem): Float64Array {
  const { x, p, w, y } = problem;
  const n = y.length;
  const mean = new Float64Array(p);
  const m2 = new Float64Array(p);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i]! : 1;
    if (wi === 0) continue;
    total += wi;
    for (let j = 0; j < p; j++) {
      const v = x[i * p + j]!;
      const delta = v - mean[j]!;
      mean[j] = mean[j]! + (wi / total) * delta;
      m2[j] = m2[j]! + wi * delta * (v - mean[j]!);
    }
  }
  return m2.map((v) => (total > 0 && v > 0 ? Math.sqrt(v / total) : 1));
}

/** Intercepts at the log odds of each class against the reference; slopes 0. */
export function startingValues(problem: LogitProblem, cols: readonly number[]): Float64Array {
  const J = problem.classes - 1;
  const d = paramsPerClass(problem, cols);
  const theta = new Float64Array(J * d);
  if (!problem.intercept) return theta;
  const counts = new Float64Array(problem.classes);
  problem.y.forEach((c, i) => (counts[c] = counts[c]! + (problem.w ? problem.w[i]! : 1)));
  for (let j = 0; j < J; j++) theta[j * d] = Math.log(counts[j]! / counts[J]!);
  return theta;
}

/** Rows above which the Newton matrix comes from a sample, and the sample's size. */
const SAMPLE_ABOVE = 100_000;
const SAMPLE_ROWS = 50_000;

/** Every (n / SAMPLE_ROWS)-th row, as a problem of its own, and the factor that scales its information up. */
function hessianSample(problem: LogitProblem): { problem: LogitProblem; factor: number } | null {
  const n = problem.y.length;
  if (n <= SAMPLE_ABOVE) return null;
  const { p } = problem;
  const x = new Float64Array(SAMPLE_ROWS * p);
  const y = new Int32Array(SAMPLE_ROWS);
  const w = problem.w ? new Float64Array(SAMPLE_ROWS) : null;
  let all = 0;
  let part = 0;
  for (let i = 0; i < n; i++) all += problem.w ? problem.w[i]! : 1;
  for (let k = 0; k < SAMPLE_ROWS; k++) {
    const r = Math.floor((k * n) / SAMPLE_ROWS);
    x.set(problem.x.subarray(r * p, r * p + p), k * p);
    y[k] = problem.y[r]!;
    if (w) w[k] = problem.w![r]!;
    part += w ? w[k]! : 1;
  }
  return { problem: { ...problem, x, y, w }, factor: all / part };
}

/** Cholesky of the information, with a growing ridge when it is not numerically positive definite. */
function factor(info: Float64Array, D: number): Float64Array {
  const l = cholesky(info, D);
  if (l) return l;
  let maxDiag = 0;
  for (let i = 0; i < D; i++) maxDiag = Math.max(maxDiag, Math.abs(info[i * D + i]!));
  for (let ridge = 1e-10 * (maxDiag || 1); ; ridge *= 10) {
    const m = Float64Array.from(info);
    for (let i = 0; i < D; i++) m[i * D + i] = m[i * D + i]! + ridge;
    const lr = cholesky(m, D);
    if (lr) return lr;
  }
}

export function fitLogit(problem: LogitProblem, cols: readonly number[], s: NewtonSettings, spread: Float64Array, control?: TrainingControl, start?: Float64Array): LogitFit {
  const d = paramsPerClass(problem, cols);
  const D = (problem.classes - 1) * d;
  const scale = new Float64Array(D);
  for (let j = 0; j < problem.classes - 1; j++) {
    let a = 0;
    if (problem.intercept) scale[j * d + a++] = 1;
    for (const c of cols) scale[j * d + a++] = spread[c]!;
  }
  let theta = start ? Float64Array.from(start) : startingValues(problem, cols);
  let totalWeight = 0;
  for (let i = 0; i < problem.y.length; i++) totalWeight += problem.w ? problem.w[i]! : 1;
  // Large data: the Newton matrix from an evenly spaced sample of rows (see above); the
  // gradient and log-likelihood always from every row.
  const sample = hessianSample(problem);
  const information = (t: Float64Array, ev: LogitDerivatives): Float64Array => {
    if (!sample) return ev.information!;
    const info = logitDerivatives(sample.problem, cols, t, true).information!;
    for (let i = 0; i < info.length; i++) info[i] = info[i]! * sample.factor;
    return info;
  };
  let cur: LogitDerivatives = logitDerivatives(problem, cols, theta, !sample);
  let newtonMatrix = information(theta, cur);
  let converged = false;
  let separation = false;
  let stuck = false;
  let stalls = 0;
  let it = 0;
  while (it < s.maxIterations) {
    it++;
    checkpoint(control, { stage: "iterating", done: it, total: s.maxIterations });
    const delta = choleskySolve(factor(newtonMatrix, D), D, cur.gradient);
    // A step never moves a linear predictor by more than MAX_STEP per unit of spread: when
    // probabilities saturate, the information is nearly singular and a full step overshoots.
    let longest = 0;
    for (let i = 0; i < D; i++) longest = Math.max(longest, Math.abs(delta[i]!) * scale[i]!);
    let step = longest > MAX_STEP ? MAX_STEP / longest : 1;
    let next: LogitDerivatives | null = null;
    let candidate = theta;
    for (let h = 0; h <= s.maxStepHalvings; h++, step /= 2) {
      const trial = theta.map((t, i) => t + step * delta[i]!);
      const ev = logitDerivatives(problem, cols, trial, !sample);
      const tolerance = 1e-12 * Math.max(1, Math.abs(cur.logLikelihood));
      if (Number.isFinite(ev.logLikelihood) && ev.logLikelihood >= cur.logLikelihood - tolerance) {
        next = ev;
        candidate = trial;
        break;
      }
    }
    // No step along the Newton direction improves the likelihood: stop where it is best (at
    // the optimum when the Newton step is negligible, i.e. only rounding is left).
    if (!next) {
      if (longest < 1e-3) converged = true;
      else stuck = true;
      break;
    }
    let change = 0;
    for (let i = 0; i < D; i++) change = Math.max(change, Math.abs(candidate[i]! - theta[i]!) * scale[i]!);
    const llChange = next.logLikelihood - cur.logLikelihood;
    theta = candidate;
    cur = next;
    newtonMatrix = information(theta, cur);
    if (change < s.pConverge || (s.lConverge > 0 && Math.abs(llChange) <= s.lConverge * Math.abs(cur.logLikelihood))) {
      converged = true;
      break;
    }
    stalls = Math.abs(llChange) <= 1e-8 * (Math.abs(cur.logLikelihood) + 0.1) ? stalls + 1 : 0;
    if (stalls >= 3 || (cur.misclassified === 0 && -cur.logLikelihood <= 1e-4 * totalWeight)) {
      separation = true;
      break;
    }
  }
  // Standard errors need the exact information at the estimate.
  const exact = cur.information ?? logitDerivatives(problem, cols, theta, true).information!;
  const l = cholesky(exact, D);
  return {
    cols: [...cols], d, theta, logLikelihood: cur.logLikelihood, information: exact,
    covariance: l ? choleskyInverse(l, D) : null, iterations: it, converged, separation, stuck,
  };
}
