/**
 * Neural Net (Modeler's Neural Net node, `neuralnetworknode`; NODES.md §6.7): a multilayer
 * perceptron (`network.ts`) on standardised / one-of-c inputs (`encoding.ts`), trained in
 * batch by scaled conjugate gradient (`scg.ts`) as SPSS's MLP procedure does, or — above
 * 20,000 training rows, or with `training_type` MiniBatch — by Adam on mini-batches
 * (`adam.ts`), where full passes over a large table would dominate the time.
 *
 * - Architecture: `use_custom_layers` with `first_layer_units` and optionally
 *   `second_layer_units`; otherwise one hidden layer of ⌈√(inputs × outputs)⌉ units, between
 *   3 and 50 (the geometric-mean rule of Masters 1993, "Practical Neural Network Recipes in
 *   C++"; SPSS's own automatic rule is not published in enough detail to copy).
 * - Initial weights uniform on [−0.5, 0.5] (SPSS MLP's default interval: centre 0, offset 0.5),
 *   from `random_seed` when `use_random_seed`, else from the training data's seed.
 * - Overfit prevention: `overfit_prevention_pct` (default 30) of the rows, drawn from the seed,
 *   are held out; training stops when their error has not decreased (by more than
 *   `min_relative_change`, relatively) for
 *   `steps_without_decrease` successful steps or epochs (ours, default 10; SPSS's "maximum steps without a
 *   decrease in error" defaults to 1, which stops scaled conjugate gradient within its first,
 *   erratic steps: 73% instead of 97% held-out accuracy on DRUG1n) and the weights with the
 *   smallest holdout error are kept. Mini-batch training judges an epoch on at most 50,000 of
 *   the holdout rows and, for a categorical target, by holdout accuracy, which must rise by more
 *   than 1e−4 within `steps_without_decrease` epochs (the early-stopping rule scikit-learn
 *   documents for its MLP): on a large, nearly separable table the cross-entropy keeps falling
 *   long after the predictions stopped changing.
 * - Other stopping rules: `max_time` minutes (`use_max_time`, default on, 15), `max_cycles`
 *   SCG iterations or Adam epochs (`use_max_cycles`; otherwise at most 2000 iterations or 200
 *   epochs), `min_accuracy` % reached on the
 *   holdout rows (training rows without a holdout; categorical targets), and a relative change
 *   in training error below `min_relative_change` (ours; SPSS's default 1e−4).
 *
 * Refused by name: RBF networks, ensembles (`objective` other than Standard), continued
 * training, missing-value imputation, `confidence` onIncrease and propensities. Rows with
 * missing values are left out (listwise). Nugget fields: `$N-<target>`, for categorical targets
 * `$NC-<target>` (probability of the prediction) and with `score_category_probabilities`
 * `$NP-<value>` for the first `max_categories` categories.
 */
import { childSeed, seededRandom } from "../../data/random.js";
import type { TrainingData } from "../dataset.js";
import { TrainingError, UnsupportedTrainingOptionError } from "../errors.js";
import { plainField } from "../pmml-writer/derived-inputs.js";
import { categoryProbabilityFields, outputElement, predictedProbabilityField, predictionField } from "../pmml-writer/scoring-fields.js";
import { neuralNetworkPmml } from "../pmml-writer/neural-network.js";
import { checkpoint, type TrainingControl } from "../progress.js";
import { encodeRows } from "../regression/features.js";
import { trainingRows } from "../regression/training-rows.js";
import type { TrainedModel } from "../trained-model.js";
import { oneOf, positiveInteger } from "../tree/stopping.js";
import { neuralFeatures, standardisation, standardise } from "./encoding.js";
import { adam } from "./adam.js";
import { Network, weightCount, type Architecture } from "./network.js";
import { neuralScorer } from "./neural-scorer.js";
import { scg } from "./scg.js";

