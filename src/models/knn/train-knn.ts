/**
 * KNN (Modeler's KNN node, `knnnode`, which runs SPSS KNN; NODES.md §6.11), predicting a
 * target from the k nearest training instances: adjusted-normalised continuous inputs and
 * one-of-c categorical ones (`encoding.ts`), Euclidean or city-block distance, a majority vote
 * for categorical targets and the mean or median for continuous ones (`vote.ts`), k fixed or
 * chosen by cross-validation (`select-k.ts`).
 *
 * Training instances are the rows without missing values (listwise, as SPSS KNN); a frequency
 * weight n (an integer) makes n copies. Scoring skips a missing input and scales the distance
 * up for it (PMML's adjustment), exactly like the evaluator (`neighbours.ts`); a query with every
 * input present is answered by a k-d tree over the training instances, with the same result.
 *
 * Refused by name: `analysis` IdentifyNeighbors, the `objective` presets other than Custom,
 * case labels and focal cases, feature selection, weighting by importance, fold fields and
 * propensities. Nugget fields: `$KNN-<target>`; with `save_distances`, `$KNN-distance-<n>` for
 * n = 1 … k. (Vote shares `$KNNP-` are computed in memory; PMML's NearestNeighborModel has no
 * probability output.)
 */
import { childSeed, seededRandom } from "../../data/random.js";
import { isMissingAt, type TrainingData } from "../dataset.js";
import { TrainingError, UnsupportedTrainingOptionError } from "../errors.js";
import { plainField } from "../pmml-writer/derived-inputs.js";
import { nearestNeighborPmml } from "../pmml-writer/nearest-neighbor.js";
import { outputElement, predictionField } from "../pmml-writer/scoring-fields.js";
import { el } from "../pmml-writer/xml.js";
import { checkpoint, type TrainingControl } from "../progress.js";
import { completeRows, encodeRows } from "../regression/features.js";
import type { TrainedModel } from "../trained-model.js";
import { oneOf, positiveInteger } from "../tree/stopping.js";
import { knnEncoding } from "./encoding.js";
import { kNearest, neighbourSearch, type Metric } from "./neighbours.js";
import { selectK } from "./select-k.js";
import { predictFromNeighbours, type KnnTarget } from "./vote.js";

export interface KnnOptions extends TrainingControl {
  analysis?: "PredictTarget" | "IdentifyNeighbors";
  objective?: "Balance" | "Speed" | "Accuracy" | "Custom";
  normalize_ranges?: boolean;
  use_case_labels?: boolean;
  identify_focal_cases?: boolean;
  automatic_k_selection?: boolean;
  fixed_k?: number;
  minimum_k?: number;
  maximum_k?: number;
  distance_computation?: Metric;
  weight_by_importance?: boolean;
  range_predictions?: "Mean" | "Median";
  perform_feature_selection?: boolean;
  validation_fold_assign_by_field?: boolean;
  number_of_folds?: number;
  set_random_seed?: boolean;
  random_seed?: number;
  save_distances?: boolean;
  calculate_raw_propensities?: boolean;
  calculate_adjusted_propensities?: boolean;
  model_name?: string;
}

export interface KnnModel extends TrainedModel {
  readonly k: number;
  /** Cross-validation error per k from minimum_k (automatic selection only). */
  readonly kErrors?: readonly number[];
  readonly instances: number;
  readonly warnings: readonly string[];
}

const NAME = "KNN";

function refuse(option: string, why: string): never {
  throw new UnsupportedTrainingOptionError(NAME, option, why);
}

