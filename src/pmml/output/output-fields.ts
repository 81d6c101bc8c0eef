/**
 * Output: the result fields a model declares (OutputField), computed after the model scored a row.
 *
 * Features every model has (predictedValue, predictedDisplayValue, probability, residual,
 * transformedValue, decision) are built here from the model's state; model-specific ones
 * (entityId, affinity, reasonCode, …) come from the model's feature provider. An OutputField
 * with `segmentId` reads the named segment's model instead. Output fields are scoped like
 * derived fields: they may refer to each other, and later segments of a model chain see them.
 */
import { invalid, unsupported } from "../errors.js";
import type { CompileContext } from "../expressions/context.js";
import { compileExpression, EXPRESSION_ELEMENTS, expressionChild } from "../expressions/compile-expression.js";
import { defaultOpType, readDataType, readOpType } from "../fields/data-field.js";
import { Scope } from "../fields/scope.js";
import { cachedSlot, type Frame, type Getter } from "../runtime/frame.js";
import { castValue, parseTypedText, toOutsideValue, valueToText, type DataType, type OpType, type Value } from "../types/values.js";
import { booleanAttr, checkChildren, enumAttr, integerAttr, requiredAttr } from "../xml/read.js";
import type { XmlElement } from "../xml/xml-element.js";
import type { CompiledModel, OutputFieldInfo, OutputRequest } from "../models/model.js";

export const OUTPUT_FEATURES = [
  "predictedValue",
  "predictedDisplayValue",
  "transformedValue",
  "decision",
  "probability",
  "affinity",
  "residual",
  "standardError",
  "standardDeviation",
  "clusterId",
  "clusterAffinity",
  "entityId",
  "entityAffinity",
  "warning",
  "ruleValue",
  "reasonCode",
  "antecedent",
  "consequent",
  "rule",
  "ruleId",
  "confidence",
  "support",
  "lift",
  "leverage",
  "report",
  "confidenceIntervalLower",
  "confidenceIntervalUpper",
] as const;

/** The parts of a model the outputs read (the model is still being assembled when they compile). */
export type OutputModel = Pick<CompiledModel, "element" | "targets" | "state" | "features" | "scope" | "segments">;

export function compileOutputs(outputEl: XmlElement | undefined, model: OutputModel, ctx: CompileContext, label: string): { scope: Scope; fields: OutputFieldInfo[] } {
  const scope = new Scope(model.scope, `Output of ${label}`);
  const fields: OutputFieldInfo[] = [];
  if (!outputEl) return { scope, fields };
  checkChildren(outputEl, ["OutputField"]);
  const pending: {
    info: Omit<OutputFieldInfo, "get" | "compute">;
    declaredOptype?: OpType;
    compiled?: { get: Getter; compute: Getter; dataType: DataType };
  }[] = [];
  for (const el of outputEl.childrenNamed("OutputField")) {
    checkChildren(el, ["Decisions", "Value", ...EXPRESSION_ELEMENTS]);
    const name = requiredAttr(el, "name");
    const feature = enumAttr(el, "feature", OUTPUT_FEATURES, "predictedValue");
    const declaredType = readDataType(el);
    // An expression's type is its own unless declared; other features have a natural type.
    const fromExpression = declaredType === undefined && (feature === "transformedValue" || feature === "decision");
    // Multi-valued results are the JSON text of their values.
    const dataType = booleanAttr(el, "isMultiValued", false) ? "string" : (declaredType ?? defaultDataType(feature, el, model));
    const optype = readOpType(el);
    const isFinalResult = booleanAttr(el, "isFinalResult", true);
    // Rattle 1.3 declares two OutputFields of the same name; the first one wins, like JPMML's map.
    if (scope.hasOwn(name)) continue;
    const entry: (typeof pending)[number] = { info: { name, dataType, optype: optype ?? defaultOpType(dataType), feature, isFinalResult }, declaredOptype: optype };
    pending.push(entry);
    scope.defineLazy(name, el.path, () => {
      const raw = compileFeature(el, feature, model, scope, ctx);
      const type = fromExpression ? raw.dataType : dataType;
      const compute = castTo(raw.get, raw.dataType, type);
      // Other output fields and chained segments read the cached value; result columns compute it.
      entry.compiled = { get: cachedSlot(ctx.layout.allocateSlot(), compute), compute, dataType: type };
      return { name, dataType: type, optype: optype ?? defaultOpType(type), get: entry.compiled.get };
    });
  }
  scope.compileAll();
  for (const p of pending) {
    const c = p.compiled!;
    fields.push({ ...p.info, dataType: c.dataType, optype: p.declaredOptype ?? defaultOpType(c.dataType), get: c.get, compute: c.compute });
  }
  return { scope, fields };
}

