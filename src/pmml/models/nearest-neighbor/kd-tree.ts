/**
 * An exact k-nearest-neighbour index (k-d tree) over points in a row-major Float64Array, for the
 * coordinate distances
 *
 *   cityBlock         Σ w_j·|x_j − t_j|
 *   squaredEuclidean  Σ w_j·|x_j − t_j|²
 *   euclidean         √(Σ w_j·|x_j − t_j|²)
 *
 * It returns exactly what a brute-force scan returns: the k smallest (distance, training index)
 * pairs, nearest first and equal distances in training order, with every distance computed by
 * the same floating-point operations in the same order as the scan (`c = |x − t|`, `w·(c·c)` or
 * `w·c`, summed over j = 0 … p−1, then √; a complete query's missing-value adjustment factor is
 * exactly 1), so the distances agree bit for bit.
 *
 * Why pruning never loses a neighbour: a node's lower bound is the same sum over the gaps between
 * the query and the node's bounding box, in the same order. Each gap is ≤ the matching |x_j − t_j|
 * of every point in the box, and IEEE rounding is monotone in each operand of −, ·, + and √, so
 * the bound as computed is ≤ every distance as computed. A node is skipped only when its bound is
 * greater than the current k-th distance, or equal to it and every index in the node is greater
 * than the k-th's index — then none of its points can come before the k-th in (distance, index)
 * order.
 *
 * Coordinates must be finite and weights finite and positive (a zero weight times an overflowed
 * square would be NaN, which has no order); `KdTree.over` returns undefined otherwise, and the
 * caller scans.
 *
 * Built once in O(n·log n) time: median splits on the coordinate with the widest range (over a
 * sample of the node's rows), 8–16 points a leaf (more only when all are equal), exact bounding
 * boxes gathered bottom up. The
 * rows are copied and moved into tree order, so a node is contiguous memory (n·p doubles on top
 * of the caller's matrix).
 */

export type CoordinateMetric = "euclidean" | "squaredEuclidean" | "cityBlock";

export interface CoordinateDistance {
  readonly metric: CoordinateMetric;
  /** One positive weight per coordinate. */
  readonly weights: Float64Array;
}

/**
 * Callers scan training sets smaller than this: below it a scan is as fast as building and
 * searching the tree at any dimension (measured, k = 5, 3–20 coordinates). Above it the tree wins
 * by 10–100× on data with structure; on points spread uniformly over 10 or more coordinates it
 * stays up to ~1.5× slower than a scan until some 2^p rows — a bounded loss, kept for one simple
 * rule.
 */
export const INDEX_MIN_ROWS = 64;

const LEAF_SIZE = 16;
const SPREAD_SAMPLE = 64;

export class KdTree {
  private readonly p: number;
  private readonly weights: Float64Array;
  /** 0 city block, 1 squared Euclidean, 2 Euclidean. */
  private readonly kind: 0 | 1 | 2;
  /** Points in tree order, row-major. */
  private readonly points: Float64Array;
  /** Training index of each point in tree order. */
  private readonly ids: Int32Array;
  /** Per node: its points are tree positions [start, end). */
  private readonly start: Int32Array;
  private readonly end: Int32Array;
  /** Per node: its first child (the second is next to it), −1 for a leaf. */
  private readonly child: Int32Array;
  /** Per node: the smallest training index in it (for pruning on equal distances). */
  private readonly minId: Int32Array;
  /** Per node: its bounding box, p values each. */
  private readonly lo: Float64Array;
  private readonly hi: Float64Array;
  private readonly stackNode: Int32Array;
  private readonly stackBound: Float64Array;

  /** The tree over `rows` points of `p` coordinates, or undefined when a coordinate or weight is unusable (see above). */
  static over(train: Float64Array, rows: number, p: number, distance: CoordinateDistance): KdTree | undefined {
    if (distance.weights.length !== p) throw new Error(`KdTree: ${distance.weights.length} weights for ${p} coordinates`);
    for (const w of distance.weights) if (!(w > 0 && w < Infinity)) return undefined;
    for (let i = 0; i < rows * p; i++) if (!Number.isFinite(train[i]!)) return undefined;
    return new KdTree(train, rows, p, distance);
  }

