/**
 * C&R Tree nugget (`applycart`; NODES.md §6.3): scores a C&R Tree. Adds `$R-<target>`, with
 * `calculate_conf` `$RC-<target>`, with `display_rule_id` the node id `$RI-<target>`, with
 * `all_probabilities` (ours) `$RP-<category>`, with `calculate_raw_propensities`
 * `$RRP-<target>`.
 */
import { FLAVOURS } from "./common/flavours.js";
import { CLASSIFIER_PROPERTIES, classifierOptions, DISPLAY_RULE_ID, SQL_GENERATE } from "./common/nugget-properties.js";
import { defineNugget } from "./common/define-nugget.js";
import { treeNuggetMapping } from "./common/nugget-mappings.js";

export const applyCartNode = defineNugget({
  type: "applycart",
  label: "C&R Tree",
  modelerClasses: ["ApplyCartRuleNode"],
  modeler: treeNuggetMapping,
  properties: [...CLASSIFIER_PROPERTIES, DISPLAY_RULE_ID, SQL_GENERATE],
  flavour: FLAVOURS.cart,
  options: (ctx) => classifierOptions(ctx),
});
