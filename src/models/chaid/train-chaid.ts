/**
 * CHAID and Exhaustive CHAID (Kass 1980; Biggs, de Ville & Suen 1991): multiway trees whose
 * splits are chosen by the Bonferroni-adjusted significance of chi-square tests (categorical
 * target) or F tests (continuous target) after merging similar predictor categories.
 *
 * At each node: for every predictor, merge its categories (`merge.ts`) and compute the
 * adjusted p-value of the merged predictor; split on the predictor with the smallest one if
 * it is ≤ `split_alpha`, one child per group. Continuous predictors are pre-binned into
 * ordinal intervals (`binning.ts`). Missing values form their own category (floating for
 * ordinal predictors), so a group may take them; when a node's rows had no missing value of
 * the split predictor, a missing value stops at that node.
 *
 * An ordinal target is tested like a nominal one (the row-effects model SPSS fits for ordinal
 * targets, with its `epsilon` / `max_iterations`, is not implemented and those options fail).
 */
import { baseWeights, type TrainingData } from "../dataset.js";
import { TrainingError, UnsupportedTrainingOptionError } from "../errors.js";
import { treePmml } from "../pmml-writer/tree-model.js";
import { checkpoint, type TrainingControl } from "../progress.js";
import type { TrainedModel } from "../trained-model.js";
import { equalFrequencyBins } from "./binning.js";
import { mergeCategories, type Grouping } from "./merge.js";
import type { AtomStats, ChiSquare } from "./tests.js";
import { partitionSample, presort, rootSample, targetLabels, type NodeSample } from "../tree/node-sample.js";
import { scoreTree } from "../tree/route.js";
import { oneOf, positiveInteger, probability, requireBatchBuild, requireStandardObjective, resolveStopping, type StoppingOptions, type StoppingRules } from "../tree/stopping.js";
import { countLeaves, describeColumn, numberNodes, treeDepth, type Condition, type Tree, type TreeNode } from "../tree/tree-types.js";

export interface ChaidOptions extends StoppingOptions, TrainingControl {
  method?: "Chaid" | "ExhaustiveChaid";
  split_alpha?: number;
  merge_alpha?: number;
  chi_square?: "Pearson" | "LR";
  bonferroni_adjustment?: boolean;
  split_merged_categories?: boolean;
  /** Intervals continuous predictors are pre-binned into (ours; default 10). */
  max_bins?: number;
  epsilon?: number;
  max_iterations?: number;
  objective?: string;
  model_output_type?: string;
  use_tree_directives?: boolean;
  model_name?: string;
}

export interface ChaidModel extends TrainedModel {
  readonly tree: Tree;
  readonly summary: { nodes: number; leaves: number; depth: number };
}

const NAME = "CHAID";

/** A predictor as CHAID sees it: atoms (codes or bins), −1 for missing. */
interface Predictor {
  readonly atoms: Int32Array;
  readonly count: number;
  readonly kind: "nominal" | "ordinal";
  /** Bin boundaries of a pre-binned continuous predictor. */
  readonly thresholds?: readonly number[];
}

interface Setup {
  readonly data: TrainingData;
  readonly predictors: readonly Predictor[];
  readonly stopping: StoppingRules;
  readonly splitAlpha: number;
  readonly mergeAlpha: number;
  readonly chi: ChiSquare;
  readonly exhaustive: boolean;
  readonly bonferroni: boolean;
  readonly classes: number;
  readonly control?: TrainingControl;
}

function atomStats(setup: Setup, sample: NodeSample, pred: Predictor): AtomStats {
  const J = setup.classes;
  const stride = J > 0 ? J : 3;
  const atoms = pred.count + 1; // the last atom is the missing value
  const sums = new Float64Array(atoms * stride);
  const weight = new Float64Array(atoms);
  const t = setup.data.target;
  for (let p = 0; p < sample.size; p++) {
    const row = sample.rows[p]!;
    const w = sample.weights[p]!;
    const code = pred.atoms[row]!;
    const a = code < 0 ? pred.count : code;
    weight[a]! += w;
    if (t.measure === "continuous") {
      const y = t.values[row]!;
      sums[a * 3]! += w;
      sums[a * 3 + 1]! += w * y;
      sums[a * 3 + 2]! += w * y * y;
    } else sums[a * J + t.codes[row]!]! += w;
  }
  return { classes: J, stride, sums, weight };
}

