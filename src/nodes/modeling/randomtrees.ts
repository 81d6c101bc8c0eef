/**
 * Random Trees (`randomtrees`; Modeler's random forest of C&R-style trees on bootstrap samples,
 * `src/models/random-trees/`). The nugget is `applyrandomtrees`. Modeler's scripting property
 * `max_node_number` is the trainer's `max_nodes`. The input screening options (`max_pct_missing`,
 * `exclude_single_cat_pct`, `max_category_number`, `min_field_variation`) and `num_bins` are
 * refused when set: the trainer neither screens inputs nor bins them (its splits are exact).
 *
 * In a `.str` file, Modeler 18's Random Forest node (`CFBuildModelNode`, `spss.rf/rf`, a
 * scikit-learn forest run by Modeler's Python) is read as this type (`rfMapping`): its number
 * of trees, depth and leaf size are these properties; what a forest of scikit-learn does that
 * Random Trees does not is reported when the node is read.
 */
import {
  defineXmlMapping, paramBool, paramNumber, warnIfParameter,
  type ExtensionParameters, type ParameterCodec, type XmlMappingContext,
} from "../common/str-mapping/index.js";
import { bool, int, json, num, prop, str } from "../properties.js";
import type { TrainingData } from "../../models/dataset.js";
import { trainRandomTrees, type RandomTreesOptions } from "../../models/random-trees/train-random-trees.js";
import { COSTS_SCHEMA } from "./common/builder-properties.js";
import { defineBuilder } from "./common/define-builder.js";
import { checkExtensionFields, extensionFieldCodecs } from "./common/extension-mapping.js";

/** `rf.maxDepth` applies only with `rf.specifyMaxDepth`; without it scikit-learn grows trees without a depth limit. */
const maxDepthCodec: ParameterCodec = {
  xml: "rf.maxDepth (when rf.specifyMaxDepth)",
  read(params, ctx) {
    return params.value("rf.specifyMaxDepth") === "true" ? paramNumber("rf.maxDepth", { integer: true }).read(params, ctx) : undefined;
  },
  write(params, value, ctx) {
    const set = value !== undefined && value !== null;
    paramBool("rf.specifyMaxDepth").write(params, set, ctx);
    if (set) paramNumber("rf.maxDepth").write(params, value, ctx);
  },
};

/**
 * The `Parameters` member of Modeler's Random Forest (one node in the corpus, Retail_Model).
 * `roleUse` is this node's `role_use` (custom fields; see extension-mapping.ts).
 */
export const rfMapping = defineXmlMapping({
  properties: {},
  parameters: {
    ...extensionFieldCodecs({ algorithm: "rf", target: "target", inputs: "InputFields", roleUse: "roleUse", objective: false }),
    number_of_models: paramNumber("rf.numTrees", { integer: true }),
    max_depth: maxDepthCodec,
    min_child_node_size: paramNumber("rf.minChildLeaf", { integer: true }),
  },
  checkParameters(params: ExtensionParameters, ctx: XmlMappingContext) {
    checkExtensionFields(params, ctx);
    if (params.value("rf.specifyMaxDepth") === "false") {
      ctx.warn("parameter rf.specifyMaxDepth is false (scikit-learn grows each tree without a depth limit); Random Trees limits the depth to max_depth (default 10) and max_node_number (default 10000)");
    }
    // scikit-learn's max_features: "auto" is √p for a classifier but every input for a
    // regressor; Random Trees tries ⌊√p⌋ (classification) or ⌊p/3⌋ (regression) predictors.
    warnIfParameter(params, "rf.splitfeatures", [], ctx, "Random Trees tries ⌊√p⌋ predictors per split for a categorical target and ⌊p/3⌋ for a continuous one (set number_of_predictors to choose)");
    warnIfParameter(params, "rf.bootstrap", ["true"], ctx, "every tree of Random Trees grows on a bootstrap sample");
    warnIfParameter(params, "rf.extreme", ["false"], ctx, "extremely randomised trees are not implemented");
    warnIfParameter(params, "rf.enable_hpo", ["false"], ctx, "hyper-parameter optimisation is not implemented");
    warnIfParameter(params, "rf.useRandomSeed", ["false"], ctx, "Random Trees draws its seed from the run's seed (--seed)");
  },
});

const set = () => true;

export const randomTreesNode = defineBuilder({
  type: "randomtrees",
  label: "Random Trees",
  nuggetType: "applyrandomtrees",
  modelerExtensions: ["spss.rf/rf"],
  modeler: rfMapping,
  target: { count: "one", measures: "any" },
  properties: [
    prop("number_of_models", int(), undefined, "Trees in the ensemble (default 10)."),
    prop("use_number_of_predictors", bool(), undefined, "Use number_of_predictors (default: ⌊√p⌋ classification, ⌊p/3⌋ regression)."),
    prop("number_of_predictors", int(), undefined, "Predictors tried per split."),
    prop("use_stop_rule_for_accuracy", bool(), undefined, "Stop adding trees when accuracy stops improving (refused when true)."),
    prop("sample_size", num(), undefined, "Bootstrap sample size as a fraction of the training records (default 1)."),
    prop("handle_imbalanced_data", bool(), undefined, "Imbalanced flag targets (refused when true)."),
    prop("use_weighted_sampling", bool(), undefined, "Weighted predictor sampling (refused when true)."),
    prop("max_node_number", int(), undefined, "Maximum nodes per tree (default 10000)."),
    prop("max_depth", int(), undefined, "Maximum tree depth (default 10)."),
    prop("min_child_node_size", int(), undefined, "Minimum records in a child node (default 5)."),
    prop("use_costs", bool(), undefined, "Misclassification costs (refused when true)."),
    prop("costs", json(COSTS_SCHEMA, "a list of [actual, predicted, cost]"), undefined, "Costs (only with use_costs)."),
    prop("default_cost_increase", str(), undefined, "Cost increase for imbalanced data (only none is accepted)."),
    prop("max_pct_missing", num(), undefined, "Input screening (refused when set)."),
    prop("exclude_single_cat_pct", num(), undefined, "Input screening (refused when set)."),
    prop("max_category_number", int(), undefined, "Input screening (refused when set)."),
    prop("min_field_variation", num(), undefined, "Input screening (refused when set)."),
    prop("num_bins", int(), undefined, "Binning of continuous inputs (refused when set)."),
    prop("topN", int(), undefined, "Predictors shown in the importance chart (accepted; no chart is produced)."),
  ],
  options: ["number_of_models", "use_number_of_predictors", "number_of_predictors", "use_stop_rule_for_accuracy", "sample_size", "handle_imbalanced_data", "use_weighted_sampling", ["max_node_number", "max_nodes"], "max_depth", "min_child_node_size"],
  refused: [
    { property: "use_costs", why: "misclassification costs are not implemented for Random Trees (C&R Tree has them)" },
    { property: "default_cost_increase", when: (v) => v !== "none", why: "cost increases for imbalanced data are not implemented" },
    ...["max_pct_missing", "exclude_single_cat_pct", "max_category_number", "min_field_variation"].map((property) => ({ property, when: set, why: "input screening is not implemented: every selected input is used; leave the property out" })),
    { property: "num_bins", when: set, why: "continuous inputs are split at exact midpoints, not binned; leave the property out" },
  ],
  train: (data, options) => trainRandomTrees(data as TrainingData, options as RandomTreesOptions),
});
