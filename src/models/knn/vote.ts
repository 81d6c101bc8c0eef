/**
 * A prediction from the k nearest neighbours, by the PMML rules the evaluator applies
 * (`NearestNeighborModel`, PMML 4.4):
 * - categorical targets, `majorityVote`: the most frequent class among the neighbours; a tie
 *   goes to the class with more training instances, then to the smallest value;
 * - continuous targets: the mean (`average`) or the `median` of the neighbours' values (the
 *   mean of the middle two for an even k).
 */
import { compareValues } from "../../data/values.js";
import type { Category } from "../dataset.js";

export type KnnTarget =
  | {
      readonly kind: "class";
      /** Class code of every training instance. */
      readonly codes: Int32Array;
      readonly categories: readonly Category[];
      /** Training instances per class (the first tie-break). */
      readonly totals: Float64Array;
    }
  | { readonly kind: "value"; readonly values: Float64Array; readonly method: "Mean" | "Median" };

/** Class code or value from the first `k` of `index`; class vote shares go to `shares` (when given). */
export function predictFromNeighbours(target: KnnTarget, index: Int32Array, k: number, shares?: Float64Array, scratch?: Float64Array): number {
  if (k === 0) return NaN;
  if (target.kind === "value") {
    const v = scratch ?? new Float64Array(k);
    for (let i = 0; i < k; i++) v[i] = target.values[index[i]!]!;
    if (target.method === "Mean") {
      let sum = 0;
      for (let i = 0; i < k; i++) sum += v[i]!;
      return sum / k;
    }
    const sorted = Array.from(v.subarray(0, k)).sort((a, b) => a - b);
    const mid = k >> 1;
    return k % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  }
  const votes = shares ?? new Float64Array(target.categories.length);
  votes.fill(0);
  for (let i = 0; i < k; i++) votes[target.codes[index[i]!]!] = votes[target.codes[index[i]!]!]! + 1;
  let best = -1;
  for (let c = 0; c < votes.length; c++) {
    if (votes[c] === 0) continue;
    if (best < 0 || votes[c]! > votes[best]!) best = c;
    else if (votes[c] === votes[best]) {
      const a = target.totals[c]!;
      const b = target.totals[best]!;
      if (a > b || (a === b && compareValues(target.categories[c]!, target.categories[best]!) < 0)) best = c;
    }
  }
  if (shares) for (let c = 0; c < votes.length; c++) shares[c] = votes[c]! / k;
  return best;
}
