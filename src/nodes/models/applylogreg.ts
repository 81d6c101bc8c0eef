/**
 * Logistic nugget (`applylogreg`, Modeler's `ApplyLogisticNode`; NODES.md §6.6): adds
 * `$L-<target>`, with `calculate_conf` `$LP-<target>` (the probability of the predicted
 * category), with `all_probabilities` one `$LP-<category>` per category, with
 * `calculate_raw_propensities` `$LRP-<target>` (the probability of the flag's true value).
 */
import { FLAVOURS } from "./common/flavours.js";
import { CLASSIFIER_PROPERTIES, classifierOptions, ENABLE_SQL_GENERATION } from "./common/nugget-properties.js";
import { defineNugget } from "./common/define-nugget.js";
import { logisticNuggetMapping } from "./common/nugget-mappings.js";

export const applyLogregNode = defineNugget({
  type: "applylogreg",
  label: "Logistic",
  modelerClasses: ["ApplyLogisticNode"],
  modeler: logisticNuggetMapping,
  properties: [...CLASSIFIER_PROPERTIES, ENABLE_SQL_GENERATION],
  flavour: FLAVOURS.logreg,
  options: (ctx) => classifierOptions(ctx),
});
