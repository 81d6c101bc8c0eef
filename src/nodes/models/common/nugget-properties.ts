/**
 * Nugget settings shared by several nugget types (NODES.md §6.1–6.11, nugget properties),
 * and their reading into `ScoringOptions`.
 */
import type { NodeContext } from "../../definition.js";
import { bool, oneOf, prop, type PropertySpec } from "../../properties.js";
import { NO_SCORING_OPTIONS, type ScoringOptions } from "./scoring-plan.js";

export const CALCULATE_CONF = prop("calculate_conf", bool(), true, "Add the confidence field ($<code>C- or $<code>P-) for a categorical target.");
export const RAW_PROPENSITIES = prop("calculate_raw_propensities", bool(), false, "Add the raw propensity $<code>RP-<target> (flag targets).");
export const ADJUSTED_PROPENSITIES = prop("calculate_adjusted_propensities", bool(), false, "Adjusted propensities (refused when true: not implemented).");
export const ALL_PROBABILITIES = prop("all_probabilities", bool(), false, "Add one probability field $<code>P-<category> per category.");
export const DISPLAY_RULE_ID = prop("display_rule_id", bool(), false, "Add the tree node id $<code>I-<target>.");
export const SQL_GENERATE = prop("sql_generate", oneOf("Never", "NoMissingValues", "MissingValues", "native", "udf"), undefined, "SQL pushdown of the scoring (accepted; modeler-batch scores in process).");
export const ENABLE_SQL_GENERATION = prop("enable_sql_generation", bool(), undefined, "SQL pushdown of the scoring (accepted; modeler-batch scores in process).");

/** The settings of a classifier nugget (trees, Random Trees, Logistic, the generic nugget). */
export const CLASSIFIER_PROPERTIES: readonly PropertySpec[] = [CALCULATE_CONF, RAW_PROPENSITIES, ADJUSTED_PROPENSITIES, ALL_PROBABILITIES];

export function refuseAdjustedPropensities(ctx: NodeContext): void {
  if (ctx.props.bool("calculate_adjusted_propensities")) {
    throw ctx.props.unsupported(
      "calculate_adjusted_propensities",
      true,
      "adjusted propensities come from the model's results on the Test or Validation partition when Modeler builds it, which a PMML model does not carry; raw propensities (calculate_raw_propensities) are supported",
    );
  }
}

/** `ScoringOptions` from the classifier settings; the caller adds its own. */
export function classifierOptions(ctx: NodeContext, extra: Partial<ScoringOptions> = {}): ScoringOptions {
  refuseAdjustedPropensities(ctx);
  const p = ctx.props;
  return {
    ...NO_SCORING_OPTIONS,
    confidence: p.bool("calculate_conf", true),
    probabilities: p.bool("all_probabilities"),
    rawPropensity: p.bool("calculate_raw_propensities"),
    nodeId: p.bool("display_rule_id"),
    ...extra,
  };
}
