/**
 * CHAID nugget (`applychaid`; NODES.md §6.2): scores a CHAID tree. Adds `$R-<target>`, with
 * `calculate_conf` `$RC-<target>`, with `display_rule_id` the node id `$RI-<target>`, with
 * `all_probabilities` (ours) `$RP-<category>`, with `calculate_raw_propensities`
 * `$RRP-<target>`.
 */
import { FLAVOURS } from "./common/flavours.js";
import { CLASSIFIER_PROPERTIES, classifierOptions, DISPLAY_RULE_ID, SQL_GENERATE } from "./common/nugget-properties.js";
import { defineNugget } from "./common/define-nugget.js";
import { treeNuggetMapping } from "./common/nugget-mappings.js";

export const applyChaidNode = defineNugget({
  type: "applychaid",
  label: "CHAID",
  modelerClasses: ["ApplyChaidRuleNode"],
  modeler: treeNuggetMapping,
  properties: [...CLASSIFIER_PROPERTIES, DISPLAY_RULE_ID, SQL_GENERATE],
  flavour: FLAVOURS.chaid,
  options: (ctx) => classifierOptions(ctx),
});
