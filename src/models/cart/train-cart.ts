/**
 * C&R Tree (CART, Breiman, Friedman, Olshen & Stone 1984): binary splits chosen by impurity
 * decrease, surrogate splits for missing values, priors and misclassification costs, and
 * minimal cost-complexity pruning with the (optional) standard-error rule.
 *
 * Options use Modeler's `cartnode` scripting names (NODES.md §6.3) where Modeler has them;
 * `pruning_risk` and `cv_folds` are ours (how the pruned subtree is chosen, see
 * `../tree/select-subtree.ts`).
 */
import { baseWeights, randomFor, type TrainingData } from "../dataset.js";
import { TrainingError, UnsupportedTrainingOptionError } from "../errors.js";
import { treePmml } from "../pmml-writer/tree-model.js";
import { checkpoint, type TrainingControl } from "../progress.js";
import type { TrainedModel } from "../trained-model.js";
import { growBinaryTree } from "../tree/grow-binary.js";
import { presortInputs, rootSample, targetLabels } from "../tree/node-sample.js";
import { prunedCopy, pruningSequence, type PruneStep } from "../tree/prune.js";
import { scoreTree } from "../tree/route.js";
import { chooseStep, pathTotals, riskWithError, stepAt, subtreeLoss } from "../tree/select-subtree.js";
import { oneOf, positiveInteger, requireBatchBuild, requireStandardObjective, resolveStopping, type StoppingOptions, type StoppingRules } from "../tree/stopping.js";
import { makeTreeTarget, type PriorOptions, type TreeTarget } from "../tree/target.js";
import { countLeaves, describeColumn, numberNodes, treeDepth, type Tree, type TreeNode } from "../tree/tree-types.js";
import { bestBinarySplit, type Criterion } from "./split-search.js";

export interface CartOptions extends StoppingOptions, PriorOptions, TrainingControl {
  impurity_measure?: "Gini" | "Twoing" | "Ordered";
  /** Smallest improvement a split must bring (default 0.0001). */
  min_impurity?: number;
  max_surrogates?: number;
  prune_tree?: boolean;
  use_std_err_rule?: boolean;
  std_err_multiplier?: number;
  /** How the pruned subtree's risk is estimated (ours; default `crossValidation`). */
  pruning_risk?: "crossValidation" | "trainingSample";
  /** Folds of the cross-validation (ours; default 10). */
  cv_folds?: number;
  /** Largest number of categories searched exhaustively with more than two classes (ours; default 12). */
  max_exhaustive_categories?: number;
  objective?: string;
  model_output_type?: string;
  use_tree_directives?: boolean;
  model_name?: string;
}

export interface PruningReport {
  readonly method: "crossValidation" | "trainingSample";
  readonly steps: readonly { alpha: number; leaves: number; risk: number; se: number }[];
  readonly chosen: number;
}

export interface CartModel extends TrainedModel {
  readonly tree: Tree;
  readonly pruning?: PruningReport;
  readonly summary: { nodes: number; leaves: number; depth: number };
}

const NAME = "C&R Tree";

interface CartSetup {
  readonly data: TrainingData;
  readonly target: TreeTarget;
  readonly criterion: Criterion;
  readonly stopping: StoppingRules;
  readonly minImpurity: number;
  readonly maxSurrogates: number;
  readonly maxExhaustive: number;
  readonly orders: readonly (Int32Array | null)[];
  readonly labels: Float64Array;
  readonly control?: TrainingControl;
}

function resolveCriterion(data: TrainingData, o: CartOptions): Criterion {
  if (data.target.measure === "continuous") return "ls";
  const m = oneOf(NAME, "impurity_measure", o.impurity_measure, ["Gini", "Twoing", "Ordered"], "Gini");
  if (m === "Ordered" && data.target.measure !== "ordinal") {
    throw new TrainingError(`${NAME}: impurity_measure Ordered needs an ordinal target; "${data.target.name}" is ${data.target.measure}`, { option: "impurity_measure" });
  }
  return m === "Gini" ? "gini" : m === "Twoing" ? "twoing" : "ordered";
}

