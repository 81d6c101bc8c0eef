/**
 * The best binary split of a node by impurity decrease (Breiman et al. 1984, ch. 4 and 8):
 * Gini, twoing and ordered twoing for categorical targets, least squares for continuous ones.
 *
 * Improvement of a split s of node t into tL, tR, computed on the records whose value of the
 * predictor is known (t′), with prior-adjusted weights A:
 *   Gini      ΔI = [A(t′)·g(t′) − A(tL)·g(tL) − A(tR)·g(tR)] / A(root),  g = 1 − Σ p(j|·)²
 *   twoing    ΔI = A(t′)/A(root) · pL·pR/4 · (Σ_j |p(j|tL) − p(j|tR)|)²
 *   ordered   ΔI = A(t′)/A(root) · max_k pL·pR · (p(j≤k|tL) − p(j≤k|tR))²   (ordinal targets)
 *   LS        ΔI = [SS(t′) − SS(tL) − SS(tR)] / W(root)
 * Records missing the predictor thus lower its improvement in proportion (as rpart does).
 *
 * Candidates: continuous predictors split at midpoints between neighbouring distinct values
 * (one sweep over the presorted list); ordinal predictors and flags between neighbouring
 * codes; nominal predictors into two subsets — in the order of p(class 2|category) or of the
 * category mean for two classes and LS (exact by Breiman's theorem 4.5), by exhaustive search
 * over the 2^(K−1)−1 subsets for more classes up to `maxExhaustive` categories, and for more
 * categories in the order of the node's most frequent class (a heuristic; documented in
 * docs/models.md). Only categories present in the node are placed; others stop at the node.
 */
import type { TrainingData } from "../dataset.js";
import type { NodeSample } from "../tree/node-sample.js";
import type { TreeTarget } from "../tree/target.js";
import { midpoint, type Condition } from "../tree/tree-types.js";

export type Criterion = "gini" | "twoing" | "ordered" | "ls";

export interface SplitSearch {
  readonly data: TrainingData;
  readonly target: TreeTarget;
  readonly criterion: Criterion;
  /** Smallest raw (frequency) weight of either child. */
  readonly minChild: number;
  /** A(root) (classification) or W(root) (regression): the normaliser of improvements. */
  readonly rootWeight: number;
  /** Largest number of categories searched exhaustively for more than two classes. */
  readonly maxExhaustive: number;
}

export interface BinarySplit {
  readonly input: number;
  readonly left: Condition;
  readonly right: Condition;
  readonly improvement: number;
}

/** Scores a left side given the known-value totals; returns −Infinity when not allowed. */
type SideScorer = (left: Float64Array, leftRaw: number) => number;

function makeScorer(s: SplitSearch, total: Float64Array, totalRaw: number): SideScorer {
  const t = s.target;
  const minChild = s.minChild;
  if (t.kind === "value") {
    // total = [w, Σwy]; left likewise.
    const w = total[0]!;
    const sy = total[1]!;
    const base = (sy * sy) / w;
    return (left, leftRaw) => {
      const rightRaw = totalRaw - leftRaw;
      if (leftRaw < minChild || rightRaw < minChild || leftRaw <= 0 || rightRaw <= 0) return -Infinity;
      const wl = left[0]!;
      const wr = w - wl;
      const syl = left[1]!;
      const syr = sy - syl;
      return ((syl * syl) / wl + (syr * syr) / wr - base) / s.rootWeight;
    };
  }
  const J = t.classes;
  let A = 0;
  let sq = 0;
  for (let j = 0; j < J; j++) {
    A += total[j]!;
    sq += total[j]! * total[j]!;
  }
  const criterion = s.criterion;
  return (left, leftRaw) => {
    const rightRaw = totalRaw - leftRaw;
    if (leftRaw < minChild || rightRaw < minChild || leftRaw <= 0 || rightRaw <= 0) return -Infinity;
    let AL = 0;
    for (let j = 0; j < J; j++) AL += left[j]!;
    const AR = A - AL;
    if (!(AL > 0 && AR > 0)) return -Infinity;
    if (criterion === "gini") {
      let sqL = 0;
      let sqR = 0;
      for (let j = 0; j < J; j++) {
        const l = left[j]!;
        const r = total[j]! - l;
        sqL += l * l;
        sqR += r * r;
      }
      return (sqL / AL + sqR / AR - sq / A) / s.rootWeight;
    }
    const pL = AL / A;
    const pR = AR / A;
    if (criterion === "twoing") {
      let d = 0;
      for (let j = 0; j < J; j++) d += Math.abs(left[j]! / AL - (total[j]! - left[j]!) / AR);
      return (A / s.rootWeight) * ((pL * pR) / 4) * d * d;
    }
    let best = 0;
    let cumL = 0;
    let cumT = 0;
    for (let k = 0; k < J - 1; k++) {
      cumL += left[k]!;
      cumT += total[k]!;
      const d = cumL / AL - (cumT - cumL) / AR;
      const v = pL * pR * d * d;
      if (v > best) best = v;
    }
    return (A / s.rootWeight) * best;
  };
}

