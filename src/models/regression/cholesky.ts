/**
 * Cholesky factorisation of a symmetric positive-definite matrix (row-major n × n), with
 * solves and the inverse; the Newton steps and covariance matrices of logistic regression use
 * it. `cholesky` returns null when a pivot is not positive (the matrix is singular or
 * indefinite in working precision), so callers decide how to recover.
 */

/** Lower-triangular L with L·Lᵀ = M, or null. */
export function cholesky(m: Float64Array, n: number): Float64Array | null {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j <= i; j++) {
      const rj = j * n;
      let s = m[ri + j]!;
      for (let k = 0; k < j; k++) s -= l[ri + k]! * l[rj + k]!;
      if (i === j) {
        if (!(s > 0)) return null;
        l[ri + i] = Math.sqrt(s);
      } else l[ri + j] = s / l[rj + j]!;
    }
  }
  return l;
}

/** Solves L·Lᵀ·x = v. */
export function choleskySolve(l: Float64Array, n: number, v: ArrayLike<number>): Float64Array {
  const x = Float64Array.from(v);
  for (let i = 0; i < n; i++) {
    let s = x[i]!;
    for (let k = 0; k < i; k++) s -= l[i * n + k]! * x[k]!;
    x[i] = s / l[i * n + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * x[k]!;
    x[i] = s / l[i * n + i]!;
  }
  return x;
}

/** (L·Lᵀ)⁻¹, row-major. */
export function choleskyInverse(l: Float64Array, n: number): Float64Array {
  const inv = new Float64Array(n * n);
  const e = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    e.fill(0);
    e[c] = 1;
    const col = choleskySolve(l, n, e);
    for (let r = 0; r < n; r++) inv[r * n + c] = col[r]!;
  }
  return inv;
}

/** Solves M·x = v for a symmetric positive-definite M, or null when it is not. */
export function solveSpd(m: Float64Array, n: number, v: ArrayLike<number>): Float64Array | null {
  const l = cholesky(m, n);
  return l ? choleskySolve(l, n, v) : null;
}