/** Grows one (unpruned) tree on the rows with weight > 0. */
function growOn(setup: CartSetup, weights: Float64Array, stage: string): TreeNode {
  const t = setup.target;
  let rootWeight = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    if (w > 0) rootWeight += t.kind === "class" ? w * t.factor[t.codes[i]!]! : w;
  }
  if (!(rootWeight > 0)) throw new TrainingError(`${NAME}: no training rows with a target value and positive weight`);
  const all = setup.data.inputs.map((_, i) => i);
  const search = { data: setup.data, target: t, criterion: setup.criterion, minChild: setup.stopping.minChild, rootWeight, maxExhaustive: setup.maxExhaustive };
  return growBinaryTree({
    data: setup.data, target: t, stopping: setup.stopping, minImprovement: setup.minImpurity,
    maxSurrogates: setup.maxSurrogates, rootWeight, control: setup.control, stage,
    findSplit: (sample) => bestBinarySplit(search, sample, all),
  }, rootSample(weights, setup.orders, setup.data.inputs, setup.labels));
}

/** Prior probabilities π_j (for risk estimates), or null for regression. */
function priorsOf(target: TreeTarget, weights: Float64Array): Float64Array | null {
  if (target.kind !== "class") return null;
  const a = new Float64Array(target.classes);
  for (let i = 0; i < weights.length; i++) if (weights[i]! > 0) a[target.codes[i]!]! += weights[i]! * target.factor[target.codes[i]!]!;
  const s = a.reduce((x, y) => x + y, 0);
  return a.map((x) => x / s);
}

export interface PruneSettings {
  readonly method: "crossValidation" | "trainingSample";
  readonly folds: number;
  readonly seRule: boolean;
  readonly multiplier: number;
}

/**
 * Chooses a subtree of `full` (grown on `weights`); `grow` grows a tree on other weights for
 * cross-validation. Shared by C&R Tree and QUEST.
 */
export function chooseSubtree(
  data: TrainingData, target: TreeTarget, weights: Float64Array, full: TreeNode, settings: PruneSettings,
  grow: (w: Float64Array, stage: string) => TreeNode, control?: TrainingControl,
): { steps: PruneStep[]; chosen: number; risks: number[]; ses: number[] } {
  const steps = pruningSequence(full);
  const priors = priorsOf(target, weights);
  const J = target.kind === "class" ? target.classes : 1;
  const loss = steps.map(() => ({ loss: new Float64Array(J), loss2: new Float64Array(J), weight: new Float64Array(J) }));
  const add = (k: number, part: ReturnType<typeof subtreeLoss>) => {
    for (let j = 0; j < J; j++) {
      loss[k]!.loss[j]! += part.loss[j]!;
      loss[k]!.loss2[j]! += part.loss2[j]!;
      loss[k]!.weight[j]! += part.weight[j]!;
    }
  };
  const allRows = Int32Array.from({ length: data.rowCount }, (_, i) => i);
  if (settings.method === "trainingSample") {
    const totals = pathTotals(full, data.inputs, target, allRows, weights);
    steps.forEach((s, k) => add(k, subtreeLoss(full, s.cut, totals, target)));
  } else {
    const V = settings.folds;
    const rng = randomFor(data, "cross-validation folds");
    const fold = new Int32Array(data.rowCount);
    const perm = Int32Array.from({ length: data.rowCount }, (_, i) => i);
    for (let i = perm.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      const t = perm[i]!;
      perm[i] = perm[j]!;
      perm[j] = t;
    }
    for (let i = 0; i < perm.length; i++) fold[perm[i]!] = i % V;
    for (let v = 0; v < V; v++) {
      checkpoint(control, { stage: "cross-validation", done: v, total: V });
      const w = weights.map((x, i) => (fold[i] === v ? 0 : x));
      const held = allRows.filter((i) => fold[i] === v);
      const tree = grow(w, `cross-validation fold ${v + 1}/${V}`);
      const foldSteps = pruningSequence(tree);
      const totals = pathTotals(tree, data.inputs, target, held, weights);
      const cache = new Map<number, ReturnType<typeof subtreeLoss>>();
      steps.forEach((_, k) => {
        const a = k + 1 < steps.length ? Math.sqrt(steps[k]!.alpha * steps[k + 1]!.alpha) : Infinity;
        const fk = stepAt(foldSteps, a);
        let part = cache.get(fk);
        if (!part) cache.set(fk, (part = subtreeLoss(tree, foldSteps[fk]!.cut, totals, target)));
        add(k, part);
      });
    }
  }
  const risks: number[] = [];
  const ses: number[] = [];
  for (const l of loss) {
    const r = riskWithError(l.loss, l.loss2, l.weight, priors);
    risks.push(r.risk);
    ses.push(r.se);
  }
  return { steps, chosen: chooseStep(risks, ses, settings.seRule, settings.multiplier), risks, ses };
}

