/**
 * The rows of one tree node, and how a node's rows become its children's rows.
 *
 * Speed: each continuous column is sorted once per training run (`presort`, a radix
 * argsort). A node keeps, per continuous input, the positions of its rows in value order
 * (missing values left out); splitting a node partitions those lists stably, so every child
 * inherits sorted lists in time linear in the node size — no sorting below the root (the
 * SLIQ/SPRINT "presorted attribute lists" idea). Split search on a continuous input is then
 * one sweep over its sorted list, and thresholds are exact midpoints between neighbouring
 * distinct values, as C&R Tree and C5.0 define them.
 *
 * A row may go to several children with fractions of its weight (C5.0's treatment of a
 * missing split value, Quinlan 1993 §3.2): such rows are appended to every child.
 */
import type { DataColumn } from "../dataset.js";

/**
 * A node's rows in the value order of one continuous input (missing values left out), with
 * the value, the target label (class code or value) and the weight stored inline, so that a
 * split search sweeps memory sequentially instead of jumping through row indices.
 */
export interface SortedList {
  /** Position of each entry in the node's `rows`. */
  readonly pos: Int32Array;
  readonly value: Float64Array;
  readonly label: Float64Array;
  readonly weight: Float64Array;
  readonly length: number;
}

export interface NodeSample {
  /** Dataset row of each position (ascending). */
  readonly rows: Int32Array;
  /** Weight of each position (frequency × bootstrap × boosting × fraction). */
  readonly weights: Float64Array;
  readonly size: number;
  /** Per input: the sorted list, or null for categorical inputs. */
  readonly sorted: readonly (SortedList | null)[];
  /** Scratch space shared by the nodes of one tree (in-place partitioning). */
  readonly workspace?: Workspace;
}

/** Scratch arrays as long as the root sample, reused by every split of a tree. */
export interface Workspace {
  readonly ints: Int32Array;
  readonly floats: Float64Array;
  readonly local: Int32Array;
  readonly dest: Int32Array;
  /** Free for the tree grower between splits: a side / child per position. */
  readonly side: Int8Array;
  readonly child: Int32Array;
}

function makeWorkspace(size: number): Workspace {
  return {
    ints: new Int32Array(size), floats: new Float64Array(size), local: new Int32Array(size), dest: new Int32Array(size),
    side: new Int8Array(size), child: new Int32Array(size),
  };
}

/**
 * Rows of non-missing values of a continuous column in ascending value order (ties by row).
 * LSD radix sort on the order-preserving 64-bit image of the doubles: 4 passes of 16 bits.
 */
export function presort(values: Float64Array): Int32Array {
  const n = values.length;
  let count = 0;
  for (let i = 0; i < n; i++) if (!Number.isNaN(values[i]!)) count++;
  const keysHi = new Uint32Array(count);
  const keysLo = new Uint32Array(count);
  let idx = new Int32Array(count);
  const f = new Float64Array(1);
  const u = new Uint32Array(f.buffer);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    f[0] = v === 0 ? 0 : v; // −0 sorts with +0
    let lo = u[0]!;
    let hi = u[1]!;
    if (hi & 0x80000000) {
      hi = ~hi >>> 0;
      lo = ~lo >>> 0;
    } else {
      hi = (hi | 0x80000000) >>> 0;
    }
    keysHi[k] = hi;
    keysLo[k] = lo;
    idx[k] = i;
    k++;
  }
  // Positions into the key arrays, permuted pass by pass.
  let perm = new Int32Array(count);
  for (let i = 0; i < count; i++) perm[i] = i;
  let next = new Int32Array(count);
  const buckets = new Int32Array(65537);
  for (let pass = 0; pass < 4; pass++) {
    const keys = pass < 2 ? keysLo : keysHi;
    const shift = (pass & 1) * 16;
    buckets.fill(0);
    for (let i = 0; i < count; i++) buckets[((keys[perm[i]!]! >>> shift) & 0xffff) + 1]!++;
    let allSame = false;
    for (let b = 1; b <= 65536; b++) {
      if (buckets[b] === count) allSame = true;
      buckets[b]! += buckets[b - 1]!;
    }
    if (allSame) continue; // this digit is constant: the pass would not change the order
    for (let i = 0; i < count; i++) {
      const p = perm[i]!;
      next[buckets[(keys[p]! >>> shift) & 0xffff]!++] = p;
    }
    const t = perm;
    perm = next;
    next = t;
  }
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) out[i] = idx[perm[i]!]!;
  idx = new Int32Array(0);
  return out;
}

/** Global sorted orders of the continuous inputs (null for categorical ones). */
export function presortInputs(inputs: readonly DataColumn[], wanted: (i: number) => boolean = () => true): (Int32Array | null)[] {
  return inputs.map((c, i) => (c.measure === "continuous" && wanted(i) ? presort(c.values) : null));
}

