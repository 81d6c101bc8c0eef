/**
 * CHAID and Exhaustive CHAID (`chaid`, `method: Chaid | ExhaustiveChaid`; NODES.md §6.2):
 * multiway trees chosen by chi-square or F tests (`src/models/chaid/`). The nugget is
 * `applychaid`.
 */
import { bool, int, num, oneOf, prop } from "../properties.js";
import { trainChaid, type ChaidOptions } from "../../models/chaid/train-chaid.js";
import type { TrainingData } from "../../models/dataset.js";
import { TREE_BUILD_PROPERTIES, TREE_STOPPING_PROPERTIES } from "./common/builder-properties.js";
import { defineBuilder } from "./common/define-builder.js";
import { applyMaxDepthChoice, TREE_OPTIONS } from "./common/tree-options.js";

export const chaidNode = defineBuilder({
  type: "chaid",
  label: "CHAID",
  nuggetType: "applychaid",
  target: { count: "one", measures: "any" },
  properties: [
    prop("method", oneOf("Chaid", "ExhaustiveChaid"), undefined, "CHAID (default) or Exhaustive CHAID."),
    ...TREE_BUILD_PROPERTIES,
    ...TREE_STOPPING_PROPERTIES,
    prop("split_alpha", num(), undefined, "Significance level for splitting (default 0.05)."),
    prop("merge_alpha", num(), undefined, "Significance level for merging categories (default 0.05)."),
    prop("chi_square", oneOf("Pearson", "LR"), undefined, "Chi-square statistic for categorical targets (default Pearson)."),
    prop("epsilon", num(), undefined, "Convergence of the expected cell frequencies (refused: ordinal-target row-effects model not implemented)."),
    prop("max_iterations", int(), undefined, "Iterations of that model (refused, as epsilon)."),
    prop("split_merged_categories", bool(), undefined, "Allow re-splitting merged categories (refused when true)."),
    prop("bonferroni_adjustment", bool(), undefined, "Bonferroni-adjusted p-values (default true)."),
    prop("max_bins", int(), undefined, "Ours: intervals continuous inputs are pre-binned into (default 10)."),
  ],
  options: ["method", ...TREE_OPTIONS, "split_alpha", "merge_alpha", "chi_square", "epsilon", "max_iterations", "split_merged_categories", "bonferroni_adjustment", "max_bins"],
  adjust: applyMaxDepthChoice,
  train: (data, options) => trainChaid(data as TrainingData, options as ChaidOptions),
});
