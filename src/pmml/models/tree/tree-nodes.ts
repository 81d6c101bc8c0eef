/**
 * TreeModel nodes, compiled: each Node becomes a record with its predicate as a test, its children,
 * its typed score and its class distribution (probabilities and confidences aligned with the
 * target's categories), so that scoring is a loop over arrays with no document access.
 */
import { invalid, unsupported } from "../../errors.js";
import type { Scope } from "../../fields/scope.js";
import { predicateChild, PREDICATE_ELEMENTS } from "../../predicates/compile-predicate.js";
import { compileTest, type ColumnTable, type Test } from "../../predicates/column-tests.js";
import { parseTypedText, type DataType, type Value } from "../../types/values.js";
import { checkChildren, numberAttr, requiredAttr } from "../../xml/read.js";
import type { XmlElement } from "../../xml/xml-element.js";

export interface TreeNode {
  readonly test: Test;
  readonly children: TreeNode[];
  readonly score: Value;
  readonly hasScore: boolean;
  /** Node@id, or the 1-based depth-first position when the document gives none. */
  readonly id: Value;
  readonly recordCount: number | undefined;
  readonly defaultChildId: string | undefined;
  defaultChild: TreeNode | null;
  /** Class probabilities aligned with the target categories (classification nodes with ScoreDistribution). */
  probabilities: Float64Array | null;
  /** ScoreDistribution@confidence per class, when given. */
  confidences: Float64Array | null;
  /** ScoreDistribution@recordCount per class (aggregateNodes / weightedConfidence). */
  counts: Float64Array | null;
  readonly element: XmlElement;
}

interface RawDistribution {
  value: Value;
  recordCount?: number;
  probability?: number;
  confidence?: number;
}

export interface ParsedTree {
  root: TreeNode;
  /** Category values met in scores and ScoreDistributions, in document order. */
  categories: Value[];
  nodeCount: number;
  /** Distributions before they are aligned with the final categories. */
  raw: Map<TreeNode, RawDistribution[]>;
}

const NODE_CHILDREN = [...PREDICATE_ELEMENTS, "Node", "ScoreDistribution", "Partition", "EmbeddedModel", "Regression", "DecisionTree"];

export function parseTree(
  rootEl: XmlElement,
  scope: Scope,
  scoreType: DataType,
  classification: boolean,
  roundScore: (x: number) => number,
  table: ColumnTable,
): ParsedTree {
  const categories: Value[] = [];
  const seen = new Set<Value>();
  const note = (v: Value) => {
    if (classification && v !== null && !seen.has(v)) {
      seen.add(v);
      categories.push(v);
    }
  };
  const raw = new Map<TreeNode, RawDistribution[]>();
  let counter = 0;

  const build = (el: XmlElement): TreeNode => {
    checkChildren(el, NODE_CHILDREN);
    for (const bad of ["EmbeddedModel", "Regression", "DecisionTree"]) {
      if (el.child(bad)) throw unsupported(`${bad} inside a tree Node`, el.child(bad)!.path);
    }
    counter++;
    const scoreText = el.attr("score");
    let score: Value = null;
    if (scoreText !== undefined) {
      const typed = parseTypedText(scoreText, scoreType);
      if (typed === undefined) throw invalid(`Node@score="${scoreText}" is not a ${scoreType}`, el.path);
      score = typeof typed === "number" ? roundScore(typed) : typed;
      note(score);
    }
    const dists: RawDistribution[] = el.childrenNamed("ScoreDistribution").map((d) => {
      checkChildren(d, []);
      const text = requiredAttr(d, "value");
      const value = parseTypedText(text, scoreType);
      if (value === undefined) throw invalid(`ScoreDistribution@value="${text}" is not a ${scoreType}`, d.path);
      note(value);
      return {
        value,
        recordCount: numberAttr(d, "recordCount"),
        probability: numberAttr(d, "probability"),
        confidence: numberAttr(d, "confidence"),
      };
    });
    const node: TreeNode = {
      test: compileTest(predicateChild(el), scope, table),
      children: [],
      score,
      hasScore: scoreText !== undefined,
      id: el.attr("id") ?? String(counter),
      recordCount: numberAttr(el, "recordCount"),
      defaultChildId: el.attr("defaultChild"),
      defaultChild: null,
      probabilities: null,
      confidences: null,
      counts: null,
      element: el,
    };
    if (dists.length > 0) raw.set(node, dists);
    for (const c of el.childrenNamed("Node")) node.children.push(build(c));
    if (node.defaultChildId !== undefined) {
      node.defaultChild = node.children.find((c) => c.element.attr("id") === node.defaultChildId) ?? null;
      if (!node.defaultChild) throw invalid(`Node@defaultChild="${node.defaultChildId}" is not a child of the node`, el.path);
    }
    return node;
  };
  const root = build(rootEl);
  return { root, categories, nodeCount: counter, raw };
}

/**
 * Aligns each node's ScoreDistribution with the final category list: probabilities from
 * ScoreDistribution@probability when the first one has it, else recordCount shares (PMML:
 * "If the predicted probability is defined for any class label, then it must be defined for all").
 */
export function alignDistributions(tree: ParsedTree, categories: readonly Value[]): void {
  const index = new Map(categories.map((c, i) => [c, i]));
  for (const [node, dists] of tree.raw) {
    const probs = new Float64Array(categories.length);
    const counts = new Float64Array(categories.length);
    let confidences: Float64Array | null = null;
    const useProbability = dists[0]!.probability !== undefined;
    let sum = 0;
    for (const d of dists) {
      const k = index.get(d.value)!;
      const w = useProbability ? d.probability : d.recordCount;
      if (w === undefined) {
        throw invalid(`ScoreDistribution needs ${useProbability ? "probability" : "recordCount"}`, node.element.path);
      }
      probs[k] = w;
      counts[k] = d.recordCount ?? 0;
      sum += w;
      if (d.confidence !== undefined) {
        confidences ??= new Float64Array(categories.length);
        confidences[k] = d.confidence;
      }
    }
    if (sum > 0 && sum !== 1) for (let k = 0; k < probs.length; k++) probs[k] = probs[k]! / sum;
    node.probabilities = sum > 0 ? probs : null;
    node.counts = counts;
    node.confidences = confidences;
  }
}
