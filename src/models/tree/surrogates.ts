/**
 * Surrogate splits (Breiman et al. 1984, §5.3): for a node's primary split, the split on each
 * other predictor that best predicts which side a record goes to. A record missing the
 * primary predictor is then sent by the first surrogate it has a value for.
 *
 * Agreement is measured on the records known for both predictors. A surrogate is kept only
 * when its predictive measure of association
 *   λ = (min(pL, pR) − (1 − agreement)) / min(pL, pR)
 * is positive, i.e. it beats "send everything to the larger side"; the best `max` are kept,
 * in decreasing λ.
 */
import type { TrainingData } from "../dataset.js";
import type { NodeSample } from "./node-sample.js";
import { midpoint, type Condition, type Surrogate } from "./tree-types.js";

/**
 * `side[p]`: 0 (left), 1 (right) or −1 (primary value missing) for each position.
 * Returns surrogates with conditions [left, right].
 */
export function findSurrogates(data: TrainingData, sample: NodeSample, primary: number, side: Int8Array, max: number, candidates?: readonly number[]): Surrogate[] {
  if (max <= 0) return [];
  const found: Surrogate[] = [];
  const inputs = candidates ?? data.inputs.map((_, i) => i);
  for (const g of inputs) {
    if (g === primary) continue;
    const s = data.inputs[g]!.measure === "continuous" ? continuousSurrogate(sample, g, side) : categoricalSurrogate(data, sample, g, side);
    if (s && s.association > 0) found.push(s);
  }
  found.sort((a, b) => b.association - a.association || a.input - b.input);
  return found.slice(0, max);
}

function association(wl: number, wr: number, agree: number): number {
  const total = wl + wr;
  const pMin = Math.min(wl, wr) / total;
  if (!(pMin > 0)) return 0;
  return (pMin - (1 - agree / total)) / pMin;
}

function continuousSurrogate(sample: NodeSample, g: number, side: Int8Array): Surrogate | null {
  const list = sample.sorted[g];
  if (!list || list.length < 2) return null;
  const { pos, value, weight, length } = list;
  let WL = 0;
  let WR = 0;
  for (let i = 0; i < length; i++) {
    const sd = side[pos[i]!]!;
    if (sd === 0) WL += weight[i]!;
    else if (sd === 1) WR += weight[i]!;
  }
  if (!(WL > 0 && WR > 0)) return null;
  let cumL = 0;
  let cumR = 0;
  let best = -Infinity;
  let bestThreshold = NaN;
  let reversed = false;
  for (let i = 0; i < length - 1; i++) {
    const sd = side[pos[i]!]!;
    if (sd === 0) cumL += weight[i]!;
    else if (sd === 1) cumR += weight[i]!;
    const v = value[i]!;
    const next = value[i + 1]!;
    const below = cumL + cumR;
    if (next === v || below <= 0 || below >= WL + WR) continue;
    const straight = cumL + (WR - cumR);
    const crossed = cumR + (WL - cumL);
    if (straight > best) {
      best = straight;
      bestThreshold = midpoint(v, next);
      reversed = false;
    }
    if (crossed > best) {
      best = crossed;
      bestThreshold = midpoint(v, next);
      reversed = true;
    }
  }
  if (!(best > -Infinity)) return null;
  const below: Condition = { kind: "range", low: -Infinity, high: bestThreshold };
  const above: Condition = { kind: "range", low: bestThreshold, high: Infinity };
  return { input: g, conditions: reversed ? [above, below] : [below, above], association: association(WL, WR, best) };
}

function categoricalSurrogate(data: TrainingData, sample: NodeSample, g: number, side: Int8Array): Surrogate | null {
  const col = data.inputs[g]!;
  if (col.measure === "continuous") return null;
  const K = col.categories.length;
  const wl = new Float64Array(K);
  const wr = new Float64Array(K);
  let WL = 0;
  let WR = 0;
  for (let p = 0; p < sample.size; p++) {
    const k = col.codes[sample.rows[p]!]!;
    const sd = side[p]!;
    if (k < 0 || sd < 0) continue;
    const w = sample.weights[p]!;
    if (sd === 0) {
      wl[k]! += w;
      WL += w;
    } else {
      wr[k]! += w;
      WR += w;
    }
  }
  if (!(WL > 0 && WR > 0)) return null;
  const left: number[] = [];
  const right: number[] = [];
  let agree = 0;
  for (let k = 0; k < K; k++) {
    if (wl[k]! === 0 && wr[k]! === 0) continue;
    const goLeft = wl[k]! > wr[k]! || (wl[k]! === wr[k]! && WL >= WR);
    (goLeft ? left : right).push(k);
    agree += goLeft ? wl[k]! : wr[k]!;
  }
  if (left.length === 0 || right.length === 0) return null;
  return { input: g, conditions: [{ kind: "set", codes: left }, { kind: "set", codes: right }], association: association(WL, WR, agree) };
}
