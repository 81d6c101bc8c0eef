/**
 * Weighted means and the cross-product matrix of the augmented design [X | y], computed in
 * two passes (means first, then products of deviations). Forming products of deviations
 * rather than of raw values avoids the cancellation of the one-pass "Σx² − n·x̄²" formula,
 * which loses every digit of a column whose mean is large against its spread (Chan, Golub &
 * LeVeque 1983, "Algorithms for computing the sample variance").
 *
 * Without an intercept the matrix is the raw (uncentred) cross-product matrix, as a regression
 * through the origin needs.
 */

export interface CrossProducts {
  /** Columns of the augmented matrix: p design columns, then y. */
  readonly m: number;
  /** Sum of the weights (the number of cases, counting frequency weights). */
  readonly weight: number;
  /** Weighted means of the m columns (zeros when not centred). */
  readonly means: Float64Array;
  /** m × m cross-products of deviations from the means (or of raw values). */
  readonly sscp: Float64Array;
}

/**
 * `x`: row-major n × p design; `y`: n responses; `w`: n weights (null = 1). Rows with weight 0
 * contribute nothing.
 */
export function crossProducts(x: Float64Array, y: Float64Array, w: Float64Array | null, p: number, centre: boolean): CrossProducts {
  const n = y.length;
  const m = p + 1;
  const means = new Float64Array(m);
  let weight = 0;
  if (centre) {
    for (let i = 0; i < n; i++) {
      const wi = w ? w[i]! : 1;
      if (wi === 0) continue;
      weight += wi;
      const row = i * p;
      for (let j = 0; j < p; j++) means[j] = means[j]! + wi * x[row + j]!;
      means[p] = means[p]! + wi * y[i]!;
    }
    for (let j = 0; j < m; j++) means[j] = means[j]! / weight;
  } else {
    for (let i = 0; i < n; i++) weight += w ? w[i]! : 1;
  }
  const sscp = new Float64Array(m * m);
  const d = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i]! : 1;
    if (wi === 0) continue;
    const row = i * p;
    for (let j = 0; j < p; j++) d[j] = x[row + j]! - means[j]!;
    d[p] = y[i]! - means[p]!;
    for (let a = 0; a < m; a++) {
      const da = wi * d[a]!;
      if (da === 0) continue;
      const rowA = a * m;
      for (let b = a; b < m; b++) sscp[rowA + b] = sscp[rowA + b]! + da * d[b]!;
    }
  }
  for (let a = 0; a < m; a++) for (let b = 0; b < a; b++) sscp[a * m + b] = sscp[b * m + a]!;
  return { m, weight, means, sscp };
}

/**
 * The cross-products scaled to unit diagonal (a correlation matrix when centred), which keeps
 * the sweep's pivots comparable and makes a pivot's diagonal its tolerance. Columns without
 * variance keep a zero row and column. Returns the scaled matrix and the scale of each column.
 */
export function scaleToUnitDiagonal(cp: CrossProducts): { r: Float64Array; scale: Float64Array } {
  const { m, sscp } = cp;
  const scale = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const v = sscp[j * m + j]!;
    scale[j] = v > 0 ? Math.sqrt(v) : 0;
  }
  const r = new Float64Array(m * m);
  for (let a = 0; a < m; a++) {
    for (let b = 0; b < m; b++) {
      const s = scale[a]! * scale[b]!;
      r[a * m + b] = s > 0 ? sscp[a * m + b]! / s : 0;
    }
    if (scale[a]! > 0) r[a * m + a] = 1;
  }
  return { r, scale };
}
