/**
 * C5.0's choice of test at a node (Quinlan 1993, ch. 2–3; Quinlan 1996 for continuous
 * attributes): information gain ratio, with cases of unknown value handled as C4.5 does.
 *
 * For attribute X with known-value weight K and unknown weight U (total T = K + U):
 *   gain(X)      = K/T · (info(known) − Σ_b w_b/K · info(branch b))
 *   split(X)     = −Σ_b (w_b/T) log2(w_b/T) − (U/T) log2(U/T)
 *   ratio(X)     = gain / split
 * A continuous attribute's best threshold is chosen by gain, and its gain is then reduced by
 * log2(number of candidate thresholds)/T (Quinlan 1996). A test is admissible when at least
 * two branches hold `minCases` weight. Among admissible tests with gain at least the average
 * gain, the one with the largest ratio wins.
 *
 * Categorical attributes split one branch per value present at the node; with
 * `group_symbolics`, values are merged greedily (the merge of two groups that most raises
 * the gain ratio, while it rises), Quinlan 1993 §7.1.
 */
import type { TrainingData } from "../dataset.js";
import type { NodeSample } from "../tree/node-sample.js";
import { midpoint, type Condition } from "../tree/tree-types.js";

export interface C50Test {
  readonly input: number;
  /** One condition per branch. */
  readonly conditions: readonly Condition[];
  readonly gain: number;
  readonly ratio: number;
}

export interface GainSearch {
  readonly data: TrainingData;
  readonly classes: number;
  readonly codes: Int32Array;
  readonly minCases: number;
  readonly groupSymbolics: boolean;
}

/** −Σ (c/total) log2 (c/total) over a class-weight vector. */
export function info(counts: ArrayLike<number>, offset: number, J: number, total: number): number {
  if (!(total > 0)) return 0;
  let s = 0;
  for (let j = 0; j < J; j++) {
    const c = counts[offset + j]!;
    if (c > 0) s -= (c / total) * Math.log2(c / total);
  }
  return s;
}

function splitInfo(branchWeights: readonly number[], unknown: number, total: number): number {
  let s = 0;
  for (const w of branchWeights) if (w > 0) s -= (w / total) * Math.log2(w / total);
  if (unknown > 0) s -= (unknown / total) * Math.log2(unknown / total);
  return s;
}

interface Candidate {
  readonly test: C50Test;
}

export function bestTest(s: GainSearch, sample: NodeSample, totalWeight: number): C50Test | null {
  const found: Candidate[] = [];
  s.data.inputs.forEach((col, f) => {
    const t = col.measure === "continuous" ? continuousTest(s, sample, f, totalWeight) : categoricalTest(s, sample, f, totalWeight);
    if (t && t.gain > 0) found.push({ test: t });
  });
  if (found.length === 0) return null;
  const average = found.reduce((a, c) => a + c.test.gain, 0) / found.length;
  let best: C50Test | null = null;
  for (const { test } of found) {
    if (test.gain < average - 1e-12) continue;
    if (!best || test.ratio > best.ratio) best = test;
  }
  return best;
}

function continuousTest(s: GainSearch, sample: NodeSample, f: number, total: number): C50Test | null {
  const list = sample.sorted[f];
  if (!list || list.length < 2) return null;
  const { value, label, weight, length } = list;
  const J = s.classes;
  const known = new Float64Array(J);
  let K = 0;
  for (let i = 0; i < length; i++) {
    known[label[i]!]! += weight[i]!;
    K += weight[i]!;
  }
  const infoKnown = info(known, 0, J, K);
  const left = new Float64Array(J);
  const right = new Float64Array(J);
  let L = 0;
  let bestGain = -Infinity;
  let bestThreshold = NaN;
  let bestL = 0;
  let candidates = 0;
  for (let i = 0; i < length - 1; i++) {
    left[label[i]!]! += weight[i]!;
    L += weight[i]!;
    const v = value[i]!;
    const next = value[i + 1]!;
    if (next === v) continue;
    candidates++;
    if (L >= s.minCases && K - L >= s.minCases) {
      for (let j = 0; j < J; j++) right[j] = known[j]! - left[j]!;
      const g = infoKnown - (L / K) * info(left, 0, J, L) - ((K - L) / K) * info(right, 0, J, K - L);
      if (g > bestGain + 1e-12) {
        bestGain = g;
        bestThreshold = midpoint(v, next);
        bestL = L;
      }
    }
  }
  if (!(bestGain > -Infinity)) return null;
  const gain = (K / total) * bestGain - (candidates > 1 ? Math.log2(candidates) / total : 0);
  const si = splitInfo([bestL, K - bestL], total - K, total);
  return {
    input: f,
    conditions: [{ kind: "range", low: -Infinity, high: bestThreshold }, { kind: "range", low: bestThreshold, high: Infinity }],
    gain, ratio: si > 0 ? gain / si : 0,
  };
}

function categoricalTest(s: GainSearch, sample: NodeSample, f: number, total: number): C50Test | null {
  const col = s.data.inputs[f]!;
  if (col.measure === "continuous") return null;
  const V = col.categories.length;
  const J = s.classes;
  const table = new Float64Array(V * J);
  const w = new Float64Array(V);
  let K = 0;
  for (let p = 0; p < sample.size; p++) {
    const row = sample.rows[p]!;
    const v = col.codes[row]!;
    if (v < 0) continue;
    const wt = sample.weights[p]!;
    table[v * J + s.codes[row]!]! += wt;
    w[v]! += wt;
    K += wt;
  }
  const present: number[] = [];
  for (let v = 0; v < V; v++) if (w[v]! > 0) present.push(v);
  if (present.length < 2) return null;
  const known = new Float64Array(J);
  for (const v of present) for (let j = 0; j < J; j++) known[j]! += table[v * J + j]!;
  const infoKnown = info(known, 0, J, K);
  const evaluate = (groups: number[][]): { gain: number; ratio: number } | null => {
    const sums = groups.map((g) => {
      const c = new Float64Array(J);
      let n = 0;
      for (const v of g) {
        for (let j = 0; j < J; j++) c[j]! += table[v * J + j]!;
        n += w[v]!;
      }
      return { c, n };
    });
    if (sums.filter((x) => x.n >= s.minCases).length < 2) return null;
    let rest = 0;
    for (const x of sums) rest += (x.n / K) * info(x.c, 0, J, x.n);
    const gain = (K / total) * (infoKnown - rest);
    const si = splitInfo(sums.map((x) => x.n), total - K, total);
    return { gain, ratio: si > 0 ? gain / si : 0 };
  };
  let groups = present.map((v) => [v]);
  let score = evaluate(groups);
  if (s.groupSymbolics) {
    while (groups.length > 2) {
      let bestMerge: { groups: number[][]; score: { gain: number; ratio: number } } | null = null;
      for (let a = 0; a < groups.length; a++) {
        for (let b = a + 1; b < groups.length; b++) {
          const merged = groups.filter((_, k) => k !== a && k !== b);
          merged.splice(a, 0, [...groups[a]!, ...groups[b]!].sort((x, y) => x - y));
          const sc = evaluate(merged);
          if (sc && (!bestMerge || sc.ratio > bestMerge.score.ratio)) bestMerge = { groups: merged, score: sc };
        }
      }
      if (!bestMerge || (score && bestMerge.score.ratio <= score.ratio)) break;
      groups = bestMerge.groups;
      score = bestMerge.score;
    }
  }
  if (!score) return null;
  return { input: f, conditions: groups.map((codes) => ({ kind: "set", codes })), gain: score.gain, ratio: score.ratio };
}
