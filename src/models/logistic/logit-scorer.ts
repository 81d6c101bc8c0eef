/**
 * In-memory scoring of a fitted logit model, computed the way the PMML RegressionModel is
 * scored (`src/pmml/models/regression/regression-model.ts`), so that predictions, ties
 * included, agree:
 * - binomial (`normalizationMethod="logit"`): P(modelled) = 1/(1 + e^−η), P(reference) = 1 − P;
 *   the tables are written modelled first, so a tie at 0.5 predicts the modelled category;
 * - multinomial (`softmax`): tables in category order, the reference's η = 0, a tie predicts
 *   the earlier category.
 */
import type { DataColumn } from "../dataset.js";
import type { Design } from "../regression/design.js";
import type { Feature } from "../regression/features.js";
import { linearPredictors, type LinearEquation } from "../regression/linear-scorer.js";
import type { ModelScores } from "../trained-model.js";
import type { LogitFit } from "./newton-fit.js";

/** The model's features (its terms' design columns, aliased ones with coefficient 0) and one equation per modelled class. */
export function modelEquations(design: Design, terms: readonly number[], fit: LogitFit, intercept: boolean): { features: Feature[]; equations: LinearEquation[] } {
  const cols: number[] = [];
  design.terms.forEach((t, i) => {
    if (terms.includes(i)) for (let k = 0; k < t.count; k++) cols.push(t.first + k);
  });
  const position = new Map(fit.cols.map((c, i) => [c, i]));
  const off = intercept ? 1 : 0;
  const J = fit.theta.length / fit.d;
  const equations: LinearEquation[] = [];
  for (let j = 0; j < J; j++) {
    const base = j * fit.d;
    equations.push({
      intercept: intercept ? fit.theta[base]! : 0,
      coefficients: Float64Array.from(cols, (c) => {
        const pos = position.get(c);
        return pos === undefined ? 0 : fit.theta[base + off + pos]!;
      }),
    });
  }
  return { features: cols.map((c) => design.features[c]!), equations };
}

/**
 * A scorer over coded columns. `modelled[j]` is the category code of equation j; categories
 * without an equation other than the reference get probability 0.
 */
export function logitScorer(features: readonly Feature[], equations: readonly LinearEquation[], modelled: readonly number[], reference: number, categoryCount: number, binomial: boolean): (inputs: readonly DataColumn[], rowCount: number) => ModelScores {
  // Table order of the PMML: binomial modelled-then-reference, multinomial by category code.
  const tableCodes = binomial ? [modelled[0]!, reference] : [...modelled, reference].sort((a, b) => a - b);
  const equationOf = tableCodes.map((k) => modelled.indexOf(k));
  const n = tableCodes.length;
  return (inputs, rowCount) => {
    const etas = linearPredictors(features, inputs, rowCount, equations);
    const prediction = new Float64Array(rowCount);
    const confidence = new Float64Array(rowCount);
    const probabilities = Array.from({ length: categoryCount }, () => new Float64Array(rowCount));
    const ys = new Float64Array(n);
    for (let r = 0; r < rowCount; r++) {
      let missing = false;
      for (let i = 0; i < n; i++) {
        const e = equationOf[i]!;
        ys[i] = e < 0 ? 0 : etas[e]![r]!;
        if (Number.isNaN(ys[i]!)) missing = true;
      }
      if (missing) {
        prediction[r] = NaN;
        confidence[r] = NaN;
        for (const p of probabilities) p[r] = NaN;
        continue;
      }
      if (binomial) {
        const p = 1 / (1 + Math.exp(-ys[0]!));
        ys[0] = p;
        ys[1] = 1 - p;
      } else {
        let max = -Infinity;
        for (let i = 0; i < n; i++) if (ys[i]! > max) max = ys[i]!;
        let sum = 0;
        for (let i = 0; i < n; i++) {
          ys[i] = Math.exp(ys[i]! - max);
          sum += ys[i]!;
        }
        for (let i = 0; i < n; i++) ys[i] = ys[i]! / sum;
      }
      let best = 0;
      for (let i = 0; i < n; i++) {
        probabilities[tableCodes[i]!]![r] = ys[i]!;
        if (ys[i]! > ys[best]!) best = i;
      }
      prediction[r] = tableCodes[best]!;
      confidence[r] = ys[best]!;
    }
    return { prediction, confidence, probabilities };
  };
}
