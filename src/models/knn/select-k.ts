/**
 * Automatic choice of k (Modeler's `automatic_k_selection`, SPSS KNN "Number of nearest
 * neighbors: automatically select k"): V-fold cross-validation over the training instances
 * (folds from the seed, `number_of_folds`, default 10); for every k from `minimum_k` to
 * `maximum_k`, the error is the misclassification count (categorical target) or the sum of
 * squared errors (continuous) of predicting each held-out instance from the other folds; the
 * k with the smallest error wins, the smaller k on ties.
 *
 * Cost: one neighbour search per instance over the other folds — through the k-d tree
 * (`neighbours.ts`), which skips the held-out fold's instances, so far below the O(n²·p) of
 * scanning.
 */
import type { RandomSource } from "../../data/random.js";
import { checkpoint, type TrainingControl } from "../progress.js";
import { kNearest, type NeighbourSearch } from "./neighbours.js";
import { predictFromNeighbours, type KnnTarget } from "./vote.js";

export function selectK(search: NeighbourSearch, target: KnnTarget, minK: number, maxK: number, folds: number, random: RandomSource, control?: TrainingControl): { k: number; errors: number[] } {
  const n = search.rows;
  const fold = new Int32Array(n);
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = perm[i]!;
    perm[i] = perm[j]!;
    perm[j] = t;
  }
  for (let i = 0; i < n; i++) fold[perm[i]!] = i % folds;
  const errors = new Array<number>(maxK - minK + 1).fill(0);
  const index = new Int32Array(maxK);
  const dist = new Float64Array(maxK);
  const scratch = new Float64Array(maxK);
  const votes = target.kind === "class" ? new Float64Array(target.categories.length) : undefined;
  for (let q = 0; q < n; q++) {
    if (q % 256 === 0) checkpoint(control, { stage: "choosing k", done: q, total: n });
    const f = fold[q]!;
    const found = kNearest(search, search.train, q, maxK, index, dist, (t) => fold[t] === f);
    for (let k = minK; k <= maxK; k++) {
      const use = Math.min(k, found);
      const y = predictFromNeighbours(target, index, use, votes, scratch);
      if (target.kind === "class") errors[k - minK] = errors[k - minK]! + (y === target.codes[q] ? 0 : 1);
      else errors[k - minK] = errors[k - minK]! + (y - target.values[q]!) ** 2;
    }
  }
  let best = 0;
  for (let i = 1; i < errors.length; i++) if (errors[i]! < errors[best]!) best = i;
  return { k: minK + best, errors };
}
