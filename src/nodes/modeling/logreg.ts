/**
 * Logistic regression (`logreg`, Modeler's `BuildLogisticNode`; NODES.md §6.6): binomial and
 * multinomial logit models with Modeler's selection methods (`src/models/logistic/`). The
 * nugget is `applylogreg` (`$L-`, `$LP-`). Only main effects are fitted: `model_type`
 * FullFactorial / Custom and `custom_terms` are refused by the trainer. The output options
 * (`summary`, `goodness_fit`, …) choose tables of Modeler's viewer and are accepted without
 * effect.
 */
import { bool, int, json, list, num, oneOf, prop, str, type PropertySpec } from "../properties.js";
import type { TrainingData } from "../../models/dataset.js";
import { trainLogistic, type LogisticOptions } from "../../models/logistic/train-logistic.js";
import { logregMapping } from "./common/builder-mapping.js";
import { defineBuilder } from "./common/define-builder.js";
import { numberOrText, numbersFromText } from "./common/numeric-text.js";

const VIEWER_OUTPUTS = [
  "iteration_history", "summary", "likelihood_ratio", "asymptotic_correlation", "goodness_fit", "parameters", "confidence_interval",
  "asymptotic_covariance", "classification_table", "stepwise_summary", "info_criteria", "monotonicity_measures",
  "binomial_output_display", "binomial_goodness_of_fit", "binomial_parameters", "binomial_iteration_history", "binomial_classification_plots",
  "binomial_ci_enable", "binomial_residual_enable",
];

export const logregNode = defineBuilder({
  type: "logreg",
  label: "Logistic",
  nuggetType: "applylogreg",
  modelerClasses: ["BuildLogisticNode"],
  modeler: logregMapping,
  target: { count: "one", measures: "categorical" },
  properties: [
    prop("logistic_procedure", oneOf("Binomial", "Multinomial"), undefined, "Default Multinomial."),
    prop("include_constant", bool(), undefined, "Intercept (default true)."),
    prop("mode", oneOf("Simple", "Expert"), undefined, "Simple uses the Expert settings' defaults."),
    prop("method", oneOf("Enter", "Stepwise", "Forwards", "Backwards", "BackwardsStepwise"), undefined, "Multinomial field selection (default Enter)."),
    prop("binomial_method", oneOf("Enter", "Forwards", "Backwards"), undefined, "Binomial field selection (default Enter)."),
    prop("model_type", oneOf("MainEffects", "FullFactorial", "Custom"), undefined, "Default MainEffects; the others are refused."),
    prop("custom_terms", list(list({ kind: "string" })), undefined, "Terms of a Custom model (refused with it)."),
    prop("multinomial_base_category", json({ type: ["string", "number"] }, "a category of the target"), undefined, "Reference category (default the last)."),
    prop("binomial_categorical_input", list({ kind: "string" }), undefined, "Binomial categorical inputs (accepted; every categorical input is indicator-coded)."),
    prop("binomial_input_contrast", oneOf("Indicator", "Simple", "Difference", "Helmert", "Repeated", "Polynomial", "Deviation"), undefined, "Only Indicator is implemented."),
    prop("binomial_input_category", oneOf("First", "Last"), undefined, "Reference category of categorical inputs (default Last)."),
    prop("scale", oneOf("None", "UserDefined", "Pearson", "Deviance"), undefined, "Dispersion scaling (only None)."),
    prop("scale_value", num(), undefined, "With scale UserDefined."),
    prop("all_probabilities", bool(), undefined, "Also declare one $LP-<category> output per category in the PMML (set all_probabilities on the nugget to add the fields)."),
    prop("tolerance", numberOrText(), undefined, "Singularity tolerance (default 1.0E-8)."),
    prop("min_terms", int(), undefined, "Stepwise: minimum terms (default 0)."),
    prop("use_max_terms", bool(), undefined, "Stepwise: limit terms to max_terms."),
    prop("max_terms", int(), undefined, "Stepwise: maximum terms."),
    prop("entry_criterion", oneOf("Score", "LR"), undefined, "Stepwise entry test (default Score)."),
    prop("removal_criterion", oneOf("LR", "Wald"), undefined, "Stepwise removal test (default LR)."),
    prop("probability_entry", num(), undefined, "Default 0.05."),
    prop("probability_removal", num(), undefined, "Default 0.1."),
    prop("requirements", oneOf("HierarchyDiscrete", "HierarchyAll", "Containment", "None"), undefined, "Hierarchy of interaction terms (no effect with main effects)."),
    prop("max_iterations", int(), undefined, "Newton iterations (default 100)."),
    prop("max_steps", int(), undefined, "Step halvings (default 5)."),
    prop("p_converge", numberOrText(), undefined, "Parameter convergence (default 1.0E-6)."),
    prop("l_converge", numberOrText(), undefined, "Log-likelihood convergence (default 0)."),
    prop("delta", num(), undefined, "Constant added to empty cells (only 0)."),
    prop("history_steps", int(), undefined, "Viewer output (accepted; no effect)."),
    ...VIEWER_OUTPUTS.map((name): PropertySpec => prop(name, name === "binomial_output_display" ? str() : bool(), undefined, "Model viewer output (accepted; no effect on the model).")),
  ],
  options: [
    "logistic_procedure", "include_constant", "mode", "method", "binomial_method", "model_type", "multinomial_base_category", "binomial_input_contrast",
    "binomial_input_category", "scale", "all_probabilities", "calculate_raw_propensities", "tolerance", "min_terms", "use_max_terms", "max_terms",
    "entry_criterion", "removal_criterion", "probability_entry", "probability_removal", "requirements", "max_iterations", "max_steps", "p_converge",
    "l_converge", "delta",
  ],
  refused: [{ property: "custom_terms", when: (v) => Array.isArray(v) && v.length > 0, why: "custom model terms (interactions) are not implemented; only main effects" }],
  adjust: (options) => numbersFromText(options, ["tolerance", "p_converge", "l_converge"]),
  train: (data, options) => trainLogistic(data as TrainingData, options as LogisticOptions),
});
