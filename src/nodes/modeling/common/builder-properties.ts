/**
 * The properties every model builder has (NODES.md §6.0): where the target and inputs come
 * from, the partition, splits, frequency and weight fields, the model's name, and the
 * analysis options Modeler puts on the builder.
 *
 * Algorithm properties of one builder are declared in its own file without defaults: a
 * property the stream does not set is not passed to the trainer, whose defaults are
 * Modeler's (docs/models.md), so the two cannot disagree.
 */
import { bool, field, fields, oneOf, prop, str, type PropertySpec } from "../../properties.js";

export const FIELD_SELECTION_PROPERTIES: readonly PropertySpec[] = [
  prop("custom_fields", bool(), false, "Take the target and inputs from this node (true) or from the roles set by an upstream Type node (false)."),
  prop("target", field(), undefined, "Target field (with custom_fields)."),
  prop("inputs", fields(), undefined, "Input fields (with custom_fields)."),
  prop("partition", field(), undefined, "Partition field; by default the field whose role is Partition."),
  prop("use_partitioned_data", bool(), true, "Train on the Training partition only (the partition field's first value), when there is a partition field."),
  prop("use_split_data", bool(), true, "Build one model per split (refused when split fields exist: not supported)."),
  prop("splits", fields(), undefined, "Split fields (with custom_fields)."),
  prop("use_frequency", bool(), false, "Weight records by frequency_field (with custom_fields)."),
  prop("frequency_field", field(), undefined, "Frequency weight field."),
  prop("use_weight", bool(), false, "Analysis weights (refused: not supported)."),
  prop("weight_field", field(), undefined, "Analysis weight field."),
  prop("use_model_name", bool(), false, "Name the model model_name instead of the automatic name."),
  prop("model_name", str(), undefined, "Custom model (nugget) name."),
];

/** Options of Modeler's Analyze tab: they change the nugget's outputs or viewer, not the model. */
export const ANALYZE_PROPERTIES: readonly PropertySpec[] = [
  prop("calculate_variable_importance", bool(), undefined, "Predictor importance chart of the model viewer (accepted; no chart is produced)."),
  prop("calculate_raw_propensities", bool(), undefined, "Raw propensity scores (set calculate_raw_propensities on the nugget; the model is the same)."),
  prop("calculate_adjusted_propensities", bool(), undefined, "Adjusted propensity scores (refused when true: not supported)."),
  prop("adjusted_propensity_partition", oneOf("Test", "Validation"), undefined, "Partition for adjusted propensities."),
];

/** Tree builders' stopping rules (C&R Tree, CHAID, QUEST), passed to the trainers as they are. */
export const TREE_STOPPING_PROPERTIES: readonly PropertySpec[] = [
  prop("use_max_depth", oneOf("Default", "Custom"), undefined, "Default: the algorithm's depth (5); Custom: max_depth. A max_depth given without use_max_depth applies."),
  prop("max_depth", { kind: "integer" }, undefined, "Deepest level below the root (default 5)."),
  prop("use_percentage", bool(), undefined, "Minimum node sizes as percentages of the training records (default true) or as counts."),
  prop("min_parent_records_pc", { kind: "number" }, undefined, "Minimum parent node size, percent (default 2)."),
  prop("min_child_records_pc", { kind: "number" }, undefined, "Minimum child node size, percent (default 1)."),
  prop("min_parent_records_abs", { kind: "integer" }, undefined, "Minimum parent node size, records (default 100)."),
  prop("min_child_records_abs", { kind: "integer" }, undefined, "Minimum child node size, records (default 50)."),
];

/** Interactive-builder properties of the tree builders (the trainers refuse all but a batch build). */
export const TREE_BUILD_PROPERTIES: readonly PropertySpec[] = [
  prop("model_output_type", oneOf("Single", "InteractiveBuilder"), undefined, "Single builds the nugget; InteractiveBuilder is refused (it needs Modeler's user interface)."),
  prop("use_tree_directives", bool(), undefined, "Scripted interactive growing (refused when true)."),
  prop("tree_directives", str(), undefined, "Tree directives (only with use_tree_directives)."),
  prop("objective", oneOf("Standard", "Boosting", "Bagging", "psm"), undefined, "Standard (one tree); the ensemble objectives are refused."),
];

export const COSTS_SCHEMA = {
  type: "array",
  items: { type: "array", minItems: 3, maxItems: 3, items: [{ type: ["string", "number"] }, { type: ["string", "number"] }, { type: "number" }] },
} as const;

export const PRIORS_SCHEMA = {
  type: "array",
  items: { type: "array", minItems: 2, maxItems: 2, items: [{ type: ["string", "number"] }, { type: "number" }] },
} as const;
