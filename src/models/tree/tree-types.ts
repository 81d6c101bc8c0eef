/**
 * The in-memory decision tree every tree trainer builds (C&R Tree, CHAID, QUEST, C5.0,
 * Random Trees) and that both the in-memory scorer (`route.ts`) and the PMML writer
 * (`../pmml-writer/tree-model.ts`) read. Keeping one representation is what makes "the
 * PMML scores like the trained model" checkable: both follow the same routing rules.
 *
 * Routing rules (identical in memory and in PMML):
 * 1. A value that is not missing goes to the child whose condition holds it. A category
 *    that no child lists (unseen in this node's training rows) stops at the node, which
 *    then predicts: PMML `noTrueChildStrategy="returnLastPrediction"`.
 * 2. A missing value goes, in this order, to
 *    a. the child that takes missing values (`missingChild`: CHAID's missing category);
 *    b. the first surrogate whose input is not missing (C&R Tree, QUEST); a surrogate
 *       value no child lists stops at the node, as in rule 1;
 *    c. the `defaultChild` (C&R Tree / QUEST: the larger child; C5.0: the largest branch);
 *    d. else it stops at the node (PMML `missingValueStrategy="lastPrediction"`).
 */
import type { Category, ColumnMeasure, DataColumn } from "../dataset.js";
import type { Storage } from "../../data/storage.js";

/** A field as a model knows it: the column without its values. */
export interface FieldInfo {
  readonly name: string;
  readonly storage: Storage;
  readonly measure: ColumnMeasure;
  /** Categories in code order (categorical fields only). */
  readonly categories?: readonly Category[];
  /** Smallest and largest training value (continuous fields only), for the DataDictionary. */
  readonly range?: readonly [number, number];
}

export function describeColumn(c: DataColumn): FieldInfo {
  if (c.measure !== "continuous") return { name: c.name, storage: c.storage, measure: c.measure, categories: c.categories };
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of c.values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return { name: c.name, storage: c.storage, measure: c.measure, range: lo <= hi ? [lo, hi] : undefined };
}

/** Which values of one input a child takes. */
export type Condition =
  /** `low < x ≤ high` (−∞ / +∞ for open ends): continuous inputs. */
  | { readonly kind: "range"; readonly low: number; readonly high: number }
  /** `code ∈ codes`: categorical inputs (ordinal ones too: their splits list the codes). */
  | { readonly kind: "set"; readonly codes: readonly number[] }
  /** Only the missing value (a CHAID missing category kept on its own). */
  | { readonly kind: "none" };

export interface Surrogate {
  readonly input: number;
  /** One condition per child of the node, in the children's order. */
  readonly conditions: readonly Condition[];
  /** Breiman's predictive measure of association with the primary split (0..1]. */
  readonly association: number;
}

export interface Split {
  /** Index into the model's inputs. */
  readonly input: number;
  /** One condition per child, in the children's order. */
  readonly conditions: readonly Condition[];
  /** The child that takes missing values as a category (CHAID), or −1. */
  readonly missingChild: number;
  /** Tried in order when the input is missing (C&R Tree, QUEST). */
  readonly surrogates: readonly Surrogate[];
  /** Where a missing value goes when nothing else decides, or −1 to stop at the node. */
  readonly defaultChild: number;
  /** The split's statistic (impurity decrease, gain ratio, adjusted p-value, ...), for reports. */
  readonly improvement: number;
}

export interface TreeNode {
  /** Preorder number, root = 0 (Modeler numbers its tree nodes the same way). */
  id: number;
  /** Total training weight that reached the node (frequency-weighted record count). */
  weight: number;
  /** Class weights (categorical target), raw (not prior-adjusted). */
  classWeights?: Float64Array;
  /** Class probabilities the node predicts (prior/cost adjusted where the algorithm does). */
  probabilities?: Float64Array;
  /** Predicted class code (categorical target) or value (continuous target). */
  prediction: number;
  /** Confidence of the prediction (categorical targets; algorithm-specific definition). */
  confidence: number;
  /** Per class, the confidence the node would give that class (written as ScoreDistribution@confidence). */
  confidences?: Float64Array;
  split: Split | null;
  children: TreeNode[];
  /** Resubstitution risk of the node as a leaf, as a share of the root (cost-complexity pruning). */
  risk?: number;
}

export interface Tree {
  readonly algorithm: string;
  readonly inputs: readonly FieldInfo[];
  readonly target: FieldInfo;
  readonly root: TreeNode;
  /** True when conditions split into two children only (PMML splitCharacteristic). */
  readonly binary: boolean;
}

export function isLeaf(n: TreeNode): boolean {
  return n.split === null || n.children.length === 0;
}

/** Numbers the nodes in preorder (root 0) and returns how many there are. */
export function numberNodes(root: TreeNode): number {
  let next = 0;
  const visit = (n: TreeNode) => {
    n.id = next++;
    for (const c of n.children) visit(c);
  };
  visit(root);
  return next;
}

export function countLeaves(root: TreeNode): number {
  if (isLeaf(root)) return 1;
  let s = 0;
  for (const c of root.children) s += countLeaves(c);
  return s;
}

export function treeDepth(root: TreeNode): number {
  if (isLeaf(root)) return 0;
  let d = 0;
  for (const c of root.children) d = Math.max(d, treeDepth(c));
  return d + 1;
}

/** A threshold at or above `a` and strictly below `b` (a < b): their midpoint where representable. */
export function midpoint(a: number, b: number): number {
  const m = a + (b - a) / 2;
  return m < b && m >= a ? m : a;
}

/** True when a condition holds a (non-missing) continuous value or category code. */
export function conditionHolds(c: Condition, value: number): boolean {
  switch (c.kind) {
    case "range":
      return value > c.low && value <= c.high;
    case "set":
      return c.codes.includes(value);
    case "none":
      return false;
  }
}