export interface NeuralNetOptions extends TrainingControl {
  method?: "MultilayerPerceptron" | "RadialBasisFunction";
  objective?: "Standard" | "Bagging" | "Boosting" | "psm";
  continue?: boolean;
  use_custom_layers?: boolean;
  first_layer_units?: number;
  second_layer_units?: number;
  use_max_time?: boolean;
  max_time?: number;
  use_max_cycles?: boolean;
  max_cycles?: number;
  use_min_accuracy?: boolean;
  min_accuracy?: number;
  overfit_prevention_pct?: number;
  use_random_seed?: boolean;
  random_seed?: number;
  missing_values?: "listwiseDeletion" | "missingValueImputation";
  confidence?: "onProbability" | "onIncrease";
  score_category_probabilities?: boolean;
  max_categories?: number;
  score_propensity?: boolean;
  model_name?: string;
  /** Ours: successful steps without a holdout-error decrease before stopping (default 10; SPSS: 1). */
  steps_without_decrease?: number;
  /** Ours: smallest relative change in training error that keeps training (SPSS: 1e−4). */
  min_relative_change?: number;
  /**
   * Ours, after SPSS MLP's training types: `Batch` (scaled conjugate gradient over all rows),
   * `MiniBatch` (Adam on batches of 200), or `Auto` (the default): Batch up to 20,000 training
   * rows, MiniBatch above.
   */
  training_type?: "Auto" | "Batch" | "MiniBatch";
}

export interface NeuralNetModel extends TrainedModel {
  readonly architecture: Architecture;
  /** SCG iterations (Batch) or epochs (MiniBatch). */
  readonly iterations: number;
  readonly trainingType: "Batch" | "MiniBatch";
  readonly stoppedBy: string;
  readonly trainingError: number;
  readonly holdoutError: number;
  readonly warnings: readonly string[];
}

const NAME = "Neural Net";

function refuse(option: string, why: string): never {
  throw new UnsupportedTrainingOptionError(NAME, option, why);
}

