/** Options shared by the tree builders (C&R Tree, CHAID, QUEST). */
import type { Props } from "../../properties.js";

/** Build-mode and stopping-rule properties, passed to the tree trainers under their own names. */
export const TREE_OPTIONS = [
  "model_output_type", "use_tree_directives", "objective",
  "max_depth", "use_percentage", "min_parent_records_pc", "min_child_records_pc", "min_parent_records_abs", "min_child_records_abs",
] as const;

/**
 * `use_max_depth: "Default"` keeps the algorithm's depth (Modeler ignores `max_depth` then); a
 * `max_depth` given without `use_max_depth` applies, as if `Custom`.
 */
export function applyMaxDepthChoice(options: Record<string, unknown>, props: Props): void {
  if (props.str("use_max_depth") === "Default") delete options.max_depth;
}
