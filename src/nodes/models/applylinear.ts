/**
 * Linear nugget (`applylinear`; NODES.md §6.13): adds the predicted value `$L-<target>` (Real).
 */
import { FLAVOURS } from "./common/flavours.js";
import { ENABLE_SQL_GENERATION } from "./common/nugget-properties.js";
import { defineNugget } from "./common/define-nugget.js";
import { NO_SCORING_OPTIONS } from "./common/scoring-plan.js";

export const applyLinearNode = defineNugget({
  type: "applylinear",
  label: "Linear",
  properties: [ENABLE_SQL_GENERATION],
  flavour: FLAVOURS.linear,
  options: () => NO_SCORING_OPTIONS,
});