/**
 * The root sample: rows with weight > 0, and per continuous input its sorted list, taken from
 * the global orders (so no sort happens here). `label[row]` is the target's class code or
 * value, stored inline in the lists.
 */
export function rootSample(weights: Float64Array, globalOrders: readonly (Int32Array | null)[], inputs: readonly DataColumn[], label: Float64Array): NodeSample {
  const n = weights.length;
  const posOf = new Int32Array(n).fill(-1);
  let size = 0;
  for (let i = 0; i < n; i++) if (weights[i]! > 0) posOf[i] = size++;
  const rows = new Int32Array(size);
  const w = new Float64Array(size);
  for (let i = 0; i < n; i++) {
    const p = posOf[i]!;
    if (p >= 0) {
      rows[p] = i;
      w[p] = weights[i]!;
    }
  }
  const sorted = globalOrders.map((order, f) => {
    if (!order) return null;
    const values = (inputs[f] as { values: Float64Array }).values;
    let k = 0;
    for (let i = 0; i < order.length; i++) if (posOf[order[i]!]! >= 0) k++;
    const list = emptyList(k);
    k = 0;
    for (let i = 0; i < order.length; i++) {
      const row = order[i]!;
      const p = posOf[row]!;
      if (p < 0) continue;
      list.pos[k] = p;
      list.value[k] = values[row]!;
      list.label[k] = label[row]!;
      list.weight[k] = weights[row]!;
      k++;
    }
    return list;
  });
  return { rows, weights: w, size, sorted, workspace: makeWorkspace(size) };
}

function emptyList(length: number): SortedList {
  return { pos: new Int32Array(length), value: new Float64Array(length), label: new Float64Array(length), weight: new Float64Array(length), length };
}

/** The per-row target labels lists carry: class codes (as numbers) or target values. */
export function targetLabels(target: DataColumn): Float64Array {
  return target.measure === "continuous" ? target.values : Float64Array.from(target.codes);
}

/** Marks a position as going to every child with `fractions[child]` of its weight. */
export const ALL_CHILDREN = -2;
/** Marks a position as going to no child (dropped). */
export const NO_CHILD = -1;

/**
 * Splits a sample: `childOf[pos]` is a child index, `NO_CHILD`, or `ALL_CHILDREN` (then the
 * row goes to each child c with weight × fractions[c], skipped where that is 0).
 */
export function partitionSample(sample: NodeSample, childOf: Int32Array, childCount: number, fractions?: Float64Array): NodeSample[] {
  if (sample.workspace && !(fractions && childOf.subarray(0, sample.size).includes(ALL_CHILDREN))) {
    return partitionInPlace(sample, sample.workspace, childOf, childCount);
  }
  const own = new Int32Array(childCount);
  const local = new Int32Array(sample.size);
  let shared = 0;
  for (let p = 0; p < sample.size; p++) {
    const c = childOf[p]!;
    if (c >= 0) local[p] = own[c]!++;
    else if (c === ALL_CHILDREN) local[p] = shared++;
  }
  const sizes = Array.from(own, (o, c) => o + (fractions && fractions[c]! > 0 ? shared : 0));
  const rows = sizes.map((s) => new Int32Array(s));
  const weights = sizes.map((s) => new Float64Array(s));
  for (let p = 0; p < sample.size; p++) {
    const c = childOf[p]!;
    if (c >= 0) {
      rows[c]![local[p]!] = sample.rows[p]!;
      weights[c]![local[p]!] = sample.weights[p]!;
    } else if (c === ALL_CHILDREN && fractions) {
      for (let k = 0; k < childCount; k++) {
        if (!(fractions[k]! > 0)) continue;
        const q = own[k]! + local[p]!;
        rows[k]![q] = sample.rows[p]!;
        weights[k]![q] = sample.weights[p]! * fractions[k]!;
      }
    }
  }
  const sortedPerChild: (SortedList | null)[][] = sizes.map(() => []);
  for (const list of sample.sorted) {
    if (!list) {
      for (const s of sortedPerChild) s.push(null);
      continue;
    }
    // Count first so that every child list is allocated at its exact length.
    const counts = new Int32Array(childCount);
    for (let i = 0; i < list.length; i++) {
      const c = childOf[list.pos[i]!]!;
      if (c >= 0) counts[c]!++;
      else if (c === ALL_CHILDREN && fractions) for (let k = 0; k < childCount; k++) if (fractions[k]! > 0) counts[k]!++;
    }
    const out = Array.from(counts, (len) => emptyList(len));
    const fill = new Int32Array(childCount);
    for (let i = 0; i < list.length; i++) {
      const p = list.pos[i]!;
      const c = childOf[p]!;
      if (c >= 0) {
        const o = out[c]!;
        const j = fill[c]!++;
        o.pos[j] = local[p]!;
        o.value[j] = list.value[i]!;
        o.label[j] = list.label[i]!;
        o.weight[j] = list.weight[i]!;
      } else if (c === ALL_CHILDREN && fractions) {
        for (let k = 0; k < childCount; k++) {
          if (!(fractions[k]! > 0)) continue;
          const o = out[k]!;
          const j = fill[k]!++;
          o.pos[j] = own[k]! + local[p]!;
          o.value[j] = list.value[i]!;
          o.label[j] = list.label[i]!;
          o.weight[j] = list.weight[i]! * fractions[k]!;
        }
      }
    }
    out.forEach((o, k) => sortedPerChild[k]!.push(o));
  }
  return sizes.map((size, k) => ({ rows: rows[k]!, weights: weights[k]!, size, sorted: sortedPerChild[k]!, workspace: sample.workspace }));
}