export function trainKnn(data: TrainingData, o: KnnOptions = {}): KnnModel {
  if ((o.analysis ?? "PredictTarget") !== "PredictTarget") refuse(`analysis=${o.analysis}`, "only PredictTarget is implemented");
  if ((o.objective ?? "Custom") !== "Custom") refuse(`objective=${o.objective}`, "the Balance/Speed/Accuracy presets are not implemented; use Custom with explicit settings");
  if (o.use_case_labels) refuse("use_case_labels", "case labels are not implemented");
  if (o.identify_focal_cases) refuse("identify_focal_cases", "focal cases are not implemented");
  if (o.weight_by_importance) refuse("weight_by_importance", "feature weighting by importance is not implemented");
  if (o.perform_feature_selection) refuse("perform_feature_selection", "feature selection is not implemented");
  if (o.validation_fold_assign_by_field) refuse("validation_fold_assign_by_field", "folds from a field are not implemented");
  if (o.calculate_raw_propensities || o.calculate_adjusted_propensities) refuse("calculate_raw_propensities", "propensities are not implemented");
  const metric = oneOf<Metric>(NAME, "distance_computation", o.distance_computation, ["Euclidean", "CityBlock"], "Euclidean");
  const rangeMethod = oneOf(NAME, "range_predictions", o.range_predictions, ["Mean", "Median"], "Mean");
  const auto = o.automatic_k_selection ?? true;
  const minK = o.minimum_k ?? 3;
  const maxK = o.maximum_k ?? 5;
  const fixedK = o.fixed_k ?? 3;
  positiveInteger(NAME, "fixed_k", fixedK, 1);
  positiveInteger(NAME, "minimum_k", minK, 1);
  positiveInteger(NAME, "maximum_k", maxK, minK);
  const folds = o.number_of_folds ?? 10;
  positiveInteger(NAME, "number_of_folds", folds, 2);

  checkpoint(o, { stage: "reading data", done: 0, total: 1 });
  const t = data.target;
  const freq = data.frequency;
  const allFeatures = knnEncoding(data, Int32Array.from({ length: data.rowCount }, (_, i) => i), false).features;
  const complete = completeRows(allFeatures, data.inputs, data.rowCount, (r) => !isMissingAt(t, r) && (!freq || freq[r]! > 0));
  const copies: number[] = [];
  for (const r of complete) {
    const f = freq ? freq[r]! : 1;
    if (!Number.isInteger(f)) throw new TrainingError(`${NAME}: frequency weights must be whole numbers (row ${r} has ${f})`);
    for (let c = 0; c < f; c++) copies.push(r);
  }
  const rows = Int32Array.from(copies);
  const enc = knnEncoding(data, rows, o.normalize_ranges ?? true);
  const p = enc.features.length;
  if (p === 0) throw new TrainingError(`${NAME}: no usable input fields`);
  const k0 = auto ? maxK : fixedK;
  if (rows.length < k0) throw new TrainingError(`${NAME}: ${rows.length} training instances are fewer than k = ${k0}`, { option: auto ? "maximum_k" : "fixed_k" });
  const search = neighbourSearch(encodeRows(enc.features, data.inputs, data.rowCount, rows), rows.length, p, new Float64Array(p).fill(1), metric);
  const target: KnnTarget = t.measure === "continuous"
    ? { kind: "value", values: Float64Array.from(rows, (r) => t.values[r]!), method: rangeMethod }
    : (() => {
        const codes = Int32Array.from(rows, (r) => t.codes[r]!);
        const totals = new Float64Array(t.categories.length);
        for (const c of codes) totals[c] = totals[c]! + 1;
        return { kind: "class" as const, codes, categories: t.categories, totals };
      })();
  let k = fixedK;
  let kErrors: number[] | undefined;
  if (auto) {
    const seed = o.set_random_seed && o.random_seed !== undefined ? o.random_seed >>> 0 : data.seed;
    const chosen = selectK(search, target, minK, maxK, Math.min(folds, rows.length), seededRandom(childSeed(seed, "knn folds")), o);
    k = chosen.k;
    kErrors = chosen.errors;
  }
  const inputs = data.inputs.map(plainField);
  const targetInfo = plainField(t);
  checkpoint(o, { stage: "done", done: 1, total: 1 });
  return {
    algorithm: "KNN", inputs, target: targetInfo, k, kErrors, instances: rows.length, warnings: enc.warnings,
    score: (d) => {
      const x = encodeRows(enc.features, d.inputs, d.rowCount);
      const prediction = new Float64Array(d.rowCount);
      const confidence = new Float64Array(d.rowCount).fill(NaN);
      const probabilities = target.kind === "class" ? target.categories.map(() => new Float64Array(d.rowCount)) : null;
      const index = new Int32Array(k);
      const dist = new Float64Array(k);
      const shares = target.kind === "class" ? new Float64Array(target.categories.length) : undefined;
      for (let r = 0; r < d.rowCount; r++) {
        if (r % 1024 === 0) checkpoint(o);
        const found = kNearest(search, x, r, k, index, dist);
        const y = found === 0 ? NaN : predictFromNeighbours(target, index, found, shares);
        prediction[r] = y;
        if (probabilities && shares) {
          for (let c = 0; c < shares.length; c++) probabilities[c]![r] = found === 0 ? NaN : shares[c]!;
          confidence[r] = found === 0 ? NaN : shares[y]!;
        }
      }
      return { prediction, confidence, probabilities };
    },
    toPmml: () => {
      const outputs = [predictionField(`$KNN-${t.name}`, targetInfo)];
      if (o.save_distances) {
        for (let n = 1; n <= k; n++) outputs.push(el("OutputField", { name: `$KNN-distance-${n}`, optype: "continuous", dataType: "double", feature: "affinity", rank: n }));
      }
      return nearestNeighborPmml({
        inputs, target: targetInfo, features: enc.features, fieldWeights: search.weights, metric, k,
        continuousMethod: rangeMethod === "Mean" ? "average" : "median",
        instanceInputs: data.inputs.map((c) => (c.measure === "continuous" ? Float64Array.from(rows, (r) => c.values[r]!) : Int32Array.from(rows, (r) => c.codes[r]!))),
        instanceTarget: t.measure === "continuous" ? Float64Array.from(rows, (r) => t.values[r]!) : Int32Array.from(rows, (r) => t.codes[r]!),
        output: outputElement(outputs), modelName: o.model_name,
      });
    },
  };
}
