/**
 * RuleSetModel.
 *
 * Rules fire when their predicate is TRUE (UNKNOWN does not fire); a CompoundRule's rules are
 * tried only when its own predicate is TRUE. The first RuleSelectionMethod decides:
 * - firstHit: the first rule fired (document order) wins with its confidence;
 * - weightedSum: per predicted value, the sum of the fired rules' weights divided by the number
 *   of fired rules; the largest wins (the first on ties);
 * - weightedMax: the fired rule with the largest weight wins (the first on ties), with its confidence.
 * No rule fired: RuleSet@defaultScore with defaultConfidence. Per-class confidences (feature
 * confidence with a value) are those of each class's deciding rule; probabilities, when asked,
 * come from the winning rule's ScoreDistribution.
 */
import { invalid, unsupported } from "../../errors.js";
import type { Scope } from "../../fields/scope.js";
import { compilePredicate, predicateChild, TRUTH, type Predicate, PREDICATE_ELEMENTS } from "../../predicates/compile-predicate.js";
import type { Frame } from "../../runtime/frame.js";
import { parseTypedText, type DataType, type Value } from "../../types/values.js";
import { checkChildren, enumAttr, numberAttr, requiredAttr, requiredChild } from "../../xml/read.js";
import type { XmlElement } from "../../xml/xml-element.js";
import { registerModel, type ModelCore, type ModelSetup } from "../compile-model.js";

const { TRUE } = TRUTH;
import type { FeatureProvider, ModelState } from "../model.js";

interface Rule {
  readonly id: string;
  readonly score: Value;
  readonly weight: number;
  readonly confidence: number;
  readonly distribution: { value: Value; count?: number; probability?: number }[];
}

type RuleNode = { predicate: Predicate; rule: number } | { predicate: Predicate; children: RuleNode[] };

function readDistribution(el: XmlElement, dt: DataType): Rule["distribution"] {
  return el.childrenNamed("ScoreDistribution").map((d) => {
    checkChildren(d, []);
    const v = parseTypedText(requiredAttr(d, "value"), dt);
    if (v === undefined || v === null) throw invalid(`ScoreDistribution@value is not a ${dt}`, d.path);
    return { value: v, count: numberAttr(d, "recordCount"), probability: numberAttr(d, "probability") };
  });
}

