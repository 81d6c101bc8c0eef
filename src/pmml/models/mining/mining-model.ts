/**
 * MiningModel: a Segmentation of nested models, combined by multipleModelMethod.
 *
 * Segments whose predicate is TRUE are scored in document order. selectFirst stops at the first;
 * modelChain and multiModelChain let each segment see the output fields of the segments before
 * it, and their result is that of the last segment scored; selectAll scores every segment and
 * leaves the results to OutputFields with segmentId (the model itself has no single prediction).
 * A segment without a prediction makes the whole result missing (missingPredictionTreatment
 * returnMissing, the default), is skipped (skipSegment, up to missingThreshold of the weight), or
 * counts as a vote for "missing" (continue). Output fields of the selected segment (selectFirst),
 * of the trailing segment (modelChain) or of all segments (multiModelChain) are exposed as
 * results of the whole model, like JPMML does.
 */
import { invalid, unsupported } from "../../errors.js";
import { Scope } from "../../fields/scope.js";
import { numberArg } from "../../functions/function.js";
import { fieldExpression } from "../../expressions/simple-expressions.js";
import { compilePredicate, predicateChild, TRUTH, type Predicate, PREDICATE_ELEMENTS } from "../../predicates/compile-predicate.js";
import type { Frame, Getter } from "../../runtime/frame.js";
import type { Value } from "../../types/values.js";
import { checkChildren, enumAttr, numberAttr, requiredAttr, requiredChild } from "../../xml/read.js";
import type { XmlElement } from "../../xml/xml-element.js";
import { isModelElement, registerModel, type ModelCore, type ModelSetup } from "../compile-model.js";
import type { CompiledModel, FeatureProvider, ModelState, OutputFieldInfo } from "../model.js";

const { TRUE } = TRUTH;
import { probabilityCombiner, regressionCombiner, voteCombiner, type Combiner } from "./segment-aggregation.js";
import { compileTreeEnsemble } from "./tree-ensemble.js";

const METHODS = [
  "majorityVote",
  "weightedMajorityVote",
  "average",
  "weightedAverage",
  "median",
  "weightedMedian",
  "max",
  "sum",
  "weightedSum",
  "selectFirst",
  "selectAll",
  "modelChain",
  "multiModelChain",
] as const;
type Method = (typeof METHODS)[number];

interface CompiledSegment {
  readonly id: string;
  readonly predicate: Predicate;
  readonly weight: number;
  readonly variableWeight?: (f: Frame) => number | null;
  readonly model: CompiledModel;
  /** The Segment's predicate is <True/> (for JPMML's choice of exposed output fields). */
  readonly alwaysTrue: boolean;
}

