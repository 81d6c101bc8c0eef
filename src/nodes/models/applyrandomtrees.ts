/**
 * Random Trees nugget (`applyrandomtrees`; Modeler's Random Trees extension nugget): scores a
 * tree ensemble. Adds `$R-<target>`, with `calculate_conf` `$RC-<target>` (the share of the
 * vote of the predicted category), with `all_probabilities` (ours) `$RP-<category>`, with
 * `calculate_raw_propensities` `$RRP-<target>`.
 */
import { FLAVOURS } from "./common/flavours.js";
import { CLASSIFIER_PROPERTIES, classifierOptions, ENABLE_SQL_GENERATION } from "./common/nugget-properties.js";
import { defineNugget } from "./common/define-nugget.js";

export const applyRandomTreesNode = defineNugget({
  type: "applyrandomtrees",
  label: "Random Trees",
  properties: [...CLASSIFIER_PROPERTIES, ENABLE_SQL_GENERATION],
  flavour: FLAVOURS.randomtrees,
  options: (ctx) => classifierOptions(ctx),
});
