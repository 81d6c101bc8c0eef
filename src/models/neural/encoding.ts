/**
 * How the neural network sees its inputs and target (SPSS MLP's defaults, IBM SPSS Neural
 * Networks, "Rescaling of covariates / scale dependent variables: standardized"):
 *
 * - continuous inputs are standardised, (x − mean)/s with the training rows' mean and sample
 *   standard deviation (a NormContinuous through (mean, 0) and (mean + s, 1));
 * - categorical inputs are one-of-c coded, one 0/1 indicator per category;
 * - a continuous target is standardised the same way (the output unit predicts z, which is
 *   mapped back through the same two points).
 *
 * A continuous input with no spread is left out (warned).
 */
import type { ContinuousColumn, TrainingData } from "../dataset.js";
import { indicatorFeatures, type Feature } from "../regression/features.js";

export interface Standardisation {
  readonly mean: number;
  /** mean + s, the second LinearNorm point (kept as computed, so scaling is exactly PMML's). */
  readonly meanPlusSd: number;
}

export function standardisation(values: Float64Array, rows: ArrayLike<number>, freq: Float64Array | null): Standardisation | null {
  let total = 0;
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const w = freq ? freq[r]! : 1;
    if (w === 0) continue;
    const v = values[r]!;
    total += w;
    const d = v - mean;
    mean += (w / total) * d;
    m2 += w * d * (v - mean);
  }
  if (!(total > 1) || !(m2 > 0)) return null;
  const sd = Math.sqrt(m2 / (total - 1));
  const meanPlusSd = mean + sd;
  return meanPlusSd > mean ? { mean, meanPlusSd } : null;
}

export function neuralFeatures(data: TrainingData, rows: ArrayLike<number>): { features: Feature[]; warnings: string[] } {
  const features: Feature[] = [];
  const warnings: string[] = [];
  const freq = data.frequency ?? null;
  data.inputs.forEach((c, input) => {
    if (c.measure !== "continuous") {
      features.push(...indicatorFeatures(input, c.categories.length));
      return;
    }
    const s = standardisation((c as ContinuousColumn).values, rows, freq);
    if (!s) {
      warnings.push(`field ${c.name} has no spread in the training rows and is left out`);
      return;
    }
    features.push({ kind: "scaled", input, orig: [s.mean, s.meanPlusSd], norm: [0, 1] });
  });
  return { features, warnings };
}

/** z of a target value, as NormContinuous computes it. */
export function standardise(s: Standardisation, y: number): number {
  return 0 + ((y - s.mean) / (s.meanPlusSd - s.mean)) * (1 - 0);
}

/** The target value of an output z, as the evaluator inverts the NormContinuous. */
export function destandardise(s: Standardisation, z: number): number {
  return s.mean + ((z - 0) * (s.meanPlusSd - s.mean)) / (1 - 0);
}