function compileMiningModel(setup: ModelSetup): ModelCore {
  const { el, functionName } = setup;
  const segmentation = requiredChild(el, "Segmentation");
  checkChildren(segmentation, ["Segment"]);
  const method = enumAttr(segmentation, "multipleModelMethod", METHODS, "selectFirst");
  if (segmentation.attr("multipleModelMethod") === undefined) throw invalid("Segmentation needs a multipleModelMethod", segmentation.path);
  const missingTreatment = enumAttr(segmentation, "missingPredictionTreatment", ["returnMissing", "skipSegment", "continue"] as const, "returnMissing");
  const missingThreshold = numberAttr(segmentation, "missingThreshold", 1);
  const chain = method === "modelChain" || method === "multiModelChain";

  const segments: CompiledSegment[] = [];
  let scope: Scope = setup.scope;
  const ownType = setup.targetType(0);
  segmentation.childrenNamed("Segment").forEach((segEl, i) => {
    checkChildren(segEl, [...PREDICATE_ELEMENTS, "VariableWeight", ...modelChildren(segEl)]);
    const modelEl = segEl.children.find((c) => isModelElement(c));
    if (!modelEl) throw invalid("Segment needs a model", segEl.path);
    const id = segEl.attr("id") ?? String(i + 1);
    const predicate = compilePredicate(predicateChild(segEl), scope);
    const model = setup.compileNested(modelEl, scope, chain ? undefined : ownType);
    const vw = segEl.child("VariableWeight");
    let variableWeight: ((f: Frame) => number | null) | undefined;
    if (vw) {
      checkChildren(vw, []);
      variableWeight = numberArg(fieldExpression(model.outputScope.resolve(requiredAttr(vw, "field"), vw)), vw);
    }
    const alwaysTrue = predicateChild(segEl).name === "True";
    segments.push({ id, predicate, weight: numberAttr(segEl, "weight", 1), variableWeight, model, alwaysTrue });
    if (chain) scope = chainScope(scope, model, id);
  });
  if (segments.length === 0) throw invalid("Segmentation needs at least one Segment", segmentation.path);
  const byId = new Map(segments.map((s) => [s.id, s.model]));

  const categorical = functionName === "classification" || functionName === "clustering";
  const own: Value[] = [];
  if (categorical) {
    const seen = new Set<Value>();
    for (const s of segments) {
      for (const c of s.model.targets[0]?.categories ?? []) {
        if (!seen.has(c)) {
          seen.add(c);
          own.push(c);
        }
      }
    }
  }
  const target = setup.target(0, own);
  const float = setup.ctx.mathContext === "float";
  // A float32 learner (XGBoost) starts its sum from the base score: so must a float sum, or it
  // rounds differently from the model it reproduces.
  const spec = setup.targetSpec(0);
  const foldConstant = float && method === "sum" && functionName === "regression" && spec !== undefined && spec.rescaleConstant !== 0 && spec.rescaleFactor === 1;
  const combiner = makeCombiner(method, functionName, target.categories, segments.length, float, segmentation, foldConstant ? spec!.rescaleConstant : 0);
  const passThrough = method === "selectFirst" || method === "modelChain" || method === "multiModelChain";

  let lastScored: CompiledSegment | null = null;
  const evaluate = (f: Frame, state: ModelState): void => {
    combiner?.begin();
    lastScored = null;
    let totalWeight = 0;
    let missingWeight = 0;
    for (let i = 0; i < segments.length; i++) {
      const s = segments[i]!;
      if (s.predicate(f) !== TRUE) continue;
      s.model.evaluate(f);
      const weight = s.variableWeight ? (s.variableWeight(f) ?? 0) : s.weight;
      totalWeight += weight;
      const predicted = s.model.state.values[0];
      if (method === "selectAll") {
        lastScored = s;
        continue;
      }
      if (predicted === null || predicted === undefined) {
        if (missingTreatment === "returnMissing") return;
        if (missingTreatment === "skipSegment") {
          missingWeight += weight;
          continue;
        }
        // continue: a vote for "missing"; for every other method the result is missing, except
        // that a chain or selectFirst simply passes the missing prediction on.
        if (combiner?.addMissing) {
          combiner.addMissing(weight);
          continue;
        }
        if (!passThrough) return;
      }
      lastScored = s;
      if (method === "selectFirst") return copyResult(s.model, state);
      if (combiner) combiner.add(s.model, weight);
    }
    if (passThrough) {
      if (method !== "selectFirst" && lastScored) copyResult(lastScored.model, state);
      return;
    }
    if (method === "selectAll") return;
    if (totalWeight > 0 && missingWeight / totalWeight > missingThreshold) return;
    combiner?.finish(state);
  };

  // Forests and boosted trees: combine leaves directly (same results, see tree-ensemble.ts), unless
  // an OutputField reads a segment's own results.
  const readsSegments = el.child("Output")?.childrenNamed("OutputField").some((o) => o.attr("segmentId") !== undefined) ?? false;
  const ensemble = readsSegments
    ? undefined
    : compileTreeEnsemble(segments, {
        method,
        functionName,
        target,
        float,
        start: foldConstant ? spec!.rescaleConstant : 0,
        missingTreatment,
        missingThreshold,
      });

  const copyResult = (from: CompiledModel, state: ModelState): void => {
    state.entityId = from.state.entityId;
    state.values[0] = from.state.values[0] ?? null;
    if (from.state.hasProbabilities[0] && target.categories.length > 0) {
      const own = from.targets[0]!.categories;
      const src = from.state.probabilities[0]!;
      const dst = state.probabilities[0]!;
      dst.fill(0);
      for (let j = 0; j < own.length; j++) {
        const k = target.categories.indexOf(own[j]!);
        if (k >= 0) dst[k] = src[j]!;
      }
      state.hasProbabilities[0] = true;
    }
  };

  const features: FeatureProvider = (request) => {
    if (request.feature === "entityId" && !passThrough && method !== "selectAll") return undefined;
    // Model-specific features of a pass-through result come from the segment that produced it.
    if (!passThrough) return undefined;
    const providers = segments.map((s) => ({ model: s.model, g: s.model.features(request) }));
    if (providers.some((p) => !p.g)) return undefined;
    return {
      get: (f) => {
        for (const p of providers) if (p.model === lastScored?.model) return p.g!.get(f);
        return null;
      },
      dataType: providers[0]!.g!.dataType,
    };
  };

  return {
    targets: [target],
    evaluate: ensemble ?? evaluate,
    features,
    segments: byId,
    nestedOutputFields: () => exposedOutputs(method, segments),
    foldedRescaleConstant: foldConstant,
  };
}

