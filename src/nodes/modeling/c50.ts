/**
 * C5.0 (`c50`, Modeler's `BuildC5RuleNode`; NODES.md §6.1): a decision tree or rule set for a
 * categorical target, optionally boosted (`src/models/c50/`). The nugget is `applyc50`.
 *
 * `mode: "Simple"` uses the defaults of the Expert settings (`pruning_severity`,
 * `min_child_records`, `use_global_pruning`, `use_winnowing`), as Modeler's dialog does, so an
 * imported stream's stale Expert values do not apply; without `mode` the values given apply.
 */
import { bool, int, json, num, oneOf, prop } from "../properties.js";
import { trainC50, type C50Options } from "../../models/c50/train-c50.js";
import { COSTS_SCHEMA } from "./common/builder-properties.js";
import { c50Mapping } from "./common/builder-mapping.js";
import { defineBuilder } from "./common/define-builder.js";
import type { TrainingData } from "../../models/dataset.js";

const EXPERT = ["pruning_severity", "min_child_records", "use_global_pruning", "use_winnowing"];

export const c50Node = defineBuilder({
  type: "c50",
  label: "C5.0",
  nuggetType: "applyc50",
  modelerClasses: ["BuildC5RuleNode"],
  modeler: c50Mapping,
  target: { count: "one", measures: "categorical" },
  properties: [
    prop("output_type", oneOf("DecisionTree", "RuleSet"), undefined, "A decision tree (default) or a rule set."),
    prop("group_symbolics", bool(), undefined, "Group categories of nominal inputs when splitting (default false)."),
    prop("use_boost", bool(), undefined, "Boosting (default false)."),
    prop("boost_num_trials", int(), undefined, "Boosting trials (default 10)."),
    prop("use_xval", bool(), undefined, "Cross-validated accuracy estimate (refused when true: not implemented)."),
    prop("xval_num_folds", int(), undefined, "Folds of the cross-validation (only with use_xval)."),
    prop("mode", oneOf("Simple", "Expert"), undefined, "Simple uses the Expert settings' defaults."),
    prop("favor", oneOf("Accuracy", "Generality"), undefined, "Simple mode: Accuracy (default); Generality is refused."),
    prop("expected_noise", num(), undefined, "Simple mode: expected noise in percent (refused: not implemented)."),
    prop("min_child_records", int(), undefined, "Expert: minimum records per child branch (default 2)."),
    prop("pruning_severity", num(), undefined, "Expert: pruning severity (default 75)."),
    prop("use_costs", bool(), undefined, "Misclassification costs (refused when true: not implemented for C5.0)."),
    prop("costs", json(COSTS_SCHEMA, "a list of [actual, predicted, cost]"), undefined, "Misclassification costs (only with use_costs)."),
    prop("use_winnowing", bool(), undefined, "Expert: attribute winnowing (refused when true: not implemented)."),
    prop("use_global_pruning", bool(), undefined, "Expert: global pruning (default true; false is refused)."),
  ],
  options: ["output_type", "group_symbolics", "use_boost", "boost_num_trials", "use_xval", "mode", "favor", "expected_noise", "use_costs", ...EXPERT],
  adjust(options) {
    if (options.mode === "Simple") for (const name of EXPERT) delete options[name];
    // No expected noise is the default (Modeler saves 0).
    if (options.expected_noise === 0) delete options.expected_noise;
  },
  train: (data, options) => trainC50(data as TrainingData, options as C50Options),
});
