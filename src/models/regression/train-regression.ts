/**
 * Linear regression (Modeler's Regression node, `regressionnode`; NODES.md §6.5): ordinary or
 * frequency-weighted least squares of a continuous target on the inputs, with the Enter,
 * Stepwise, Forwards and Backwards methods of SPSS REGRESSION (`selection.ts`). Categorical
 * inputs, which Modeler's node refuses, are indicator-coded with the last category as the
 * reference (`design.ts`). Options use the node's scripting names and defaults
 * (`probability_entry` 0.05, `probability_removal` 0.1, `F_value_entry` 3.84,
 * `F_value_removal` 2.71, `tolerance` 1.0E-4).
 *
 * The nugget adds `$E-<target>`; the PMML is a RegressionModel (`../pmml-writer/regression-model.ts`).
 */
import type { TrainingData } from "../dataset.js";
import { TrainingError, UnsupportedTrainingOptionError } from "../errors.js";
import { featureFieldNames, plainField } from "../pmml-writer/derived-inputs.js";
import { regressionPmml } from "../pmml-writer/regression-model.js";
import { outputElement, predictionField } from "../pmml-writer/scoring-fields.js";
import { checkpoint, type TrainingControl } from "../progress.js";
import type { TrainedModel } from "../trained-model.js";
import { oneOf } from "../tree/stopping.js";
import { coefficientTable, regressionSummary, type CoefficientRow, type RegressionSummary } from "./coefficient-table.js";
import { regressionDesign, type Design } from "./design.js";
import { encodeRows, type Feature } from "./features.js";
import { leastSquaresProblem, refinedCoefficients, type LeastSquaresProblem, type SubsetFit } from "./least-squares.js";
import { linearPredictors } from "./linear-scorer.js";
import { checkCriteria, selectTerms, type SelectionCriteria, type SelectionMethod, type SelectionStep } from "./selection.js";
import { trainingRows } from "./training-rows.js";

export interface RegressionOptions extends TrainingControl {
  method?: SelectionMethod;
  include_constant?: boolean;
  /** `Simple` uses the defaults of every expert option below. */
  mode?: "Simple" | "Expert";
  complete_records?: boolean;
  use_weight?: boolean;
  tolerance?: number;
  stepping_method?: "useP" | "useF";
  probability_entry?: number;
  probability_removal?: number;
  F_value_entry?: number;
  F_value_removal?: number;
  model_name?: string;
}

export interface NamedStep extends SelectionStep {
  readonly field: string;
}

export interface LinearRegressionModel extends TrainedModel {
  /** Fields in the final model, in entry order. */
  readonly fieldsUsed: readonly string[];
  readonly coefficients: readonly CoefficientRow[];
  readonly summary: RegressionSummary;
  readonly steps: readonly NamedStep[];
  readonly warnings: readonly string[];
}

export const REGRESSION_DEFAULTS = {
  tolerance: 1e-4, probability_entry: 0.05, probability_removal: 0.1, F_value_entry: 3.84, F_value_removal: 2.71,
} as const;

export interface LinearFitSettings {
  readonly algorithm: string;
  readonly intercept: boolean;
  readonly tolerance: number;
  /** Chooses the model's terms. */
  readonly select: (problem: LeastSquaresProblem, control?: TrainingControl) => { fit: SubsetFit; steps: SelectionStep[] };
  readonly prefix: string;
  readonly pmmlAlgorithm: string;
  readonly modelName?: string;
}

