/**
 * Modeler's Linear node (`linearnode`, SPSS LINEAR; NODES.md §6.13) on the least-squares engine
 * of the Regression node (`../regression/`). Implemented: `model_selection` None (all effects)
 * and ForwardStepwise with `criteria_forward_stepwise` AICC (LINEAR's default), Fstatistics
 * (`probability_entry` 0.05 / `probability_removal` 0.1) or AdjustedRSquare, `max_effects` and
 * `max_steps`; `include_intercept` (default true) fits the model through the origin when false,
 * as the Regression node's `include_constant` does. Refused by name: automatic data preparation, best subsets, the ASE criterion
 * (it needs an overfit-prevention set), ensembles (bagging, boosting, very large data sets) and
 * continued training. The nugget adds `$L-<target>`.
 */
import type { TrainingData } from "../dataset.js";
import { TrainingError, UnsupportedTrainingOptionError } from "../errors.js";
import type { TrainingControl } from "../progress.js";
import { fitLinearModel, REGRESSION_DEFAULTS, type LinearRegressionModel } from "../regression/train-regression.js";
import { checkCriteria, selectTerms, type SelectionLimits } from "../regression/selection.js";
import { oneOf, positiveInteger } from "../tree/stopping.js";
import { selectByCriterion } from "./criterion-selection.js";

export interface LinearOptions extends TrainingControl {
  objective?: "Standard" | "Bagging" | "Boosting" | "psm";
  use_auto_data_preparation?: boolean;
  continue_training_existing_model?: boolean;
  model_selection?: "ForwardStepwise" | "BestSubsets" | "None";
  criteria_forward_stepwise?: "AICC" | "Fstatistics" | "AdjustedRSquare" | "ASE";
  probability_entry?: number;
  probability_removal?: number;
  use_max_effects?: boolean;
  max_effects?: number;
  use_max_steps?: boolean;
  max_steps?: number;
  /** The constant term (LINEAR's "Include intercept"; default true). */
  include_intercept?: boolean;
  model_name?: string;
}

const NAME = "Linear";

export function trainLinear(data: TrainingData, o: LinearOptions = {}): LinearRegressionModel {
  const objective = o.objective ?? "Standard";
  if (objective !== "Standard") throw new UnsupportedTrainingOptionError(NAME, `objective=${objective}`, "only the standard (single) model is implemented");
  if (o.use_auto_data_preparation) throw new UnsupportedTrainingOptionError(NAME, "use_auto_data_preparation", "automatic data preparation (outlier trimming, category merging, date handling) is not implemented; prepare fields upstream and set it to false");
  if (o.continue_training_existing_model) throw new UnsupportedTrainingOptionError(NAME, "continue_training_existing_model", "continued training is not implemented");
  const selection = oneOf(NAME, "model_selection", o.model_selection, ["ForwardStepwise", "BestSubsets", "None"], "ForwardStepwise");
  if (selection === "BestSubsets") throw new UnsupportedTrainingOptionError(NAME, "model_selection=BestSubsets", "best-subsets search is not implemented; use ForwardStepwise or None");
  const criterion = oneOf(NAME, "criteria_forward_stepwise", o.criteria_forward_stepwise, ["AICC", "Fstatistics", "AdjustedRSquare", "ASE"], "AICC");
  if (selection === "ForwardStepwise" && criterion === "ASE") throw new UnsupportedTrainingOptionError(NAME, "criteria_forward_stepwise=ASE", "the ASE criterion needs an overfit-prevention set, which is not implemented");
  const limits: SelectionLimits = {
    maxTerms: o.use_max_effects ? checked("max_effects", o.max_effects, 1) : undefined,
    maxSteps: o.use_max_steps ? checked("max_steps", o.max_steps, 1) : undefined,
  };
  const criteria = { by: "useP" as const, entry: o.probability_entry ?? REGRESSION_DEFAULTS.probability_entry, removal: o.probability_removal ?? REGRESSION_DEFAULTS.probability_removal };
  if (criterion === "Fstatistics") checkCriteria(NAME, criteria);
  return fitLinearModel(data, {
    algorithm: NAME, intercept: o.include_intercept ?? true, tolerance: REGRESSION_DEFAULTS.tolerance, prefix: "L", pmmlAlgorithm: "Linear", modelName: o.model_name,
    select: (problem, control) => {
      if (selection === "None") return selectTerms(problem, "Enter", criteria, control);
      if (criterion === "Fstatistics") return selectTerms(problem, "Stepwise", criteria, control, limits);
      return selectByCriterion(problem, criterion as "AICC" | "AdjustedRSquare", control, limits);
    },
  }, o);
}

function checked(name: string, v: number | undefined, min: number): number {
  if (v === undefined) throw new TrainingError(`${NAME}: use_${name} is set but ${name} is not`, { option: name });
  positiveInteger(NAME, name, v, min);
  return v;
}
