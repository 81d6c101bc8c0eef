/**
 * NeuralNetwork.
 *
 * NeuralInputs are DerivedFields (a missing one makes the whole result missing). Each layer's
 * neurons compute z = Σ weight·input + bias and apply the layer's (or network's) activation
 * function; radialBasis neurons compute exp(fanIn·ln(altitude) − Σ(input − weight)² / (2·width²)).
 * A layer may then normalise its outputs (simplemax, softmax). NeuralOutputs map output neurons
 * back to targets: NormDiscrete(field, value) makes the neuron the probability of that class,
 * NormContinuous is inverted to the original scale, FieldRef passes the value through (following
 * a reference to a DerivedField to its expression).
 *
 * All neuron values live in one Float64Array indexed by entity; connections compile to index and
 * weight arrays, so a row is a few tight loops.
 */
import { invalid, unsupported } from "../../errors.js";
import { compileDerivedField } from "../../expressions/derived-field.js";
import { Scope } from "../../fields/scope.js";
import { numberArg, type NumberGetter } from "../../functions/function.js";
import { fieldExpression } from "../../expressions/simple-expressions.js";
import { parseTypedText, type Value } from "../../types/values.js";
import { checkChildren, enumAttr, numberAttr, requiredAttr, requiredChild, requiredNumberAttr } from "../../xml/read.js";
import type { XmlElement } from "../../xml/xml-element.js";
import { registerModel, type ModelCore, type ModelSetup } from "../compile-model.js";
import type { FeatureProvider, ModelState, TargetInfo } from "../model.js";
import { simplemaxInPlace, softmaxInPlace } from "../regression/link-functions.js";
import { activation, ACTIVATION_FUNCTIONS } from "./activation.js";
import { ColumnTable } from "../../predicates/column-tests.js";
import { numericColumn } from "../../runtime/numeric-column.js";

interface Layer {
  readonly offsets: Int32Array; // connection range per neuron: [offsets[i], offsets[i+1])
  readonly from: Int32Array;
  readonly weights: Float64Array;
  readonly bias: Float64Array;
  readonly first: number; // entity index of the layer's first neuron
  readonly size: number;
  /** The common activations inline (no call, no boxing): see ACTIVATION_CODE. */
  readonly code: number;
  readonly activate: ((z: number) => number) | null; // null: radial basis
  readonly widths: Float64Array;
  readonly lnAltitude: number;
  readonly normalization: "none" | "simplemax" | "softmax";
}

type OutputMapping =
  | { kind: "class"; target: string; category: string; neuron: number; id: string }
  | { kind: "value"; target: string; neuron: number; denormalize?: (y: number) => number };

