/**
 * How Modeler's nugget classes map onto the nuggets' scripting properties (`.str` import and
 * write-back). The PMML itself is read by the `.str` importer (`node.model`); these mappings
 * carry only the scoring settings, under the internal names the corpus nuggets use
 * (`calculateConfidences`, `calculateRawPropensities`, `calculateAdjustedPropensities`,
 * `displayRuleIdField`, `appendProbabilities`, `generateDistanceField`, and the extension
 * nuggets' `_calculate_conf` / `_all_probabilities`).
 */
import { boolCodec, defineXmlMapping, type NodeXmlMapping, type PropertyCodec } from "../../common/str-mapping/index.js";

const propensities: Record<string, PropertyCodec> = {
  calculate_raw_propensities: boolCodec("calculateRawPropensities"),
  calculate_adjusted_propensities: boolCodec("calculateAdjustedPropensities"),
};

/** `ApplyC5RuleNode`. */
export const c50NuggetMapping: NodeXmlMapping = defineXmlMapping({
  properties: { calculate_conf: boolCodec("calculateConfidences"), ...propensities },
});

/** `ApplyChaidRuleNode`, `ApplyCartRuleNode`. */
export const treeNuggetMapping: NodeXmlMapping = defineXmlMapping({
  properties: { calculate_conf: boolCodec("calculateConfidences"), display_rule_id: boolCodec("displayRuleIdField"), ...propensities },
});

/** `ApplyLogisticNode`. */
export const logisticNuggetMapping: NodeXmlMapping = defineXmlMapping({
  properties: {
    calculate_conf: boolCodec("calculateConfidences"),
    all_probabilities: boolCodec("appendProbabilities"),
    enable_sql_generation: boolCodec("enableSqlGenerationFromModel"),
    ...propensities,
  },
});

/** `ApplyKMeansNode`. */
export const kmeansNuggetMapping: NodeXmlMapping = defineXmlMapping({
  properties: { gen_distance: boolCodec("generateDistanceField"), enable_sql_generation: boolCodec("enableSqlGenerationFromModel") },
});

/** `ApplyRegressionNode` has no scoring settings. */
export const regressionNuggetMapping: NodeXmlMapping = defineXmlMapping({ properties: {} });

/** `CFApplyModelNode`, `ExtensionApplyModelNode`. */
export const extensionNuggetMapping: NodeXmlMapping = defineXmlMapping({
  properties: { calculate_conf: boolCodec("_calculate_conf"), all_probabilities: boolCodec("_all_probabilities"), ...propensities },
});
