/**
 * KNN (`knn`; NODES.md §6.11): k nearest neighbours predicting a target
 * (`src/models/knn/`). The nugget is `applyknn` (`$KNN-`, `$KNNP-`). The trainer refuses what
 * it does not implement (neighbour identification, the objective presets, case labels, focal
 * cases, feature selection and weighting, fold fields, propensities).
 */
import { bool, field, fields, int, num, oneOf, prop } from "../properties.js";
import type { TrainingData } from "../../models/dataset.js";
import { trainKnn, type KnnOptions } from "../../models/knn/train-knn.js";
import { defineBuilder } from "./common/define-builder.js";

export const knnNode = defineBuilder({
  type: "knn",
  label: "KNN",
  nuggetType: "applyknn",
  target: { count: "one", measures: "any" },
  properties: [
    prop("analysis", oneOf("PredictTarget", "IdentifyNeighbors"), undefined, "Default PredictTarget; IdentifyNeighbors is refused."),
    prop("objective", oneOf("Balance", "Speed", "Accuracy", "Custom"), undefined, "Only Custom (the default here) is implemented."),
    prop("normalize_ranges", bool(), undefined, "Rescale continuous inputs (default true)."),
    prop("use_case_labels", bool(), undefined, "Refused when true."),
    prop("case_labels_field", field(), undefined, "Case labels (with use_case_labels)."),
    prop("identify_focal_cases", bool(), undefined, "Refused when true."),
    prop("focal_cases_field", field(), undefined, "Focal cases (with identify_focal_cases)."),
    prop("automatic_k_selection", bool(), undefined, "Choose k by cross-validation between minimum_k and maximum_k (default true)."),
    prop("fixed_k", int(), undefined, "k when not chosen automatically (default 3)."),
    prop("minimum_k", int(), undefined, "Default 3."),
    prop("maximum_k", int(), undefined, "Default 5."),
    prop("distance_computation", oneOf("Euclidean", "CityBlock"), undefined, "Default Euclidean."),
    prop("weight_by_importance", bool(), undefined, "Refused when true."),
    prop("range_predictions", oneOf("Mean", "Median"), undefined, "Continuous targets: mean (default) or median of the neighbours."),
    prop("perform_feature_selection", bool(), undefined, "Refused when true."),
    prop("forced_entry_inputs", fields(), undefined, "Feature selection only."),
    prop("stop_on_error_ratio", bool(), undefined, "Feature selection only."),
    prop("number_to_select", int(), undefined, "Feature selection only."),
    prop("minimum_change", num(), undefined, "Feature selection only."),
    prop("validation_fold_assign_by_field", bool(), undefined, "Refused when true."),
    prop("number_of_folds", int(), undefined, "Cross-validation folds (default 10)."),
    prop("set_random_seed", bool(), undefined, "Folds from random_seed (else from the run's seed)."),
    prop("random_seed", int(), undefined, "Seed."),
    prop("folds_field", field(), undefined, "Fold field (with validation_fold_assign_by_field)."),
    prop("all_probabilities", bool(), undefined, "Nugget setting (set all_probabilities on applyknn)."),
    prop("save_distances", bool(), undefined, "Also declare $KNN-distance-<n> outputs in the PMML (set save_distances on the nugget to add the fields)."),
  ],
  options: [
    "analysis", "objective", "normalize_ranges", "use_case_labels", "identify_focal_cases", "automatic_k_selection", "fixed_k", "minimum_k", "maximum_k",
    "distance_computation", "weight_by_importance", "range_predictions", "perform_feature_selection", "validation_fold_assign_by_field", "number_of_folds",
    "set_random_seed", "random_seed", "save_distances", "calculate_raw_propensities",
  ],
  train: (data, options) => trainKnn(data as TrainingData, options as KnnOptions),
});