export function trainNeuralNet(data: TrainingData, o: NeuralNetOptions = {}): NeuralNetModel {
  if ((o.method ?? "MultilayerPerceptron") !== "MultilayerPerceptron") refuse(`method=${o.method}`, "radial basis function networks are not implemented");
  if ((o.objective ?? "Standard") !== "Standard") refuse(`objective=${o.objective}`, "ensembles (bagging, boosting, very large data sets) are not implemented");
  if (o.continue) refuse("continue", "continued training of an existing model is not implemented");
  if ((o.missing_values ?? "listwiseDeletion") !== "listwiseDeletion") refuse(`missing_values=${o.missing_values}`, "only listwise deletion is implemented");
  if ((o.confidence ?? "onProbability") !== "onProbability") refuse(`confidence=${o.confidence}`, "only confidence onProbability is implemented");
  if (o.score_propensity) refuse("score_propensity", "propensity scores are not implemented");
  const holdoutPct = o.overfit_prevention_pct ?? 30;
  if (!(holdoutPct >= 0 && holdoutPct < 100)) throw new TrainingError(`${NAME}: overfit_prevention_pct must be in [0, 100), not ${holdoutPct}`, { option: "overfit_prevention_pct" });
  const patience = o.steps_without_decrease ?? 10;
  positiveInteger(NAME, "steps_without_decrease", patience, 1);
  const minChange = o.min_relative_change ?? 1e-4;
  const trainingTypeOption = oneOf(NAME, "training_type", o.training_type, ["Auto", "Batch", "MiniBatch"], "Auto");
  const maxMillis = (o.use_max_time ?? true) ? (o.max_time ?? 15) * 60_000 : Infinity;
  const minAccuracy = o.use_min_accuracy ? (o.min_accuracy ?? 90) / 100 : Infinity;

  checkpoint(o, { stage: "reading data", done: 0, total: 1 });
  const t = data.target;
  const probe = neuralFeatures(data, Int32Array.from({ length: data.rowCount }, (_, i) => i)).features;
  const all = trainingRows(NAME, data, probe).rows;
  // Holdout rows for overfit prevention, drawn from the seed.
  const seed = o.use_random_seed && o.random_seed !== undefined ? o.random_seed >>> 0 : data.seed;
  const perm = Int32Array.from(all);
  const shuffle = seededRandom(childSeed(seed, "neural net holdout"));
  for (let i = perm.length - 1; i > 0; i--) {
    const j = Math.floor(shuffle() * (i + 1));
    const v = perm[i]!;
    perm[i] = perm[j]!;
    perm[j] = v;
  }
  const holdCount = Math.floor((perm.length * holdoutPct) / 100);
  const hold = perm.slice(0, holdCount).sort();
  const train = perm.slice(holdCount).sort();
  if (train.length === 0) throw new TrainingError(`${NAME}: no training rows left after holding out ${holdoutPct}%`);
  const { features, warnings } = neuralFeatures(data, train);
  if (features.length === 0) throw new TrainingError(`${NAME}: no usable input fields`);

  // Targets: class indices over the categories with training rows, or standardised values.
  let classes: number[] | undefined;
  let targetScale: ReturnType<typeof standardisation> = null;
  let yOf: (rows: Int32Array) => Int32Array | Float64Array;
  if (t.measure === "continuous") {
    targetScale = standardisation(t.values, train, data.frequency ?? null);
    if (!targetScale) throw new TrainingError(`${NAME}: the target "${t.name}" has no spread in the training rows`, { field: t.name });
    const s = targetScale;
    yOf = (rows) => Float64Array.from(rows, (r) => standardise(s, t.values[r]!));
  } else {
    const seen = new Set<number>();
    for (const r of all) seen.add(t.codes[r]!);
    classes = [...seen].sort((a, b) => a - b);
    if (classes.length < 2) throw new TrainingError(`${NAME}: the target "${t.name}" has fewer than two categories in the training rows`, { field: t.name });
    const slot = new Int32Array(t.categories.length).fill(-1);
    classes.forEach((c, i) => (slot[c] = i));
    yOf = (rows) => Int32Array.from(rows, (r) => slot[t.codes[r]!]!);
  }
  const outputs = classes ? classes.length : 1;
  const P = features.length;
  let hidden: number[];
  if (o.use_custom_layers) {
    const h1 = o.first_layer_units ?? 0;
    positiveInteger(NAME, "first_layer_units", h1, 1);
    const h2 = o.second_layer_units ?? 0;
    positiveInteger(NAME, "second_layer_units", h2, 0);
    hidden = h2 > 0 ? [h1, h2] : [h1];
  } else hidden = [Math.min(50, Math.max(3, Math.ceil(Math.sqrt(P * outputs))))];
  const architecture: Architecture = { sizes: [P, ...hidden, outputs], output: classes ? "softmax" : "identity" };

  const xTrain = encodeRows(features, data.inputs, data.rowCount, train);
  const yTrain = yOf(train);
  const xHold = encodeRows(features, data.inputs, data.rowCount, hold);
  const yHold = yOf(hold);
  const freqOf = (rows: Int32Array) => (data.frequency ? Float64Array.from(rows, (r) => data.frequency![r]!) : null);
  const fTrain = freqOf(train);
  const fHold = freqOf(hold);
  const init = seededRandom(childSeed(seed, "neural net weights"));
  const start = Float64Array.from({ length: weightCount(architecture) }, () => init() - 0.5);
  const trainingType = trainingTypeOption === "Auto" ? (train.length <= 20_000 ? "Batch" : "MiniBatch") : trainingTypeOption;
  const maxIterations = o.use_max_cycles ? o.max_cycles ?? 250 : trainingType === "Batch" ? 2000 : 200;
  positiveInteger(NAME, "max_cycles", maxIterations, 1);

  const net = new Network(architecture);
  // Mini-batch epochs are judged on at most 50,000 holdout rows (a random subset: the holdout
  // rows are a random draw, in row order), and for a categorical target by accuracy (see above).
  const monitored = trainingType === "MiniBatch" ? Math.min(hold.length, 50_000) : hold.length;
  const byAccuracy = trainingType === "MiniBatch" && classes !== undefined;
  const holdScore = (w: Float64Array): number => (byAccuracy
    ? -net.accuracy(w, xHold, yHold as Int32Array, monitored)
    : net.meanLoss(w, xHold, yHold, monitored, fHold, null));
  const began = Date.now();
  let best = Float64Array.from(start);
  let bestHold = monitored > 0 ? holdScore(start) : Infinity;
  let sinceBest = 0;
  let lastError = Infinity;
  let reason = "maxIterations";
  /** The stopping rules, after each SCG step or Adam epoch; true stops. */
  const monitor = (w: Float64Array, error: number): boolean => {
    const change = Math.abs(lastError - error) / Math.max(Math.abs(lastError), 1e-300);
    lastError = error;
    if (monitored > 0) {
      const h = holdScore(w);
      // Progress: the holdout error falls by more than min_relative_change (relatively), or
      // the holdout accuracy rises by more than 1e−4.
      const improved = byAccuracy ? h < bestHold - 1e-4 : h < bestHold * (1 - minChange);
      if (h < bestHold) {
        bestHold = h;
        best = Float64Array.from(w);
      }
      sinceBest = improved ? 0 : sinceBest + 1;
      if (sinceBest >= patience) return (reason = "holdout error stopped decreasing"), true;
    } else best = Float64Array.from(w);
    if (classes && Number.isFinite(minAccuracy)) {
      const acc = hold.length > 0 ? net.accuracy(best, xHold, yHold as Int32Array, hold.length) : net.accuracy(w, xTrain, yTrain as Int32Array, train.length);
      if (acc >= minAccuracy) return (reason = "min_accuracy reached"), true;
    }
    if (change < minChange) return (reason = "training error changed less than min_relative_change"), true;
    if (Date.now() - began > maxMillis) return (reason = "max_time reached"), true;
    return false;
  };
  let iterations: number;
  let last: Float64Array;
  if (trainingType === "Batch") {
    const result = scg({ dimension: start.length, evaluate: (w, g) => net.meanLoss(w, xTrain, yTrain, train.length, fTrain, g) }, start, {
      maxIterations, control: o, afterStep: (_, w, error) => monitor(w, error),
    });
    if (result.stoppedBy !== "afterStep") reason = result.stoppedBy === "gradient" ? "gradient vanished" : "max iterations reached";
    iterations = result.iterations;
    last = result.w;
  } else {
    const result = adam(net, start, xTrain, yTrain, train.length, fTrain, {
      maxEpochs: maxIterations, batchSize: 200, random: seededRandom(childSeed(seed, "neural net batches")), control: o, afterEpoch: (_, w, loss) => monitor(w, loss),
    });
    if (!result.stopped) reason = "max epochs reached";
    iterations = result.epochs;
    last = result.w;
  }
  if (hold.length === 0) best = Float64Array.from(last);
  const weights = best;
  const inputs = data.inputs.map(plainField);
  const target = plainField(t);
  const scorer = neuralScorer(architecture, weights, features, classes, t.measure === "continuous" ? null : t.categories.length, targetScale);
  checkpoint(o, { stage: "done", done: 1, total: 1 });
  return {
    algorithm: "MLP", inputs, target, architecture, iterations, trainingType, stoppedBy: reason,
    trainingError: net.meanLoss(weights, xTrain, yTrain, train.length, fTrain, null),
    holdoutError: hold.length > 0 ? net.meanLoss(weights, xHold, yHold, hold.length, fHold, null) : NaN, warnings,
    score: (d) => scorer(d.inputs, d.rowCount),
    toPmml: () => {
      const fields = [predictionField(`$N-${t.name}`, target)];
      if (classes) {
        fields.push(predictedProbabilityField(`$NC-${t.name}`));
        if (o.score_category_probabilities) fields.push(...categoryProbabilityFields("$NP-", { ...target, categories: target.categories!.slice(0, o.max_categories ?? 25) }));
      }
      return neuralNetworkPmml({
        inputs, target, features, architecture, weights, classes: classes && t.measure !== "continuous" ? classes.map((c) => t.categories[c]!) : undefined,
        targetScale: targetScale ?? undefined, output: outputElement(fields), modelName: o.model_name,
      });
    },
  };
}