function settingsOf(o: RegressionOptions): LinearFitSettings {
  const NAME = "Regression";
  if (o.use_weight) throw new UnsupportedTrainingOptionError(NAME, "use_weight", "analysis (WLS) weights are not implemented; a frequency field is");
  if (o.complete_records === false) throw new UnsupportedTrainingOptionError(NAME, "complete_records=false", "pairwise deletion of missing values is not implemented; rows with missing values are left out");
  const expert = oneOf(NAME, "mode", o.mode, ["Simple", "Expert"], "Expert") === "Expert";
  const pick = <K extends keyof typeof REGRESSION_DEFAULTS>(k: K): number => (expert ? (o[k] as number | undefined) : undefined) ?? REGRESSION_DEFAULTS[k];
  const tolerance = pick("tolerance");
  if (!(tolerance > 0 && tolerance < 1)) throw new TrainingError(`${NAME}: tolerance must be between 0 and 1, not ${tolerance}`, { option: "tolerance" });
  const by = expert ? oneOf(NAME, "stepping_method", o.stepping_method, ["useP", "useF"], "useP") : "useP";
  const criteria: SelectionCriteria = by === "useP"
    ? { by, entry: pick("probability_entry"), removal: pick("probability_removal") }
    : { by, entry: pick("F_value_entry"), removal: pick("F_value_removal") };
  checkCriteria(NAME, criteria);
  const method = oneOf(NAME, "method", o.method, ["Enter", "Stepwise", "Forwards", "Backwards"], "Enter");
  return {
    algorithm: NAME, intercept: o.include_constant ?? true, tolerance, prefix: "E", pmmlAlgorithm: "Regression", modelName: o.model_name,
    select: (problem, control) => selectTerms(problem, method, criteria, control),
  };
}

export function trainRegression(data: TrainingData, o: RegressionOptions = {}): LinearRegressionModel {
  return fitLinearModel(data, settingsOf(o), o);
}

/** Least squares with variable selection; shared by the Regression and Linear nodes. */
export function fitLinearModel(data: TrainingData, s: LinearFitSettings, control?: TrainingControl): LinearRegressionModel {
  if (data.target.measure !== "continuous") {
    throw new TrainingError(`${s.algorithm}: the target "${data.target.name}" must be continuous, not ${data.target.measure}`, { field: data.target.name });
  }
  checkpoint(control, { stage: "reading data", done: 0, total: 1 });
  const design = regressionDesign(data.inputs);
  const { rows, weights } = trainingRows(s.algorithm, data, design.features);
  const x = encodeRows(design.features, data.inputs, data.rowCount, rows);
  const targetValues = data.target.values;
  const y = Float64Array.from(rows, (r) => targetValues[r]!);
  const problem = leastSquaresProblem(design, x, y, weights, s.intercept, s.tolerance);
  const { fit, steps } = s.select(problem, control);
  const coef = refinedCoefficients(problem, fit);
  const inputs = data.inputs.map(plainField);
  const target = plainField(data.target);
  const columnNames = featureFieldNames(design.features, inputs);
  const warnings: string[] = [];
  for (const col of fit.aliased) warnings.push(`column ${columnNames[col]} is a linear combination of other columns (tolerance < ${s.tolerance}) and was left out`);
  for (const t of design.terms) if (t.count === 0) warnings.push(`field ${inputs[t.input]!.name} has fewer than two categories and was left out`);
  if (fit.dfResidual <= 0) warnings.push(`no residual degrees of freedom: the fit is exact and standard errors are undefined`);
  const used = modelColumns(design, fit.terms);
  const features: Feature[] = used.map((c) => design.features[c]!);
  const coefficients = Float64Array.from(used, (c) => coef.b[c]!);
  const equation = { intercept: coef.intercept, coefficients };
  checkpoint(control, { stage: "done", done: 1, total: 1 });
  return {
    algorithm: s.pmmlAlgorithm,
    inputs,
    target,
    fieldsUsed: fit.terms.map((t) => inputs[design.terms[t]!.input]!.name),
    coefficients: coefficientTable(problem, fit, coef, columnNames),
    summary: regressionSummary(problem, fit, coef),
    steps: steps.map((st) => ({ ...st, field: inputs[design.terms[st.term]!.input]!.name })),
    warnings,
    score: (d) => {
      const eta = linearPredictors(features, d.inputs, d.rowCount, [equation])[0]!;
      return { prediction: eta, confidence: new Float64Array(d.rowCount).fill(NaN), probabilities: null };
    },
    toPmml: () => regressionPmml({
      inputs, target, features, normalization: "none", algorithmName: s.pmmlAlgorithm, modelName: s.modelName,
      tables: [{ intercept: coef.intercept, coefficients }],
      output: outputElement([predictionField(`$${s.prefix}-${target.name}`, target)]),
    }),
  };
}

/** Design columns of the model's terms, in design order (aliased ones included, with b = 0). */
function modelColumns(design: Design, terms: readonly number[]): number[] {
  const cols: number[] = [];
  design.terms.forEach((t, i) => {
    if (terms.includes(i)) for (let k = 0; k < t.count; k++) cols.push(t.first + k);
  });
  return cols;
}
