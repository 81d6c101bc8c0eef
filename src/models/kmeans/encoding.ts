/**
 * How K-Means sees the inputs (NODES.md §6.8, and IBM's K-Means overview: "scale fields are
 * rescaled to a standard 0–1 range", categorical ones become indicator fields scaled so that
 * two records that disagree on one categorical field are as far apart as the encoding value
 * makes them):
 *
 * - a continuous input is min–max scaled to [0, 1] over the training rows;
 * - a categorical input becomes one 0/1 indicator per category, each weighted by the squared
 *   encoding value e² (default e = √0.5, so a disagreement contributes e² + e² = 1, the same
 *   as the full range of a continuous field). Weighting 0/1 indicators by e² is the same
 *   squared distance as coding them 0/e, and keeps cluster centres readable as proportions;
 * - blanks get Modeler's "neutral" values (Clementine Algorithms Guide, K-Means, "Blank
 *   handling"): 0.5 for a continuous field and 0 for every indicator of a categorical one.
 *   A category never seen in training counts as blank.
 *
 * A continuous input with a single value carries no information and is left out (warned).
 */
import type { ClusterData } from "../cluster-data.js";
import type { Feature } from "../regression/features.js";

export interface ClusterEncoding {
  readonly features: readonly Feature[];
  /** Per feature, its weight in the squared distance (1, or e² for indicators). */
  readonly weights: Float64Array;
  readonly warnings: readonly string[];
}

export function kmeansEncoding(data: ClusterData, encodingValue: number): ClusterEncoding {
  const features: Feature[] = [];
  const weights: number[] = [];
  const warnings: string[] = [];
  const freq = data.frequency;
  data.inputs.forEach((c, input) => {
    if (c.measure === "continuous") {
      let lo = Infinity;
      let hi = -Infinity;
      for (let r = 0; r < data.rowCount; r++) {
        const v = c.values[r]!;
        if (Number.isNaN(v) || (freq && !(freq[r]! > 0))) continue;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      if (!(hi > lo)) {
        warnings.push(`field ${c.name} has ${hi === lo ? "a single value" : "no values"} and is left out`);
        return;
      }
      features.push({ kind: "scaled", input, orig: [lo, hi], norm: [0, 1], mapMissingTo: 0.5 });
      weights.push(1);
      return;
    }
    for (let k = 0; k < c.categories.length; k++) {
      features.push({ kind: "indicator", input, code: k, mapMissingTo: 0 });
      weights.push(encodingValue * encodingValue);
    }
  });
  return { features, weights: Float64Array.from(weights), warnings };
}
