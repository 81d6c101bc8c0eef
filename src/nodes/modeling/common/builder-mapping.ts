/**
 * How Modeler's classic builder classes (`BuildC5RuleNode`, `BuildLogisticNode`,
 * `BuildKMeansNode`, `BuildRegressionNode`) map onto the builders' scripting properties: the
 * common field settings every classic builder saves (docs/modeler-str.md: `autoModelFieldSelection`,
 * `modelTargetFieldSelection`, `modelInputFieldSelection`, `usePartitionedData`,
 * `partitionField`, …) plus each algorithm's own. Tokens are those of the corpus files (and
 * the evident counterpart of a seen pair).
 *
 * The extension builders (`CFBuildModelNode`) keep their settings in a `Parameters` archive
 * member instead; their mappings are in the builders' own files (`parameters` codecs, with the
 * shared ones in `extension-mapping.ts`). `ExtensionBuildModelNode` (KNN, SVM, Bayes Net) is
 * not mapped (docs/nodes.md).
 */
import { boolCodec, enumCodec, fieldListCodec, numberCodec, textCodec, defineXmlMapping, type NodeXmlMapping, type PropertyCodec } from "../../common/str-mapping/index.js";

export const COMMON_BUILDER_CODECS: Readonly<Record<string, PropertyCodec>> = {
  custom_fields: boolCodec("autoModelFieldSelection", { negate: true }),
  target: textCodec("modelTargetFieldSelection", { omitEmpty: true }),
  inputs: fieldListCodec("modelInputFieldSelection"),
  partition: textCodec("partitionField", { omitEmpty: true }),
  use_partitioned_data: boolCodec("usePartitionedData"),
  use_split_data: boolCodec("useSplitModelData"),
  splits: fieldListCodec("modelSplitFieldSelection"),
  use_frequency: boolCodec("useFrequency"),
  frequency_field: textCodec("frequencyField", { omitEmpty: true }),
  use_weight: boolCodec("useWeight"),
  weight_field: textCodec("weightField", { omitEmpty: true }),
  use_model_name: boolCodec("autoModelName", { negate: true }),
  model_name: textCodec("modelName", { omitEmpty: true }),
  calculate_variable_importance: boolCodec("calculateVariableImportances"),
  calculate_raw_propensities: boolCodec("calculateRawPropensities"),
  calculate_adjusted_propensities: boolCodec("calculateAdjustedPropensities"),
  adjusted_propensity_partition: enumCodec("adjustedPropensityPartition", { test: "Test", validation: "Validation" }),
};

const modeCodec = enumCodec("expertMode", { false: "Simple", true: "Expert" });

export function builderMapping(own: Readonly<Record<string, PropertyCodec>>, options: { mode?: boolean } = {}): NodeXmlMapping {
  return defineXmlMapping({ properties: { ...COMMON_BUILDER_CODECS, ...(options.mode && { mode: modeCodec }), ...own } });
}

export const c50Mapping = builderMapping({
  output_type: enumCodec("modelFormat", { decisionTree: "DecisionTree", ruleSet: "RuleSet" }),
  group_symbolics: boolCodec("groupSymbolicValues"),
  use_boost: boolCodec("useBoosting"),
  boost_num_trials: numberCodec("boostingTrials", { integer: true }),
  use_xval: boolCodec("useCrossValidation"),
  xval_num_folds: numberCodec("crossValidationCount", { integer: true }),
  favor: enumCodec("modellingBias", { accuracy: "Accuracy", generality: "Generality" }),
  expected_noise: numberCodec("expectedNoise"),
  min_child_records: numberCodec("minRecordsPerBranch", { integer: true }),
  pruning_severity: numberCodec("pruningSeverity"),
  use_costs: boolCodec("useMisclassificationCosts"),
  use_winnowing: boolCodec("use_winnowing"),
  use_global_pruning: boolCodec("useGlobalPruning"),
}, { mode: true });