function compileNeuralNetwork(setup: ModelSetup): ModelCore {
  const { el, scope, ctx, functionName } = setup;
  const networkActivation = enumAttr(el, "activationFunction", ACTIVATION_FUNCTIONS, "logistic");
  if (el.attr("activationFunction") === undefined) throw invalid("NeuralNetwork needs an activationFunction", el.path);
  const networkNormalization = enumAttr(el, "normalizationMethod", ["none", "simplemax", "softmax"] as const, "none");
  const networkThreshold = numberAttr(el, "threshold", 0);
  const networkWidth = numberAttr(el, "width");
  const networkAltitude = numberAttr(el, "altitude", 1);

  const entity = new Map<string, number>();
  const inputsEl = requiredChild(el, "NeuralInputs");
  checkChildren(inputsEl, ["NeuralInput"]);
  const inputScope = new Scope(scope, "NeuralInputs");
  // Inputs are read from batch columns when they are pure numeric fields (the usual FieldRef or
  // normalisation of an input), else through their getters.
  const columns = new ColumnTable();
  const inputs: { get: NumberGetter; column: number }[] = inputsEl.childrenNamed("NeuralInput").map((ni) => {
    checkChildren(ni, ["DerivedField"]);
    const id = requiredAttr(ni, "id");
    if (entity.has(id)) throw invalid(`neural entity id "${id}" is used twice`, ni.path);
    entity.set(id, entity.size);
    const derivedEl = requiredChild(ni, "DerivedField");
    const b = compileDerivedField(derivedEl, inputScope, ctx, true);
    const ref = derivedEl.contentChildren.length === 1 && derivedEl.contentChildren[0]!.name === "FieldRef" && derivedEl.contentChildren[0]!.attr("mapMissingTo") === undefined;
    const target = ref ? inputScope.lookup(derivedEl.contentChildren[0]!.attr("field") ?? "") : undefined;
    const provider = (target && target.dataType === b.dataType ? numericColumn(target) : undefined) ?? numericColumn(b);
    return { get: numberArg(fieldExpression(b), ni), column: provider ? columns.add(provider) : -1 };
  });
  const inputColumn = Int32Array.from(inputs, (i) => i.column);

  const layers: Layer[] = el.childrenNamed("NeuralLayer").map((layerEl) => {
    checkChildren(layerEl, ["Neuron"]);
    const fn = enumAttr(layerEl, "activationFunction", ACTIVATION_FUNCTIONS, networkActivation);
    const threshold = numberAttr(layerEl, "threshold", networkThreshold);
    const leakage = numberAttr(layerEl, "leakage");
    const width = numberAttr(layerEl, "width") ?? networkWidth;
    const altitude = numberAttr(layerEl, "altitude", networkAltitude);
    const neurons = layerEl.childrenNamed("Neuron");
    const first = entity.size;
    const offsets = new Int32Array(neurons.length + 1);
    const from: number[] = [];
    const weights: number[] = [];
    const bias = new Float64Array(neurons.length);
    const widths = new Float64Array(neurons.length);
    neurons.forEach((n, i) => {
      checkChildren(n, ["Con"]);
      offsets[i] = from.length;
      for (const con of n.childrenNamed("Con")) {
        const src = entity.get(requiredAttr(con, "from"));
        if (src === undefined) throw invalid(`Con@from="${con.attr("from")}" is not an earlier input or neuron`, con.path);
        from.push(src);
        weights.push(requiredNumberAttr(con, "weight"));
      }
      bias[i] = numberAttr(n, "bias", 0);
      const w = numberAttr(n, "width") ?? width;
      if (fn === "radialBasis" && w === undefined) throw invalid("radialBasis neurons need a width", n.path);
      widths[i] = w ?? 1;
      if (fn === "radialBasis" && n.attr("altitude") !== undefined && numberAttr(n, "altitude", altitude) !== altitude) {
        throw unsupported("Neuron@altitude different from its layer's", n.path);
      }
    });
    offsets[neurons.length] = from.length;
    neurons.forEach((n) => {
      const id = requiredAttr(n, "id");
      if (entity.has(id)) throw invalid(`neural entity id "${id}" is used twice`, n.path);
      entity.set(id, entity.size);
    });
    return {
      offsets,
      from: Int32Array.from(from),
      weights: Float64Array.from(weights),
      bias,
      first,
      size: neurons.length,
      code: fn === "radialBasis" ? RADIAL : leakage === undefined ? (ACTIVATION_CODE[fn] ?? GENERIC) : GENERIC,
      activate: fn === "radialBasis" ? null : activation(fn, threshold, leakage),
      widths,
      lnAltitude: Math.log(altitude),
      normalization: enumAttr(layerEl, "normalizationMethod", ["none", "simplemax", "softmax"] as const, networkNormalization),
    };
  });
  if (layers.length === 0) throw invalid("NeuralNetwork needs at least one NeuralLayer", el.path);

  const mappings = readOutputs(el, entity, setup);
  const values = new Float64Array(entity.size);
  const scratch = new Float64Array(Math.max(...layers.map((l) => l.size)));

  // Targets in the order of the MiningSchema; each gathers its output neurons.
  const targets: TargetInfo[] = [];
  const perTarget = setup.targetNames.map((name, t) => {
    const own = mappings.filter((m) => m.target === name);
    if (own.length === 0) throw invalid(`no NeuralOutput for target "${name}"`, el.path);
    const classes = own.filter((m): m is Extract<OutputMapping, { kind: "class" }> => m.kind === "class");
    if (classes.length > 0) {
      const { dataType } = setup.targetType(t);
      const cats: Value[] = classes.map((c) => {
        const v = parseTypedText(c.category, dataType);
        if (v === undefined || v === null) throw invalid(`NormDiscrete@value="${c.category}" is not a ${dataType}`, el.path);
        return v;
      });
      const info = setup.target(t, cats);
      targets.push(info);
      return {
        kind: "class" as const,
        neurons: Int32Array.from(classes, (c) => c.neuron),
        slots: Int32Array.from(cats, (c) => info.categories.indexOf(c)),
        ids: classes.map((c) => c.id),
      };
    }
    if (own.length !== 1) throw invalid(`target "${name}" has ${own.length} NeuralOutputs`, el.path);
    targets.push(setup.target(t));
    const m = own[0] as Extract<OutputMapping, { kind: "value" }>;
    return { kind: "value" as const, neuron: m.neuron, denormalize: m.denormalize };
  });
  if (functionName !== "classification" && functionName !== "regression" && functionName !== "mixed") {
    throw unsupported(`NeuralNetwork@functionName="${functionName}"`, el.path);
  }

  let lastState: ModelState | null = null;
  const entityOf = (): Value => lastState?.entityId ?? null;
  const evaluate = (f: Parameters<ModelCore["evaluate"]>[0], state: ModelState): void => {
    lastState = state;
    const cols = columns.all(f);
    const row = f.row;
    for (let i = 0; i < inputs.length; i++) {
      const c = inputColumn[i]!;
      if (c >= 0) {
        const x = cols[c]![row]!;
        if (x !== x) return;
        values[i] = x;
      } else {
        const x = inputs[i]!.get(f);
        if (x === null) return;
        values[i] = x;
      }
    }
    for (const layer of layers) runLayer(layer, values, scratch);
    perTarget.forEach((p, t) => {
      if (p.kind === "value") {
        const y = values[p.neuron]!;
        state.values[t] = p.denormalize ? p.denormalize(y) : y;
        return;
      }
      const probs = state.probabilities[t]!;
      probs.fill(0);
      let best = 0;
      for (let k = 0; k < p.neurons.length; k++) {
        probs[p.slots[k]!] = values[p.neurons[k]!]!;
        if (values[p.neurons[k]!]! > values[p.neurons[best]!]!) best = k;
      }
      state.hasProbabilities[t] = true;
      state.values[t] = targets[t]!.categories[p.slots[best]!]!;
      // The entity of a classification is the output neuron of the winning class.
      if (t === 0) state.entityId = p.ids[best]!;
    });
  };

  const features: FeatureProvider = (request) =>
    request.feature === "entityId" && perTarget[request.target]?.kind === "class" ? { get: entityOf, dataType: "string" } : undefined;
  return { targets, evaluate, features };
}

