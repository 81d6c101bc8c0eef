/**
 * Logistic regression (Modeler's Logistic node, `logregnode`; NODES.md §6.6): binomial and
 * multinomial logit models fitted by Newton–Raphson (`newton-fit.ts`) with the selection
 * procedures of `logit-selection.ts`.
 *
 * Reference categories, as SPSS does it:
 * - Binomial (LOGISTIC REGRESSION): the model gives the probability of the *second* category
 *   of the flag (its true value); the first is the reference.
 * - Multinomial (NOMREG): `multinomial_base_category`, by default the *last* category; each
 *   other category has its own equation against it.
 * - Categorical inputs: indicator contrast against the last category (`binomial_input_category`
 *   First makes it the first; other contrasts are refused).
 *
 * Only main effects are fitted (`model_type` FullFactorial / Custom are refused), dispersion
 * scaling (`scale`) and `delta` are refused. Target categories without training rows are left
 * out of the model (their probability is 0), with a warning.
 *
 * Nugget fields: `$L-<target>`, `$LP-<target>` (probability of the prediction), with
 * `all_probabilities` one `$LP-<value>` per category, and for flags with
 * `calculate_raw_propensities` `$LRP-<target>` (probability of the true value).
 */
import type { Category, TrainingData } from "../dataset.js";
import { TrainingError, UnsupportedTrainingOptionError } from "../errors.js";
import { categoryText } from "../pmml-writer/fields.js";
import { featureFieldNames, plainField } from "../pmml-writer/derived-inputs.js";
import { regressionPmml } from "../pmml-writer/regression-model.js";
import { categoryProbabilityFields, outputElement, predictedProbabilityField, predictionField } from "../pmml-writer/scoring-fields.js";
import { el } from "../pmml-writer/xml.js";
import { checkpoint, type TrainingControl } from "../progress.js";
import { crossProducts, scaleToUnitDiagonal } from "../regression/cross-products.js";
import { regressionDesign, type ReferenceCategory } from "../regression/design.js";
import { encodeRows } from "../regression/features.js";
import { trainingRows } from "../regression/training-rows.js";
import type { TrainedModel } from "../trained-model.js";
import { oneOf, positiveInteger } from "../tree/stopping.js";
import { logitParameters, logitSummary, type LogitParameter, type LogitSummary } from "./logit-report.js";
import { selectLogitTerms, type LogitMethod, type LogitStep } from "./logit-selection.js";
import { logitScorer, modelEquations } from "./logit-scorer.js";
import { columnSpread } from "./newton-fit.js";

export interface LogisticOptions extends TrainingControl {
  logistic_procedure?: "Binomial" | "Multinomial";
  include_constant?: boolean;
  mode?: "Simple" | "Expert";
  method?: LogitMethod;
  binomial_method?: "Enter" | "Forwards" | "Backwards";
  model_type?: "MainEffects" | "FullFactorial" | "Custom";
  multinomial_base_category?: Category;
  binomial_input_contrast?: string;
  binomial_input_category?: ReferenceCategory;
  scale?: "None" | "UserDefined" | "Pearson" | "Deviance";
  all_probabilities?: boolean;
  calculate_raw_propensities?: boolean;
  tolerance?: number;
  min_terms?: number;
  use_max_terms?: boolean;
  max_terms?: number;
  entry_criterion?: "Score" | "LR";
  removal_criterion?: "LR" | "Wald";
  probability_entry?: number;
  probability_removal?: number;
  requirements?: "HierarchyDiscrete" | "HierarchyAll" | "Containment" | "None";
  max_iterations?: number;
  max_steps?: number;
  p_converge?: number;
  l_converge?: number;
  delta?: number;
  model_name?: string;
}

export interface LogisticModel extends TrainedModel {
  readonly procedure: "Binomial" | "Multinomial";
  /** The category every equation is compared with. */
  readonly reference: Category;
  readonly fieldsUsed: readonly string[];
  readonly parameters: readonly LogitParameter[];
  readonly summary: LogitSummary;
  readonly steps: readonly (LogitStep & { field: string })[];
  readonly warnings: readonly string[];
}

const NAME = "Logistic";

function unsupported(option: string, why: string): never {
  throw new UnsupportedTrainingOptionError(NAME, option, why);
}