/** Per-row contribution to the accumulators: class j with adjusted weight, or [w, w·y]. */
function accumulatorSize(t: TreeTarget): number {
  return t.kind === "value" ? 2 : t.classes;
}

function addRow(t: TreeTarget, acc: Float64Array, offset: number, row: number, w: number): void {
  if (t.kind === "value") {
    acc[offset] = acc[offset]! + w;
    acc[offset + 1] = acc[offset + 1]! + w * t.y[row]!;
  } else {
    const j = t.codes[row]!;
    acc[offset + j] = acc[offset + j]! + w * t.factor[j]!;
  }
}

export function bestBinarySplit(s: SplitSearch, sample: NodeSample, inputs: readonly number[]): BinarySplit | null {
  let best: BinarySplit | null = null;
  for (const f of inputs) {
    const c = s.data.inputs[f]!;
    const found = c.measure === "continuous" ? continuousSplit(s, sample, f) : categoricalSplit(s, sample, f);
    if (found && found.improvement > 0 && (!best || found.improvement > best.improvement)) best = found;
  }
  return best;
}

function continuousSplit(s: SplitSearch, sample: NodeSample, f: number): BinarySplit | null {
  const list = sample.sorted[f];
  if (!list || list.length < 2) return null;
  const t = s.target;
  const size = accumulatorSize(t);
  const { value, label, weight, length } = list;
  const total = new Float64Array(size);
  let totalRaw = 0;
  const regression = t.kind === "value";
  const factor = t.kind === "class" ? t.factor : null;
  for (let i = 0; i < length; i++) {
    const w = weight[i]!;
    totalRaw += w;
    if (regression) {
      total[0]! += w;
      total[1]! += w * label[i]!;
    } else {
      const j = label[i]!;
      total[j]! += w * factor![j]!;
    }
  }
  const score = makeScorer(s, total, totalRaw);
  const left = new Float64Array(size);
  let leftRaw = 0;
  let bestScore = -Infinity;
  let bestThreshold = NaN;
  const minChild = s.minChild;
  for (let i = 0; i < length - 1; i++) {
    const w = weight[i]!;
    leftRaw += w;
    if (regression) {
      left[0]! += w;
      left[1]! += w * label[i]!;
    } else {
      const j = label[i]!;
      left[j]! += w * factor![j]!;
    }
    const v = value[i]!;
    const next = value[i + 1]!;
    if (next === v || leftRaw < minChild) continue;
    if (totalRaw - leftRaw < minChild) break;
    const sc = score(left, leftRaw);
    if (sc > bestScore) {
      bestScore = sc;
      bestThreshold = midpoint(v, next);
    }
  }
  if (!(bestScore > -Infinity)) return null;
  return {
    input: f,
    left: { kind: "range", low: -Infinity, high: bestThreshold },
    right: { kind: "range", low: bestThreshold, high: Infinity },
    improvement: bestScore,
  };
}

