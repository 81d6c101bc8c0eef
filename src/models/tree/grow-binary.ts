/**
 * Growing a binary tree (C&R Tree, QUEST, Random Trees): at each node ask the algorithm for
 * its best split, add surrogates, send the rows down (known value → its side; missing →
 * first usable surrogate → the larger side), and recurse until a stopping rule holds.
 * The algorithms differ only in `findSplit` (and their options), not in this loop.
 */
import type { TrainingData } from "../dataset.js";
import { checkpoint, type TrainingControl } from "../progress.js";
import { NO_CHILD, partitionSample, type NodeSample } from "./node-sample.js";
import type { StoppingRules } from "./stopping.js";
import { findSurrogates } from "./surrogates.js";
import { summarizeClasses, type TreeTarget } from "./target.js";
import { conditionHolds, type Condition, type Split, type Surrogate, type TreeNode } from "./tree-types.js";

export interface FoundSplit {
  readonly input: number;
  readonly left: Condition;
  readonly right: Condition;
  readonly improvement: number;
}

export interface BinaryGrowSpec {
  readonly data: TrainingData;
  readonly target: TreeTarget;
  readonly stopping: StoppingRules;
  /** A split must improve by at least this much (C&R Tree's `min_impurity`). */
  readonly minImprovement: number;
  readonly maxSurrogates: number;
  /** Prior-adjusted (classification) or raw (regression) weight of the root: risk normaliser. */
  readonly rootWeight: number;
  /** Largest node count (Random Trees' `max_nodes`); Infinity for no limit. */
  readonly maxNodes?: number;
  findSplit(sample: NodeSample, depth: number): FoundSplit | null;
  readonly control?: TrainingControl;
  readonly stage?: string;
}

/** Leaf statistics of a node from its rows. */
export function summarizeNode(spec: Pick<BinaryGrowSpec, "target" | "rootWeight">, sample: NodeSample): TreeNode {
  const t = spec.target;
  let weight = 0;
  for (let p = 0; p < sample.size; p++) weight += sample.weights[p]!;
  if (t.kind === "value") {
    let sy = 0;
    for (let p = 0; p < sample.size; p++) sy += sample.weights[p]! * t.y[sample.rows[p]!]!;
    const mean = weight > 0 ? sy / weight : 0;
    let ss = 0;
    for (let p = 0; p < sample.size; p++) {
      const d = t.y[sample.rows[p]!]! - mean;
      ss += sample.weights[p]! * d * d;
    }
    return { id: 0, weight, prediction: mean, confidence: NaN, split: null, children: [], risk: ss / spec.rootWeight };
  }
  const classWeights = new Float64Array(t.classes);
  for (let p = 0; p < sample.size; p++) classWeights[t.codes[sample.rows[p]!]!]! += sample.weights[p]!;
  const s = summarizeClasses(t, classWeights);
  return {
    id: 0, weight, classWeights, probabilities: s.probabilities, prediction: s.prediction,
    confidence: s.probabilities[s.prediction]!, confidences: s.probabilities, split: null, children: [],
    risk: s.risk / spec.rootWeight,
  };
}

function isPure(node: TreeNode): boolean {
  if (node.classWeights) {
    let nonZero = 0;
    for (const w of node.classWeights) if (w > 0) nonZero++;
    return nonZero <= 1;
  }
  return (node.risk ?? 0) <= 1e-12 * Math.max(1, Math.abs(node.prediction));
}

/** Which side each position goes to: 0 / 1, or −1 when routing stops at the node. */
function routeSides(data: TrainingData, sample: NodeSample, split: Split): Int8Array {
  const side = new Int8Array(sample.size);
  const primary = data.inputs[split.input]!;
  const sideOf = (col: typeof primary, conditions: readonly Condition[], row: number): number => {
    const v = col.measure === "continuous" ? col.values[row]! : col.codes[row]!;
    if (col.measure === "continuous" ? Number.isNaN(v) : v < 0) return -2;
    return conditionHolds(conditions[0]!, v) ? 0 : conditionHolds(conditions[1]!, v) ? 1 : -1;
  };
  for (let p = 0; p < sample.size; p++) {
    const row = sample.rows[p]!;
    let s = sideOf(primary, split.conditions, row);
    if (s === -2) {
      for (const sg of split.surrogates) {
        s = sideOf(data.inputs[sg.input]!, sg.conditions, row);
        if (s !== -2) break;
      }
      if (s === -2) s = split.defaultChild;
    }
    side[p] = s;
  }
  return side;
}

export function growBinaryTree(spec: BinaryGrowSpec, root: NodeSample): TreeNode {
  let nodes = 0;
  const maxNodes = spec.maxNodes ?? Infinity;
  const stage = spec.stage ?? "growing";
  const grow = (sample: NodeSample, depth: number): TreeNode => {
    checkpoint(spec.control, { stage, done: ++nodes, total: nodes + 1 });
    const node = summarizeNode(spec, sample);
    if (depth >= spec.stopping.maxDepth || node.weight < spec.stopping.minParent || isPure(node) || nodes + 2 > maxNodes) return node;
    const found = spec.findSplit(sample, depth);
    if (!found || !(found.improvement >= spec.minImprovement) || !(found.improvement > 0)) return node;
    // Known-value sides, for the surrogates and the default (larger) side.
    const col = spec.data.inputs[found.input]!;
    const known = new Int8Array(sample.size);
    let wl = 0;
    let wr = 0;
    for (let p = 0; p < sample.size; p++) {
      const row = sample.rows[p]!;
      const v = col.measure === "continuous" ? col.values[row]! : col.codes[row]!;
      const missing = col.measure === "continuous" ? Number.isNaN(v) : v < 0;
      if (missing) known[p] = -1;
      else if (conditionHolds(found.left, v)) {
        known[p] = 0;
        wl += sample.weights[p]!;
      } else {
        known[p] = 1;
        wr += sample.weights[p]!;
      }
    }
    const surrogates: Surrogate[] = spec.maxSurrogates > 0 ? findSurrogates(spec.data, sample, found.input, known, spec.maxSurrogates) : [];
    const split: Split = {
      input: found.input, conditions: [found.left, found.right], missingChild: -1, surrogates,
      defaultChild: wl >= wr ? 0 : 1, improvement: found.improvement,
    };
    const side = routeSides(spec.data, sample, split);
    const childOf = new Int32Array(sample.size);
    for (let p = 0; p < sample.size; p++) childOf[p] = side[p]! >= 0 ? side[p]! : NO_CHILD;
    const [ls, rs] = partitionSample(sample, childOf, 2);
    if (ls!.size === 0 || rs!.size === 0) return node;
    node.split = split;
    node.children = [grow(ls!, depth + 1), grow(rs!, depth + 1)];
    return node;
  };
  return grow(root, 0);
}
