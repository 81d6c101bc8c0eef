/**
 * Random Trees (Modeler's random forest; Breiman 2001): each tree is a C&R-style binary tree
 * (Gini / least squares, no pruning) grown on a bootstrap sample, choosing each split among
 * a fresh random subset of the predictors. Classification combines the trees by majority
 * vote, regression by averaging — a PMML MiningModel with `majorityVote` / `average`.
 *
 * A record missing a split's predictor follows the larger child (no surrogates: the random
 * predictor subsets make them a poor fit, and Breiman's forests do not use them).
 * `max_nodes` is applied while growing depth first (a tree stops splitting once it has that
 * many nodes).
 */
import { baseWeights, randomFor, type TrainingData } from "../dataset.js";
import { TrainingError, UnsupportedTrainingOptionError } from "../errors.js";
import { ensemblePmml } from "../pmml-writer/mining-model.js";
import { treeModelElement } from "../pmml-writer/tree-model.js";
import { checkpoint, type TrainingControl } from "../progress.js";
import type { ModelScores, TrainedModel } from "../trained-model.js";
import { bestBinarySplit } from "../cart/split-search.js";
import { growBinaryTree } from "../tree/grow-binary.js";
import { presortInputs, rootSample, targetLabels } from "../tree/node-sample.js";
import { compileTree } from "../tree/route.js";
import { positiveInteger } from "../tree/stopping.js";
import { makeTreeTarget } from "../tree/target.js";
import { describeColumn, numberNodes, type Tree } from "../tree/tree-types.js";

export interface RandomTreesOptions extends TrainingControl {
  /** Trees in the ensemble (Modeler's `number_of_models`; `num_trees` is accepted too). */
  number_of_models?: number;
  num_trees?: number;
  max_depth?: number;
  min_child_node_size?: number;
  max_nodes?: number;
  use_number_of_predictors?: boolean;
  /** Predictors tried per split when `use_number_of_predictors` (default ⌊√p⌋ classification, ⌊p/3⌋ regression). */
  number_of_predictors?: number;
  /** Bootstrap sample size as a fraction of the training rows (default 1). */
  sample_size?: number;
  use_stop_rule_for_accuracy?: boolean;
  handle_imbalanced_data?: boolean;
  use_weighted_sampling?: boolean;
  model_name?: string;
}

export interface RandomTreesModel extends TrainedModel {
  readonly trees: readonly Tree[];
}

const NAME = "Random Trees";