function leafOf(setup: Setup, sample: NodeSample): TreeNode {
  const t = setup.data.target;
  let weight = 0;
  for (let p = 0; p < sample.size; p++) weight += sample.weights[p]!;
  if (t.measure === "continuous") {
    let sy = 0;
    for (let p = 0; p < sample.size; p++) sy += sample.weights[p]! * t.values[sample.rows[p]!]!;
    return { id: 0, weight, prediction: weight > 0 ? sy / weight : 0, confidence: NaN, split: null, children: [] };
  }
  const J = setup.classes;
  const cw = new Float64Array(J);
  for (let p = 0; p < sample.size; p++) cw[t.codes[sample.rows[p]!]!]! += sample.weights[p]!;
  let best = 0;
  for (let j = 1; j < J; j++) if (cw[j]! > cw[best]!) best = j;
  const probabilities = cw.map((c) => (weight > 0 ? c / weight : 0));
  return { id: 0, weight, classWeights: cw, probabilities, prediction: best, confidence: probabilities[best]!, confidences: probabilities, split: null, children: [] };
}

/** The conditions of the groups: sets of codes, or intervals of a binned predictor. */
function groupConditions(setup: Setup, input: number, pred: Predictor, grouping: Grouping): Condition[] {
  const real = grouping.groups.map((g) => g.filter((a) => a !== pred.count));
  const col = setup.data.inputs[input]!;
  if (pred.kind === "nominal") return real.map((codes) => (codes.length ? { kind: "set", codes } : { kind: "none" }));
  // Ordinal: contiguous groups; extend each to cover absent atoms up to the next group.
  const ordered = real.map((codes, i) => ({ i, lo: codes.length ? Math.min(...codes) : Infinity, hi: codes.length ? Math.max(...codes) : -Infinity }))
    .filter((g) => g.lo !== Infinity).sort((a, b) => a.lo - b.lo);
  const out: Condition[] = real.map(() => ({ kind: "none" }));
  ordered.forEach((g, k) => {
    const from = k === 0 ? 0 : ordered[k - 1]!.hi + 1;
    const to = k === ordered.length - 1 ? pred.count - 1 : ordered[k + 1]!.lo - 1;
    if (col.measure === "continuous") {
      const t = pred.thresholds!;
      out[g.i] = { kind: "range", low: from === 0 ? -Infinity : t[from - 1]!, high: to >= t.length ? Infinity : t[to]! };
    } else {
      out[g.i] = { kind: "set", codes: Array.from({ length: to - from + 1 }, (_, x) => from + x) };
    }
  });
  return out;
}

function grow(setup: Setup, sample: NodeSample, depth: number, counter: { nodes: number }): TreeNode {
  checkpoint(setup.control, { stage: "growing", done: ++counter.nodes, total: counter.nodes + 1 });
  const node = leafOf(setup, sample);
  if (depth >= setup.stopping.maxDepth || node.weight < setup.stopping.minParent) return node;
  if (node.classWeights && node.classWeights.filter((w) => w > 0).length <= 1) return node;
  let best: { input: number; grouping: Grouping } | null = null;
  setup.predictors.forEach((pred, input) => {
    const stats = atomStats(setup, sample, pred);
    const present: number[] = [];
    for (let a = 0; a <= pred.count; a++) if (stats.weight[a]! > 0) present.push(a);
    const missingAtom = stats.weight[pred.count]! > 0 ? pred.count : -1;
    const grouping = mergeCategories({
      stats, kind: pred.kind, missingAtom, chi: setup.chi, mergeAlpha: setup.mergeAlpha, exhaustive: setup.exhaustive,
      minChild: setup.stopping.minChild, bonferroni: setup.bonferroni,
    }, present);
    if (grouping && (!best || grouping.adjusted < best.grouping.adjusted)) best = { input, grouping };
  });
  const chosen = best as { input: number; grouping: Grouping } | null;
  if (!chosen || !(chosen.grouping.adjusted <= setup.splitAlpha)) return node;
  const pred = setup.predictors[chosen.input]!;
  // The group holding the missing value goes first, so that PMML meets its TRUE predicate
  // before any UNKNOWN one (missingValueStrategy="lastPrediction").
  const groups = [...chosen.grouping.groups].sort((a, b) => Number(b.includes(pred.count)) - Number(a.includes(pred.count)));
  const grouping = { ...chosen.grouping, groups };
  const conditions = groupConditions(setup, chosen.input, pred, grouping);
  const missingChild = groups.findIndex((g) => g.includes(pred.count));
  const groupOf = new Int32Array(pred.count + 1).fill(-1);
  groups.forEach((g, k) => g.forEach((a) => (groupOf[a] = k)));
  const childOf = new Int32Array(sample.size);
  for (let p = 0; p < sample.size; p++) {
    const code = pred.atoms[sample.rows[p]!]!;
    childOf[p] = groupOf[code < 0 ? pred.count : code]!;
  }
  const parts = partitionSample(sample, childOf, groups.length);
  node.split = { input: chosen.input, conditions, missingChild, surrogates: [], defaultChild: -1, improvement: chosen.grouping.adjusted };
  node.children = parts.map((s) => grow(setup, s, depth + 1, counter));
  return node;
}

