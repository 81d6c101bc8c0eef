/**
 * Linear (`linear`, Modeler's Linear node on SPSS LINEAR; NODES.md §6.13), on the least-squares
 * engine of Regression (`src/models/linear/`). The nugget is `applylinear` (`$L-<target>`).
 * `use_custom_model_name` / `custom_model_name` are this node's names for `use_model_name` /
 * `model_name`. Ensemble settings (`combining_rule_continuous`, `component_models_n`) and the
 * random seed only matter for ensembles, which the trainer refuses (`objective`); they and
 * `confidence_level` / `perform_model_effect_tests` (viewer output) are accepted without effect.
 */
import { bool, int, num, oneOf, prop, str } from "../properties.js";
import type { TrainingData } from "../../models/dataset.js";
import { trainLinear, type LinearOptions } from "../../models/linear/train-linear.js";
import { defineBuilder } from "./common/define-builder.js";

export const linearNode = defineBuilder({
  type: "linear",
  label: "Linear",
  nuggetType: "applylinear",
  target: { count: "one", measures: "continuous" },
  properties: [
    prop("objective", oneOf("Standard", "Bagging", "Boosting", "psm"), undefined, "Standard (default); ensembles are refused."),
    prop("continue_training_existing_model", bool(), undefined, "Refused when true."),
    prop("use_auto_data_preparation", bool(), undefined, "Automatic data preparation (refused when true)."),
    prop("confidence_level", num(), undefined, "Confidence level of the viewer's intervals (accepted; no effect)."),
    prop("model_selection", oneOf("ForwardStepwise", "BestSubsets", "None"), undefined, "Default ForwardStepwise; BestSubsets is refused."),
    prop("criteria_forward_stepwise", oneOf("AICC", "Fstatistics", "AdjustedRSquare", "ASE"), undefined, "Default AICC; ASE is refused."),
    prop("probability_entry", num(), undefined, "Default 0.05."),
    prop("probability_removal", num(), undefined, "Default 0.1."),
    prop("use_max_effects", bool(), undefined, "Limit the effects in the final model to max_effects."),
    prop("max_effects", int(), undefined, "Maximum effects."),
    prop("use_max_steps", bool(), undefined, "Limit the selection steps to max_steps."),
    prop("max_steps", int(), undefined, "Maximum steps."),
    prop("criteria_best_subsets", oneOf("AICC", "AdjustedRSquare", "ASE"), undefined, "Best subsets criterion (only with BestSubsets, which is refused)."),
    prop("combining_rule_continuous", oneOf("Mean", "Median"), undefined, "Ensembles only (accepted; no effect)."),
    prop("component_models_n", int(), undefined, "Ensembles only (accepted; no effect)."),
    prop("use_random_seed", bool(), undefined, "Ensembles only (accepted; no effect)."),
    prop("random_seed", int(), undefined, "Ensembles only (accepted; no effect)."),
    prop("use_custom_model_name", bool(), undefined, "Name the model custom_model_name."),
    prop("custom_model_name", str(), undefined, "Custom model name."),
    prop("perform_model_effect_tests", bool(), undefined, "Viewer output (accepted; no effect)."),
  ],
  options: ["objective", "continue_training_existing_model", "use_auto_data_preparation", "model_selection", "criteria_forward_stepwise", "probability_entry", "probability_removal", "use_max_effects", "max_effects", "use_max_steps", "max_steps"],
  customModelName: (p) => (p.bool("use_custom_model_name") ? p.str("custom_model_name") : undefined),
  train: (data, options) => trainLinear(data as TrainingData, options as LinearOptions),
});
