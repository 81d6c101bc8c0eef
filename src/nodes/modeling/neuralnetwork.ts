/**
 * Neural Net (`neuralnetwork`; NODES.md §6.7): a multilayer perceptron (`src/models/neural/`).
 * The nugget is `applyneuralnetwork` (`$N-`, `$NC-`). One target: `targets` with more than one
 * field is refused (the trainer fits one). `use_partition` is this node's name for
 * `use_partitioned_data`. Ensemble settings (`combining_rule_*`, `component_models_n`) only
 * matter for the ensemble objectives, which the trainer refuses; they are accepted without
 * effect. `confidence`, `score_category_probabilities`, `max_categories` and
 * `score_propensity` are scoring settings that Modeler copies to the nugget: set them on
 * `applyneuralnetwork` (the trainer refuses the ones it does not implement).
 *
 * In a `.str` file the Neural Net is a `CFBuildModelNode` (`spss.neuralnet-extension/neuralnet`)
 * whose settings are in its `Parameters` member (`neuralnetMapping`). `hidden_activation` is
 * ours: the member's hidden-layer activation, which Modeler's dialog does not show; the
 * network has tanh hidden units, so another value is refused.
 */
import {
  defineXmlMapping, paramBool, paramEnum, paramNumber, paramSwitchedNumber, warnIfParameter,
  type ExtensionParameters, type XmlMappingContext,
} from "../common/str-mapping/index.js";
import { bool, fields, int, num, oneOf, prop } from "../properties.js";
import type { TrainingData } from "../../models/dataset.js";
import { trainNeuralNet, type NeuralNetOptions } from "../../models/neural/train-neural.js";
import { defineBuilder } from "./common/define-builder.js";
import { ModelFieldError } from "./common/errors.js";
import { checkExtensionFields, CONTINUE_TOKENS, extensionFieldCodecs } from "./common/extension-mapping.js";

/**
 * The `Parameters` member of Modeler's Neural Net (all eight corpus nodes). Tokens are those
 * saved there, plus the evident other half of a seen pair (`radialBasisFunction`, `sigmoid`:
 * the SPSS MLP procedure's other hidden activation); others are passed through, so that the
 * property check refuses them by name.
 */
export const neuralnetMapping = defineXmlMapping({
  properties: {},
  parameters: {
    ...extensionFieldCodecs({ algorithm: "neuralnet", target: "targets", usePartition: "use_partition" }),
    continue: paramEnum("objective_choose", CONTINUE_TOKENS),
    method: paramEnum("neuralnet.NeuralNetworkAlgorithm", { multilayerPerceptron: "MultilayerPerceptron", radialBasisFunction: "RadialBasisFunction" }),
    use_custom_layers: paramEnum("neuralnet.HiddenLayers", { automaticUnits: false, customUnits: true }),
    first_layer_units: paramNumber("neuralnet.HiddenLayer1Units", { integer: true }),
    second_layer_units: paramNumber("neuralnet.HiddenLayer2Units", { integer: true }),
    hidden_activation: paramEnum("neuralnet.MLPHiddenLayerActivationFunction", { hyperbolicTangent: "HyperbolicTangent", sigmoid: "Sigmoid" }),
    use_max_time: paramBool("neuralnet.MLPStoppingMaximumTrainingTime"),
    max_time: paramNumber("neuralnet.MLPStoppingMaximumTrainingTimeMinutes"),
    use_max_cycles: paramEnum("neuralnet.MLPStoppingTrainingEpochsMaximum", { computeAutomatically: false, specifyCustomValue: true }),
    max_cycles: paramNumber("neuralnet.MLPStoppingTrainingEpochsMaximumNumber", { integer: true }),
    use_min_accuracy: paramBool("neuralnet.MLPStoppingMinimumAccuracy"),
    min_accuracy: paramNumber("neuralnet.MLPStoppingMinimumAccuracyValue"),
    min_relative_change: paramNumber("neuralnet.MLPStoppingMinimumRelativeTrainingErrorChange"),
    overfit_prevention_pct: paramSwitchedNumber("neuralnet.UseOverFitPreventionSet", "neuralnet.OverFitPreventionSetPct", 0, 30),
    use_random_seed: paramBool("neuralnet.UseRandomSeed"),
    random_seed: paramNumber("neuralnet.RandomSeed", { integer: true }),
    missing_values: paramEnum("neuralnet.MissingValueHandling", { listwiseDeletion: "listwiseDeletion", missingValueImputation: "missingValueImputation" }),
    confidence: paramEnum("scoring.confidenceBasedOn", { onProbability: "onProbability", onIncrease: "onIncrease" }),
    combining_rule_categorical: paramEnum("ensemble_cat_method", { Voting: "Voting", HighestProbability: "HighestProbability", HighestMeanProbability: "HighestMeanProbability" }),
    combining_rule_continuous: paramEnum("ensemble_con_method", { Mean: "Mean", Median: "Median" }),
    component_models_n: paramNumber("NumberOfTrials", { integer: true }),
    calculate_variable_importance: paramBool("neuralnet.ComputeSensitivity"),
  },
  checkParameters: checkNeuralNetParameters,
});

