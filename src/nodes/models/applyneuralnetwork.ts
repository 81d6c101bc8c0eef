/**
 * Neural Net nugget (`applyneuralnetwork`; NODES.md §6.7): adds `$N-<target>`, for a
 * categorical target `$NC-<target>` (the probability of the predicted category: `confidence`
 * onProbability; onIncrease is refused), with `score_category_probabilities` one
 * `$NP-<category>` for the first `max_categories` categories, with `score_propensity` the raw
 * propensity `$NRP-<target>` (flag targets).
 */
import { bool, int, oneOf, prop } from "../properties.js";
import { FLAVOURS } from "./common/flavours.js";
import { ENABLE_SQL_GENERATION } from "./common/nugget-properties.js";
import { defineNugget } from "./common/define-nugget.js";
import { NO_SCORING_OPTIONS } from "./common/scoring-plan.js";

export const applyNeuralNetworkNode = defineNugget({
  type: "applyneuralnetwork",
  label: "Neural Net",
  properties: [
    prop("confidence", oneOf("onProbability", "onIncrease"), "onProbability", "How the confidence $NC- is computed (only onProbability)."),
    prop("score_category_probabilities", bool(), false, "Add $NP-<category> probability fields."),
    prop("max_categories", int(), 25, "Categories with a probability field."),
    prop("score_propensity", bool(), false, "Add the raw propensity $NRP-<target> (flag targets)."),
    ENABLE_SQL_GENERATION,
  ],
  flavour: FLAVOURS.neuralnetwork,
  options(ctx) {
    const p = ctx.props;
    if (p.str("confidence") === "onIncrease") {
      throw p.unsupported("confidence", "onIncrease", "the increase of the winning probability over the second is not computed; use onProbability");
    }
    const max = p.num("max_categories", 25);
    if (!(Number.isInteger(max) && max >= 1)) throw p.unsupported("max_categories", max, "it must be a positive integer");
    return { ...NO_SCORING_OPTIONS, confidence: true, probabilities: p.bool("score_category_probabilities") ? max : false, rawPropensity: p.bool("score_propensity") };
  },
});