  private constructor(train: Float64Array, rows: number, p: number, distance: CoordinateDistance) {
    this.p = p;
    this.weights = distance.weights;
    this.kind = distance.metric === "cityBlock" ? 0 : distance.metric === "squaredEuclidean" ? 1 : 2;
    // Every split leaves at least ⌊(LEAF_SIZE + 1)/2⌋ points a side, which caps the leaves.
    const maxLeaves = Math.max(1, Math.floor(rows / ((LEAF_SIZE + 1) >> 1)));
    const maxNodes = 2 * maxLeaves - 1;
    this.start = new Int32Array(maxNodes);
    this.end = new Int32Array(maxNodes);
    this.child = new Int32Array(maxNodes).fill(-1);
    this.minId = new Int32Array(maxNodes);
    const lo = (this.lo = new Float64Array(maxNodes * p));
    const hi = (this.hi = new Float64Array(maxNodes * p));
    // The rows are moved, not an index array permuted, so that every pass over a node reads
    // contiguous memory: with an index, each level of a million-row build was cache misses.
    const points = (this.points = train.slice(0, rows * p));
    const ids = (this.ids = new Int32Array(rows));
    for (let i = 0; i < rows; i++) ids[i] = i;
    const keys = new Float64Array(rows);
    let nodes = 1;
    let depth = 0;
    // Top down: split at the median of the widest coordinate. Explicit work list instead of
    // recursion: (node, start, end, depth).
    const work: number[] = [0, 0, rows, 0];
    while (work.length > 0) {
      const d = work.pop()!;
      const e = work.pop()!;
      const s = work.pop()!;
      const node = work.pop()!;
      if (d > depth) depth = d;
      this.start[node] = s;
      this.end[node] = e;
      if (e - s <= LEAF_SIZE) continue;
      // The widest coordinate only steers the splits, it does not decide what is pruned, so a
      // sample of ~SPREAD_SAMPLE rows is enough: measuring every row at every level made the
      // build several times slower than all the queries of a batch.
      let dim = widest(points, p, s, e, Math.max(1, Math.floor((e - s) / SPREAD_SAMPLE)));
      if (dim < 0) dim = widest(points, p, s, e, 1);
      // All points equal: nothing to split, however many there are.
      if (dim < 0) continue;
      const mid = (s + e) >> 1;
      for (let i = s; i < e; i++) keys[i - s] = points[i * p + dim]!;
      const median = selectValue(keys, e - s, mid - s);
      partitionRows(points, ids, p, dim, s, e, median);
      const c = nodes;
      nodes += 2;
      this.child[node] = c;
      work.push(c, s, mid, d + 1, c + 1, mid, e, d + 1);
    }
    // Bottom up (children come after their parent): the exact bounding box and smallest
    // training index of every node, from its rows for a leaf, from its children otherwise.
    for (let node = nodes - 1; node >= 0; node--) {
      const o = node * p;
      const c = this.child[node]!;
      if (c >= 0) {
        const l = c * p;
        const r = (c + 1) * p;
        for (let j = 0; j < p; j++) {
          lo[o + j] = Math.min(lo[l + j]!, lo[r + j]!);
          hi[o + j] = Math.max(hi[l + j]!, hi[r + j]!);
        }
        this.minId[node] = Math.min(this.minId[c]!, this.minId[c + 1]!);
        continue;
      }
      const s = this.start[node]!;
      lo.set(points.subarray(s * p, s * p + p), o);
      hi.set(points.subarray(s * p, s * p + p), o);
      let minId = rows;
      for (let i = s, e = this.end[node]!; i < e; i++) {
        if (ids[i]! < minId) minId = ids[i]!;
        const to = i * p;
        for (let j = 0; j < p; j++) {
          const v = points[to + j]!;
          if (v < lo[o + j]!) lo[o + j] = v;
          if (v > hi[o + j]!) hi[o + j] = v;
        }
      }
      this.minId[node] = minId;
    }
    // A depth-first walk holds at most one pending sibling per level, plus the node in hand.
    this.stackNode = new Int32Array(2 * depth + 2);
    this.stackBound = new Float64Array(2 * depth + 2);
  }

  /**
   * The k nearest points to the query `x[offset … offset+p)` (finite): training indices in
   * `index`, distances in `dist`, nearest first, equal distances in training order. Points with
   * `exclude(t)` true are skipped. Returns how many were found (< k only when fewer points remain).
   */
  kNearest(x: Float64Array, offset: number, k: number, index: Int32Array, dist: Float64Array, exclude?: (t: number) => boolean): number {
    const { stackNode, stackBound, child, minId } = this;
    let found = 0;
    let sp = 0;
    stackNode[sp] = 0;
    stackBound[sp++] = this.bound(0, x, offset);
    while (sp > 0) {
      const node = stackNode[--sp]!;
      const b = stackBound[sp]!;
      if (found === k) {
        const dk = dist[k - 1]!;
        if (b > dk || (b === dk && minId[node]! > index[k - 1]!)) continue;
      }
      const c = child[node]!;
      if (c < 0) {
        found = this.scanLeaf(node, x, offset, k, index, dist, found, exclude);
        continue;
      }
      const bl = this.bound(c, x, offset);
      const br = this.bound(c + 1, x, offset);
      // The nearer child goes on top, to shrink the k-th distance early.
      if (bl < br || (bl === br && minId[c]! <= minId[c + 1]!)) {
        stackNode[sp] = c + 1;
        stackBound[sp++] = br;
        stackNode[sp] = c;
        stackBound[sp++] = bl;
      } else {
        stackNode[sp] = c;
        stackBound[sp++] = bl;
        stackNode[sp] = c + 1;
        stackBound[sp++] = br;
      }
    }
    return found;
  }

