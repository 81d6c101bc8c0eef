/**
 * Features: how the input columns of a model become the numeric columns its arithmetic works
 * on. Shared by the regression-family trainers (linear and logistic regression, neural
 * network, k-means, KNN), which differ only in which features they ask for:
 *
 * - `value`: the number itself (regression coefficients apply to raw values);
 * - `scaled`: a linear map through two points, written to PMML as `NormContinuous` with two
 *   `LinearNorm`s (min–max for k-means, [−1, 1] for KNN, z-scores for the neural network);
 * - `indicator`: 1 when a categorical input holds one category, else 0 (PMML `NormDiscrete`).
 *
 * The in-memory arithmetic is the evaluator's, operation for operation (see
 * `src/pmml/expressions/norm-continuous.ts`), so a trained model and its PMML give the same
 * numbers bit for bit — which KNN's nearest-first ranking needs when distances tie.
 *
 * Missing values: an encoded value is `NaN` unless the feature has `mapMissingTo` (PMML's
 * attribute of the same name). A category code outside the column's categories (a value the
 * model never saw) counts as missing, as the PMML's `invalidValueTreatment="asMissing"` does.
 */
import type { DataColumn } from "../dataset.js";

export type Feature =
  | { readonly kind: "value"; readonly input: number; readonly mapMissingTo?: number }
  | {
      readonly kind: "scaled";
      readonly input: number;
      /** Two original values and the numbers they map to (orig[0] < orig[1]). */
      readonly orig: readonly [number, number];
      readonly norm: readonly [number, number];
      readonly mapMissingTo?: number;
    }
  | { readonly kind: "indicator"; readonly input: number; readonly code: number; readonly mapMissingTo?: number };

/** `norm0 + ((x − orig0) / (orig1 − orig0)) · (norm1 − norm0)`, as PMML's NormContinuous computes it. */
export function scaleValue(f: Extract<Feature, { kind: "scaled" }>, x: number): number {
  return f.norm[0] + ((x - f.orig[0]) / (f.orig[1] - f.orig[0])) * (f.norm[1] - f.norm[0]);
}

/** The encoded value of one feature in one row (`NaN` = missing). */
export function featureValue(f: Feature, column: DataColumn, row: number): number {
  if (column.measure === "continuous") {
    const x = column.values[row]!;
    if (Number.isNaN(x)) return f.mapMissingTo ?? NaN;
    return f.kind === "scaled" ? scaleValue(f, x) : x;
  }
  const code = column.codes[row]!;
  if (code < 0 || code >= column.categories.length) return f.mapMissingTo ?? NaN;
  return f.kind === "indicator" ? (code === f.code ? 1 : 0) : code;
}

/**
 * The features of `rows` (all rows when omitted) as a row-major matrix: row r, feature j at
 * `r * features.length + j`.
 */
export function encodeRows(features: readonly Feature[], inputs: readonly DataColumn[], rowCount: number, rows?: ArrayLike<number>): Float64Array {
  const n = rows ? rows.length : rowCount;
  const p = features.length;
  const out = new Float64Array(n * p);
  features.forEach((f, j) => {
    const column = inputs[f.input]!;
    if (column.measure === "continuous") {
      const values = column.values;
      const missing = f.mapMissingTo ?? NaN;
      if (f.kind === "scaled") {
        for (let i = 0; i < n; i++) {
          const x = values[rows ? rows[i]! : i]!;
          out[i * p + j] = Number.isNaN(x) ? missing : scaleValue(f, x);
        }
      } else {
        for (let i = 0; i < n; i++) {
          const x = values[rows ? rows[i]! : i]!;
          out[i * p + j] = Number.isNaN(x) ? missing : x;
        }
      }
      return;
    }
    for (let i = 0; i < n; i++) out[i * p + j] = featureValue(f, column, rows ? rows[i]! : i);
  });
  return out;
}

/** Row indices whose features are all present (listwise deletion), among `rows` or all rows. */
export function completeRows(features: readonly Feature[], inputs: readonly DataColumn[], rowCount: number, extra?: (row: number) => boolean): Int32Array {
  const used = [...new Set(features.filter((f) => f.mapMissingTo === undefined).map((f) => f.input))].map((i) => inputs[i]!);
  const keep: number[] = [];
  for (let r = 0; r < rowCount; r++) {
    let ok = extra ? extra(r) : true;
    for (let k = 0; ok && k < used.length; k++) {
      const c = used[k]!;
      ok = c.measure === "continuous" ? !Number.isNaN(c.values[r]!) : c.codes[r]! >= 0 && c.codes[r]! < c.categories.length;
    }
    if (ok) keep.push(r);
  }
  return Int32Array.from(keep);
}

/** One indicator per category of a categorical input, in category order, optionally skipping one. */
export function indicatorFeatures(input: number, categoryCount: number, skip = -1, mapMissingTo?: number): Feature[] {
  const out: Feature[] = [];
  for (let k = 0; k < categoryCount; k++) if (k !== skip) out.push({ kind: "indicator", input, code: k, mapMissingTo });
  return out;
}