export const logregMapping = builderMapping({
  logistic_procedure: enumCodec("logisticProcedure", { Binomial: "Binomial", Multinomial: "Multinomial" }),
  include_constant: boolCodec("includeConstant"),
  method: enumCodec("LogregMethod", { enter: "Enter", stepwise: "Stepwise", forwards: "Forwards", backwards: "Backwards", backwardsStepwise: "BackwardsStepwise" }),
  binomial_method: enumCodec("LogregBinomialMethod", { Enter: "Enter", Forwards: "Forwards", Backwards: "Backwards" }),
  model_type: enumCodec("modelType", { mainEffects: "MainEffects", fullFactorial: "FullFactorial", custom: "Custom" }),
  multinomial_base_category: textCodec("multinomialBaseCategory", { omitEmpty: true }),
  scale: enumCodec("scale", { none: "None", userDefined: "UserDefined", pearson: "Pearson", deviance: "Deviance" }),
  scale_value: numberCodec("scaleValue"),
  all_probabilities: boolCodec("appendProbabilities"),
  tolerance: numberCodec("singularityTolerance"),
  min_terms: numberCodec("minTerms", { integer: true }),
  use_max_terms: boolCodec("LogregEnableMaxTerms"),
  max_terms: numberCodec("maxTerms", { integer: true }),
  entry_criterion: enumCodec("stepwiseEntryMethod", { Score: "Score", LR: "LR" }),
  removal_criterion: enumCodec("stepwiseRemovalMethod", { LR: "LR", Wald: "Wald" }),
  probability_entry: numberCodec("pIn"),
  probability_removal: numberCodec("pOut"),
  requirements: enumCodec("LogregSteppingRequirements", { none: "None", hierarchyDiscrete: "HierarchyDiscrete", hierarchyAll: "HierarchyAll", containment: "Containment" }),
  max_iterations: numberCodec("maximumIterations", { integer: true }),
  max_steps: numberCodec("maximumStepHalving", { integer: true }),
  p_converge: numberCodec("parameterConvergence"),
  l_converge: numberCodec("logLikelihoodConvergence"),
  delta: numberCodec("delta"),
}, { mode: true });

export const kmeansMapping = builderMapping({
  num_clusters: numberCodec("numClusters", { integer: true }),
  gen_distance: boolCodec("generateDistanceField"),
  cluster_label: enumCodec("clusterLabelType", { STRING: "String", NUMBER: "Number" }),
  label_prefix: {
    xml: "clusterLabel (+ \"-\")",
    read: (props, ctx) => {
      const v = textCodec("clusterLabel", { omitEmpty: true }).read(props, ctx);
      return typeof v === "string" ? `${v}-` : v;
    },
    write: (props, value, ctx) => textCodec("clusterLabel").write(props, typeof value === "string" ? value.replace(/-$/, "") : value, ctx),
  },
  stop_on: enumCodec("stoppingCondition", { DEFAULT: "Default", CUSTOM: "Custom" }),
  max_iterations: numberCodec("numberIterations", { integer: true }),
  tolerance: numberCodec("changeTolerance"),
  encoding_value: numberCodec("encodingValueForSets"),
  optimize: enumCodec("optimization", { speed: "Speed", memory: "Memory" }),
}, { mode: true });

export const regressionMapping = builderMapping({
  method: enumCodec("method", { enter: "Enter", stepwise: "Stepwise", backwards: "Backwards", forwards: "Forwards" }),
  include_constant: boolCodec("includeConstant"),
  complete_records: boolCodec("completeRecords"),
  tolerance: numberCodec("singularityTolerance"),
  stepping_method: enumCodec("steppingCriteria", { useP: "useP", useF: "useF" }),
  probability_entry: numberCodec("pIn"),
  probability_removal: numberCodec("pOut"),
  F_value_entry: numberCodec("fIn"),
  F_value_removal: numberCodec("fOut"),
  model_fit: boolCodec("modelFit"),
  regression_coefficients: boolCodec("regressionCoefficients"),
  descriptives: boolCodec("descriptives"),
  durbin_watson: boolCodec("durbinWatson"),
  collinearity_diagnostics: boolCodec("collinearityDiagnostics"),
  covariance_matrix: boolCodec("covarianceMatrix"),
  r_squared_change: boolCodec("rSquaredChange"),
  selection_criteria: boolCodec("selectionCriteria"),
  exclude_fields: boolCodec("excludeFields"),
}, { mode: true });
