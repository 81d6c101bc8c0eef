/**
 * TreeModel.
 *
 * Scoring walks from the root: the first child whose predicate is TRUE is entered; a leaf is the
 * result. An UNKNOWN predicate (missing input) is handled by `missingValueStrategy`:
 * - lastPrediction: the current node is the result; nullPrediction: no result;
 * - defaultChild: continue in the node's defaultChild, multiplying confidences by
 *   missingValuePenalty once per such step;
 * - none: the predicate counts as FALSE;
 * - weightedConfidence (classification): the node's children that are not FALSE are scored in
 *   turn (recursively) and their confidences summed, weighted by each child's share of the
 *   node's recordCount;
 * - aggregateNodes (classification): the UNKNOWN child is followed as if TRUE and the later
 *   siblings are evaluated too; the ScoreDistribution record counts of every leaf reached are
 *   summed and the class with the largest count wins.
 * When no child is TRUE, `noTrueChildStrategy` returns no result or the current node (if it has
 * a score). A regression node's prediction is its score; a classification node's prediction is
 * its score (else its most frequent class) with the probabilities of its ScoreDistribution.
 */
import { PmmlError, unsupported } from "../../errors.js";
import { TRUTH } from "../../predicates/compile-predicate.js";
import { ColumnTable, KIND_GENERIC, runTest as importedRunTest } from "../../predicates/column-tests.js";
import type { Frame } from "../../runtime/frame.js";
import { parseTypedText, type Value } from "../../types/values.js";
import { enumAttr, numberAttr, requiredChild } from "../../xml/read.js";
import { registerModel, type ModelCore, type ModelSetup } from "../compile-model.js";
import { WALK_FAILED, type FeatureProvider, type LeafWalker, type ModelState } from "../model.js";
import { alignDistributions, parseTree, type TreeNode } from "./tree-nodes.js";
import { layoutTree, SPLIT_LE as IMPORTED_SPLIT_LE, SPLIT_LT as IMPORTED_SPLIT_LT, testNode as importedTestNode } from "./tree-layout.js";

// Module constants, not imported bindings, in the hot walk (see TRUTH).
const { TRUE, FALSE, UNKNOWN } = TRUTH;
const runTest = importedRunTest;
const [SPLIT_NONE, SPLIT_LE, SPLIT_LT] = [0, IMPORTED_SPLIT_LE, IMPORTED_SPLIT_LT];
const testNode = importedTestNode;

const MISSING_STRATEGIES = ["lastPrediction", "nullPrediction", "defaultChild", "weightedConfidence", "aggregateNodes", "none"] as const;
const [LAST_PREDICTION, NULL_PREDICTION, DEFAULT_CHILD, WEIGHTED_CONFIDENCE, AGGREGATE_NODES, NONE] = [0, 1, 2, 3, 4, 5];
const STRATEGY_CODE: Record<string, number> = {
  lastPrediction: LAST_PREDICTION,
  nullPrediction: NULL_PREDICTION,
  defaultChild: DEFAULT_CHILD,
  weightedConfidence: WEIGHTED_CONFIDENCE,
  aggregateNodes: AGGREGATE_NODES,
  none: NONE,
};

