/**
 * The weighted distance between an encoded record and a cluster centre, computed exactly as
 * the PMML evaluator computes `<euclidean/>` with `compareFunction="absDiff"` and
 * `fieldWeight`s (`src/pmml/models/comparison-measure.ts`): Σ w_j·(|x_j − c_j|)², then √.
 * Same operations in the same order, so in-memory and PMML scoring agree bit for bit.
 */

/** Σ w_j (x_j − c_j)² of row `row` of `x` (row-major, p columns) and centre `k` of `centers`. */
export function squaredDistance(x: Float64Array, row: number, centers: Float64Array, k: number, weights: Float64Array, p: number): number {
  let acc = 0;
  const xo = row * p;
  const co = k * p;
  for (let j = 0; j < p; j++) {
    const c = Math.abs(x[xo + j]! - centers[co + j]!);
    acc += weights[j]! * (c * c);
  }
  return acc;
}

/** The nearest centre (the first on ties); its squared distance goes to `d2[row]`. */
export function nearestCenter(x: Float64Array, row: number, centers: Float64Array, k: number, weights: Float64Array, p: number, d2: Float64Array): number {
  let index = 0;
  let best = squaredDistance(x, row, centers, 0, weights, p);
  for (let c = 1; c < k; c++) {
    const d = squaredDistance(x, row, centers, c, weights, p);
    if (d < best) {
      best = d;
      index = c;
    }
  }
  d2[row] = best;
  return index;
}