function categoricalSplit(s: SplitSearch, sample: NodeSample, f: number): BinarySplit | null {
  const col = s.data.inputs[f]!;
  if (col.measure === "continuous") return null;
  const K = col.categories.length;
  const t = s.target;
  const size = accumulatorSize(t);
  const perCode = new Float64Array(K * size);
  const rawPerCode = new Float64Array(K);
  const total = new Float64Array(size);
  let totalRaw = 0;
  const codes = col.codes;
  for (let p = 0; p < sample.size; p++) {
    const row = sample.rows[p]!;
    const k = codes[row]!;
    if (k < 0) continue;
    const w = sample.weights[p]!;
    addRow(t, perCode, k * size, row, w);
    addRow(t, total, 0, row, w);
    rawPerCode[k]! += w;
    totalRaw += w;
  }
  const present: number[] = [];
  for (let k = 0; k < K; k++) if (rawPerCode[k]! > 0) present.push(k);
  if (present.length < 2) return null;
  const score = makeScorer(s, total, totalRaw);
  const left = new Float64Array(size);
  const ordered = col.measure === "ordinal" || col.measure === "flag";
  const twoGroup = t.kind === "value" || t.classes <= 2;

  if (!ordered && !twoGroup && present.length <= s.maxExhaustive) {
    return exhaustiveSubsets(f, present, perCode, rawPerCode, size, score);
  }
  let order = present;
  if (!ordered) {
    const key = (k: number): number => {
      const o = k * size;
      if (t.kind === "value") return perCode[o + 1]! / perCode[o]!;
      let A = 0;
      for (let j = 0; j < size; j++) A += perCode[o + j]!;
      return A > 0 ? perCode[o + sortClass(total, t.kind === "class" && t.classes <= 2)]! / A : 0;
    };
    order = [...present].sort((a, b) => key(a) - key(b) || a - b);
  }
  let leftRaw = 0;
  let bestScore = -Infinity;
  let bestCut = -1;
  for (let i = 0; i < order.length - 1; i++) {
    const k = order[i]!;
    for (let j = 0; j < size; j++) left[j]! += perCode[k * size + j]!;
    leftRaw += rawPerCode[k]!;
    const sc = score(left, leftRaw);
    if (sc > bestScore) {
      bestScore = sc;
      bestCut = i;
    }
  }
  if (bestCut < 0) return null;
  const l = order.slice(0, bestCut + 1).sort((a, b) => a - b);
  const r = order.slice(bestCut + 1).sort((a, b) => a - b);
  return { input: f, left: { kind: "set", codes: l }, right: { kind: "set", codes: r }, improvement: bestScore };
}

/** The class whose proportion orders the categories: class 2 of two, else the node's most frequent. */
function sortClass(total: Float64Array, twoClasses: boolean): number {
  if (twoClasses) return total.length > 1 ? 1 : 0;
  let best = 0;
  for (let j = 1; j < total.length; j++) if (total[j]! > total[best]!) best = j;
  return best;
}

/** All two-subset partitions of the present categories, the last one kept on the right (Gray code). */
function exhaustiveSubsets(f: number, present: readonly number[], perCode: Float64Array, rawPerCode: Float64Array, size: number, score: SideScorer): BinarySplit | null {
  const m = present.length - 1;
  const left = new Float64Array(size);
  let leftRaw = 0;
  let mask = 0;
  let bestScore = -Infinity;
  let bestMask = 0;
  const subsets = 1 << m;
  for (let g = 1; g < subsets; g++) {
    // Gray code: flip the bit at the position of g's lowest set bit.
    const bit = 31 - Math.clz32(g & -g);
    const k = present[bit]!;
    const sign = mask & (1 << bit) ? -1 : 1;
    mask ^= 1 << bit;
    for (let j = 0; j < size; j++) left[j]! += sign * perCode[k * size + j]!;
    leftRaw += sign * rawPerCode[k]!;
    const sc = score(left, leftRaw);
    if (sc > bestScore || (sc === bestScore && sc > -Infinity && mask < bestMask)) {
      bestScore = sc;
      bestMask = mask;
    }
  }
  if (!(bestScore > -Infinity)) return null;
  const l: number[] = [];
  const r: number[] = [];
  present.forEach((k, i) => (i < m && bestMask & (1 << i) ? l : r).push(k));
  return { input: f, left: { kind: "set", codes: l }, right: { kind: "set", codes: r }, improvement: bestScore };
}
