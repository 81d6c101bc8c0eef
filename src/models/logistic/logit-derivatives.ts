/**
 * Log-likelihood, gradient and Fisher information of the multinomial logit (binomial = two
 * classes) in one pass over the rows, over any subset of design columns.
 *
 * Model: K classes, the reference last (index K − 1, η = 0); for the others j < K − 1,
 * η_j = θ_j·z with z = (1, x_cols) (or x_cols without an intercept), π = softmax(η, 0).
 * With frequency weights w:
 *
 *   ℓ = Σ w log π_{y},   ∂ℓ/∂θ_ja = Σ w (1[y=j] − π_j) z_a,
 *   I_(ja)(kb) = Σ w π_j (1[j=k] − π_k) z_a z_b   (= −∂²ℓ, the same for the canonical link).
 *
 * The information is accumulated as (class pair) × (column pair) blocks: per row, J(J+1)/2
 * class weights times d(d+1)/2 column products, then expanded to the full symmetric matrix.
 */

export interface LogitProblem {
  /** Row-major n × p design matrix of the training rows. */
  readonly x: Float64Array;
  readonly p: number;
  /** Class of each row, 0 … K − 1, the reference class being K − 1. */
  readonly y: Int32Array;
  readonly w: Float64Array | null;
  readonly classes: number;
  readonly intercept: boolean;
}

export interface LogitDerivatives {
  readonly logLikelihood: number;
  /** Rows whose class is not strictly the most probable (0 means the classes are separated). */
  readonly misclassified: number;
  /** Length D = (K − 1)·d, parameters ordered class by class, intercept first within a class. */
  readonly gradient: Float64Array;
  /** D × D, row-major; null when not asked for. */
  readonly information: Float64Array | null;
}

/** Columns per class: the intercept (when there is one) and the chosen design columns. */
export function paramsPerClass(problem: LogitProblem, cols: readonly number[]): number {
  return cols.length + (problem.intercept ? 1 : 0);
}

export function logitDerivatives(problem: LogitProblem, cols: readonly number[], theta: Float64Array, withInformation: boolean): LogitDerivatives {
  const { x, p, y, w, classes, intercept } = problem;
  const J = classes - 1;
  const d = paramsPerClass(problem, cols);
  const D = J * d;
  const n = y.length;
  const colIdx = Int32Array.from(cols);
  const nc = colIdx.length;
  const z = new Float64Array(d);
  const eta = new Float64Array(J);
  const pi = new Float64Array(J);
  const gradient = new Float64Array(D);
  const T = (d * (d + 1)) / 2;
  const pairs = (J * (J + 1)) / 2;
  const blocks = withInformation ? new Float64Array(pairs * T) : null;
  const zz = new Float64Array(T);
  const cw = new Float64Array(pairs);
  let ll = 0;
  let misclassified = 0;
  const off = intercept ? 1 : 0;
  if (intercept) z[0] = 1;
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i]! : 1;
    if (wi === 0) continue;
    const row = i * p;
    for (let a = 0; a < nc; a++) z[a + off] = x[row + colIdx[a]!]!;
    // η and a softmax that cannot overflow (the reference contributes e^0).
    let max = 0;
    for (let j = 0; j < J; j++) {
      let s = 0;
      const t = j * d;
      for (let a = 0; a < d; a++) s += theta[t + a]! * z[a]!;
      eta[j] = s;
      if (s > max) max = s;
    }
    let sum = Math.exp(-max);
    for (let j = 0; j < J; j++) {
      const e = Math.exp(eta[j]! - max);
      pi[j] = e;
      sum += e;
    }
    const yi = y[i]!;
    const etaY = yi < J ? eta[yi]! : 0;
    // log π_y = η_y − max − log(sum), with η_ref = 0.
    ll += wi * (etaY - max - Math.log(sum));
    if (etaY < max || (yi < J && 0 >= etaY)) misclassified++;
    else for (let j = 0; j < J; j++) if (j !== yi && eta[j]! >= etaY) { misclassified++; break; }
    for (let j = 0; j < J; j++) pi[j] = pi[j]! / sum;
    for (let j = 0; j < J; j++) {
      const r = wi * ((yi === j ? 1 : 0) - pi[j]!);
      const t = j * d;
      for (let a = 0; a < d; a++) gradient[t + a] = gradient[t + a]! + r * z[a]!;
    }
    if (!blocks) continue;
    let q = 0;
    for (let a = 0; a < d; a++) {
      const za = z[a]!;
      for (let b = a; b < d; b++) zz[q++] = za * z[b]!;
    }
    q = 0;
    for (let j = 0; j < J; j++) {
      const pj = wi * pi[j]!;
      for (let k = j; k < J; k++) cw[q++] = pj * ((j === k ? 1 : 0) - pi[k]!);
    }
    for (let pr = 0; pr < pairs; pr++) {
      const c = cw[pr]!;
      if (c === 0) continue;
      const base = pr * T;
      for (let t = 0; t < T; t++) blocks[base + t] = blocks[base + t]! + c * zz[t]!;
    }
  }
  return { logLikelihood: ll, misclassified, gradient, information: blocks ? expandBlocks(blocks, J, d) : null };
}

/** The full symmetric D × D information matrix from its (class pair, column pair) blocks. */
function expandBlocks(blocks: Float64Array, J: number, d: number): Float64Array {
  const D = J * d;
  const T = (d * (d + 1)) / 2;
  const info = new Float64Array(D * D);
  let pr = 0;
  for (let j = 0; j < J; j++) {
    for (let k = j; k < J; k++) {
      const base = pr * T;
      let t = 0;
      for (let a = 0; a < d; a++) {
        for (let b = a; b < d; b++) {
          const v = blocks[base + t++]!;
          const r1 = j * d + a, c1 = k * d + b;
          const r2 = j * d + b, c2 = k * d + a;
          info[r1 * D + c1] = v;
          info[c1 * D + r1] = v;
          info[r2 * D + c2] = v;
          info[c2 * D + r2] = v;
        }
      }
      pr++;
    }
  }
  return info;
}