/**
 * Settings of the SPSS MLP procedure that Modeler saves but its Neural Net dialog does not
 * show, each with the value every corpus node has. The trainer's choices for them are in its
 * documentation (`src/models/neural/train-neural.ts`): scaled conjugate gradient in batch up to
 * 20,000 rows, weights from [−0.5, 0.5], standardised inputs and targets, ten steps without a
 * holdout improvement. Another value is reported.
 */
const MLP_ENGINE_DEFAULTS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ["neuralnet.MLPOutputLayerActivationFunction", ["identity"]],
  ["neuralnet.MLPHiddenLayerUnits", ["automaticallyCompute"]],
  ["neuralnet.MLPTrainingType", ["batch"]],
  ["neuralnet.MLPTrainingOptimizationAlgorithm", ["scaledConjugateGradient"]],
  ["neuralnet.MLPTrainingInitialLambda", ["5.0E-7"]],
  ["neuralnet.MLPTrainingInitialSigma", ["5.0E-5"]],
  ["neuralnet.MLPTrainingIntervalCenter", ["0.0"]],
  ["neuralnet.MLPTrainingIntervalOffset", ["0.5"]],
  ["neuralnet.RescalingRangeInputs", ["standardized"]],
  ["neuralnet.RescalingRangeTargets", ["standardized"]],
  ["neuralnet.MLPStoppingMaximumStepsWithoutErrorDecreasing", ["1"]],
  ["neuralnet.MLPStoppingMinimumRelativeTrainingErrorRatioChange", ["0.001"]],
  ["neuralnet.IncludeUserMissing", ["false"]],
];

function checkNeuralNetParameters(params: ExtensionParameters, ctx: XmlMappingContext): void {
  checkExtensionFields(params, ctx);
  for (const [name, defaults] of MLP_ENGINE_DEFAULTS) {
    warnIfParameter(params, name, defaults, ctx, "Modeler's Neural Net dialog does not set it, and the trainer follows its own documented choice (src/models/neural/train-neural.ts)");
  }
}