export function trainLogistic(data: TrainingData, o: LogisticOptions = {}): LogisticModel {
  const t = data.target;
  if (t.measure === "continuous") throw new TrainingError(`${NAME}: the target "${t.name}" must be categorical (flag or nominal), not continuous`, { field: t.name });
  const procedure = oneOf(NAME, "logistic_procedure", o.logistic_procedure, ["Binomial", "Multinomial"], "Multinomial");
  const expert = oneOf(NAME, "mode", o.mode, ["Simple", "Expert"], "Expert") === "Expert";
  const x = <T>(v: T | undefined, d: T): T => (expert ? v ?? d : d);
  const modelType = oneOf(NAME, "model_type", o.model_type, ["MainEffects", "FullFactorial", "Custom"], "MainEffects");
  if (modelType !== "MainEffects") unsupported(`model_type=${modelType}`, "interaction terms are not implemented; only main effects");
  if (o.binomial_input_contrast !== undefined && o.binomial_input_contrast !== "Indicator") unsupported(`binomial_input_contrast=${o.binomial_input_contrast}`, "only the Indicator contrast is implemented");
  const scaleMethod = oneOf(NAME, "scale", o.scale, ["None", "UserDefined", "Pearson", "Deviance"], "None");
  if (scaleMethod !== "None") unsupported(`scale=${scaleMethod}`, "dispersion scaling is not implemented");
  if ((o.delta ?? 0) !== 0) unsupported("delta", "adding a constant to empty cells is not implemented");
  oneOf(NAME, "requirements", o.requirements, ["HierarchyDiscrete", "HierarchyAll", "Containment", "None"], "HierarchyDiscrete"); // only matters with interactions
  const method: LogitMethod = procedure === "Binomial"
    ? ({ Enter: "Enter", Forwards: "Stepwise", Backwards: "BackwardsStepwise" } as const)[oneOf(NAME, "binomial_method", o.binomial_method, ["Enter", "Forwards", "Backwards"], "Enter")]
    : oneOf(NAME, "method", o.method, ["Enter", "Stepwise", "Forwards", "Backwards", "BackwardsStepwise"], "Enter");
  const newton = {
    maxIterations: x(o.max_iterations, 100), maxStepHalvings: x(o.max_steps, 5), pConverge: x(o.p_converge, 1e-6), lConverge: x(o.l_converge, 0),
  };
  positiveInteger(NAME, "max_iterations", newton.maxIterations, 1);
  positiveInteger(NAME, "max_steps", newton.maxStepHalvings, 0);
  if (!(newton.pConverge >= 0 && newton.lConverge >= 0)) throw new TrainingError(`${NAME}: p_converge and l_converge must be ≥ 0`, { option: "p_converge" });
  const tolerance = x(o.tolerance, 1e-8);
  const selection = {
    entry: x(o.entry_criterion, "Score" as const), removal: x(o.removal_criterion, "LR" as const),
    pEntry: x(o.probability_entry, 0.05), pRemoval: x(o.probability_removal, 0.1),
    minTerms: x(o.min_terms, 0), maxTerms: o.use_max_terms && expert ? o.max_terms ?? Infinity : Infinity,
  };
  if (selection.pEntry > selection.pRemoval) throw new TrainingError(`${NAME}: probability_entry (${selection.pEntry}) must not exceed probability_removal (${selection.pRemoval})`, { option: "probability_entry" });

  checkpoint(o, { stage: "reading data", done: 0, total: 1 });
  const design = regressionDesign(data.inputs, oneOf<ReferenceCategory>(NAME, "binomial_input_category", o.binomial_input_category, ["First", "Last"], "Last"));
  const { rows, weights, cases } = trainingRows(NAME, data, design.features);
  const categories = t.categories;
  const counts = new Float64Array(categories.length);
  rows.forEach((r, i) => (counts[t.codes[r]!] = counts[t.codes[r]!]! + (weights ? weights[i]! : 1)));
  const present = categories.map((_, k) => k).filter((k) => counts[k]! > 0);
  if (present.length < 2) throw new TrainingError(`${NAME}: the target "${t.name}" has ${present.length} category with training rows; at least two are needed`, { field: t.name });
  if (procedure === "Binomial" && present.length !== 2) throw new TrainingError(`${NAME}: the binomial procedure needs a target with two categories; "${t.name}" has ${present.length} (use Multinomial)`, { field: t.name });
  let reference: number;
  if (procedure === "Binomial") reference = present[0]!;
  else if (o.multinomial_base_category !== undefined) {
    reference = categories.findIndex((c) => categoryText(c) === categoryText(o.multinomial_base_category!));
    if (reference < 0 || counts[reference] === 0) throw new TrainingError(`${NAME}: multinomial_base_category ${JSON.stringify(o.multinomial_base_category)} is not a category of "${t.name}" with training rows`, { option: "multinomial_base_category" });
  } else reference = present[present.length - 1]!;
  // Internal class order: the modelled categories in category order, the reference last.
  const order = [...present.filter((k) => k !== reference), reference];
  const classOf = new Int32Array(categories.length).fill(-1);
  order.forEach((k, i) => (classOf[k] = i));
  const problem = {
    x: encodeRows(design.features, data.inputs, data.rowCount, rows), p: design.features.length,
    y: Int32Array.from(rows, (r) => classOf[t.codes[r]!]!), w: weights, classes: order.length, intercept: o.include_constant ?? true,
  };
  const { r: scaled } = scaleToUnitDiagonal(crossProducts(problem.x, new Float64Array(rows.length), weights, problem.p, problem.intercept));
  const { model, steps } = selectLogitTerms({ problem, design, newton, spread: columnSpread(problem), scaled, tolerance, control: o }, method, selection);

  const inputs = data.inputs.map(plainField);
  const target = plainField(t);
  const columnNames = featureFieldNames(design.features, inputs);
  const warnings: string[] = [];
  categories.forEach((c, k) => counts[k] === 0 && warnings.push(`category ${categoryText(c)} of ${t.name} has no training rows and is left out of the model`));
  for (const col of model.aliased) warnings.push(`column ${columnNames[col]} is a linear combination of other columns (tolerance < ${tolerance}) and was left out`);
  if (model.fit.separation) warnings.push(`the log-likelihood stopped improving while coefficients kept growing after ${model.fit.iterations} iterations: the data are (quasi-)completely separated, so the maximum-likelihood estimates do not exist; predictions are usable, coefficients and standard errors are not`);
  else if (model.fit.stuck) warnings.push(`the fit stopped after ${model.fit.iterations} iterations because no step improved the likelihood (the information matrix is nearly singular); the data may be (quasi-)completely separated`);
  else if (!model.fit.converged) warnings.push(`no convergence in ${model.fit.iterations} iterations (max_iterations); the data may be (quasi-)completely separated`);
  if (!model.fit.covariance) warnings.push(`the information matrix is singular: standard errors are not available`);

  const eq = modelEquations(design, model.terms, model.fit, problem.intercept);
  const modelled = order.slice(0, -1);
  const scorer = logitScorer(eq.features, eq.equations, modelled, reference, categories.length, procedure === "Binomial");
  checkpoint(o, { stage: "done", done: 1, total: 1 });
  return {
    algorithm: "LogisticRegression", procedure, inputs, target, reference: categories[reference]!,
    fieldsUsed: model.terms.map((tm) => inputs[design.terms[tm]!.input]!.name),
    parameters: logitParameters(model.fit, problem, modelled.map((k) => categories[k]!), columnNames),
    summary: logitSummary(model.fit, problem, cases),
    steps: steps.map((st) => ({ ...st, field: inputs[design.terms[st.term]!.input]!.name })),
    warnings,
    score: (d) => scorer(d.inputs, d.rowCount),
    toPmml: () => {
      const outputs = [predictionField(`$L-${t.name}`, target), predictedProbabilityField(`$LP-${t.name}`)];
      if (o.all_probabilities) outputs.push(...categoryProbabilityFields("$LP-", target));
      if (o.calculate_raw_propensities && t.measure === "flag") {
        outputs.push(el("OutputField", { name: `$LRP-${t.name}`, optype: "continuous", dataType: "double", feature: "probability", value: categoryText(categories[categories.length - 1]!) }));
      }
      const binomial = procedure === "Binomial";
      const tables = binomial
        ? [{ targetCategory: categories[modelled[0]!]!, intercept: eq.equations[0]!.intercept, coefficients: eq.equations[0]!.coefficients }, { targetCategory: categories[reference]!, intercept: 0 }]
        : [...order].sort((a, b) => a - b).map((k) => k === reference
          ? { targetCategory: categories[k]!, intercept: 0 }
          : { targetCategory: categories[k]!, intercept: eq.equations[classOf[k]!]!.intercept, coefficients: eq.equations[classOf[k]!]!.coefficients });
      return regressionPmml({
        inputs, target, features: eq.features, tables, normalization: binomial ? "logit" : "softmax",
        algorithmName: "LogisticRegression", modelName: o.model_name, output: outputElement(outputs),
      });
    },
  };
}