export function trainRandomTrees(data: TrainingData, o: RandomTreesOptions = {}): RandomTreesModel {
  for (const option of ["use_stop_rule_for_accuracy", "handle_imbalanced_data", "use_weighted_sampling"] as const) {
    if (o[option]) throw new UnsupportedTrainingOptionError(NAME, option, "not implemented (plain bootstrap samples and uniform predictor sampling only)");
  }
  const numTrees = o.number_of_models ?? o.num_trees ?? 10;
  const maxDepth = o.max_depth ?? 10;
  const minChild = o.min_child_node_size ?? 5;
  const maxNodes = o.max_nodes ?? 10000;
  positiveInteger(NAME, o.number_of_models !== undefined ? "number_of_models" : "num_trees", numTrees, 1);
  positiveInteger(NAME, "max_depth", maxDepth, 1);
  positiveInteger(NAME, "min_child_node_size", minChild, 1);
  positiveInteger(NAME, "max_nodes", maxNodes, 1);
  const p = data.inputs.length;
  const classification = data.target.measure !== "continuous";
  const custom = o.use_number_of_predictors ?? o.number_of_predictors !== undefined;
  const mtry = custom && o.number_of_predictors !== undefined ? o.number_of_predictors : Math.max(1, classification ? Math.floor(Math.sqrt(p)) : Math.floor(p / 3));
  positiveInteger(NAME, "number_of_predictors", mtry, 1);
  if (mtry > p) throw new TrainingError(`${NAME}: number_of_predictors (${mtry}) exceeds the ${p} inputs`, { option: "number_of_predictors" });
  const sampleSize = o.sample_size ?? 1;
  if (!(sampleSize > 0 && sampleSize <= 1)) throw new TrainingError(`${NAME}: sample_size must be in (0, 1], not ${sampleSize}`, { option: "sample_size" });

  const base = baseWeights(data);
  const eligible: number[] = [];
  for (let i = 0; i < base.length; i++) if (base[i]! > 0) eligible.push(i);
  if (eligible.length === 0) throw new TrainingError(`${NAME}: no training rows with a target value and positive weight`);
  const target = makeTreeTarget(NAME, data, base, {});
  const orders = presortInputs(data.inputs);
  const labels = targetLabels(data.target);
  const inputsInfo = data.inputs.map(describeColumn);
  const targetInfo = describeColumn(data.target);
  const draws = Math.max(1, Math.round(eligible.length * sampleSize));
  const trees: Tree[] = [];
  for (let t = 0; t < numTrees; t++) {
    checkpoint(o, { stage: "trees", done: t, total: numTrees });
    const rng = randomFor(data, `tree ${t + 1}`);
    // Bootstrap as counts: a row drawn k times has weight k × its frequency.
    const weights = new Float64Array(data.rowCount);
    for (let d = 0; d < draws; d++) {
      const row = eligible[Math.floor(rng() * eligible.length)]!;
      weights[row]! += base[row]!;
    }
    let rootWeight = 0;
    for (const w of weights) rootWeight += w;
    const search = { data, target, criterion: classification ? "gini" as const : "ls" as const, minChild, rootWeight, maxExhaustive: 12 };
    const pool = data.inputs.map((_, i) => i);
    const root = growBinaryTree({
      data, target, stopping: { maxDepth, minParent: 2 * minChild, minChild }, minImprovement: 0, maxSurrogates: 0,
      rootWeight, maxNodes, control: o, stage: `tree ${t + 1}/${numTrees}`,
      findSplit: (sample) => {
        // A fresh random subset of mtry predictors (partial Fisher–Yates shuffle).
        for (let i = 0; i < mtry; i++) {
          const j = i + Math.floor(rng() * (p - i));
          const x = pool[i]!;
          pool[i] = pool[j]!;
          pool[j] = x;
        }
        const chosen = pool.slice(0, mtry).sort((a, b) => a - b);
        return bestBinarySplit(search, sample, chosen);
      },
    }, rootSample(weights, orders, data.inputs, labels));
    numberNodes(root);
    trees.push({ algorithm: "RandomTrees", inputs: inputsInfo, target: targetInfo, root, binary: true });
  }
  checkpoint(o, { stage: "done", done: numTrees, total: numTrees });
  return {
    algorithm: "RandomTrees", inputs: inputsInfo, target: targetInfo, trees,
    score: (d) => scoreVote(trees, d.inputs, d.rowCount),
    toPmml: () => ensemblePmml(inputsInfo, targetInfo, trees.map((t) => treeModelElement(t, { algorithmName: "RandomTrees", missing: "surrogates" })), trees.map(() => 1), {
      algorithmName: "RandomTrees", modelName: o.model_name, method: classification ? "majorityVote" : "average",
      output: { prefix: "R", probabilities: true, confidenceFeature: "probability" },
    }),
  };
}

/**
 * Majority vote (classification; a tie goes to the class that got its first vote earliest,
 * as PMML evaluators count) or average (regression) of the trees.
 */
export function scoreVote(trees: readonly Tree[], columns: Parameters<typeof compileTree>[1], rowCount: number): ModelScores {
  const compiled = trees.map((t) => compileTree(t, columns));
  const classes = trees[0]!.target.categories?.length ?? 0;
  const members = compiled.map((c) => {
    const out = new Float64Array(rowCount);
    for (let r = 0; r < rowCount; r++) out[r] = c.nodeOf(r).prediction;
    return out;
  });
  if (classes > 0) return weightedVote(members, members.map(() => 1), classes, rowCount);
  const prediction = new Float64Array(rowCount);
  for (let r = 0; r < rowCount; r++) {
    let s = 0;
    for (const m of members) s += m[r]!;
    prediction[r] = s / members.length;
  }
  return { prediction, confidence: new Float64Array(rowCount).fill(NaN), probabilities: null };
}

/**
 * Weighted majority vote of members' predicted classes; the probability of a class is its
 * share of the votes, and a tie goes to the class whose first vote came earliest.
 */
export function weightedVote(members: readonly Float64Array[], weights: readonly number[], classes: number, rowCount: number): ModelScores {
  const prediction = new Float64Array(rowCount);
  const confidence = new Float64Array(rowCount);
  const probabilities = Array.from({ length: classes }, () => new Float64Array(rowCount));
  const votes = new Float64Array(classes);
  const firstSeen = new Int32Array(classes);
  for (let r = 0; r < rowCount; r++) {
    votes.fill(0);
    firstSeen.fill(0);
    let seen = 0;
    let total = 0;
    members.forEach((m, i) => {
      const k = m[r]!;
      const w = weights[i]!;
      if (votes[k] === 0) firstSeen[k] = ++seen;
      votes[k]! += w;
      total += w;
    });
    let best = -1;
    for (let k = 0; k < classes; k++) {
      if (firstSeen[k] === 0) continue;
      if (best < 0 || votes[k]! > votes[best]! || (votes[k] === votes[best] && firstSeen[k]! < firstSeen[best]!)) best = k;
    }
    prediction[r] = best;
    for (let k = 0; k < classes; k++) probabilities[k]![r] = votes[k]! / total;
    confidence[r] = votes[best]! / total;
  }
  return { prediction, confidence, probabilities };
}
