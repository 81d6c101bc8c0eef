/**
 * Regression nugget (`applyregression`, Modeler's `ApplyRegressionNode`; NODES.md §6.5, no
 * properties): adds the predicted value `$E-<target>` (Real).
 */
import { FLAVOURS } from "./common/flavours.js";
import { defineNugget } from "./common/define-nugget.js";
import { regressionNuggetMapping } from "./common/nugget-mappings.js";
import { NO_SCORING_OPTIONS } from "./common/scoring-plan.js";

export const applyRegressionNode = defineNugget({
  type: "applyregression",
  label: "Regression",
  modelerClasses: ["ApplyRegressionNode"],
  modeler: regressionNuggetMapping,
  properties: [],
  flavour: FLAVOURS.regression,
  options: () => NO_SCORING_OPTIONS,
});
