/**
 * QUEST's split at a node (Loh & Shih 1997, "Split selection methods for classification
 * trees", Statistica Sinica 7):
 *
 * 1. Variable selection, unbiased by the number of categories: an ANOVA F test of each
 *    continuous (and ordinal, by its codes) predictor across the classes and a Pearson
 *    chi-square test of each nominal predictor against the class. If the smallest p-value is
 *    below α/M (Bonferroni, M predictors), that predictor is chosen; otherwise Levene's F
 *    test (ANOVA of |x − class mean|) is tried for the continuous predictors at α/M₁; failing
 *    that, the predictor with the smallest first-step p-value is chosen.
 * 2. Split point: a nominal predictor is first mapped to its CRIMCOORD scores. With more than
 *    two classes, the class means are grouped into two superclasses by 2-means clustering
 *    (started from the two extreme means). The split point d solves the quadratic
 *    discriminant equation p_A·φ((x−x̄_A)/s_A)/s_A = p_B·φ((x−x̄_B)/s_B)/s_B (p from the
 *    node's prior-adjusted class proportions); of two roots the one between the means (else
 *    the one nearer x̄_A) is used, and the midpoint of the means when there is no real root or
 *    when the root leaves a side below the minimum child size. Left is x ≤ d.
 */
import type { TrainingData } from "../dataset.js";
import type { FoundSplit } from "../tree/grow-binary.js";
import type { NodeSample } from "../tree/node-sample.js";
import type { ClassTarget } from "../tree/target.js";
import { chiSquareSurvival, fSurvival } from "../stats/distributions.js";
import { crimcoordScores } from "./crimcoord.js";

export interface QuestSearch {
  readonly data: TrainingData;
  readonly target: ClassTarget;
  readonly alpha: number;
  readonly minChild: number;
}

/** x of a row for predictor f: the value, the ordinal code, or the CRIMCOORD score; NaN = missing. */
type Getter = (row: number) => number;

function numericGetter(data: TrainingData, f: number, scores?: Float64Array): Getter {
  const c = data.inputs[f]!;
  if (c.measure === "continuous") return (row) => c.values[row]!;
  return (row) => {
    const k = c.codes[row]!;
    return k < 0 ? NaN : scores ? scores[k]! : k;
  };
}

/** ANOVA of x across classes; with `levene`, of |x − class mean|. */
function anovaP(s: QuestSearch, sample: NodeSample, x: Getter, levene: boolean): number {
  const J = s.target.classes;
  const n = new Float64Array(J);
  const sx = new Float64Array(J);
  for (let p = 0; p < sample.size; p++) {
    const row = sample.rows[p]!;
    const v = x(row);
    if (Number.isNaN(v)) continue;
    const j = s.target.codes[row]!;
    n[j]! += sample.weights[p]!;
    sx[j]! += sample.weights[p]! * v;
  }
  const mean = sx.map((v, j) => (n[j]! > 0 ? v / n[j]! : 0));
  const z = levene ? (row: number, j: number) => Math.abs(x(row) - mean[j]!) : (row: number) => x(row);
  const nz = new Float64Array(J);
  const sz = new Float64Array(J);
  const szz = new Float64Array(J);
  for (let p = 0; p < sample.size; p++) {
    const row = sample.rows[p]!;
    if (Number.isNaN(x(row))) continue;
    const j = s.target.codes[row]!;
    const w = sample.weights[p]!;
    const v = z(row, j);
    nz[j]! += w;
    sz[j]! += w * v;
    szz[j]! += w * v * v;
  }
  let N = 0;
  let S = 0;
  let groups = 0;
  for (let j = 0; j < J; j++) if (nz[j]! > 0) {
    groups++;
    N += nz[j]!;
    S += sz[j]!;
  }
  if (groups < 2 || !(N > groups)) return 1;
  const grand = S / N;
  let ssb = 0;
  let ssw = 0;
  for (let j = 0; j < J; j++) if (nz[j]! > 0) {
    const m = sz[j]! / nz[j]!;
    ssb += nz[j]! * (m - grand) * (m - grand);
    ssw += Math.max(0, szz[j]! - sz[j]! * m);
  }
  if (!(ssw > 0)) return ssb > 0 ? 0 : 1;
  return fSurvival(ssb / (groups - 1) / (ssw / (N - groups)), groups - 1, N - groups);
}