/**
 * Partition without fractional rows: every array of the node is reordered in place (stable,
 * by child, through the shared scratch) and each child gets views of its range — no
 * allocation, which matters because splitting copies every sorted list once per tree level.
 * The parent's arrays are consumed.
 */
function partitionInPlace(sample: NodeSample, ws: Workspace, childOf: Int32Array, childCount: number): NodeSample[] {
  const n = sample.size;
  const counts = new Int32Array(childCount + 1); // the last slot gathers dropped rows
  const local = ws.local;
  for (let p = 0; p < n; p++) {
    const c = childOf[p]!;
    const k = c >= 0 ? c : childCount;
    local[p] = counts[k]!++;
  }
  const starts = new Int32Array(childCount + 1);
  for (let k = 1; k <= childCount; k++) starts[k] = starts[k - 1]! + counts[k - 1]!;
  const slot = (p: number) => {
    const c = childOf[p]!;
    return starts[c >= 0 ? c : childCount]! + local[p]!;
  };
  const ints = ws.ints;
  const floats = ws.floats;
  for (let p = 0; p < n; p++) ints[slot(p)] = sample.rows[p]!;
  sample.rows.set(ints.subarray(0, n));
  for (let p = 0; p < n; p++) floats[slot(p)] = sample.weights[p]!;
  sample.weights.set(floats.subarray(0, n));
  const lists: (SortedList | null)[][] = Array.from({ length: childCount }, () => []);
  for (const list of sample.sorted) {
    if (!list) {
      for (const l of lists) l.push(null);
      continue;
    }
    const m = list.length;
    // One pass with random access (the child of each entry), then sequential passes.
    const lc = new Int32Array(childCount + 1);
    const dest = ws.dest;
    for (let i = 0; i < m; i++) {
      const c = childOf[list.pos[i]!]!;
      const k = c >= 0 ? c : childCount;
      dest[i] = k;
      lc[k]!++;
    }
    const ls = new Int32Array(childCount + 1);
    for (let k = 1; k <= childCount; k++) ls[k] = ls[k - 1]! + lc[k - 1]!;
    const fill = ls.slice();
    for (let i = 0; i < m; i++) dest[i] = fill[dest[i]!]!++;
    for (let i = 0; i < m; i++) ints[dest[i]!] = local[list.pos[i]!]!;
    list.pos.set(ints.subarray(0, m));
    for (const arr of [list.value, list.label, list.weight]) {
      for (let i = 0; i < m; i++) floats[dest[i]!] = arr[i]!;
      arr.set(floats.subarray(0, m));
    }
    for (let k = 0; k < childCount; k++) {
      const a = ls[k]!;
      const b = a + lc[k]!;
      lists[k]!.push({ pos: list.pos.subarray(a, b), value: list.value.subarray(a, b), label: list.label.subarray(a, b), weight: list.weight.subarray(a, b), length: b - a });
    }
  }
  return Array.from({ length: childCount }, (_, k) => {
    const a = starts[k]!;
    const b = a + counts[k]!;
    return { rows: sample.rows.subarray(a, b), weights: sample.weights.subarray(a, b), size: b - a, sorted: lists[k]!, workspace: ws };
  });
}

/** Total weight of a sample. */
export function sampleWeight(sample: NodeSample): number {
  let s = 0;
  for (let p = 0; p < sample.size; p++) s += sample.weights[p]!;
  return s;
}

/** Weighted class counts of a sample for a coded target. */
export function classWeightsOf(sample: NodeSample, codes: Int32Array, classes: number, factor?: Float64Array): Float64Array {
  const out = new Float64Array(classes);
  for (let p = 0; p < sample.size; p++) {
    const c = codes[sample.rows[p]!]!;
    if (c >= 0) out[c]! += sample.weights[p]! * (factor ? factor[c]! : 1);
  }
  return out;
}
