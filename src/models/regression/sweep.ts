/**
 * The sweep operator on a symmetric cross-product matrix (Goodnight 1979, "A Tutorial on the
 * SWEEP Operator", The American Statistician 33(3)). It is the Gauss–Jordan form of a Cholesky
 * factorisation that enters one column at a time, which is what stepwise regression needs: a
 * column enters the model by sweeping its pivot, and after the sweeps of a set S
 *
 *   A[S,S] = (X_S'X_S)⁻¹,   A[S,y] = b_S (the least-squares coefficients),
 *   A[y,y] = the residual sum of squares,
 *   A[c,c] = the residual sum of squares of an unswept column c regressed on S.
 *
 * So `A[c,c] / original[c,c]` is c's *tolerance* (1 − R² of c on the entered columns); a pivot
 * whose tolerance falls below the singularity tolerance is refused, which is the pivoting
 * that keeps an (almost) collinear column out (SPSS REGRESSION's TOLERANCE criterion).
 *
 * Matrices are dense row-major `Float64Array`s of size m × m.
 */

/** Sweeps pivot k in place: after it, row k holds the coefficients and column k their negatives. */
export function sweep(a: Float64Array, m: number, k: number): void {
  const d = a[k * m + k]!;
  const rowK = k * m;
  for (let j = 0; j < m; j++) a[rowK + j] = a[rowK + j]! / d;
  for (let i = 0; i < m; i++) {
    if (i === k) continue;
    const rowI = i * m;
    const b = a[rowI + k]!;
    if (b === 0) continue;
    for (let j = 0; j < m; j++) a[rowI + j] = a[rowI + j]! - b * a[rowK + j]!;
    a[rowI + k] = -b / d;
  }
  a[rowK + k] = 1 / d;
}

/**
 * Sweeps `pivots` in order on a copy of `original`, skipping any whose tolerance
 * (current / original diagonal) is below `tolerance`. Returns the swept matrix and the
 * pivots actually swept.
 */
export function sweepAll(original: Float64Array, m: number, pivots: readonly number[], tolerance: number): { a: Float64Array; swept: number[]; refused: number[] } {
  const a = Float64Array.from(original);
  const swept: number[] = [];
  const refused: number[] = [];
  for (const k of pivots) {
    if (pivotTolerance(a, original, m, k) < tolerance) refused.push(k);
    else {
      sweep(a, m, k);
      swept.push(k);
    }
  }
  return { a, swept, refused };
}

/** 1 − R² of column k on the columns swept so far (0 for a column without variance). */
export function pivotTolerance(a: Float64Array, original: Float64Array, m: number, k: number): number {
  const o = original[k * m + k]!;
  return o > 0 ? a[k * m + k]! / o : 0;
}
