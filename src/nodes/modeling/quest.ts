/**
 * QUEST (`quest`; NODES.md §6.4): binary classification trees with unbiased variable selection
 * by significance tests (`src/models/quest/`). The nugget is `applyquest`.
 */
import { bool, int, json, num, oneOf, prop } from "../properties.js";
import type { TrainingData } from "../../models/dataset.js";
import { trainQuest, type QuestOptions } from "../../models/quest/train-quest.js";
import { COSTS_SCHEMA, PRIORS_SCHEMA, TREE_BUILD_PROPERTIES, TREE_STOPPING_PROPERTIES } from "./common/builder-properties.js";
import { defineBuilder } from "./common/define-builder.js";
import { applyMaxDepthChoice, TREE_OPTIONS } from "./common/tree-options.js";

export const questNode = defineBuilder({
  type: "quest",
  label: "QUEST",
  nuggetType: "applyquest",
  target: { count: "one", measures: "categorical" },
  properties: [
    ...TREE_BUILD_PROPERTIES,
    ...TREE_STOPPING_PROPERTIES,
    prop("split_alpha", num(), undefined, "Significance level for choosing the split variable (default 0.05)."),
    prop("max_surrogates", int(), undefined, "Surrogate splits per node (default 5)."),
    prop("prune_tree", bool(), undefined, "Cost-complexity pruning (default true)."),
    prop("use_std_err", bool(), undefined, "Standard-error rule for pruning (default false)."),
    prop("use_std_err_rule", bool(), undefined, "The same, under C&R Tree's name."),
    prop("std_err_multiplier", num(), undefined, "Standard-error multiplier (default 1.0)."),
    prop("priors", oneOf("Data", "Equal", "Custom"), undefined, "Class priors (default Data)."),
    prop("custom_priors", json(PRIORS_SCHEMA, "a list of [category, prior]"), undefined, "Priors with priors Custom."),
    prop("adjust_priors", bool(), undefined, "Adjust priors for misclassification costs."),
    prop("use_costs", bool(), undefined, "Misclassification costs."),
    prop("costs", json(COSTS_SCHEMA, "a list of [actual, predicted, cost]"), undefined, "Costs of predicting `predicted` for `actual`."),
    prop("pruning_risk", oneOf("crossValidation", "trainingSample"), undefined, "Ours: how the pruned subtree's risk is estimated (default crossValidation)."),
    prop("cv_folds", int(), undefined, "Ours: folds of that cross-validation (default 10)."),
  ],
  options: [...TREE_OPTIONS, "split_alpha", "max_surrogates", "prune_tree", "use_std_err", "use_std_err_rule", "std_err_multiplier", "priors", "custom_priors", "adjust_priors", "use_costs", "costs", "pruning_risk", "cv_folds"],
  adjust: applyMaxDepthChoice,
  train: (data, options) => trainQuest(data as TrainingData, options as QuestOptions),
});
