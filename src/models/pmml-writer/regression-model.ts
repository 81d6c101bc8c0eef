/**
 * Linear and logistic regressions → PMML 4.4 RegressionModel.
 *
 * Every predictor is a NumericPredictor: continuous inputs by their own name, indicator
 * (dummy) columns through `NormDiscrete` derived fields in LocalTransformations. That choice,
 * rather than CategoricalPredictor, keeps PMML's missing-value rule identical to the in-memory
 * model's: a missing NumericPredictor makes the whole prediction missing, whereas a missing
 * CategoricalPredictor would silently contribute 0 (PMML 4.4, RegressionModel, "Scoring").
 *
 * Classification: one RegressionTable per target category; the reference category's table has
 * intercept 0 and no predictors. Two categories use `normalizationMethod="logit"` with the
 * modelled category's table first (the evaluator gives it P = 1/(1+e^−η) and the other 1 − P);
 * more use `softmax`.
 */
import type { Category } from "../dataset.js";
import type { Feature } from "../regression/features.js";
import type { FieldInfo } from "../tree/tree-types.js";
import { featureFieldNames, featureTransformations, inputMiningSchema } from "./derived-inputs.js";
import { categoryText, pmmlDocument } from "./fields.js";
import { el, serializeXml, type XmlNode } from "./xml.js";

export interface RegressionTableSpec {
  /** The category of a classification table. */
  readonly targetCategory?: Category;
  readonly intercept: number;
  /** One per feature; a table without coefficients (a reference category) may omit them. */
  readonly coefficients?: ArrayLike<number>;
}

export interface RegressionPmmlSpec {
  readonly inputs: readonly FieldInfo[];
  readonly target: FieldInfo;
  /** The model's features (design columns), in coefficient order. */
  readonly features: readonly Feature[];
  readonly tables: readonly RegressionTableSpec[];
  readonly normalization: "none" | "logit" | "softmax";
  readonly output: XmlNode;
  readonly algorithmName: string;
  readonly modelName?: string;
}

export function regressionModelElement(spec: RegressionPmmlSpec): XmlNode {
  const names = featureFieldNames(spec.features, spec.inputs);
  const tables = spec.tables.map((t) => el("RegressionTable", {
    intercept: t.intercept,
    targetCategory: t.targetCategory === undefined ? undefined : categoryText(t.targetCategory),
  }, t.coefficients ? names.map((name, j) => el("NumericPredictor", { name, exponent: 1, coefficient: t.coefficients![j]! })) : []));
  return el("RegressionModel", {
    modelName: spec.modelName,
    functionName: spec.target.categories ? "classification" : "regression",
    algorithmName: spec.algorithmName,
    normalizationMethod: spec.normalization,
  }, [
    inputMiningSchema(spec.inputs, [spec.target]),
    spec.output,
    featureTransformations(spec.features, spec.inputs, names),
    ...tables,
  ]);
}

export function regressionPmml(spec: RegressionPmmlSpec): string {
  return serializeXml(pmmlDocument([...spec.inputs, spec.target], `${spec.algorithmName} model trained by modeler-batch`, [regressionModelElement(spec)]));
}
