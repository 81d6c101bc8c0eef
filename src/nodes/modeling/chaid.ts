/**
 * CHAID and Exhaustive CHAID (`chaid`, `method: Chaid | ExhaustiveChaid`; NODES.md §6.2):
 * multiway trees chosen by chi-square or F tests (`src/models/chaid/`). The nugget is
 * `applychaid`.
 *
 * In a `.str` file the CHAID node is a `CFBuildModelNode` (`spss.tree-extension/Chaid`) whose
 * settings are in its `Parameters` member (`chaidMapping`).
 */
import { defineXmlMapping, paramBool, paramEnum, paramNumber } from "../common/str-mapping/index.js";
import { bool, int, num, oneOf, prop } from "../properties.js";
import { trainChaid, type ChaidOptions } from "../../models/chaid/train-chaid.js";
import type { TrainingData } from "../../models/dataset.js";
import { TREE_BUILD_PROPERTIES, TREE_STOPPING_PROPERTIES } from "./common/builder-properties.js";
import { defineBuilder } from "./common/define-builder.js";
import { checkTreeExtension, treeExtensionCodecs } from "./common/extension-mapping.js";
import { applyMaxDepthChoice, TREE_OPTIONS } from "./common/tree-options.js";

/**
 * The `Parameters` member of Modeler's CHAID (five corpus nodes). `method` is the node's
 * algorithm as the scripting property spells it (`Chaid`; `ExhaustiveChaid` is its other
 * value). `tree.Epsilon` and `tree.MaxIterations` tune the row-effects model of ordinal
 * targets, which the trainer refuses whenever they are given; Modeler saves its defaults
 * (0.001, 100) in every node, so those read as not set.
 */
export const chaidMapping = defineXmlMapping({
  properties: {},
  parameters: {
    ...treeExtensionCodecs(),
    method: paramEnum("method", { Chaid: "Chaid", ExhaustiveChaid: "ExhaustiveChaid" }),
    split_alpha: paramNumber("tree.SplitAlpha"),
    merge_alpha: paramNumber("tree.MergeAlpha"),
    chi_square: paramEnum("tree.ChiSquareType", { pearson: "Pearson" }),
    epsilon: paramNumber("tree.Epsilon", { unsetAt: 0.001 }),
    max_iterations: paramNumber("tree.MaxIterations", { integer: true, unsetAt: 100 }),
    split_merged_categories: paramBool("tree.SplitMergedCategories"),
    bonferroni_adjustment: paramBool("tree.BonferroniAdjustment"),
  },
  checkParameters: checkTreeExtension,
});

export const chaidNode = defineBuilder({
  type: "chaid",
  label: "CHAID",
  nuggetType: "applychaid",
  modelerExtensions: ["spss.tree-extension/Chaid"],
  modeler: chaidMapping,
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
