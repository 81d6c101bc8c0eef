/**
 * Nearest neighbours, ranked exactly as the PMML evaluator ranks them
 * (`src/pmml/models/nearest-neighbor/nearest-neighbor-model.ts` with
 * `src/pmml/models/comparison-measure.ts`):
 *
 * - distance over the features present in the query: Σ w_j·|x_j − t_j|^q (q = 2 Euclidean,
 *   1 city block), times (features / features present), then √ for Euclidean — the same
 *   operations in the same order, so distances agree bit for bit;
 * - nearest first, ties in training order.
 *
 * A query with every feature present (and finite) goes through a k-d tree over the training
 * rows (`kd-tree.ts`, built on the first such query), which returns the same neighbours and
 * distances as the scan in far less time on large training sets. A query with a missing
 * feature has a distance over a subset of the features, which the tree is not built for, so it
 * is scanned, as are training sets too small for the tree to pay off. The scan keeps the k
 * nearest in a small sorted buffer, so it costs O(n·p + n·k).
 */
import { INDEX_MIN_ROWS, KdTree } from "../../pmml/models/nearest-neighbor/kd-tree.js";

export type Metric = "Euclidean" | "CityBlock";

export interface NeighbourSearch {
  /** Training features, row-major (rows × p), all present. */
  readonly train: Float64Array;
  readonly rows: number;
  readonly p: number;
  readonly weights: Float64Array;
  readonly metric: Metric;
  /** The k-d tree over `train`, built on first call; undefined when the rows are scanned instead. */
  readonly tree: () => KdTree | undefined;
}

/** A search over complete training rows; the k-d tree is built when a query first needs it. */
export function neighbourSearch(train: Float64Array, rows: number, p: number, weights: Float64Array, metric: Metric): NeighbourSearch {
  let tree: KdTree | undefined | null = null;
  return {
    train, rows, p, weights, metric,
    tree: () => {
      if (tree === null) tree = rows < INDEX_MIN_ROWS ? undefined : KdTree.over(train, rows, p, { metric: metric === "Euclidean" ? "euclidean" : "cityBlock", weights });
      return tree;
    },
  };
}

/** Distance of query row `q` of `x` (NaN = missing) to training row `t`; NaN when the query has no feature. */
export function distance(s: NeighbourSearch, x: Float64Array, q: number, t: number, adjustment: number): number {
  const { train, p, weights } = s;
  const xo = q * p;
  const to = t * p;
  let acc = 0;
  if (s.metric === "Euclidean") {
    for (let j = 0; j < p; j++) {
      const xv = x[xo + j]!;
      if (xv !== xv) continue;
      const c = Math.abs(xv - train[to + j]!);
      acc += weights[j]! * (c * c);
    }
    return Math.sqrt(acc * adjustment);
  }
  for (let j = 0; j < p; j++) {
    const xv = x[xo + j]!;
    if (xv !== xv) continue;
    acc += weights[j]! * Math.abs(xv - train[to + j]!);
  }
  return acc * adjustment;
}

/** features / features present in query row q (0 present → 0). */
export function adjustmentOf(x: Float64Array, q: number, p: number): number {
  let present = 0;
  for (let j = 0; j < p; j++) if (x[q * p + j] === x[q * p + j]) present++;
  return present === 0 ? 0 : p / present;
}

/**
 * The k nearest training rows of query row q: indices into `index` and `dist` (k long,
 * nearest first). Training rows with `exclude(t)` true are skipped (cross-validation folds).
 * Returns how many were found (0 when the query has no feature present).
 */
export function kNearest(s: NeighbourSearch, x: Float64Array, q: number, k: number, index: Int32Array, dist: Float64Array, exclude?: (t: number) => boolean): number {
  if (isFiniteRow(x, q * s.p, s.p)) {
    const tree = s.tree();
    if (tree) return tree.kNearest(x, q * s.p, k, index, dist, exclude);
  }
  return kNearestByScan(s, x, q, k, index, dist, exclude);
}

function isFiniteRow(x: Float64Array, offset: number, p: number): boolean {
  for (let j = 0; j < p; j++) if (!Number.isFinite(x[offset + j]!)) return false;
  return true;
}

/** `kNearest` by scanning every training row: the reference the k-d tree must match. */
export function kNearestByScan(s: NeighbourSearch, x: Float64Array, q: number, k: number, index: Int32Array, dist: Float64Array, exclude?: (t: number) => boolean): number {
  const adjustment = adjustmentOf(x, q, s.p);
  if (adjustment === 0) return 0;
  let found = 0;
  for (let t = 0; t < s.rows; t++) {
    if (exclude && exclude(t)) continue;
    const d = distance(s, x, q, t, adjustment);
    if (found === k && !(d < dist[k - 1]!)) continue;
    // Insert after every kept neighbour at a distance ≤ d (training order breaks ties).
    let i = found < k ? found : k - 1;
    while (i > 0 && dist[i - 1]! > d) {
      dist[i] = dist[i - 1]!;
      index[i] = index[i - 1]!;
      i--;
    }
    dist[i] = d;
    index[i] = t;
    if (found < k) found++;
  }
  return found;
}