export function trainChaid(data: TrainingData, o: ChaidOptions = {}): ChaidModel {
  requireStandardObjective(NAME, o.objective);
  requireBatchBuild(NAME, o);
  if (o.split_merged_categories) throw new UnsupportedTrainingOptionError(NAME, "split_merged_categories", "re-splitting merged categories is not implemented");
  if (o.epsilon !== undefined || o.max_iterations !== undefined) {
    throw new UnsupportedTrainingOptionError(NAME, o.epsilon !== undefined ? "epsilon" : "max_iterations", "they tune the row-effects model for ordinal targets, which is not implemented (ordinal targets are tested as nominal)");
  }
  const method = oneOf(NAME, "method", o.method, ["Chaid", "ExhaustiveChaid"], "Chaid");
  const chi = oneOf(NAME, "chi_square", o.chi_square, ["Pearson", "LR"], "Pearson");
  const splitAlpha = o.split_alpha ?? 0.05;
  const mergeAlpha = o.merge_alpha ?? 0.05;
  probability(NAME, "split_alpha", splitAlpha);
  probability(NAME, "merge_alpha", mergeAlpha);
  const maxBins = o.max_bins ?? 10;
  positiveInteger(NAME, "max_bins", maxBins, 2);
  const weights = baseWeights(data);
  const total = weights.reduce((a, b) => a + b, 0);
  if (!(total > 0)) throw new TrainingError(`${NAME}: no training rows with a target value and positive weight`);
  const predictors: Predictor[] = data.inputs.map((c) => {
    if (c.measure === "continuous") {
      const b = equalFrequencyBins(c.values, presort(c.values), weights, maxBins);
      return { atoms: b.bins, count: b.thresholds.length + 1, kind: "ordinal", thresholds: b.thresholds };
    }
    return { atoms: c.codes, count: c.categories.length, kind: c.measure === "ordinal" ? "ordinal" : "nominal" };
  });
  const setup: Setup = {
    data, predictors, stopping: resolveStopping(NAME, o, total, 5), splitAlpha, mergeAlpha, chi,
    exhaustive: method === "ExhaustiveChaid", bonferroni: o.bonferroni_adjustment ?? true,
    classes: data.target.measure === "continuous" ? 0 : data.target.categories.length, control: o,
  };
  const root = grow(setup, rootSample(weights, data.inputs.map(() => null), data.inputs, targetLabels(data.target)), 0, { nodes: 0 });
  const nodes = numberNodes(root);
  const algorithm = method === "ExhaustiveChaid" ? "Exhaustive CHAID" : "CHAID";
  const tree: Tree = { algorithm, inputs: data.inputs.map(describeColumn), target: describeColumn(data.target), root, binary: false };
  return {
    algorithm, inputs: tree.inputs, target: tree.target, tree,
    summary: { nodes, leaves: countLeaves(root), depth: treeDepth(root) },
    score: (d) => scoreTree(tree, d.inputs, d.rowCount),
    toPmml: () => treePmml(tree, { algorithmName: algorithm, modelName: o.model_name, missing: "lastPrediction", output: { prefix: "R", probabilities: true, nodeId: true } }),
  };
}