function compileTreeModel(setup: ModelSetup): ModelCore {
  const { el, functionName, ctx } = setup;
  const missingStrategy = enumAttr(el, "missingValueStrategy", MISSING_STRATEGIES, "none");
  const noTrueChild = enumAttr(el, "noTrueChildStrategy", ["returnNullPrediction", "returnLastPrediction"] as const, "returnNullPrediction");
  enumAttr(el, "splitCharacteristic", ["binarySplit", "multiSplit"] as const, "multiSplit");
  const penalty = numberAttr(el, "missingValuePenalty", 1);
  const classification = functionName === "classification";
  if (!classification && functionName !== "regression") throw unsupported(`TreeModel@functionName="${functionName}"`, el.path);
  if (!classification && (missingStrategy === "weightedConfidence" || missingStrategy === "aggregateNodes")) {
    throw unsupported(`TreeModel@missingValueStrategy="${missingStrategy}" for regression`, el.path, "the strategy is defined on class confidences and counts");
  }
  const { dataType } = setup.targetType(0);
  const scoreType = classification ? dataType : ctx.mathContext === "float" ? "float" : "double";
  const round = ctx.mathContext === "float" ? Math.fround : (x: number) => x;
  const table = new ColumnTable();
  const tree = parseTree(requiredChild(el, "Node"), setup.scope, scoreType, classification, round, table);
  const target = setup.target(0, tree.categories);
  const categories = target.categories;
  alignDistributions(tree, categories);
  const nCat = categories.length;
  const catIndex = new Map(categories.map((c, i) => [c, i]));

  // Per-row selection (reused): the node reached, how many defaultChild steps, or a mixed distribution.
  let selected: TreeNode | null = null;
  let missingLevels = 0;
  let mixed = false;
  const mixedProbs = new Float64Array(nCat);
  const mixedConf = new Float64Array(nCat);

  const noTrue = (node: TreeNode): TreeNode | null => (noTrueChild === "returnLastPrediction" && node.hasScore ? node : null);

  // The walk runs over the flattened tree (tree-layout.ts); the object tree serves the rare strategies.
  const layout = layoutTree(tree.root);
  const { firstChild, childCount, defaultChild, nodes, complementary, split, splitColumn, threshold, low, high } = layout;
  const strategy = STRATEGY_CODE[missingStrategy]!;
  const returnLast = noTrueChild === "returnLastPrediction";
  let cols: Float64Array[] = [];
  let colsBatch = -1;

  /**
   * The index of the node scoring ends at, −1 for no prediction (the mixed strategies set
   * `mixed`). `row` is the frame's row, except in walkBlock (trees without generic predicates).
   */
  const walk = (f: Frame, row: number): number => {
    let node = 0;
    outer: for (;;) {
      const kind = split[node]!;
      if (kind !== SPLIT_NONE) {
        // A binary numeric split: one compare decides (a missing value takes the general path).
        const x = cols[splitColumn[node]!]![row]!;
        if (x === x) {
          const t = threshold[node]!;
          node = (kind === SPLIT_LE ? x <= t : kind === SPLIT_LT ? x < t : x === t) ? low[node]! : high[node]!;
          continue;
        }
      }
      const n = childCount[node]!;
      if (n === 0) return node;
      const first = firstChild[node]!;
      const end = first + n;
      for (let c = first; c < end; c++) {
        const r = testNode(layout, c, cols, row, f);
        if (r === TRUE) {
          node = c;
          continue outer;
        }
        if (r === FALSE && c === first && complementary[node] === 1) {
          node = c + 1;
          continue outer;
        }
        if (r === UNKNOWN && strategy !== NONE) {
          switch (strategy) {
            case NULL_PREDICTION:
              return -1;
            case LAST_PREDICTION:
              return node;
            case DEFAULT_CHILD: {
              const d = defaultChild[node]!;
              if (d < 0) {
                const el = nodes[node]!.element;
                throw new PmmlError("PMML_EVALUATION", `tree Node ${String(nodes[node]!.id)} has no defaultChild for a missing value (at ${el.path})`, {
                  path: el.path,
                });
              }
              missingLevels++;
              node = d;
              continue outer;
            }
            case WEIGHTED_CONFIDENCE:
              mixed = true;
              weighted(f, nodes[node]!, 1, mixedProbs, mixedConf);
              return -1;
            default:
              mixed = true;
              aggregate(f, nodes[node]!, c - first, mixedProbs);
              return -1;
          }
        }
      }
      return returnLast && nodes[node]!.hasScore ? node : -1;
    }
  };

  /** Adds weight × (probabilities, confidences) of scoring `node`'s subtree, weightedConfidence-style. */
  const weighted = (f: Frame, node: TreeNode, weight: number, probs: Float64Array, conf: Float64Array): void => {
    const included: TreeNode[] = [];
    for (const child of node.children) if (runTest(child.test, table, f) !== FALSE) included.push(child);
    if (included.length === 0) {
      const last = noTrue(node);
      if (last) addNode(last, weight, probs, conf);
      return;
    }
    let total = node.recordCount ?? 0;
    if (!(total > 0)) for (const c of included) total += c.recordCount ?? 0;
    for (const c of included) {
      const w = total > 0 ? (weight * (c.recordCount ?? 0)) / total : weight / included.length;
      scoreSubtree(f, c, w, probs, conf);
    }
  };

  /** Scores below `node` (entered as TRUE), falling back to weighting on the next UNKNOWN. */
  const scoreSubtree = (f: Frame, node: TreeNode, weight: number, probs: Float64Array, conf: Float64Array): void => {
    let cur = node;
    outer: for (;;) {
      if (cur.children.length === 0) return addNode(cur, weight, probs, conf);
      for (const child of cur.children) {
        const r = runTest(child.test, table, f);
        if (r === TRUE) {
          cur = child;
          continue outer;
        }
        if (r === UNKNOWN) return weighted(f, cur, weight, probs, conf);
      }
      const last = noTrue(cur);
      if (last) addNode(last, weight, probs, conf);
      return;
    }
  };

  const addNode = (node: TreeNode, weight: number, probs: Float64Array, conf: Float64Array): void => {
    const p = node.probabilities;
    const c = node.confidences ?? p;
    if (p) for (let k = 0; k < nCat; k++) probs[k] = probs[k]! + weight * p[k]!;
    else if (node.hasScore) {
      const k = catIndex.get(node.score)!;
      probs[k] = probs[k]! + weight;
    }
    if (c) for (let k = 0; k < nCat; k++) conf[k] = conf[k]! + weight * c[k]!;
    else if (node.hasScore) {
      const k = catIndex.get(node.score)!;
      conf[k] = conf[k]! + weight;
    }
  };

  /** aggregateNodes: sums leaf record counts over every path an UNKNOWN could take. */
  const aggregate = (f: Frame, node: TreeNode, from: number, counts: Float64Array): void => {
    const children = node.children;
    let reached = false;
    for (let i = from; i < children.length; i++) {
      const child = children[i]!;
      const r = runTest(child.test, table, f);
      if (r === FALSE) continue;
      reached = true;
      if (child.children.length === 0) addCounts(child, counts);
      else aggregate(f, child, 0, counts);
      if (r === TRUE) break;
    }
    if (!reached) {
      const last = noTrue(node);
      if (last) addCounts(last, counts);
    }
  };

  const addCounts = (node: TreeNode, counts: Float64Array): void => {
    const c = node.counts;
    if (!c) throw new PmmlError("PMML_EVALUATION", `aggregateNodes needs ScoreDistribution record counts (at ${node.element.path})`, { path: node.element.path });
    for (let k = 0; k < nCat; k++) counts[k] = counts[k]! + c[k]!;
  };

  let confidence: Float64Array | null = null;
  const penaltyConf = new Float64Array(nCat);

  const evaluate = (f: Frame, state: ModelState): void => {
    selected = null;
    missingLevels = 0;
    mixed = false;
    confidence = null;
    if (colsBatch !== f.batch) {
      cols = table.all(f);
      colsBatch = f.batch;
    }
    if (testNode(layout, 0, cols, f.row, f) !== TRUE) return;
    if (strategy === WEIGHTED_CONFIDENCE || strategy === AGGREGATE_NODES) {
      mixedProbs.fill(0);
      mixedConf.fill(0);
    }
    const reached = walk(f, f.row);
    selected = reached >= 0 ? nodes[reached]! : null;
    if (mixed) return finishMixed(state);
    const node = selected;
    if (!node) return;
    state.entityId = node.id;
    if (!classification) {
      state.values[0] = node.score;
      return;
    }
    const p = node.probabilities;
    if (p) {
      state.probabilities[0]!.set(p);
      state.hasProbabilities[0] = true;
    }
    state.values[0] = node.hasScore ? node.score : p ? argmax(p) : null;
    confidence = node.confidences;
    if (confidence && missingLevels > 0 && penalty !== 1) {
      const factor = Math.pow(penalty, missingLevels);
      for (let k = 0; k < nCat; k++) penaltyConf[k] = confidence[k]! * factor;
      confidence = penaltyConf;
    }
  };

  const finishMixed = (state: ModelState): void => {
    let sum = 0;
    for (let k = 0; k < nCat; k++) sum += mixedProbs[k]!;
    if (!(sum > 0)) return;
    const probs = state.probabilities[0]!;
    for (let k = 0; k < nCat; k++) probs[k] = mixedProbs[k]! / sum;
    state.hasProbabilities[0] = true;
    if (missingStrategy === "aggregateNodes") {
      for (let k = 0; k < nCat; k++) mixedConf[k] = probs[k]!;
    }
    confidence = mixedConf;
    state.values[0] = argmax(missingStrategy === "aggregateNodes" ? mixedProbs : mixedConf);
  };

  const argmax = (xs: Float64Array): Value => {
    let best = -1;
    for (let k = 0; k < nCat; k++) if (best < 0 || xs[k]! > xs[best]!) best = k;
    return best >= 0 ? categories[best]! : null;
  };

  // Confidence per class: ScoreDistribution@confidence (times the missing value penalty), else
  // the class probability of the node.
  let lastState: ModelState | null = null;
  const features: FeatureProvider = (request) => {
    switch (request.feature) {
      case "entityId":
        return { get: () => (selected ? selected.id : null), dataType: "string" };
      case "confidence": {
        if (!classification) return undefined;
        const fixed = request.value !== undefined ? categories.indexOf(parseTypedText(request.value, dataType) ?? request.value) : -1;
        return {
          get: () => {
            const state = lastState;
            if (!state) return null;
            const k = fixed >= 0 ? fixed : catIndex.get(state.values[0]!) ?? -1;
            if (k < 0) return null;
            const c = confidence ?? (state.hasProbabilities[0] ? state.probabilities[0]! : null);
            return c ? c[k]! : null;
          },
          dataType: "double",
        };
      }
      default:
        return undefined;
    }
  };
  const evaluateAndRemember = (f: Frame, state: ModelState): void => {
    lastState = state;
    evaluate(f, state);
  };

  // Ensembles can walk this tree directly when a row always ends at one node.
  const single = strategy !== WEIGHTED_CONFIDENCE && strategy !== AGGREGATE_NODES;
  const leafWalker: LeafWalker | undefined = single
    ? {
        nodes,
        categories,
        walk: (f) => {
          if (colsBatch !== f.batch) {
            cols = table.all(f);
            colsBatch = f.batch;
          }
          return testNode(layout, 0, cols, f.row, f) === TRUE ? walk(f, f.row) : -1;
        },
        walkBlock: layout.tests.some((t) => t.kind === KIND_GENERIC)
          ? undefined
          : (f, from, to, out, offset) => {
              if (colsBatch !== f.batch) {
                cols = table.all(f);
                colsBatch = f.batch;
              }
              for (let r = from; r < to; r++) {
                try {
                  out[offset + r - from] = testNode(layout, 0, cols, r, f) === TRUE ? walk(f, r) : -1;
                } catch {
                  // Reported when the row itself is scored (see LeafWalker.walkBlock).
                  out[offset + r - from] = WALK_FAILED;
                }
              }
            },
      }
    : undefined;

  return { targets: [target], evaluate: evaluateAndRemember, features, leafWalker };
}

registerModel("TreeModel", { children: ["Node"], compile: compileTreeModel });