function isVote(method: Method): boolean {
  return method === "majorityVote" || method === "weightedMajorityVote";
}

function modelChildren(segEl: XmlElement): string[] {
  return segEl.children.filter((c) => isModelElement(c)).map((c) => c.name);
}

function makeCombiner(method: Method, fn: string, categories: readonly Value[], n: number, float: boolean, el: XmlElement, start: number): Combiner | undefined {
  switch (method) {
    case "selectFirst":
    case "selectAll":
    case "modelChain":
    case "multiModelChain":
      return undefined;
    default:
      break;
  }
  if (fn === "regression") {
    if (isVote(method)) throw invalid(`multipleModelMethod="${method}" for a regression MiningModel`, el.path);
    return regressionCombiner(method, n, float, start);
  }
  if (fn === "classification") {
    if (isVote(method)) return voteCombiner(categories, method === "weightedMajorityVote", true);
    if (method === "average" || method === "weightedAverage" || method === "median" || method === "max") return probabilityCombiner(method, categories, n);
    throw invalid(`multipleModelMethod="${method}" for a classification MiningModel`, el.path);
  }
  if (fn === "clustering") {
    if (isVote(method)) return voteCombiner(categories, method === "weightedMajorityVote", false);
    throw invalid(`multipleModelMethod="${method}" for a clustering MiningModel`, el.path);
  }
  throw unsupported(`multipleModelMethod="${method}" for a ${fn} MiningModel`, el.path);
}

/** The scope a chained segment sees: everything before, plus the previous segment's outputs. */
function chainScope(parent: Scope, model: CompiledModel, id: string): Scope {
  const scope = new Scope(parent, `the model chain after Segment ${id}`);
  for (const o of model.outputFields) {
    if (scope.hasOwn(o.name)) continue;
    scope.defineLazy(o.name, `Segment ${id}`, () => model.outputScope.resolve(o.name, `Segment ${id}`));
  }
  return scope;
}

/** JPMML's nested result fields: the head up to the first always-true segment (selectFirst), the tail (modelChain), all (multiModelChain). */
function exposedOutputs(method: Method, segments: CompiledSegment[]): OutputFieldInfo[] {
  let candidates: CompiledSegment[] = [];
  const alwaysTrue = (s: CompiledSegment) => s.alwaysTrue;
  if (method === "selectFirst") {
    const i = segments.findIndex(alwaysTrue);
    candidates = i >= 0 ? segments.slice(0, i + 1) : segments;
  } else if (method === "modelChain") {
    const rev = [...segments].reverse();
    const i = rev.findIndex(alwaysTrue);
    candidates = (i >= 0 ? rev.slice(0, i + 1) : rev).reverse();
  } else if (method === "multiModelChain") {
    candidates = segments;
  }
  const byName = new Map<string, OutputFieldInfo[]>();
  for (const s of candidates) {
    for (const o of [...s.model.outputFields, ...s.model.nestedOutputFields]) {
      const list = byName.get(o.name) ?? [];
      list.push(o);
      byName.set(o.name, list);
    }
  }
  const out: OutputFieldInfo[] = [];
  for (const [name, list] of byName) {
    const getters: Getter[] = list.map((o) => o.get);
    const first = list[0]!;
    const get: Getter = (f) => {
      for (const g of getters) {
        const v = g(f);
        if (v !== null) return v;
      }
      return null;
    };
    out.push({ ...first, name, get, compute: get });
  }
  return out;
}

registerModel("MiningModel", { children: ["Segmentation"], compile: compileMiningModel });