const IDENTITY = 0;
const LOGISTIC = 1;
const TANH = 2;
const RECTIFIER = 3;
const GENERIC = 4;
const RADIAL = 5;
const ACTIVATION_CODE: Partial<Record<string, number>> = { identity: IDENTITY, logistic: LOGISTIC, tanh: TANH, rectifier: RECTIFIER };

function runLayer(layer: Layer, values: Float64Array, scratch: Float64Array): void {
  const { offsets, from, weights, bias, first, size, activate, code } = layer;
  for (let i = 0; i < size; i++) {
    let z = 0;
    const end = offsets[i + 1]!;
    if (code !== RADIAL) {
      for (let c = offsets[i]!; c < end; c++) z += weights[c]! * values[from[c]!]!;
      z += bias[i]!;
      scratch[i] =
        code === LOGISTIC ? 1 / (1 + Math.exp(-z)) : code === IDENTITY ? z : code === TANH ? Math.tanh(z) : code === RECTIFIER ? (z > 0 ? z : 0) : activate!(z);
    } else {
      for (let c = offsets[i]!; c < end; c++) {
        const d = values[from[c]!]! - weights[c]!;
        z += d * d;
      }
      const w = layer.widths[i]!;
      scratch[i] = Math.exp(z / (-2 * w * w) + (end - offsets[i]!) * layer.lnAltitude);
    }
  }
  if (layer.normalization === "softmax") softmaxInPlace(scratch, size);
  else if (layer.normalization === "simplemax") simplemaxInPlace(scratch, size);
  values.set(scratch.subarray(0, size), first);
}