function contingency(s: QuestSearch, sample: NodeSample, f: number): { table: Float64Array; present: number[]; K: number } {
  const c = s.data.inputs[f]!;
  const K = c.measure === "continuous" ? 0 : c.categories.length;
  const J = s.target.classes;
  const table = new Float64Array(K * J);
  if (c.measure !== "continuous") {
    for (let p = 0; p < sample.size; p++) {
      const row = sample.rows[p]!;
      const k = c.codes[row]!;
      if (k >= 0) table[k * J + s.target.codes[row]!]! += sample.weights[p]!;
    }
  }
  const present: number[] = [];
  for (let k = 0; k < K; k++) {
    let w = 0;
    for (let j = 0; j < J; j++) w += table[k * J + j]!;
    if (w > 0) present.push(k);
  }
  return { table, present, K };
}

function chiSquareP(table: Float64Array, present: readonly number[], J: number): number {
  const col = new Float64Array(J);
  const row = present.map((k) => {
    let s = 0;
    for (let j = 0; j < J; j++) {
      s += table[k * J + j]!;
      col[j]! += table[k * J + j]!;
    }
    return s;
  });
  const N = row.reduce((a, b) => a + b, 0);
  const cols = col.filter((c) => c > 0).length;
  const df = (present.length - 1) * (cols - 1);
  if (df <= 0) return 1;
  let stat = 0;
  present.forEach((k, i) => {
    for (let j = 0; j < J; j++) {
      if (!(col[j]! > 0)) continue;
      const e = (row[i]! * col[j]!) / N;
      stat += (table[k * J + j]! - e) ** 2 / e;
    }
  });
  return chiSquareSurvival(stat, df);
}

export function questSplit(s: QuestSearch, sample: NodeSample): FoundSplit | null {
  const inputs = s.data.inputs;
  const M = inputs.length;
  const pFirst = inputs.map((c, f) => {
    if (c.measure === "continuous" || c.measure === "ordinal") return anovaP(s, sample, numericGetter(s.data, f), false);
    const t = contingency(s, sample, f);
    return t.present.length < 2 ? 1 : chiSquareP(t.table, t.present, s.target.classes);
  });
  let chosen = argmin(pFirst);
  if (!(pFirst[chosen]! < s.alpha / M)) {
    const numeric = inputs.map((c, f) => (c.measure === "continuous" || c.measure === "ordinal" ? f : -1)).filter((f) => f >= 0);
    const lev = numeric.map((f) => anovaP(s, sample, numericGetter(s.data, f), true));
    const k = lev.length > 0 ? argmin(lev) : -1;
    if (k >= 0 && lev[k]! < s.alpha / numeric.length) chosen = numeric[k]!;
  }
  if (!(pFirst[chosen]! < 1)) return null;
  return splitPoint(s, sample, chosen, pFirst[chosen]!);
}

function argmin(xs: readonly number[]): number {
  let b = 0;
  for (let i = 1; i < xs.length; i++) if (xs[i]! < xs[b]!) b = i;
  return b;
}

