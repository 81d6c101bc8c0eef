/**
 * In-memory scoring of a C5.0 tree, exactly as PMML's `missingValueStrategy=
 * "weightedConfidence"` defines it (and as C4.5 classifies a case with unknown values):
 * when a test's value is unknown, every branch is followed and the leaves' class
 * distributions are combined, weighted by each branch's share of the node's training weight.
 * The prediction is then the class with the largest combined confidence.
 */
import type { DataColumn } from "../dataset.js";
import type { ModelScores } from "../tree/route.js";
import { isLeaf, type Condition, type Tree, type TreeNode } from "../tree/tree-types.js";

const TRUE = 1;
const FALSE = 0;
const UNKNOWN = 2;

function truth(col: DataColumn, row: number, c: Condition): number {
  if (col.measure === "continuous") {
    const v = col.values[row]!;
    if (Number.isNaN(v)) return UNKNOWN;
    return c.kind === "range" && v > c.low && v <= c.high ? TRUE : FALSE;
  }
  const v = col.codes[row]!;
  if (v < 0) return UNKNOWN;
  return c.kind === "set" && c.codes.includes(v) ? TRUE : FALSE;
}

export function scoreC50Tree(tree: Tree, columns: readonly DataColumn[], rowCount: number): ModelScores {
  const J = tree.target.categories!.length;
  const prediction = new Float64Array(rowCount);
  const confidence = new Float64Array(rowCount);
  const probabilities = Array.from({ length: J }, () => new Float64Array(rowCount));
  const probs = new Float64Array(J);
  const conf = new Float64Array(J);

  const childTruth = (n: TreeNode, k: number, row: number) => truth(columns[n.split!.input]!, row, n.split!.conditions[k]!);

  const add = (n: TreeNode, w: number) => {
    for (let j = 0; j < J; j++) {
      probs[j]! += w * n.probabilities![j]!;
      conf[j]! += w * n.confidences![j]!;
    }
  };
  const weighted = (n: TreeNode, w: number, row: number): void => {
    const included: TreeNode[] = [];
    n.children.forEach((c, k) => {
      if (childTruth(n, k, row) !== FALSE) included.push(c);
    });
    if (included.length === 0) return add(n, w);
    let total = n.weight;
    if (!(total > 0)) for (const c of included) total += c.weight;
    for (const c of included) subtree(c, total > 0 ? (w * c.weight) / total : w / included.length, row);
  };
  const subtree = (start: TreeNode, w: number, row: number): void => {
    let n = start;
    outer: for (;;) {
      if (isLeaf(n)) return add(n, w);
      for (let k = 0; k < n.children.length; k++) {
        const r = childTruth(n, k, row);
        if (r === TRUE) {
          n = n.children[k]!;
          continue outer;
        }
        if (r === UNKNOWN) return weighted(n, w, row);
      }
      return add(n, w);
    }
  };

  for (let row = 0; row < rowCount; row++) {
    let n = tree.root;
    let mixed = false;
    outer: for (;;) {
      if (isLeaf(n)) break;
      for (let k = 0; k < n.children.length; k++) {
        const r = childTruth(n, k, row);
        if (r === TRUE) {
          n = n.children[k]!;
          continue outer;
        }
        if (r === UNKNOWN) {
          mixed = true;
          break outer;
        }
      }
      break;
    }
    if (!mixed) {
      prediction[row] = n.prediction;
      confidence[row] = n.confidences![n.prediction]!;
      for (let j = 0; j < J; j++) probabilities[j]![row] = n.probabilities![j]!;
      continue;
    }
    probs.fill(0);
    conf.fill(0);
    weighted(n, 1, row);
    let sum = 0;
    for (let j = 0; j < J; j++) sum += probs[j]!;
    let best = 0;
    for (let j = 1; j < J; j++) if (conf[j]! > conf[best]!) best = j;
    prediction[row] = best;
    confidence[row] = conf[best]!;
    for (let j = 0; j < J; j++) probabilities[j]![row] = sum > 0 ? probs[j]! / sum : 0;
  }
  return { prediction, confidence, probabilities };
}
