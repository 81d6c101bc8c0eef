/**
 * Scaled conjugate gradient (Møller 1993, "A scaled conjugate gradient algorithm for fast
 * supervised learning", Neural Networks 6(4)), the batch training algorithm of SPSS's
 * multilayer perceptron, with SPSS's initial λ = 5·10⁻⁷ and σ = 5·10⁻⁵.
 *
 * Each iteration approximates the curvature along the search direction p by a finite
 * difference of gradients, s = (E'(w + σp/|p|) − E'(w)) · |p|/σ, regularises it with a
 * Levenberg–Marquardt-style λ that grows when the quadratic model predicts the error badly and
 * shrinks when it predicts it well, and takes the step α = pᵀr / δ. The direction is restarted
 * to steepest descent every N (number of weights) iterations. No line search: two gradient
 * evaluations per successful iteration.
 */
import { checkpoint, type TrainingControl } from "../progress.js";

export interface Objective {
  readonly dimension: number;
  /** The error at w; its gradient into `grad` (overwritten) when given. */
  evaluate(w: Float64Array, grad: Float64Array | null): number;
}

export interface ScgSettings {
  readonly maxIterations: number;
  /** Called after every successful step with the new weights and error; true stops. */
  readonly afterStep: (iteration: number, w: Float64Array, error: number) => boolean;
  readonly control?: TrainingControl;
}

export interface ScgResult {
  readonly w: Float64Array;
  readonly error: number;
  readonly iterations: number;
  readonly stoppedBy: "afterStep" | "maxIterations" | "gradient";
}

const dot = (a: Float64Array, b: Float64Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};

export function scg(obj: Objective, start: Float64Array, s: ScgSettings): ScgResult {
  const N = obj.dimension;
  const w = Float64Array.from(start);
  const g = new Float64Array(N);
  let error = obj.evaluate(w, g);
  const r = g.map((v) => -v);
  const p = Float64Array.from(r);
  const sk = new Float64Array(N);
  const wTmp = new Float64Array(N);
  const gTmp = new Float64Array(N);
  const rOld = new Float64Array(N);
  let lambda = 5e-7;
  let lambdaBar = 0;
  let success = true;
  let delta = 0;
  const sigma0 = 5e-5;
  let k = 0;
  let stoppedBy: ScgResult["stoppedBy"] = "maxIterations";
  while (k < s.maxIterations) {
    k++;
    checkpoint(s.control, { stage: "training", done: k, total: s.maxIterations });
    const pp = dot(p, p);
    if (!(pp > 0) || !(lambda < 1e30)) {
      stoppedBy = "gradient";
      break;
    }
    if (success) {
      const sigma = sigma0 / Math.sqrt(pp);
      for (let i = 0; i < N; i++) wTmp[i] = w[i]! + sigma * p[i]!;
      obj.evaluate(wTmp, gTmp);
      for (let i = 0; i < N; i++) sk[i] = (gTmp[i]! + r[i]!) / sigma; // r = −E'(w)
      delta = dot(p, sk);
    }
    const shift = lambda - lambdaBar;
    for (let i = 0; i < N; i++) sk[i] = sk[i]! + shift * p[i]!;
    delta += shift * pp;
    if (delta <= 0) {
      const add = lambda - (2 * delta) / pp;
      for (let i = 0; i < N; i++) sk[i] = sk[i]! + add * p[i]!;
      lambdaBar = 2 * (lambda - delta / pp);
      delta = -delta + lambda * pp;
      lambda = lambdaBar;
    }
    const mu = dot(p, r);
    const alpha = mu / delta;
    for (let i = 0; i < N; i++) wTmp[i] = w[i]! + alpha * p[i]!;
    const newError = obj.evaluate(wTmp, gTmp);
    const comparison = (2 * delta * (error - newError)) / (mu * mu);
    if (comparison >= 0 && Number.isFinite(newError)) {
      w.set(wTmp);
      rOld.set(r);
      for (let i = 0; i < N; i++) r[i] = -gTmp[i]!;
      error = newError;
      lambdaBar = 0;
      success = true;
      if (k % N === 0) p.set(r);
      else {
        const beta = (dot(r, r) - dot(r, rOld)) / mu;
        for (let i = 0; i < N; i++) p[i] = r[i]! + beta * p[i]!;
      }
      if (comparison >= 0.75) lambda /= 4;
      if (s.afterStep(k, w, error)) {
        stoppedBy = "afterStep";
        break;
      }
    } else {
      lambdaBar = lambda;
      success = false;
    }
    if (comparison < 0.25 || !Number.isFinite(comparison)) lambda += (delta * (1 - (Number.isFinite(comparison) ? comparison : 0))) / pp;
    if (dot(r, r) === 0) {
      stoppedBy = "gradient";
      break;
    }
  }
  return { w, error, iterations: k, stoppedBy };
}
