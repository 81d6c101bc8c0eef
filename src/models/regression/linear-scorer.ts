/**
 * In-memory scoring of linear predictors η = b₀ + Σ b_j·x_j over encoded features: the core of
 * the Regression, Linear and Logistic nuggets. A row with any of the model's features missing
 * gets NaN (no prediction), as PMML's RegressionTable does for a missing NumericPredictor.
 */
import type { DataColumn } from "../dataset.js";
import { encodeRows, type Feature } from "./features.js";

export interface LinearEquation {
  readonly intercept: number;
  /** One coefficient per feature of the model. */
  readonly coefficients: Float64Array;
}

/** η of every row, one array per equation. */
export function linearPredictors(features: readonly Feature[], inputs: readonly DataColumn[], rowCount: number, equations: readonly LinearEquation[]): Float64Array[] {
  const p = features.length;
  const x = encodeRows(features, inputs, rowCount);
  return equations.map((e) => {
    const out = new Float64Array(rowCount);
    for (let r = 0; r < rowCount; r++) {
      let s = e.intercept;
      const row = r * p;
      for (let j = 0; j < p; j++) s += e.coefficients[j]! * x[row + j]!;
      out[r] = s;
    }
    return out;
  });
}
