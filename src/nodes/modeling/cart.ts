/**
 * C&R Tree (`cart`; NODES.md §6.3): binary trees by impurity decrease with surrogates, priors,
 * costs and cost-complexity pruning (`src/models/cart/`). The nugget is `applycart`.
 *
 * In a `.str` file the C&R Tree is a `CFBuildModelNode` (`spss.tree-extension/Cart`) whose
 * settings are in its `Parameters` member (`cartMapping`).
 */
import {
  defineXmlMapping, paramBool, paramEnum, paramNumber, StrWriteError, warnIfParameter,
  type ExtensionParameters, type ParameterCodec, type XmlMappingContext,
} from "../common/str-mapping/index.js";
import { bool, int, json, num, oneOf, prop } from "../properties.js";
import { trainCart, type CartOptions } from "../../models/cart/train-cart.js";
import type { TrainingData } from "../../models/dataset.js";
import { COSTS_SCHEMA, PRIORS_SCHEMA, TREE_BUILD_PROPERTIES, TREE_STOPPING_PROPERTIES } from "./common/builder-properties.js";
import { defineBuilder } from "./common/define-builder.js";
import { checkTreeExtension, treeExtensionCodecs } from "./common/extension-mapping.js";
import { applyMaxDepthChoice, TREE_OPTIONS } from "./common/tree-options.js";

/**
 * `tree.CustomPriors`: a list of `<StructuredValue>` with attributes `value` and `probability`
 * (seen in adityayadav's C&R Tree) → `[[category, prior], …]`. Items of another shape are
 * passed through as they are, so that the property check refuses them by name.
 */
const customPriorsCodec: ParameterCodec = {
  xml: "tree.CustomPriors (list of {value, probability})",
  read(params) {
    const items = params.structuredList("tree.CustomPriors");
    if (!items || items.length === 0) return undefined;
    return items.map((i) => (Object.keys(i).length === 2 && i.value !== undefined && i.probability !== undefined && Number.isFinite(Number(i.probability)) ? [i.value, Number(i.probability)] : i));
  },
  write() {
    throw new StrWriteError("custom priors are not written into the Parameters member (rewriting its structured values is not implemented); set them in Modeler", { parameter: "tree.CustomPriors" });
  },
};

/**
 * `tree.Costs`: empty in every corpus node, so the attribute names of a cost are not known;
 * a non-empty list is passed through as objects, which the property check refuses by name
 * (with `use_costs`, training with default costs would otherwise be silently wrong).
 */
const costsCodec: ParameterCodec = {
  xml: "tree.Costs (list; never seen filled)",
  read(params) {
    const items = params.structuredList("tree.Costs");
    return items && items.length > 0 ? items : undefined;
  },
  write() {
    throw new StrWriteError("misclassification costs are not written into the Parameters member (their form there has not been seen); set them in Modeler", { parameter: "tree.Costs" });
  },
};

/** The `Parameters` member of Modeler's C&R Tree (two stream nodes in the corpus, two more inside nuggets). */
export const cartMapping = defineXmlMapping({
  properties: {},
  parameters: {
    ...treeExtensionCodecs(),
    prune_tree: paramBool("tree.PruneTree"),
    use_std_err_rule: paramBool("tree.UseStdErrRule"),
    std_err_multiplier: paramNumber("tree.StdErrMultiplier"),
    max_surrogates: paramNumber("tree.MaxSurrogates", { integer: true }),
    min_impurity: paramNumber("tree.MinImpurity"),
    impurity_measure: paramEnum("tree.ImpurityMeasure", { Gini: "Gini" }),
    priors: paramEnum("tree.Priors", { Data: "Data" }),
    custom_priors: customPriorsCodec,
    adjust_priors: paramBool("tree.AdjustPriors"),
    use_costs: paramBool("tree.UseCosts"),
    costs: costsCodec,
  },
  checkParameters(params: ExtensionParameters, ctx: XmlMappingContext) {
    checkTreeExtension(params, ctx);
    // `method` is the node's algorithm (`Cart`); `tree.TreeGrowingMethod` says "Chaid" in both
    // corpus C&R Trees, so it is not what Modeler builds with, and is not read.
    warnIfParameter(params, "method", ["Cart"], ctx, "this node is read as a C&R Tree (its extensionObjectID)");
    // The overfit prevention set of Modeler's Advanced tab: the trainer chooses the pruned
    // subtree by cross-validation instead (pruning_risk, docs/models.md).
    warnIfParameter(params, "tree.UseOverFitPreventionSet", ["true"], ctx, "the pruned subtree is chosen by cross-validation (pruning_risk), not on a held-out set");
    warnIfParameter(params, "tree.OverFitPreventionSetPct", ["30.0"], ctx, "the pruned subtree is chosen by cross-validation (pruning_risk), not on a held-out set");
  },
});

export const cartNode = defineBuilder({
  type: "cart",
  label: "C&R Tree",
  nuggetType: "applycart",
  modelerExtensions: ["spss.tree-extension/Cart"],
  modeler: cartMapping,
  target: { count: "one", measures: "any" },
  properties: [
    ...TREE_BUILD_PROPERTIES,
    ...TREE_STOPPING_PROPERTIES,
    prop("prune_tree", bool(), undefined, "Cost-complexity pruning (default true)."),
    prop("use_std_err_rule", bool(), undefined, "Pick the smallest subtree within std_err_multiplier standard errors of the least risk (default false)."),
    prop("std_err_multiplier", num(), undefined, "Standard-error multiplier (default 1.0)."),
    prop("max_surrogates", int(), undefined, "Surrogate splits per node (default 5)."),
    prop("min_impurity", num(), undefined, "Smallest impurity decrease a split must bring (default 0.0001)."),
    prop("impurity_measure", oneOf("Gini", "Twoing", "Ordered"), undefined, "Impurity of categorical targets (default Gini)."),
    prop("priors", oneOf("Data", "Equal", "Custom"), undefined, "Class priors (default Data)."),
    prop("custom_priors", json(PRIORS_SCHEMA, "a list of [category, prior]"), undefined, "Priors with priors Custom."),
    prop("adjust_priors", bool(), undefined, "Adjust priors for misclassification costs."),
    prop("use_costs", bool(), undefined, "Misclassification costs."),
    prop("costs", json(COSTS_SCHEMA, "a list of [actual, predicted, cost]"), undefined, "Costs of predicting `predicted` for `actual` (unlisted pairs cost 1)."),
    prop("pruning_risk", oneOf("crossValidation", "trainingSample"), undefined, "Ours: how the pruned subtree's risk is estimated (default crossValidation)."),
    prop("cv_folds", int(), undefined, "Ours: folds of that cross-validation (default 10)."),
    prop("max_exhaustive_categories", int(), undefined, "Ours: largest nominal input searched exhaustively with more than two classes (default 12)."),
  ],
  options: [...TREE_OPTIONS, "prune_tree", "use_std_err_rule", "std_err_multiplier", "max_surrogates", "min_impurity", "impurity_measure", "priors", "custom_priors", "adjust_priors", "use_costs", "costs", "pruning_risk", "cv_folds", "max_exhaustive_categories"],
  adjust: applyMaxDepthChoice,
  train: (data, options) => trainCart(data as TrainingData, options as CartOptions),
});