export const neuralNetworkNode = defineBuilder({
  type: "neuralnetwork",
  label: "Neural Net",
  nuggetType: "applyneuralnetwork",
  modelerExtensions: ["spss.neuralnet-extension/neuralnet"],
  modeler: neuralnetMapping,
  target: { count: "many", measures: "any" },
  properties: [
    prop("targets", fields(), undefined, "Target fields (with custom_fields; one is supported)."),
    prop("use_partition", bool(), undefined, "This node's name for use_partitioned_data."),
    prop("continue", bool(), undefined, "Continue training the existing model (refused when true)."),
    prop("objective", oneOf("Standard", "Bagging", "Boosting", "psm"), undefined, "Standard (default); ensembles are refused."),
    prop("method", oneOf("MultilayerPerceptron", "RadialBasisFunction"), undefined, "Default MultilayerPerceptron; RBF is refused."),
    prop("use_custom_layers", bool(), undefined, "Use first_layer_units / second_layer_units."),
    prop("first_layer_units", int(), undefined, "Units of the first hidden layer."),
    prop("second_layer_units", int(), undefined, "Units of the second hidden layer (0: none)."),
    prop("hidden_activation", oneOf("HyperbolicTangent", "Sigmoid"), undefined, "Ours (a .str's MLPHiddenLayerActivationFunction): hidden units' activation; only HyperbolicTangent (the default) is implemented."),
    prop("use_max_time", bool(), undefined, "Stop after max_time minutes (default true)."),
    prop("max_time", num(), undefined, "Minutes (default 15)."),
    prop("use_max_cycles", bool(), undefined, "Stop after max_cycles iterations."),
    prop("max_cycles", int(), undefined, "Iterations."),
    prop("use_min_accuracy", bool(), undefined, "Stop when min_accuracy is reached."),
    prop("min_accuracy", num(), undefined, "Accuracy in percent."),
    prop("combining_rule_categorical", oneOf("Voting", "HighestProbability", "HighestMeanProbability"), undefined, "Ensembles only (accepted; no effect)."),
    prop("combining_rule_continuous", oneOf("Mean", "Median"), undefined, "Ensembles only (accepted; no effect)."),
    prop("component_models_n", int(), undefined, "Ensembles only (accepted; no effect)."),
    prop("overfit_prevention_pct", num(), undefined, "Holdout percentage (default 30)."),
    prop("use_random_seed", bool(), undefined, "Initial weights and holdout from random_seed (else from the run's seed)."),
    prop("random_seed", int(), undefined, "Seed."),
    prop("missing_values", oneOf("listwiseDeletion", "missingValueImputation"), undefined, "Default listwiseDeletion; imputation is refused."),
    prop("confidence", oneOf("onProbability", "onIncrease"), undefined, "Nugget setting (only onProbability)."),
    prop("score_category_probabilities", bool(), undefined, "Nugget setting: also declare $NP-<category> outputs in the PMML."),
    prop("max_categories", int(), undefined, "Nugget setting: categories with a probability field."),
    prop("score_propensity", bool(), undefined, "Nugget setting (refused by the trainer)."),
    prop("steps_without_decrease", int(), undefined, "Ours: steps without a holdout improvement before stopping (default 10)."),
    prop("min_relative_change", num(), undefined, "Ours: smallest relative change in training error that keeps training."),
    prop("training_type", oneOf("Auto", "Batch", "MiniBatch"), undefined, "Ours: Batch (scaled conjugate gradient) or MiniBatch (Adam); Auto picks by size."),
  ],
  options: [
    "continue", "objective", "method", "use_custom_layers", "first_layer_units", "second_layer_units", "use_max_time", "max_time", "use_max_cycles",
    "max_cycles", "use_min_accuracy", "min_accuracy", "overfit_prevention_pct", "use_random_seed", "random_seed", "missing_values", "confidence",
    "score_category_probabilities", "max_categories", "score_propensity", "steps_without_decrease", "min_relative_change", "training_type",
  ],
  refused: [
    { property: "hidden_activation", when: (v) => v !== "HyperbolicTangent", why: "the network's hidden units are tanh (hyperbolic tangent); sigmoid hidden units are not implemented" },
  ],
  check(selection) {
    if (selection.targets.length > 1) {
      throw new ModelFieldError(`Neural Net with several targets (${selection.targets.map((t) => `"${t}"`).join(", ")}) is not supported: the trainer fits one target; build one network per target`, { targets: selection.targets });
    }
  },
  train: (data, options) => trainNeuralNet(data as TrainingData, options as NeuralNetOptions),
});
