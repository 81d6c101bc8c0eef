/**
 * How KNN sees the inputs (SPSS KNN, which Modeler's KNN node runs; IBM SPSS Statistics
 * Algorithms, "KNN: Preprocessing"):
 *
 * - continuous inputs, with `normalize_ranges` (the default), by *adjusted normalisation*
 *   x' = 2(x − min)/(max − min) − 1 over the training rows, i.e. onto [−1, 1]; without it
 *   their raw values;
 * - categorical inputs by one-of-c coding: one 0/1 indicator per category.
 *
 * A continuous input with a single training value is left out (warned): it cannot be
 * normalised and would not change any distance.
 */
import type { TrainingData } from "../dataset.js";
import { indicatorFeatures, type Feature } from "../regression/features.js";

export interface KnnEncoding {
  readonly features: readonly Feature[];
  readonly warnings: readonly string[];
}

export function knnEncoding(data: TrainingData, rows: Int32Array, normalize: boolean): KnnEncoding {
  const features: Feature[] = [];
  const warnings: string[] = [];
  data.inputs.forEach((c, input) => {
    if (c.measure !== "continuous") {
      features.push(...indicatorFeatures(input, c.categories.length));
      return;
    }
    let lo = Infinity;
    let hi = -Infinity;
    for (const r of rows) {
      const v = c.values[r]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (!(hi > lo)) {
      warnings.push(`field ${c.name} has a single value and is left out`);
      return;
    }
    features.push(normalize ? { kind: "scaled", input, orig: [lo, hi], norm: [-1, 1] } : { kind: "value", input });
  });
  return { features, warnings };
}
