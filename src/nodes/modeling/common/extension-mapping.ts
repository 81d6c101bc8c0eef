/**
 * What Modeler's extension builders (`CFBuildModelNode`: Neural Net, C&R Tree, CHAID, Linear,
 * Random Forest of Modeler 16+) save alike in their `Parameters` member: the field settings,
 * the partition and weight fields, the model name and the objective. Each builder's own file
 * adds its algorithm's parameters (docs/modeler-str.md, "Extension builders").
 *
 * The Fields tab. `<algorithm>.TargetField` and `.InputFieldList` are always saved (Modeler
 * keeps its last field lists), and the generic `autoModelFieldSelection` under `<properties>`
 * is `true` in every such node of the corpus, so neither says which one applies. `role_use`
 * does: where it is true the lists are not the roles (akbarnaeem's CHAID leaves out two
 * fields the Type node makes inputs; Sushithra's Neural Net targets `Quiz_Reviews`, which no
 * Type node makes a target), and where it is false they equal the roles of the Type node
 * upstream (Drug1n's DRUG, k-minz's and adityayadav's targets). So `role_use` is
 * `custom_fields`.
 */
import {
  paramBool, paramEnum, paramFieldIsSet, paramField, paramFields, paramNumber, paramText, warnIfListSet, warnIfParameter,
  type ExtensionParameters, type ParameterCodec, type XmlMappingContext,
} from "../../common/str-mapping/index.js";

export interface ExtensionFieldsOptions {
  /** Prefix of the algorithm's own parameters (`neuralnet`, `tree`, `linreg`, `rf`). */
  readonly algorithm: string;
  /** The target property: `targets` (Neural Net, a list) or `target`. */
  readonly target: "targets" | "target";
  /** Name of the inputs parameter after the prefix (default `InputFieldList`). */
  readonly inputs?: string;
  /** Name of the custom-fields switch (default `role_use`; the Random Forest saves `roleUse`). */
  readonly roleUse?: string;
  /** The property `UsePartitionedData` maps to (Neural Net: `use_partition`). */
  readonly usePartition?: string;
  /** The model-name properties (Linear: `use_custom_model_name`, `custom_model_name`). */
  readonly modelName?: readonly [string, string];
  /** False for a builder with no `objective` property (Random Trees). */
  readonly objective?: boolean;
}

/** Tokens of `objective_goal`: only the standard model was seen; the ensembles' tokens are passed through (and refused). */
export const OBJECTIVE_TOKENS = { standard: "Standard" } as const;

/** `objective_choose`: a new model (the alternative, continued training, is passed through and refused). */
export const CONTINUE_TOKENS = { buildNewModel: false } as const;

export function extensionFieldCodecs(o: ExtensionFieldsOptions): Record<string, ParameterCodec> {
  const a = o.algorithm;
  const [useName, name] = o.modelName ?? ["use_model_name", "model_name"];
  return {
    custom_fields: paramBool(o.roleUse ?? "role_use"),
    [o.target]: o.target === "targets" ? paramFields(`${a}.TargetField`) : paramField(`${a}.TargetField`),
    inputs: paramFields(`${a}.${o.inputs ?? "InputFieldList"}`),
    [o.usePartition ?? "use_partitioned_data"]: paramBool("UsePartitionedData"),
    use_frequency: paramFieldIsSet(`${a}.FrequencyWeightField`),
    frequency_field: paramText(`${a}.FrequencyWeightField`, { omitEmpty: true }),
    use_weight: paramFieldIsSet(`${a}.RegressionWeightField`),
    weight_field: paramText(`${a}.RegressionWeightField`, { omitEmpty: true }),
    // Split fields: the builders refuse them (one model per split is not implemented), so an
    // unexpected list fails by name rather than being dropped.
    splits: paramFields("split_distribute.split_fields"),
    [useName]: paramBool("modelRename"),
    [name]: paramText("modelName", { omitEmpty: true }),
    ...(o.objective !== false && { objective: paramEnum("objective_goal", OBJECTIVE_TOKENS) }),
  };
}

/**
 * A setting every extension builder saves that no property carries: a partition field of the
 * node's own. It was empty in every corpus node, so what it holds when set is not known; a
 * value is reported rather than guessed.
 */
export function checkExtensionFields(params: ExtensionParameters, ctx: XmlMappingContext): void {
  warnIfParameter(params, "outerpartition.partitionField", [""], ctx, "the partition field is the one whose role is Partition (or the builder's partition property)");
}

/**
 * The `spss.tree-extension` builders (C&R Tree, CHAID; QUEST is the same extension, but no
 * corpus file holds one, so its object id is not known): fields, build mode, stopping rules and
 * the Analyze tab, saved alike by both. Tokens are those of the corpus (all nine nodes).
 */
export function treeExtensionCodecs(): Record<string, ParameterCodec> {
  return {
    ...extensionFieldCodecs({ algorithm: "tree", target: "target" }),
    model_output_type: paramEnum("SingleModel", { Single: "Single" }),
    use_tree_directives: paramBool("use_tree_directives"),
    tree_directives: paramText("tree_directives", { omitEmpty: true }),
    use_max_depth: paramEnum("MaxTreeDepth", { Default: "Default", Custom: "Custom" }),
    max_depth: paramNumber("tree.MaxTreeDepth", { integer: true }),
    use_percentage: paramEnum("tree.UsePercentageForNodeSizeRequirement", { percentage: true }),
    min_parent_records_pc: paramNumber("tree.MinParentRecordsPct"),
    min_child_records_pc: paramNumber("tree.MinChildRecordsPct"),
    min_parent_records_abs: paramNumber("tree.MinParentRecordsABS", { integer: true }),
    min_child_records_abs: paramNumber("tree.MinChildRecordsABS", { integer: true }),
    calculate_variable_importance: paramBool("calculate_variable_importance"),
    calculate_raw_propensities: paramBool("calculate_raw_propensities"),
    calculate_adjusted_propensities: paramEnum("calculate_adjusted_propensities", { NoCalc: false }),
    adjusted_propensity_partition: paramEnum("adjusted_propensity_partition", { Test: "Test", Validation: "Validation" }),
  };
}

/** Tree settings no property carries, with the value every corpus node has. */
export function checkTreeExtension(params: ExtensionParameters, ctx: XmlMappingContext): void {
  checkExtensionFields(params, ctx);
  warnIfListSet(params, "tree.Scores", ctx, "custom scores of an ordinal target are not implemented (ordinal targets are tested as nominal)");
  warnIfParameter(params, "tree.UseCustomizeLayer", ["false"], ctx, "a customised first split is not implemented");
}
