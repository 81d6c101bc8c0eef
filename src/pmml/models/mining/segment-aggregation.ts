/**
 * How a Segmentation combines the predictions of the segments that fired, per
 * multipleModelMethod. Each combiner works on preallocated arrays (no allocation per row).
 *
 * Regression: average, weightedAverage, median, weightedMedian (the first value, in sorted order,
 * at which the cumulative weight reaches half the total), sum, weightedSum, max.
 * Classification: majorityVote and weightedMajorityVote (probability = vote share; a tie goes to
 * the class voted for first), average and weightedAverage of the probability distributions,
 * median and max (the winning class by the median or largest probability; the distribution is the
 * average of the models that gave that probability, or were closest to the median).
 * Clustering: majorityVote and weightedMajorityVote of cluster ids.
 */
import type { Value } from "../../types/values.js";
import type { CompiledModel, ModelState } from "../model.js";

export interface SegmentVote {
  readonly model: CompiledModel;
  readonly weight: number;
}

export interface Combiner {
  /** Starts a row. */
  begin(): void;
  /** Adds a segment that fired and produced a prediction. */
  add(model: CompiledModel, weight: number): void;
  /** Votes only (missingPredictionTreatment="continue"): a vote for "missing". */
  addMissing?(weight: number): void;
  /** Writes the combined result; returns false when there is none. */
  finish(state: ModelState): boolean;
}

/** `start` seeds a sum (a float learner's base score; 0 otherwise). */
export function regressionCombiner(method: string, capacity: number, float: boolean, start = 0): Combiner {
  const values = new Float64Array(capacity);
  const weights = new Float64Array(capacity);
  const order = new Int32Array(capacity);
  let n = 0;
  const r = float ? Math.fround : (x: number) => x;
  return {
    begin() {
      n = 0;
    },
    add(model, weight) {
      const v = model.state.values[0];
      values[n] = typeof v === "number" ? v : Number(v);
      weights[n] = weight;
      n++;
    },
    finish(state) {
      if (n === 0) return false;
      let result: number;
      switch (method) {
        case "sum": {
          let s = r(start);
          for (let i = 0; i < n; i++) s = r(s + values[i]!);
          result = s;
          break;
        }
        case "weightedSum": {
          let s = 0;
          for (let i = 0; i < n; i++) s = r(s + r(weights[i]! * values[i]!));
          result = s;
          break;
        }
        case "average": {
          let s = 0;
          for (let i = 0; i < n; i++) s = r(s + values[i]!);
          result = r(s / n);
          break;
        }
        case "weightedAverage": {
          let s = 0;
          let w = 0;
          for (let i = 0; i < n; i++) {
            s = r(s + r(weights[i]! * values[i]!));
            w = r(w + weights[i]!);
          }
          result = r(s / w);
          break;
        }
        case "max": {
          result = values[0]!;
          for (let i = 1; i < n; i++) if (values[i]! > result) result = values[i]!;
          break;
        }
        case "median": {
          const sorted = values.subarray(0, n).slice().sort();
          const mid = n >> 1;
          result = n % 2 === 1 ? sorted[mid]! : r((sorted[mid - 1]! + sorted[mid]!) / 2);
          break;
        }
        case "weightedMedian": {
          for (let i = 0; i < n; i++) order[i] = i;
          const idx = Array.from(order.subarray(0, n)).sort((a, b) => values[a]! - values[b]!);
          let total = 0;
          for (let i = 0; i < n; i++) total += weights[i]!;
          let acc = 0;
          result = values[idx[n - 1]!]!;
          for (const i of idx) {
            acc += weights[i]!;
            if (acc >= total / 2) {
              result = values[i]!;
              break;
            }
          }
          break;
        }
        default:
          throw new Error(`unreachable: regression combiner ${method}`);
      }
      state.values[0] = result;
      return true;
    },
  };
}

