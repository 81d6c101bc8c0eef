/**
 * Initial cluster centres.
 *
 * - `FarthestFirst` (the default, our reading of Modeler's K-Means [M]): the first record is the
 *   first centre; each next centre is the record farthest from its nearest chosen centre (the
 *   first such record on ties). Deterministic and dependent on record order, as IBM documents
 *   for Modeler ("the resulting model depends to a certain extent on the order of the training
 *   data"); the node has no random seed. Gonzalez (1985) calls it farthest-point clustering.
 * - `KMeansPlusPlus` (ours): the first centre drawn at random, each next one with probability
 *   proportional to frequency × squared distance to the nearest chosen centre (Arthur &
 *   Vassilvitskii 2007), from the training data's seed.
 */
import type { RandomSource } from "../../data/random.js";
import { TrainingError } from "../errors.js";
import { squaredDistance } from "./distance.js";

export type Initialization = "FarthestFirst" | "KMeansPlusPlus";

/** Centres as a row-major k × p matrix, from rows of `x` with positive weight. */
export function initialCenters(x: Float64Array, n: number, p: number, w: Float64Array | null, fieldWeights: Float64Array, k: number, method: Initialization, random: RandomSource): Float64Array {
  const centers = new Float64Array(k * p);
  const nearest = new Float64Array(n).fill(Infinity);
  const take = (row: number, c: number) => {
    for (let j = 0; j < p; j++) centers[c * p + j] = x[row * p + j]!;
    for (let r = 0; r < n; r++) {
      const d = squaredDistance(x, r, centers, c, fieldWeights, p);
      if (d < nearest[r]!) nearest[r] = d;
    }
  };
  const weight = (r: number) => (w ? w[r]! : 1);
  let first = 0;
  if (method === "FarthestFirst") {
    while (first < n && !(weight(first) > 0)) first++;
  } else {
    let total = 0;
    for (let r = 0; r < n; r++) total += weight(r);
    let u = random() * total;
    for (first = 0; first < n - 1; first++) {
      u -= weight(first);
      if (u < 0 && weight(first) > 0) break;
    }
  }
  take(first, 0);
  for (let c = 1; c < k; c++) {
    let chosen = -1;
    if (method === "FarthestFirst") {
      let far = 0;
      for (let r = 0; r < n; r++) {
        if (weight(r) > 0 && nearest[r]! > far) {
          far = nearest[r]!;
          chosen = r;
        }
      }
    } else {
      let total = 0;
      for (let r = 0; r < n; r++) total += weight(r) * nearest[r]!;
      if (total > 0) {
        let u = random() * total;
        for (let r = 0; r < n; r++) {
          const m = weight(r) * nearest[r]!;
          if (m <= 0) continue;
          chosen = r;
          u -= m;
          if (u < 0) break;
        }
      }
    }
    if (chosen < 0) throw new TrainingError(`K-Means: the data have fewer than ${k} distinct records, so ${k} clusters cannot be formed (num_clusters)`, { option: "num_clusters" });
    take(chosen, c);
  }
  return centers;
}