function castTo(g: Getter, from: DataType, to: DataType): Getter {
  if (from === to) return g;
  return (f) => {
    const v = g(f);
    if (v === null) return null;
    const c = castValue(v, from, to);
    return c === undefined ? null : c;
  };
}

function targetIndex(el: XmlElement, model: OutputModel): number {
  const name = el.attr("targetField");
  if (name === undefined) return 0;
  const i = model.targets.findIndex((t) => t.name === name);
  if (i < 0) throw invalid(`OutputField@targetField="${name}" is not a target of the model`, el.path);
  return i;
}

function defaultDataType(feature: string, el: XmlElement, model: OutputModel): DataType {
  switch (feature) {
    case "predictedValue":
      return model.targets[targetIndex(el, model)]?.dataType ?? "double";
    case "predictedDisplayValue":
    case "entityId":
    case "clusterId":
    case "reasonCode":
    case "ruleId":
    case "antecedent":
    case "consequent":
    case "rule":
    case "warning":
      return feature === "clusterId" ? "integer" : "string";
    case "transformedValue":
    case "decision":
      return "string";
    default:
      return "double";
  }
}

export function outputRequest(el: XmlElement, feature: string, model: OutputModel): OutputRequest {
  return {
    feature,
    element: el,
    target: targetIndex(el, model),
    value: el.attr("value"),
    rank: integerAttr(el, "rank", 1)!,
    rankOrder: enumAttr(el, "rankOrder", ["descending", "ascending"] as const, "descending"),
    rankBasis: enumAttr(el, "rankBasis", ["confidence", "support", "lift", "leverage", "affinity"] as const, "confidence"),
    isMultiValued: booleanAttr(el, "isMultiValued", false),
    ruleFeature: el.attr("ruleFeature"),
  };
}

interface RawFeature {
  get: Getter;
  dataType: DataType;
}

function compileFeature(el: XmlElement, feature: string, owner: OutputModel, scope: Scope, ctx: CompileContext): RawFeature {
  let model = owner;
  const segmentId = el.attr("segmentId");
  if (segmentId !== undefined) {
    const segment = owner.segments?.get(segmentId);
    if (!segment) throw invalid(`OutputField@segmentId="${segmentId}" names no Segment of the model`, el.path);
    model = segment;
  }
  const request = outputRequest(el, feature, model);
  const single = (r: OutputRequest): RawFeature => genericFeature(r, model, scope, ctx) ?? specificFeature(r, model);
  const raw = request.isMultiValued ? multiValued(request, single) : single(request);
  const state = model.state;
  const g = raw.get;
  // A model that did not score this row (an unselected segment) has no results.
  return { get: (f) => (state.gen === f.gen ? g(f) : null), dataType: raw.dataType };
}

/**
 * isMultiValued="1": the values of ranks 1 … rank, as the JSON text of an array (results are
 * scalars; ranks without a value are left out).
 */
function multiValued(request: OutputRequest, single: (r: OutputRequest) => RawFeature): RawFeature {
  const parts = Array.from({ length: request.rank }, (_, i) => single({ ...request, rank: i + 1, isMultiValued: false }));
  const dt = parts[0]!.dataType;
  return {
    get: (f) => {
      const values: Value[] = [];
      for (const p of parts) {
        const v = p.get(f);
        if (v === null) break;
        values.push(typeof v === "number" ? v : (toOutsideValue(v, dt) as Value));
      }
      return JSON.stringify(values);
    },
    dataType: "string",
  };
}

function specificFeature(request: OutputRequest, model: OutputModel): RawFeature {
  const g = model.features(request);
  if (!g) throw unsupported(`OutputField@feature="${request.feature}" for ${model.element}`, request.element.path);
  return g;
}

function categoryIndex(request: OutputRequest, model: OutputModel, text: string): number {
  const t = model.targets[request.target]!;
  const typed = parseTypedText(text, t.dataType);
  const k = t.categories.indexOf(typed ?? text);
  return k;
}

