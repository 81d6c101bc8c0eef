/**
 * C&R Tree (`cart`; NODES.md §6.3): binary trees by impurity decrease with surrogates, priors,
 * costs and cost-complexity pruning (`src/models/cart/`). The nugget is `applycart`.
 */
import { bool, int, json, num, oneOf, prop } from "../properties.js";
import { trainCart, type CartOptions } from "../../models/cart/train-cart.js";
import type { TrainingData } from "../../models/dataset.js";
import { COSTS_SCHEMA, PRIORS_SCHEMA, TREE_BUILD_PROPERTIES, TREE_STOPPING_PROPERTIES } from "./common/builder-properties.js";
import { defineBuilder } from "./common/define-builder.js";
import { applyMaxDepthChoice, TREE_OPTIONS } from "./common/tree-options.js";

export const cartNode = defineBuilder({
  type: "cart",
  label: "C&R Tree",
  nuggetType: "applycart",
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
