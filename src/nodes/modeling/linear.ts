/**
 * Linear (`linear`, Modeler's Linear node on SPSS LINEAR; NODES.md §6.13), on the least-squares
 * engine of Regression (`src/models/linear/`). The nugget is `applylinear` (`$L-<target>`).
 * `use_custom_model_name` / `custom_model_name` are this node's names for `use_model_name` /
 * `model_name`. Ensemble settings (`combining_rule_continuous`, `component_models_n`) and the
 * random seed only matter for ensembles, which the trainer refuses (`objective`); they and
 * `confidence_level` / `perform_model_effect_tests` (viewer output) are accepted without effect.
 * `include_intercept` is ours: Modeler's "Include intercept" (Build Options), which has no
 * scripting property but is saved in a `.str`.
 *
 * In a `.str` file the Linear node is a `CFBuildModelNode` (`spss.alm-extension/LinearRegression`)
 * whose settings are in its `Parameters` member (`linearMapping`).
 */
import {
  defineXmlMapping, paramBool, paramEnum, paramNumber, warnIfListSet, warnIfParameter,
  type ExtensionParameters, type XmlMappingContext,
} from "../common/str-mapping/index.js";
import { bool, int, num, oneOf, prop, str } from "../properties.js";
import type { TrainingData } from "../../models/dataset.js";
import { trainLinear, type LinearOptions } from "../../models/linear/train-linear.js";
import { defineBuilder } from "./common/define-builder.js";
import { checkExtensionFields, CONTINUE_TOKENS, extensionFieldCodecs } from "./common/extension-mapping.js";

/**
 * The `Parameters` member of Modeler's Linear node (one stream node in the corpus, three more
 * inside nuggets). Its `linreg.*` names mirror the parameters of IBM's LINEAR engine as its
 * SPSS-on-Spark library documents them (`varSelectionMethod`: forwardStepwise, bestSubsets,
 * none; `criteria4ForwardStepwise`: AICC, FStatistics, adjustedRSquare, ASE), and the corpus
 * node's tokens (`none`, `AICC`) are spelt as there, so those spellings are mapped; any other
 * token is passed through, so that the property check refuses it by name. The `adp.*` settings only apply
 * with automatic data preparation, which is refused, and `calculate_adjusted_propensities`
 * (saved true) concerns flag targets, which Linear does not take: neither is read.
 */
export const linearMapping = defineXmlMapping({
  properties: {},
  parameters: {
    ...extensionFieldCodecs({ algorithm: "linreg", target: "target", modelName: ["use_custom_model_name", "custom_model_name"] }),
    continue_training_existing_model: paramEnum("objective_choose", CONTINUE_TOKENS),
    use_auto_data_preparation: paramBool("linreg.AutoDataPreparation"),
    confidence_level: paramNumber("linreg.CIn"),
    model_selection: paramEnum("linreg.VarSelectionMethod", { forwardStepwise: "ForwardStepwise", bestSubsets: "BestSubsets", none: "None" }),
    criteria_forward_stepwise: paramEnum("linreg.CriteriaForForwardStepwise", { AICC: "AICC", FStatistics: "Fstatistics", adjustedRSquare: "AdjustedRSquare", ASE: "ASE" }),
    criteria_best_subsets: paramEnum("linreg.CriteriaForBestSubsets", { AICC: "AICC", adjustedRSquare: "AdjustedRSquare", ASE: "ASE" }),
    probability_entry: paramNumber("linreg.PIn"),
    probability_removal: paramNumber("linreg.POut"),
    use_max_effects: paramBool("linreg.UseCustomMaxEffects"),
    max_effects: paramNumber("linreg.MaxEffects", { integer: true }),
    use_max_steps: paramBool("linreg.UseCustomMaxSteps"),
    max_steps: paramNumber("linreg.MaxSteps", { integer: true }),
    include_intercept: paramBool("linreg.Intercept"),
    use_random_seed: paramBool("UseRandomSeed"),
    random_seed: paramNumber("linreg.RandomSeed", { integer: true }),
    combining_rule_continuous: paramEnum("ensemble_con_method", { Mean: "Mean", Median: "Median" }),
    component_models_n: paramNumber("NumberOfTrials", { integer: true }),
  },
  checkParameters(params: ExtensionParameters, ctx: XmlMappingContext) {
    checkExtensionFields(params, ctx);
    warnIfListSet(params, "linreg.EffectList", ctx, "custom effects (interactions) are not implemented: every input is a main effect");
    warnIfParameter(params, "linreg.ListwiseDeletion", ["true"], ctx, "records with a missing value are always left out");
    warnIfParameter(params, "linreg.EffectEntryTolerance", ["1.0E-4"], ctx, "the singularity tolerance is the Regression node's default, 1.0E-4");
  },
});

export const linearNode = defineBuilder({
  type: "linear",
  label: "Linear",
  nuggetType: "applylinear",
  modelerExtensions: ["spss.alm-extension/LinearRegression"],
  modeler: linearMapping,
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
    prop("include_intercept", bool(), undefined, "Ours (Modeler's \"Include intercept\", saved in a .str): the constant term (default true)."),
  ],
  options: ["objective", "continue_training_existing_model", "use_auto_data_preparation", "model_selection", "criteria_forward_stepwise", "probability_entry", "probability_removal", "use_max_effects", "max_effects", "use_max_steps", "max_steps", "include_intercept"],
  customModelName: (p) => (p.bool("use_custom_model_name") ? p.str("custom_model_name") : undefined),
  train: (data, options) => trainLinear(data as TrainingData, options as LinearOptions),
});
