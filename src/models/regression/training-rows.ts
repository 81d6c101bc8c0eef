/**
 * The rows a regression-family model learns from: listwise deletion (Modeler's
 * `complete_records`, SPSS's MISSING=LISTWISE): a row takes part only when its target and every
 * input the features read are present and its frequency weight is positive.
 */
import { isMissingAt, type TrainingData } from "../dataset.js";
import { TrainingError } from "../errors.js";
import { completeRows, type Feature } from "./features.js";

export interface TrainingRows {
  readonly rows: Int32Array;
  /** Frequency weights of those rows, or null when every row counts once. */
  readonly weights: Float64Array | null;
  /** Sum of the weights. */
  readonly cases: number;
}

export function trainingRows(algorithm: string, data: TrainingData, features: readonly Feature[]): TrainingRows {
  const freq = data.frequency;
  const rows = completeRows(features, data.inputs, data.rowCount, (r) => !isMissingAt(data.target, r) && (!freq || freq[r]! > 0));
  if (rows.length === 0) throw new TrainingError(`${algorithm}: no training rows without missing values (rows with a missing input or target are left out)`);
  const weights = freq ? Float64Array.from(rows, (r) => freq[r]!) : null;
  const cases = weights ? weights.reduce((a, b) => a + b, 0) : rows.length;
  return { rows, weights, cases };
}
