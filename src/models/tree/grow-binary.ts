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
import type { Condition, Split, Surrogate, TreeNode } from "./tree-types.js";

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

/**
 * A fast test of one input against a two-way split: 0 / 1 for the side, −1 for a category no
 * side lists, −2 for a missing value.
 */
function sideLookup(data: TrainingData, input: number, conditions: readonly Condition[]): (row: number) => number {
  const col = data.inputs[input]!;
  if (col.measure === "continuous") {
    const values = col.values;
    const c0 = conditions[0]!;
    const low = c0.kind === "range" ? c0.low : Infinity;
    const high = c0.kind === "range" ? c0.high : -Infinity;
    return (row) => {
      const v = values[row]!;
      if (v !== v) return -2;
      return v > low && v <= high ? 0 : 1;
    };
  }
  const codes = col.codes;
  const table = new Int8Array(col.categories.length).fill(-1);
  conditions.forEach((c, k) => {
    if (c.kind === "set") for (const code of c.codes) table[code] = k;
  });
  return (row) => {
    const k = codes[row]!;
    return k < 0 ? -2 : table[k]!;
  };
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
    // Known-value sides (−1: missing or unlisted), for the surrogates and the default side.
    const ws = sample.workspace;
    const side = ws ? ws.side.subarray(0, sample.size) : new Int8Array(sample.size);
    const primary = sideLookup(spec.data, found.input, [found.left, found.right]);
    let wl = 0;
    let wr = 0;
    let missing = 0;
    for (let p = 0; p < sample.size; p++) {
      const s = primary(sample.rows[p]!);
      if (s === 0) wl += sample.weights[p]!;
      else if (s === 1) wr += sample.weights[p]!;
      else if (s === -2) missing++;
      side[p] = s === -2 ? -1 : s;
    }
    const surrogates: Surrogate[] = spec.maxSurrogates > 0 ? findSurrogates(spec.data, sample, found.input, side, spec.maxSurrogates) : [];
    const split: Split = {
      input: found.input, conditions: [found.left, found.right], missingChild: -1, surrogates,
      defaultChild: wl >= wr ? 0 : 1, improvement: found.improvement,
    };
    const childOf = ws ? ws.child.subarray(0, sample.size) : new Int32Array(sample.size);
    const lookups = missing > 0 ? surrogates.map((sg) => sideLookup(spec.data, sg.input, sg.conditions)) : [];
    for (let p = 0; p < sample.size; p++) {
      let s = side[p]!;
      if (s === -1 && missing > 0) {
        const row = sample.rows[p]!;
        let t = primary(row);
        if (t === -2) {
          for (const look of lookups) {
            t = look(row);
            if (t !== -2) break;
          }
          if (t === -2) t = split.defaultChild;
        }
        s = t;
      }
      childOf[p] = s >= 0 ? s : NO_CHILD;
    }
    const [ls, rs] = partitionSample(sample, childOf, 2);
    if (ls!.size === 0 || rs!.size === 0) return node;
    node.split = split;
    node.children = [grow(ls!, depth + 1), grow(rs!, depth + 1)];
    return node;
  };
  return grow(root, 0);
}
