/**
 * In-memory scoring of a `Tree`: the routing rules of `tree-types.ts` compiled once per
 * (tree, columns) into per-node closures, then applied row by row over typed arrays.
 */
import type { DataColumn } from "../dataset.js";
import type { Condition, Split, Tree, TreeNode } from "./tree-types.js";

/** What a model gives for each scored row. */
export interface ModelScores {
  /** Class code (categorical target) or predicted value (continuous target); NaN = no prediction. */
  readonly prediction: Float64Array;
  /** Confidence of the prediction (categorical targets); NaN when not defined. */
  readonly confidence: Float64Array;
  /** Per class, the probability of each row (categorical targets), or null. */
  readonly probabilities: Float64Array[] | null;
}

/** Child index for a row, or −1 to stop at the node. */
type Router = (row: number) => number;

/** A test of one input against one child's condition: 1 holds, 0 does not, −1 missing. */
function compileSideLookup(column: DataColumn, conditions: readonly Condition[]): (row: number) => number {
  if (column.measure === "continuous") {
    const values = column.values;
    const ranges = conditions.map((c) => (c.kind === "range" ? c : null));
    return (row) => {
      const v = values[row]!;
      if (Number.isNaN(v)) return -2;
      for (let k = 0; k < ranges.length; k++) {
        const r = ranges[k];
        if (r && v > r.low && v <= r.high) return k;
      }
      return -1;
    };
  }
  const codes = column.codes;
  const table = new Int32Array(column.categories.length).fill(-1);
  conditions.forEach((c, k) => {
    if (c.kind === "set") for (const code of c.codes) table[code] = k;
  });
  return (row) => {
    const code = codes[row]!;
    if (code < 0) return -2;
    return code < table.length ? table[code]! : -1;
  };
}

/** The router of one split: primary, missing category, surrogates, default child. */
function compileRouter(split: Split, columns: readonly DataColumn[]): Router {
  const primary = compileSideLookup(columns[split.input]!, split.conditions);
  const surrogates = split.surrogates.map((s) => compileSideLookup(columns[s.input]!, s.conditions));
  const { missingChild, defaultChild } = split;
  return (row) => {
    const k = primary(row);
    if (k !== -2) return k;
    if (missingChild >= 0) return missingChild;
    for (const s of surrogates) {
      const j = s(row);
      if (j !== -2) return j;
    }
    return defaultChild;
  };
}

/** One router per inner node of the tree under `root`. */
export function compileRouters(root: TreeNode, columns: readonly DataColumn[]): Map<TreeNode, (row: number) => number> {
  const routers = new Map<TreeNode, Router>();
  const visit = (n: TreeNode) => {
    if (n.split && n.children.length > 0) {
      routers.set(n, compileRouter(n.split, columns));
      n.children.forEach(visit);
    }
  };
  visit(root);
  return routers;
}

export interface CompiledTree {
  /** The node a row ends in (a leaf, or an inner node where routing stopped). */
  nodeOf(row: number): TreeNode;
}

export function compileTree(tree: Tree, columns: readonly DataColumn[]): CompiledTree {
  const routers = compileRouters(tree.root, columns);
  return {
    nodeOf(row) {
      let n = tree.root;
      for (;;) {
        const r = routers.get(n);
        if (!r) return n;
        const k = r(row);
        if (k < 0) return n;
        n = n.children[k]!;
      }
    },
  };
}

/** Scores every row of `columns` (coded like the training data: same categories). */
export function scoreTree(tree: Tree, columns: readonly DataColumn[], rowCount: number): ModelScores {
  const compiled = compileTree(tree, columns);
  const prediction = new Float64Array(rowCount);
  const confidence = new Float64Array(rowCount);
  const classes = tree.target.categories?.length ?? 0;
  const probabilities = classes > 0 ? Array.from({ length: classes }, () => new Float64Array(rowCount)) : null;
  for (let r = 0; r < rowCount; r++) {
    const n = compiled.nodeOf(r);
    prediction[r] = n.prediction;
    confidence[r] = probabilities ? n.confidence : NaN;
    if (probabilities && n.probabilities) for (let j = 0; j < classes; j++) probabilities[j]![r] = n.probabilities[j]!;
  }
  return { prediction, confidence, probabilities };
}

/** Ids of the nodes rows end in (Modeler's `$RI-` field). */
export function nodeIds(tree: Tree, columns: readonly DataColumn[], rowCount: number): Int32Array {
  const compiled = compileTree(tree, columns);
  const out = new Int32Array(rowCount);
  for (let r = 0; r < rowCount; r++) out[r] = compiled.nodeOf(r).id;
  return out;
}