function readOutputs(el: XmlElement, entity: Map<string, number>, setup: ModelSetup): OutputMapping[] {
  const out: OutputMapping[] = [];
  for (const outputs of el.childrenNamed("NeuralOutputs")) {
    checkChildren(outputs, ["NeuralOutput"]);
    for (const no of outputs.childrenNamed("NeuralOutput")) {
      checkChildren(no, ["DerivedField"]);
      const neuron = entity.get(requiredAttr(no, "outputNeuron"));
      if (neuron === undefined) throw invalid(`NeuralOutput@outputNeuron="${no.attr("outputNeuron")}" is not a neuron`, no.path);
      const expr = outputExpression(requiredChild(no, "DerivedField"), setup);
      const target = requiredAttr(expr, "field");
      if (expr.name === "NormDiscrete") out.push({ kind: "class", target, category: requiredAttr(expr, "value"), neuron, id: no.attr("outputNeuron")! });
      else if (expr.name === "NormContinuous") out.push({ kind: "value", target, neuron, denormalize: inverseNorm(expr) });
      else out.push({ kind: "value", target, neuron });
    }
  }
  return out;
}

/** The expression of a NeuralOutput's DerivedField, following FieldRefs to other DerivedFields. */
function outputExpression(derived: XmlElement, setup: ModelSetup): XmlElement {
  let expr = derived.children.find((c) => c.name !== "Extension" && c.name !== "Value");
  for (let hops = 0; expr && expr.name === "FieldRef" && hops < 32; hops++) {
    const name = requiredAttr(expr, "field");
    if (setup.targetNames.includes(name)) return expr;
    const containers = [setup.el.child("LocalTransformations"), setup.env.transformationDictionary];
    const def = containers.flatMap((c) => c?.childrenNamed("DerivedField") ?? []).find((d) => d.attr("name") === name);
    if (!def) break;
    expr = def.children.find((c) => c.name !== "Extension" && c.name !== "Value");
  }
  if (!expr || !["FieldRef", "NormContinuous", "NormDiscrete"].includes(expr.name)) {
    throw unsupported(`NeuralOutput expression ${expr?.name ?? "(none)"}`, derived.path, "expected FieldRef, NormContinuous or NormDiscrete");
  }
  return expr;
}

/** The inverse of a NormContinuous (norm → orig), extrapolating the end segments. */
function inverseNorm(el: XmlElement): (y: number) => number {
  const pts = el.childrenNamed("LinearNorm").map((p) => ({ orig: requiredNumberAttr(p, "orig"), norm: requiredNumberAttr(p, "norm") }));
  if (pts.length < 2) throw invalid("NormContinuous needs at least two LinearNorm elements", el.path);
  const n = pts.length;
  return (y) => {
    let i = 0;
    while (i < n - 2 && y > pts[i + 1]!.norm) i++;
    const a = pts[i]!;
    const b = pts[i + 1]!;
    return a.orig + ((y - a.norm) * (b.orig - a.orig)) / (b.norm - a.norm);
  };
}

registerModel("NeuralNetwork", { children: ["NeuralInputs", "NeuralLayer", "NeuralOutputs"], compile: compileNeuralNetwork });
