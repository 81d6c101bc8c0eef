/**
 * Neural Net (`neuralnetwork`; NODES.md §6.7): a multilayer perceptron (`src/models/neural/`).
 * The nugget is `applyneuralnetwork` (`$N-`, `$NC-`). One target: `targets` with more than one
 * field is refused (the trainer fits one). `use_partition` is this node's name for
 * `use_partitioned_data`. Ensemble settings (`combining_rule_*`, `component_models_n`) only
 * matter for the ensemble objectives, which the trainer refuses; they are accepted without
 * effect. `confidence`, `score_category_probabilities`, `max_categories` and
 * `score_propensity` are scoring settings that Modeler copies to the nugget: set them on
 * `applyneuralnetwork` (the trainer refuses the ones it does not implement).
 */
import { bool, fields, int, num, oneOf, prop } from "../properties.js";
import type { TrainingData } from "../../models/dataset.js";
import { trainNeuralNet, type NeuralNetOptions } from "../../models/neural/train-neural.js";
import { defineBuilder } from "./common/define-builder.js";
import { ModelFieldError } from "./common/errors.js";

export const neuralNetworkNode = defineBuilder({
  type: "neuralnetwork",
  label: "Neural Net",
  nuggetType: "applyneuralnetwork",
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
  check(selection) {
    if (selection.targets.length > 1) {
      throw new ModelFieldError(`Neural Net with several targets (${selection.targets.map((t) => `"${t}"`).join(", ")}) is not supported: the trainer fits one target; build one network per target`, { targets: selection.targets });
    }
  },
  train: (data, options) => trainNeuralNet(data as TrainingData, options as NeuralNetOptions),
});
