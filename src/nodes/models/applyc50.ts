/**
 * C5.0 nugget (`applyc50`, Modeler's `ApplyC5RuleNode`; NODES.md §6.1): scores a C5.0 tree,
 * rule set or boosted model. Adds `$C-<target>`, with `calculate_conf` `$CC-<target>` (the
 * rule or leaf confidence), with `all_probabilities` (ours) `$CP-<category>`, with
 * `calculate_raw_propensities` `$CRP-<target>`.
 */
import { FLAVOURS } from "./common/flavours.js";
import { CLASSIFIER_PROPERTIES, classifierOptions, SQL_GENERATE } from "./common/nugget-properties.js";
import { defineNugget } from "./common/define-nugget.js";
import { c50NuggetMapping } from "./common/nugget-mappings.js";

export const applyC50Node = defineNugget({
  type: "applyc50",
  label: "C5.0",
  modelerClasses: ["ApplyC5RuleNode"],
  modeler: c50NuggetMapping,
  properties: [...CLASSIFIER_PROPERTIES, SQL_GENERATE],
  flavour: FLAVOURS.c50,
  options: (ctx) => classifierOptions(ctx),
});