export function resolvePruneSettings(algorithm: string, o: Pick<CartOptions, "pruning_risk" | "cv_folds" | "use_std_err_rule" | "std_err_multiplier">): PruneSettings {
  const method = oneOf(algorithm, "pruning_risk", o.pruning_risk, ["crossValidation", "trainingSample"], "crossValidation");
  const folds = o.cv_folds ?? 10;
  positiveInteger(algorithm, "cv_folds", folds, 2);
  const multiplier = o.std_err_multiplier ?? 1;
  if (!(multiplier >= 0)) throw new TrainingError(`${algorithm}: std_err_multiplier must be ≥ 0, not ${multiplier}`, { option: "std_err_multiplier" });
  return { method, folds, seRule: o.use_std_err_rule ?? false, multiplier };
}

export function trainCart(data: TrainingData, o: CartOptions = {}): CartModel {
  requireStandardObjective(NAME, o.objective);
  requireBatchBuild(NAME, o);
  const criterion = resolveCriterion(data, o);
  const weights = baseWeights(data);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  if (!(totalWeight > 0)) throw new TrainingError(`${NAME}: no training rows with a target value and positive weight`);
  const maxSurrogates = o.max_surrogates ?? 5;
  positiveInteger(NAME, "max_surrogates", maxSurrogates, 0);
  const minImpurity = o.min_impurity ?? 0.0001;
  if (!(minImpurity >= 0)) throw new TrainingError(`${NAME}: min_impurity must be ≥ 0, not ${minImpurity}`, { option: "min_impurity" });
  const maxExhaustive = o.max_exhaustive_categories ?? 12;
  positiveInteger(NAME, "max_exhaustive_categories", maxExhaustive, 2);
  if (maxExhaustive > 20) throw new UnsupportedTrainingOptionError(NAME, "max_exhaustive_categories", "more than 20 categories would need over a million subsets per split");
  const target = makeTreeTarget(NAME, data, weights, o);
  const prune = o.prune_tree ?? true;
  const settings = resolvePruneSettings(NAME, o);
  const setup: CartSetup = {
    data, target, criterion, stopping: resolveStopping(NAME, o, totalWeight, 5), minImpurity, maxSurrogates, maxExhaustive,
    orders: presortInputs(data.inputs), labels: targetLabels(data.target), control: o,
  };
  let root = growOn(setup, weights, "growing");
  let pruning: PruningReport | undefined;
  if (prune) {
    const choice = chooseSubtree(data, target, weights, root, settings, (w, stage) => growOn(setup, w, stage), o);
    root = prunedCopy(root, choice.steps[choice.chosen]!.cut);
    pruning = {
      method: settings.method, chosen: choice.chosen,
      steps: choice.steps.map((s, k) => ({ alpha: s.alpha, leaves: s.leaves, risk: choice.risks[k]!, se: choice.ses[k]! })),
    };
  }
  const nodes = numberNodes(root);
  const tree: Tree = { algorithm: "C&RT", inputs: data.inputs.map(describeColumn), target: describeColumn(data.target), root, binary: true };
  checkpoint(o, { stage: "done", done: 1, total: 1 });
  return {
    algorithm: "C&RT", inputs: tree.inputs, target: tree.target, tree, pruning,
    summary: { nodes, leaves: countLeaves(root), depth: treeDepth(root) },
    score: (d) => scoreTree(tree, d.inputs, d.rowCount),
    toPmml: () => treePmml(tree, { algorithmName: "C&RT", modelName: o.model_name, missing: "surrogates", output: { prefix: "R", probabilities: true, nodeId: true } }),
  };
}