function splitPoint(s: QuestSearch, sample: NodeSample, f: number, p: number): FoundSplit | null {
  const col = s.data.inputs[f]!;
  const J = s.target.classes;
  let scores: Float64Array | undefined;
  let present: number[] = [];
  if (col.measure !== "continuous" && col.measure !== "ordinal") {
    const t = contingency(s, sample, f);
    present = t.present;
    scores = crimcoordScores(t.K, J, t.table, t.present) ?? undefined;
    if (!scores) return null;
  }
  const x = numericGetter(s.data, f, scores);
  const n = new Float64Array(J);
  const sx = new Float64Array(J);
  const sxx = new Float64Array(J);
  for (let q = 0; q < sample.size; q++) {
    const row = sample.rows[q]!;
    const v = x(row);
    if (Number.isNaN(v)) continue;
    const j = s.target.codes[row]!;
    const w = sample.weights[q]!;
    n[j]! += w;
    sx[j]! += w * v;
    sxx[j]! += w * v * v;
  }
  const classes: number[] = [];
  for (let j = 0; j < J; j++) if (n[j]! > 0) classes.push(j);
  if (classes.length < 2) return null;
  const mean = (j: number) => sx[j]! / n[j]!;
  // Two superclasses by 2-means on the class means.
  let cA = Math.min(...classes.map(mean));
  let cB = Math.max(...classes.map(mean));
  if (!(cB > cA)) return null;
  let inA = classes.map((j) => Math.abs(mean(j) - cA) <= Math.abs(mean(j) - cB));
  for (let it = 0; it < 100; it++) {
    const a = classes.filter((_, i) => inA[i]);
    const b = classes.filter((_, i) => !inA[i]);
    cA = a.reduce((t, j) => t + mean(j), 0) / a.length;
    cB = b.reduce((t, j) => t + mean(j), 0) / b.length;
    const next = classes.map((j) => Math.abs(mean(j) - cA) <= Math.abs(mean(j) - cB));
    if (next.every((v, i) => v === inA[i])) break;
    inA = next;
  }
  const group = (sel: boolean) => {
    let nn = 0;
    let s1 = 0;
    let s2 = 0;
    let prior = 0;
    classes.forEach((j, i) => {
      if (inA[i] !== sel) return;
      nn += n[j]!;
      s1 += sx[j]!;
      s2 += sxx[j]!;
      prior += n[j]! * s.target.factor[j]!;
    });
    const m = s1 / nn;
    return { m, v: Math.max(0, s2 / nn - m * m), prior };
  };
  const A = group(true);
  const B = group(false);
  const sides = (point: number) => {
    let l = 0;
    let r = 0;
    for (let q = 0; q < sample.size; q++) {
      const v = x(sample.rows[q]!);
      if (Number.isNaN(v)) continue;
      if (v <= point) l += sample.weights[q]!;
      else r += sample.weights[q]!;
    }
    return l >= s.minChild && r >= s.minChild;
  };
  let d = discriminantPoint(A.m, A.v, A.prior, B.m, B.v, B.prior);
  // A root beyond the data (unequal priors and variances) separates nothing: fall back to the
  // midpoint of the superclass means.
  if (!sides(d)) {
    d = (A.m + B.m) / 2;
    if (!sides(d)) return null;
  }
  const col2 = s.data.inputs[f]!;
  const improvement = 1 - p;
  if (col2.measure === "continuous") {
    return { input: f, left: { kind: "range", low: -Infinity, high: d }, right: { kind: "range", low: d, high: Infinity }, improvement };
  }
  if (col2.measure === "ordinal") {
    const K = col2.categories.length;
    const codes = Array.from({ length: K }, (_, k) => k);
    return { input: f, left: { kind: "set", codes: codes.filter((k) => k <= d) }, right: { kind: "set", codes: codes.filter((k) => k > d) }, improvement };
  }
  return {
    input: f,
    left: { kind: "set", codes: present.filter((k) => scores![k]! <= d) },
    right: { kind: "set", codes: present.filter((k) => scores![k]! > d) },
    improvement,
  };
}

/** Where the two weighted normal densities cross (Loh & Shih's quadratic discriminant). */
export function discriminantPoint(mA: number, vA: number, pA: number, mB: number, vB: number, pB: number): number {
  const scale = Math.max(1, Math.abs(mA), Math.abs(mB)) * 1e-12;
  const midpoint = (mA + mB) / 2;
  if (!(vA > scale) || !(vB > scale)) return midpoint;
  const a = 1 / vB - 1 / vA;
  const b = 2 * (mA / vA - mB / vB);
  const c = (mB * mB) / vB - (mA * mA) / vA + 2 * Math.log((pA * Math.sqrt(vB)) / (pB * Math.sqrt(vA)));
  if (Math.abs(a) < 1e-12 * (1 / vA + 1 / vB)) return b !== 0 ? -c / b : midpoint;
  const disc = b * b - 4 * a * c;
  if (disc < 0) return midpoint;
  const r1 = (-b + Math.sqrt(disc)) / (2 * a);
  const r2 = (-b - Math.sqrt(disc)) / (2 * a);
  const lo = Math.min(mA, mB);
  const hi = Math.max(mA, mB);
  const between = [r1, r2].filter((r) => r >= lo && r <= hi);
  if (between.length > 0) return between[0]!;
  return Math.abs(r1 - mA) <= Math.abs(r2 - mA) ? r1 : r2;
}
