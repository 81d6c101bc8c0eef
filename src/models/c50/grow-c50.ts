/**
 * Growing and pruning a C5.0 decision tree (Quinlan 1993).
 *
 * Growing: split while the node holds cases of more than one class, at least 2·`minCases`
 * weight, and an admissible test with positive gain exists (`gain.ts`). A case whose value of
 * the test attribute is unknown goes down every branch with weight × (branch's share of the
 * known weight).
 *
 * Pruning: bottom-up subtree replacement by pessimistic error estimates — a node of weight N
 * with E misclassified weight is charged N·U_CF(E, N), U_CF being the upper limit of the
 * binomial confidence interval at level CF for E errors in N; the subtree is replaced by a
 * leaf when the leaf's charge is at most the sum of its leaves' charges + 0.1 (C4.5's margin).
 * CF = 1 − pruning_severity/100 (severity 75 ↔ C4.5's default CF 25%).
 */
import { ALL_CHILDREN, NO_CHILD, partitionSample, type NodeSample } from "../tree/node-sample.js";
import { betaRegularized } from "../stats/distributions.js";
import { checkpoint, type TrainingControl } from "../progress.js";
import { conditionHolds, isLeaf, type TreeNode } from "../tree/tree-types.js";
import { bestTest, type GainSearch } from "./gain.js";

/** Leaf statistics: class weights, majority class, proportions and Laplace confidences. */
export function c50Leaf(classes: number, codes: Int32Array, sample: NodeSample): TreeNode {
  const cw = new Float64Array(classes);
  let weight = 0;
  for (let p = 0; p < sample.size; p++) {
    cw[codes[sample.rows[p]!]!]! += sample.weights[p]!;
    weight += sample.weights[p]!;
  }
  return leafFromCounts(cw, weight);
}

export function leafFromCounts(cw: Float64Array, weight: number): TreeNode {
  let best = 0;
  for (let j = 1; j < cw.length; j++) if (cw[j]! > cw[best]!) best = j;
  const probabilities = cw.map((c) => (weight > 0 ? c / weight : 1 / cw.length));
  // C5.0's confidence of a class at a leaf: the Laplace ratio (n_k + 1) / (N + 2).
  const confidences = cw.map((c) => (c + 1) / (weight + 2));
  return { id: 0, weight, classWeights: cw, probabilities, prediction: best, confidence: confidences[best]!, confidences, split: null, children: [] };
}

export function growC50(search: GainSearch, sample: NodeSample, control?: TrainingControl, stage = "growing"): TreeNode {
  let nodes = 0;
  const grow = (s: NodeSample): TreeNode => {
    checkpoint(control, { stage, done: ++nodes, total: nodes + 1 });
    const node = c50Leaf(search.classes, search.codes, s);
    const cw = node.classWeights!;
    if (cw.filter((c) => c > 0).length <= 1 || node.weight < 2 * search.minCases) return node;
    const test = bestTest(search, s, node.weight);
    if (!test) return node;
    const col = search.data.inputs[test.input]!;
    const k = test.conditions.length;
    const branchWeight = new Float64Array(k);
    const childOf = new Int32Array(s.size);
    for (let p = 0; p < s.size; p++) {
      const row = s.rows[p]!;
      const v = col.measure === "continuous" ? col.values[row]! : col.codes[row]!;
      if (col.measure === "continuous" ? Number.isNaN(v) : v < 0) {
        childOf[p] = ALL_CHILDREN;
        continue;
      }
      let c = NO_CHILD;
      for (let b = 0; b < k; b++) if (conditionHolds(test.conditions[b]!, v)) c = b;
      childOf[p] = c;
      if (c >= 0) branchWeight[c]! += s.weights[p]!;
    }
    let known = 0;
    for (const w of branchWeight) known += w;
    const fractions = branchWeight.map((w) => w / known);
    const parts = partitionSample(s, childOf, k, fractions);
    node.split = { input: test.input, conditions: test.conditions, missingChild: -1, surrogates: [], defaultChild: -1, improvement: test.ratio };
    node.children = parts.map(grow);
    return node;
  };
  return grow(sample);
}

/** Upper limit of the CF confidence interval for the error rate of E errors in N (fractional allowed). */
export function upperErrorRate(E: number, N: number, cf: number): number {
  if (!(N > 0)) return 0;
  if (E < 1e-9) return 1 - Math.pow(cf, 1 / N);
  if (E >= N) return 1;
  // P(X ≤ E | N, p) = I_{1−p}(N − E, E + 1), decreasing in p: bisection for the p where it equals CF.
  let lo = E / N;
  let hi = 1;
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    if (betaRegularized(1 - mid, N - E, E + 1) > cf) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

function leafErrors(node: TreeNode): number {
  return node.weight - node.classWeights![node.prediction]!;
}

/** Pessimistic subtree replacement, bottom-up; returns the estimated errors of the result. */
export function pruneC50(node: TreeNode, cf: number): number {
  const asLeaf = node.weight * upperErrorRate(leafErrors(node), node.weight, cf);
  if (isLeaf(node)) return asLeaf;
  let subtree = 0;
  for (const c of node.children) subtree += pruneC50(c, cf);
  if (asLeaf <= subtree + 0.1) {
    node.split = null;
    node.children = [];
    return asLeaf;
  }
  return subtree;
}
