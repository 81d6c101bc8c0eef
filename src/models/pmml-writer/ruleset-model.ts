/**
 * C5.0 rule sets → PMML RuleSetModel with `RuleSelectionMethod criterion="weightedSum"`
 * (see `../c50/rules.ts` for the voting it encodes).
 */
import type { RuleSet } from "../c50/rules.js";
import type { FieldInfo } from "../tree/tree-types.js";
import { categoryText, miningSchema, outputFields, type OutputNaming } from "./fields.js";
import { conditionPredicate } from "./predicates.js";
import { el, type XmlNode } from "./xml.js";

export interface RuleSetModelOptions {
  readonly algorithmName: string;
  readonly modelName?: string;
  readonly output?: OutputNaming;
}

export function ruleSetModelElement(rs: RuleSet, inputs: readonly FieldInfo[], target: FieldInfo, options: RuleSetModelOptions): XmlNode {
  const classes = target.categories!;
  const rules = rs.rules.map((r, i) => {
    const parts = r.conditions.map((c) => conditionPredicate(inputs[c.input]!, c.condition));
    const predicate = parts.length === 0 ? el("True") : parts.length === 1 ? parts[0]! : el("CompoundPredicate", { booleanOperator: "and" }, parts);
    return el("SimpleRule", {
      id: String(i + 1), score: categoryText(classes[r.prediction]!), recordCount: r.covered, nbCorrect: r.correct,
      confidence: r.confidence, weight: r.confidence,
    }, [predicate]);
  });
  return el("RuleSetModel", { modelName: options.modelName, functionName: "classification", algorithmName: options.algorithmName }, [
    miningSchema(inputs, target),
    options.output ? outputFields(target, options.output) : null,
    el("RuleSet", { defaultScore: categoryText(classes[rs.defaultClass]!), defaultConfidence: rs.defaultConfidence }, [
      el("RuleSelectionMethod", { criterion: "weightedSum" }),
      ...rules,
    ]),
  ]);
}