function genericFeature(request: OutputRequest, model: OutputModel, scope: Scope, ctx: CompileContext): RawFeature | undefined {
  const { state } = model;
  const t = request.target;
  const target = model.targets[t];
  switch (request.feature) {
    case "predictedValue":
      if (!target) return undefined;
      if (isRanked(request)) return { get: rankedCategory(request, model), dataType: target.dataType };
      return { get: () => state.values[t]!, dataType: target.dataType };
    case "predictedDisplayValue": {
      if (!target) return undefined;
      const display = target.displayValues;
      const dt = target.dataType;
      const valueOf: Getter = isRanked(request) ? rankedCategory(request, model) : () => state.values[t]!;
      return {
        get: (f) => {
          const v = valueOf(f);
          if (v === null) return null;
          return display.get(v) ?? valueToText(v, dt);
        },
        dataType: "string",
      };
    }
    case "probability": {
      if (!target || target.categories.length === 0) return undefined;
      const probs = state.probabilities[t]!;
      if (request.value !== undefined) {
        const k = categoryIndex(request, model, request.value);
        return { get: () => (state.hasProbabilities[t] ? (k >= 0 ? probs[k]! : 0) : null), dataType: "double" };
      }
      if (isRanked(request)) {
        const rankIndex = rankedIndex(request, model);
        return { get: (f) => (state.hasProbabilities[t] ? probabilityAt(probs, rankIndex(f)) : null), dataType: "double" };
      }
      const categories = target.categories;
      return {
        get: () => {
          if (!state.hasProbabilities[t]) return null;
          const k = categories.indexOf(state.values[t]!);
          return k >= 0 ? probs[k]! : null;
        },
        dataType: "double",
      };
    }
    case "residual": {
      if (!target || target.name === null) return undefined;
      const actual = scope.resolve(target.name, request.element).get;
      if (target.categories.length === 0) {
        return {
          get: (f) => {
            const a = actual(f);
            const p = state.values[t];
            return typeof a === "number" && typeof p === "number" ? a - p : null;
          },
          dataType: "double",
        };
      }
      const probs = state.probabilities[t]!;
      const categories = target.categories;
      const fixed = request.value !== undefined ? categoryIndex(request, model, request.value) : -1;
      return {
        get: (f) => {
          const a = actual(f);
          if (a === null || !state.hasProbabilities[t]) return null;
          const ka = categories.indexOf(a);
          if (fixed >= 0) return (ka === fixed ? 1 : 0) - probs[fixed]!;
          return 1 - (ka >= 0 ? probs[ka]! : 0);
        },
        dataType: "double",
      };
    }
    case "transformedValue":
    case "decision": {
      const exprEl = expressionChild(request.element);
      if (!exprEl) {
        if (request.feature === "transformedValue") return undefined;
        throw invalid(`OutputField@feature="decision" needs an expression`, request.element.path);
      }
      const expr = compileExpression(exprEl, scope, ctx);
      return { get: expr.get, dataType: expr.dataType };
    }
    default:
      return undefined;
  }
}

/** A request for other than the best class (rank > 1, or ranked from the least likely). */
function isRanked(request: OutputRequest): boolean {
  return request.rank > 1 || request.rankOrder === "ascending";
}

function probabilityAt(probs: Float64Array, k: number): Value {
  return k >= 0 ? probs[k]! : null;
}

/** Index of the rank-th most (or least) probable category, per row; -1 if none. */
function rankedIndex(request: OutputRequest, model: OutputModel): (f: Frame) => number {
  const t = request.target;
  const { state } = model;
  const n = model.targets[t]!.categories.length;
  const order = new Int32Array(n);
  const sign = request.rankOrder === "descending" ? -1 : 1;
  return () => {
    if (!state.hasProbabilities[t] || request.rank > n) return -1;
    const probs = state.probabilities[t]!;
    for (let i = 0; i < n; i++) order[i] = i;
    // Stable insertion sort: ties keep category order.
    for (let i = 1; i < n; i++) {
      const x = order[i]!;
      let j = i - 1;
      while (j >= 0 && sign * (probs[order[j]!]! - probs[x]!) > 0) {
        order[j + 1] = order[j]!;
        j--;
      }
      order[j + 1] = x;
    }
    return order[request.rank - 1]!;
  };
}

function rankedCategory(request: OutputRequest, model: OutputModel): Getter {
  const index = rankedIndex(request, model);
  const categories = model.targets[request.target]!.categories;
  return (f) => {
    const k = index(f);
    return k >= 0 ? categories[k]! : null;
  };
}