  /** The distance from the query to the node's bounding box, a lower bound of its points' (see the header). */
  private bound(node: number, x: Float64Array, offset: number): number {
    const { p, weights, lo, hi, kind } = this;
    const o = node * p;
    let acc = 0;
    for (let j = 0; j < p; j++) {
      const v = x[offset + j]!;
      const l = lo[o + j]!;
      let c: number;
      if (v < l) c = l - v;
      else {
        const h = hi[o + j]!;
        if (v > h) c = v - h;
        else continue;
      }
      acc += kind === 0 ? weights[j]! * c : weights[j]! * (c * c);
    }
    return kind === 2 ? Math.sqrt(acc) : acc;
  }

  private scanLeaf(node: number, x: Float64Array, offset: number, k: number, index: Int32Array, dist: Float64Array, found: number, exclude?: (t: number) => boolean): number {
    const { p, weights, points, ids, kind } = this;
    const e = this.end[node]!;
    for (let i = this.start[node]!; i < e; i++) {
      const t = ids[i]!;
      if (exclude && exclude(t)) continue;
      const to = i * p;
      let acc = 0;
      if (kind === 0) {
        for (let j = 0; j < p; j++) acc += weights[j]! * Math.abs(x[offset + j]! - points[to + j]!);
      } else {
        for (let j = 0; j < p; j++) {
          const c = Math.abs(x[offset + j]! - points[to + j]!);
          acc += weights[j]! * (c * c);
        }
      }
      const d = kind === 2 ? Math.sqrt(acc) : acc;
      if (found === k) {
        const dk = dist[k - 1]!;
        if (d > dk || (d === dk && t > index[k - 1]!)) continue;
      }
      // Insert in (distance, index) order; the last one drops out when the buffer is full.
      let slot = found < k ? found++ : k - 1;
      while (slot > 0) {
        const dp = dist[slot - 1]!;
        if (dp < d || (dp === d && index[slot - 1]! < t)) break;
        dist[slot] = dp;
        index[slot] = index[slot - 1]!;
        slot--;
      }
      dist[slot] = d;
      index[slot] = t;
    }
    return found;
  }
}

/** The coordinate with the largest range over every `step`-th row of [s, e), or −1 when all are constant. */
function widest(points: Float64Array, p: number, s: number, e: number, step: number): number {
  let dim = -1;
  let best = 0;
  for (let j = 0; j < p; j++) {
    let mn = points[s * p + j]!;
    let mx = mn;
    for (let i = s + step; i < e; i += step) {
      const v = points[i * p + j]!;
      if (v < mn) mn = v;
      else if (v > mx) mx = v;
    }
    if (mx - mn > best) {
      best = mx - mn;
      dim = j;
    }
  }
  return dim;
}

/**
 * The value that would be at position kth of keys[0 … n) sorted (Wirth's selection, which
 * reorders keys; its two-sided partition stays balanced when many values are equal, as they are
 * for 0/1 indicators).
 */
function selectValue(keys: Float64Array, n: number, kth: number): number {
  let l = 0;
  let r = n - 1;
  while (l < r) {
    const pivot = keys[kth]!;
    let i = l;
    let j = r;
    do {
      while (keys[i]! < pivot) i++;
      while (pivot < keys[j]!) j--;
      if (i <= j) {
        const t = keys[i]!;
        keys[i] = keys[j]!;
        keys[j] = t;
        i++;
        j--;
      }
    } while (i <= j);
    if (j < kth) l = i;
    if (kth < i) r = j;
  }
  return keys[kth]!;
}

/**
 * Rows [s, e) reordered by coordinate `dim`: those below `median`, then those equal, then those
 * above (Dijkstra's three-way partition). As `median` is the value at the middle position, the
 * first half then holds only values ≤ it and the second only values ≥ it.
 */
function partitionRows(points: Float64Array, ids: Int32Array, p: number, dim: number, s: number, e: number, median: number): void {
  let lt = s;
  let i = s;
  let gt = e - 1;
  while (i <= gt) {
    const v = points[i * p + dim]!;
    if (v < median) swapRows(points, ids, p, lt++, i++);
    else if (v > median) swapRows(points, ids, p, i, gt--);
    else i++;
  }
}

function swapRows(points: Float64Array, ids: Int32Array, p: number, a: number, b: number): void {
  if (a === b) return;
  const ao = a * p;
  const bo = b * p;
  for (let j = 0; j < p; j++) {
    const t = points[ao + j]!;
    points[ao + j] = points[bo + j]!;
    points[bo + j] = t;
  }
  const t = ids[a]!;
  ids[a] = ids[b]!;
  ids[b] = t;
}
