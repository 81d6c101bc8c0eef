/**
 * QUEST (Loh & Shih 1997): binary classification trees whose split variable is chosen by
 * significance tests (unbiased by category counts) and whose split point comes from quadratic
 * discriminant analysis (`quest-split.ts`). Missing values use surrogates, and the tree is
 * pruned by cost-complexity exactly as C&R Tree (`../cart/train-cart.ts`).
 *
 * Options use Modeler's `questnode` names (NODES.md §6.4); QUEST's standard-error flag is
 * `use_std_err` there (C&R Tree's `use_std_err_rule` is accepted too).
 */
import { baseWeights, type TrainingData } from "../dataset.js";
import { TrainingError } from "../errors.js";
import { treePmml } from "../pmml-writer/tree-model.js";
import { checkpoint, type TrainingControl } from "../progress.js";
import type { TrainedModel } from "../trained-model.js";
import { chooseSubtree, resolvePruneSettings, type PruningReport } from "../cart/train-cart.js";
import { growBinaryTree } from "../tree/grow-binary.js";
import { presortInputs, rootSample, targetLabels } from "../tree/node-sample.js";
import { prunedCopy } from "../tree/prune.js";
import { scoreTree } from "../tree/route.js";
import { positiveInteger, probability, requireBatchBuild, requireStandardObjective, resolveStopping, type StoppingOptions } from "../tree/stopping.js";
import { makeTreeTarget, type ClassTarget, type PriorOptions } from "../tree/target.js";
import { countLeaves, describeColumn, numberNodes, treeDepth, type Tree, type TreeNode } from "../tree/tree-types.js";
import { questSplit } from "./quest-split.js";

export interface QuestOptions extends StoppingOptions, PriorOptions, TrainingControl {
  split_alpha?: number;
  max_surrogates?: number;
  prune_tree?: boolean;
  use_std_err?: boolean;
  use_std_err_rule?: boolean;
  std_err_multiplier?: number;
  pruning_risk?: "crossValidation" | "trainingSample";
  cv_folds?: number;
  objective?: string;
  model_output_type?: string;
  use_tree_directives?: boolean;
  model_name?: string;
}

export interface QuestModel extends TrainedModel {
  readonly tree: Tree;
  readonly pruning?: PruningReport;
  readonly summary: { nodes: number; leaves: number; depth: number };
}

const NAME = "QUEST";

export function trainQuest(data: TrainingData, o: QuestOptions = {}): QuestModel {
  requireStandardObjective(NAME, o.objective);
  requireBatchBuild(NAME, o);
  if (data.target.measure === "continuous") throw new TrainingError(`${NAME} needs a categorical target; "${data.target.name}" is continuous`);
  const alpha = o.split_alpha ?? 0.05;
  probability(NAME, "split_alpha", alpha);
  const maxSurrogates = o.max_surrogates ?? 5;
  positiveInteger(NAME, "max_surrogates", maxSurrogates, 0);
  const weights = baseWeights(data);
  const total = weights.reduce((a, b) => a + b, 0);
  if (!(total > 0)) throw new TrainingError(`${NAME}: no training rows with a target value and positive weight`);
  const target = makeTreeTarget(NAME, data, weights, o) as ClassTarget;
  const stopping = resolveStopping(NAME, o, total, 5);
  const settings = resolvePruneSettings(NAME, { ...o, use_std_err_rule: o.use_std_err ?? o.use_std_err_rule });
  // Surrogate search needs sorted lists of the continuous inputs.
  const orders = presortInputs(data.inputs);
  const labels = targetLabels(data.target);
  const grow = (w: Float64Array, stage: string): TreeNode => {
    let rootWeight = 0;
    for (let i = 0; i < w.length; i++) if (w[i]! > 0) rootWeight += w[i]! * target.factor[target.codes[i]!]!;
    const search = { data, target, alpha, minChild: stopping.minChild };
    return growBinaryTree({
      data, target, stopping, minImprovement: 0, maxSurrogates, rootWeight, control: o, stage,
      findSplit: (sample) => questSplit(search, sample),
    }, rootSample(w, orders, data.inputs, labels));
  };
  let root = grow(weights, "growing");
  let pruning: PruningReport | undefined;
  if (o.prune_tree ?? true) {
    const choice = chooseSubtree(data, target, weights, root, settings, grow, o);
    root = prunedCopy(root, choice.steps[choice.chosen]!.cut);
    pruning = {
      method: settings.method, chosen: choice.chosen,
      steps: choice.steps.map((s, k) => ({ alpha: s.alpha, leaves: s.leaves, risk: choice.risks[k]!, se: choice.ses[k]! })),
    };
  }
  const nodes = numberNodes(root);
  const tree: Tree = { algorithm: "QUEST", inputs: data.inputs.map(describeColumn), target: describeColumn(data.target), root, binary: true };
  checkpoint(o, { stage: "done", done: 1, total: 1 });
  return {
    algorithm: "QUEST", inputs: tree.inputs, target: tree.target, tree, pruning,
    summary: { nodes, leaves: countLeaves(root), depth: treeDepth(root) },
    score: (d) => scoreTree(tree, d.inputs, d.rowCount),
    toPmml: () => treePmml(tree, { algorithmName: "QUEST", modelName: o.model_name, missing: "surrogates", output: { prefix: "R", probabilities: true, nodeId: true } }),
  };
}

