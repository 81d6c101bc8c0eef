/**
 * Regression (`regression`, Modeler's `BuildRegressionNode`; NODES.md §6.5): least squares of a
 * continuous target with the Enter, Stepwise, Backwards and Forwards methods
 * (`src/models/regression/`). The nugget is `applyregression` (`$E-<target>`). The output
 * options (`model_fit`, `descriptives`, …) choose tables of Modeler's model viewer and are
 * accepted without effect.
 */
import { bool, num, oneOf, prop, type PropertySpec } from "../properties.js";
import type { TrainingData } from "../../models/dataset.js";
import { trainRegression, type RegressionOptions } from "../../models/regression/train-regression.js";
import { regressionMapping } from "./common/builder-mapping.js";
import { defineBuilder } from "./common/define-builder.js";
import { numberOrText, numbersFromText } from "./common/numeric-text.js";

const VIEWER_OUTPUTS = [
  "selection_criteria", "confidence_interval", "covariance_matrix", "collinearity_diagnostics", "regression_coefficients",
  "exclude_fields", "durbin_watson", "model_fit", "r_squared_change", "p_correlations", "descriptives",
];

export const regressionNode = defineBuilder({
  type: "regression",
  label: "Regression",
  nuggetType: "applyregression",
  modelerClasses: ["BuildRegressionNode"],
  modeler: regressionMapping,
  target: { count: "one", measures: "continuous" },
  properties: [
    prop("method", oneOf("Enter", "Stepwise", "Backwards", "Forwards"), undefined, "Field selection (default Enter)."),
    prop("include_constant", bool(), undefined, "Intercept (default true)."),
    prop("mode", oneOf("Simple", "Expert"), undefined, "Simple uses the Expert settings' defaults."),
    prop("complete_records", bool(), undefined, "Listwise deletion (default true; false is refused)."),
    prop("tolerance", numberOrText(), undefined, "Singularity tolerance (default 1.0E-4)."),
    prop("stepping_method", oneOf("useP", "useF"), undefined, "Entry and removal by p-value (default) or F value."),
    prop("probability_entry", num(), undefined, "Default 0.05."),
    prop("probability_removal", num(), undefined, "Default 0.1."),
    prop("F_value_entry", num(), undefined, "Default 3.84."),
    prop("F_value_removal", num(), undefined, "Default 2.71."),
    ...VIEWER_OUTPUTS.map((name): PropertySpec => prop(name, bool(), undefined, "Model viewer output (accepted; no effect on the model).")),
  ],
  options: ["method", "include_constant", "mode", "complete_records", "tolerance", "stepping_method", "probability_entry", "probability_removal", "F_value_entry", "F_value_removal"],
  adjust: (options) => numbersFromText(options, ["tolerance"]),
  train: (data, options) => trainRegression(data as TrainingData, options as RegressionOptions),
});