function compileRuleSetModel(setup: ModelSetup): ModelCore {
  const { el, scope, functionName } = setup;
  if (functionName !== "classification") throw unsupported(`RuleSetModel@functionName="${functionName}"`, el.path);
  const ruleSet = requiredChild(el, "RuleSet");
  checkChildren(ruleSet, ["RuleSelectionMethod", "ScoreDistribution", "SimpleRule", "CompoundRule"]);
  const methods = ruleSet.childrenNamed("RuleSelectionMethod");
  if (methods.length === 0) throw invalid("RuleSet needs a RuleSelectionMethod", ruleSet.path);
  const criterion = enumAttr(methods[0]!, "criterion", ["weightedSum", "weightedMax", "firstHit"] as const, "firstHit");
  const { dataType } = setup.targetType(0);
  const typed = (text: string, at: XmlElement): Value => {
    const v = parseTypedText(text, dataType);
    if (v === undefined || v === null) throw invalid(`score "${text}" is not a ${dataType}`, at.path);
    return v;
  };

  const rules: Rule[] = [];
  const build = (container: XmlElement, s: Scope): RuleNode[] =>
    container.children
      .filter((c) => c.name === "SimpleRule" || c.name === "CompoundRule")
      .map((c) => {
        if (c.name === "SimpleRule") {
          checkChildren(c, [...PREDICATE_ELEMENTS, "ScoreDistribution"]);
          rules.push({
            id: c.attr("id") ?? String(rules.length + 1),
            score: typed(requiredAttr(c, "score"), c),
            weight: numberAttr(c, "weight", 1),
            confidence: numberAttr(c, "confidence", 1),
            distribution: readDistribution(c, dataType),
          });
          return { predicate: compilePredicate(predicateChild(c), s), rule: rules.length - 1 };
        }
        checkChildren(c, [...PREDICATE_ELEMENTS, "SimpleRule", "CompoundRule"]);
        return { predicate: compilePredicate(predicateChild(c), s), children: build(c, s) };
      });
  const tree = build(ruleSet, scope);
  const defaultScoreText = ruleSet.attr("defaultScore");
  const defaultScore = defaultScoreText === undefined ? null : typed(defaultScoreText, ruleSet);
  const defaultConfidence = numberAttr(ruleSet, "defaultConfidence", 0);
  const defaultDistribution = readDistribution(ruleSet, dataType);

  const own: Value[] = [];
  for (const v of [...rules.map((r) => r.score), ...(defaultScore === null ? [] : [defaultScore])]) if (!own.includes(v)) own.push(v);
  const target = setup.target(0, own);
  const categories = target.categories;
  const k = categories.length;
  const scoreIndex = Int32Array.from(rules, (r) => categories.indexOf(r.score));

  // Per row: fired rules in order, the winner, per-class confidences.
  const fired = new Int32Array(rules.length);
  let firedCount = 0;
  let winner = -1;
  const confidences = new Float64Array(k);
  const deciding = new Int32Array(k);
  let confidence: number | null = null;

  const walk = (nodes: RuleNode[], f: Frame): boolean => {
    for (const n of nodes) {
      if (n.predicate(f) !== TRUE) continue;
      if ("rule" in n) {
        fired[firedCount++] = n.rule;
        if (criterion === "firstHit") return true;
      } else if (walk(n.children, f) && criterion === "firstHit") return true;
    }
    return false;
  };

  const setProbabilities = (state: ModelState, dist: Rule["distribution"]): void => {
    if (dist.length === 0) return;
    const probs = state.probabilities[0]!;
    probs.fill(0);
    const useProbability = dist[0]!.probability !== undefined;
    let sum = 0;
    for (const d of dist) sum += (useProbability ? d.probability : d.count) ?? 0;
    if (!(sum > 0)) return;
    for (const d of dist) {
      const i = categories.indexOf(d.value);
      if (i >= 0) probs[i] = ((useProbability ? d.probability : d.count) ?? 0) / sum;
    }
    state.hasProbabilities[0] = true;
  };

  const evaluate = (f: Frame, state: ModelState): void => {
    firedCount = 0;
    winner = -1;
    confidence = null;
    confidences.fill(0);
    deciding.fill(-1);
    walk(tree, f);
    if (firedCount === 0) {
      state.values[0] = defaultScore;
      if (defaultScore !== null) {
        confidence = defaultConfidence;
        confidences[categories.indexOf(defaultScore)] = defaultConfidence;
      }
      setProbabilities(state, defaultDistribution);
      return;
    }
    for (let i = 0; i < firedCount; i++) {
      const r = fired[i]!;
      const c = scoreIndex[r]!;
      const d = deciding[c]!;
      if (criterion === "weightedSum") {
        confidences[c] = confidences[c]! + rules[r]!.weight;
        if (d < 0 || rules[r]!.weight > rules[d]!.weight) deciding[c] = r;
      } else if (criterion === "weightedMax") {
        if (d < 0 || rules[r]!.weight > rules[d]!.weight) {
          deciding[c] = r;
          confidences[c] = rules[r]!.confidence;
        }
        if (winner < 0 || rules[r]!.weight > rules[winner]!.weight) winner = r;
      } else if (d < 0) {
        deciding[c] = r;
        confidences[c] = rules[r]!.confidence;
      }
    }
    if (criterion === "weightedSum") {
      // The fired score with the largest total weight wins (the first such score on ties).
      let best = -1;
      for (let i = 0; i < firedCount; i++) {
        const c = scoreIndex[fired[i]!]!;
        if (best < 0 || confidences[c]! > confidences[best]!) best = c;
      }
      for (let c = 0; c < k; c++) if (deciding[c]! >= 0) confidences[c] = confidences[c]! / firedCount;
      winner = deciding[best]!;
    } else if (criterion === "firstHit") {
      winner = fired[0]!;
    }
    const w = rules[winner]!;
    state.values[0] = w.score;
    state.entityId = w.id;
    confidence = confidences[scoreIndex[winner]!]!;
    setProbabilities(state, w.distribution);
  };

  const features: FeatureProvider = (request) => {
    if (request.rank > 1) throw unsupported(`OutputField@rank="${request.rank}" for RuleSetModel`, request.element.path);
    switch (request.feature) {
      case "entityId":
        return { get: () => (winner >= 0 ? rules[winner]!.id : null), dataType: "string" };
      case "confidence": {
        if (request.value === undefined) return { get: () => confidence, dataType: "double" };
        const c = categories.indexOf(typed(request.value, request.element));
        return { get: () => (c >= 0 && (deciding[c]! >= 0 || winner < 0) ? confidences[c]! : 0), dataType: "double" };
      }
      case "ruleValue": {
        const feature = request.ruleFeature ?? "consequent";
        if (feature === "ruleId") return { get: () => (winner >= 0 ? rules[winner]!.id : null), dataType: "string" };
        if (feature === "consequent") return { get: () => (winner >= 0 ? rules[winner]!.score : null), dataType };
        if (feature === "confidence") return { get: () => (winner >= 0 ? rules[winner]!.confidence : null), dataType: "double" };
        throw unsupported(`OutputField@ruleFeature="${feature}" for RuleSetModel`, request.element.path);
      }
      default:
        return undefined;
    }
  };

  return { targets: [target], evaluate, features };
}

registerModel("RuleSetModel", { children: ["RuleSet"], compile: compileRuleSetModel });
