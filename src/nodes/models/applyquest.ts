/**
 * QUEST nugget (`applyquest`; NODES.md §6.4): scores a QUEST tree. Adds `$R-<target>`, with
 * `calculate_conf` `$RC-<target>`, with `display_rule_id` the node id `$RI-<target>`, with
 * `all_probabilities` (ours) `$RP-<category>`, with `calculate_raw_propensities`
 * `$RRP-<target>`.
 */
import { FLAVOURS } from "./common/flavours.js";
import { CLASSIFIER_PROPERTIES, classifierOptions, DISPLAY_RULE_ID, SQL_GENERATE } from "./common/nugget-properties.js";
import { defineNugget } from "./common/define-nugget.js";

export const applyQuestNode = defineNugget({
  type: "applyquest",
  label: "QUEST",
  properties: [...CLASSIFIER_PROPERTIES, DISPLAY_RULE_ID, SQL_GENERATE],
  flavour: FLAVOURS.quest,
  options: (ctx) => classifierOptions(ctx),
});
