/**
 * `Tree` → PMML TreeModel. The predicates reproduce the routing rules of
 * `../tree/tree-types.ts`:
 * - rule 1 (unseen category stops): `noTrueChildStrategy="returnLastPrediction"`;
 * - rule 2a (missing category): the child's predicate is `condition OR isMissing`;
 * - rule 2b/2c (surrogates, default child): `CompoundPredicate booleanOperator="surrogate"`
 *   of the primary condition, each surrogate's condition for the same child, and a final
 *   `<True/>` on the default child (`<False/>` on the others), so no predicate is UNKNOWN;
 * - rule 2d (stop): `missingValueStrategy="lastPrediction"`;
 * - C5.0's fractional treatment of missing values: `missingValueStrategy="weightedConfidence"`.
 */
import { categoryText, miningSchema, outputFields, pmmlDocument, type OutputNaming } from "./fields.js";
import { conditionOrMissing, conditionPredicate } from "./predicates.js";
import { el, serializeXml, type XmlNode } from "./xml.js";
import type { Tree, TreeNode } from "../tree/tree-types.js";

export type MissingValueStyle = "surrogates" | "lastPrediction" | "weightedConfidence";

export interface TreeModelOptions {
  readonly modelName?: string;
  readonly algorithmName: string;
  readonly missing: MissingValueStyle;
  /** Output fields; left out for segments of an ensemble (the MiningModel has them). */
  readonly output?: OutputNaming;
}

function nodePredicate(tree: Tree, parent: TreeNode, k: number, style: MissingValueStyle): XmlNode {
  const s = parent.split!;
  const field = tree.inputs[s.input]!;
  const primary = s.missingChild === k ? conditionOrMissing(field, s.conditions[k]!) : conditionPredicate(field, s.conditions[k]!);
  if (style !== "surrogates") return primary;
  const parts = [primary, ...s.surrogates.map((sg) => conditionPredicate(tree.inputs[sg.input]!, sg.conditions[k]!))];
  if (s.defaultChild >= 0) parts.push(el(s.defaultChild === k ? "True" : "False"));
  return parts.length === 1 ? primary : el("CompoundPredicate", { booleanOperator: "surrogate" }, parts);
}

function nodeElement(tree: Tree, node: TreeNode, predicate: XmlNode, style: MissingValueStyle): XmlNode {
  const classes = tree.target.categories;
  const children: XmlNode[] = [predicate];
  if (classes) {
    classes.forEach((c, k) => {
      children.push(el("ScoreDistribution", {
        value: categoryText(c),
        recordCount: node.classWeights ? node.classWeights[k]! : 0,
        probability: node.probabilities ? node.probabilities[k]! : 0,
        confidence: node.confidences ? node.confidences[k]! : node.probabilities ? node.probabilities[k]! : 0,
      }));
    });
  }
  if (node.split) node.children.forEach((child, k) => children.push(nodeElement(tree, child, nodePredicate(tree, node, k, style), style)));
  const score = classes ? categoryText(classes[node.prediction]!) : node.prediction;
  return el("Node", { id: String(node.id), score, recordCount: node.weight }, children);
}

/** The TreeModel element (MiningSchema, optional Output, nodes). */
export function treeModelElement(tree: Tree, options: TreeModelOptions): XmlNode {
  const classification = tree.target.categories !== undefined;
  return el("TreeModel", {
    modelName: options.modelName,
    functionName: classification ? "classification" : "regression",
    algorithmName: options.algorithmName,
    splitCharacteristic: tree.binary ? "binarySplit" : "multiSplit",
    missingValueStrategy: options.missing === "surrogates" ? "none" : options.missing,
    noTrueChildStrategy: "returnLastPrediction",
  }, [
    miningSchema(tree.inputs, tree.target),
    options.output ? outputFields(tree.target, options.output) : null,
    nodeElement(tree, tree.root, el("True"), options.missing),
  ]);
}

/** A complete PMML document holding one tree. */
export function treePmml(tree: Tree, options: TreeModelOptions): string {
  const model = treeModelElement(tree, options);
  return serializeXml(pmmlDocument([...tree.inputs, tree.target], `${options.algorithmName} model trained by modeler-batch`, [model]));
}