/** Majority votes over a fixed category list (classification classes or cluster ids). */
export function voteCombiner(categories: readonly Value[], weighted: boolean, withProbabilities: boolean): Combiner {
  const k = categories.length;
  const index = new Map(categories.map((c, i) => [c, i]));
  const votes = new Float64Array(k);
  const firstSeen = new Int32Array(k);
  let counter = 0;
  let total = 0;
  let missing = 0;
  return {
    begin() {
      votes.fill(0);
      firstSeen.fill(0);
      counter = 0;
      total = 0;
      missing = 0;
    },
    addMissing(weight) {
      missing += weighted ? weight : 1;
    },
    add(model, weight) {
      const v = model.state.values[0]!;
      const i = index.get(v);
      if (i === undefined) return;
      const w = weighted ? weight : 1;
      if (votes[i] === 0) firstSeen[i] = ++counter;
      votes[i] = votes[i]! + w;
      total += w;
    },
    finish(state) {
      if (total === 0) return false;
      let best = -1;
      for (let i = 0; i < k; i++) {
        if (votes[i] === 0) continue;
        if (best < 0 || votes[i]! > votes[best]! || (votes[i] === votes[best] && firstSeen[i]! < firstSeen[best]!)) best = i;
      }
      // "The missing result is returned if it gets the most (possibly weighted) votes."
      if (missing > votes[best]!) return false;
      state.values[0] = categories[best]!;
      if (withProbabilities) {
        const p = state.probabilities[0]!;
        for (let i = 0; i < k; i++) p[i] = votes[i]! / total;
        state.hasProbabilities[0] = true;
      }
      return true;
    },
  };
}

/** average / weightedAverage / median / max over the segments' probability distributions. */
export function probabilityCombiner(method: string, categories: readonly Value[], capacity: number): Combiner {
  const k = categories.length;
  const index = new Map(categories.map((c, i) => [c, i]));
  // rows: segment, columns: category
  const table = new Float64Array(capacity * k);
  const weights = new Float64Array(capacity);
  const column = new Float64Array(capacity);
  const chosen = new Uint8Array(capacity);
  let n = 0;
  const copyRow = (model: CompiledModel, row: number) => {
    const own = model.targets[0]!.categories;
    const probs = model.state.probabilities[0]!;
    const base = row * k;
    table.fill(0, base, base + k);
    if (!model.state.hasProbabilities[0]) {
      // A segment without a distribution counts as certain of its prediction.
      const i = index.get(model.state.values[0]!);
      if (i !== undefined) table[base + i] = 1;
      return;
    }
    for (let j = 0; j < own.length; j++) {
      const i = index.get(own[j]!);
      if (i !== undefined) table[base + i] = probs[j]!;
    }
  };
  const averageOf = (out: Float64Array, select: (row: number) => boolean, weighted: boolean) => {
    out.fill(0);
    let w = 0;
    for (let s = 0; s < n; s++) {
      if (!select(s)) continue;
      const ws = weighted ? weights[s]! : 1;
      w += ws;
      for (let i = 0; i < k; i++) out[i] = out[i]! + ws * table[s * k + i]!;
    }
    for (let i = 0; i < k; i++) out[i] = out[i]! / w;
  };
  return {
    begin() {
      n = 0;
    },
    add(model, weight) {
      copyRow(model, n);
      weights[n] = weight;
      n++;
    },
    finish(state) {
      if (n === 0) return false;
      const out = state.probabilities[0]!;
      if (method === "average" || method === "weightedAverage") {
        averageOf(out, () => true, method === "weightedAverage");
      } else {
        // median / max: pick the class first, then average the models that support that value.
        let bestClass = 0;
        let bestValue = -Infinity;
        for (let i = 0; i < k; i++) {
          for (let s = 0; s < n; s++) column[s] = table[s * k + i]!;
          const v = method === "max" ? maxOf(column, n) : medianOf(column, n);
          if (v > bestValue) {
            bestValue = v;
            bestClass = i;
          }
        }
        let minDiff = Infinity;
        for (let s = 0; s < n; s++) {
          const d = Math.abs(table[s * k + bestClass]! - bestValue);
          if (d < minDiff) minDiff = d;
        }
        for (let s = 0; s < n; s++) chosen[s] = Math.abs(table[s * k + bestClass]! - bestValue) <= minDiff ? 1 : 0;
        averageOf(out, (s) => chosen[s] === 1, false);
      }
      let best = 0;
      for (let i = 1; i < k; i++) if (out[i]! > out[best]!) best = i;
      state.values[0] = categories[best]!;
      state.hasProbabilities[0] = true;
      return true;
    },
  };
}

function maxOf(xs: Float64Array, n: number): number {
  let m = -Infinity;
  for (let i = 0; i < n; i++) if (xs[i]! > m) m = xs[i]!;
  return m;
}

function medianOf(xs: Float64Array, n: number): number {
  const s = xs.subarray(0, n).slice().sort();
  const mid = n >> 1;
  return n % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
