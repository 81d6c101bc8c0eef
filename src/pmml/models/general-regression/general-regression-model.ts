/**
 * GeneralRegressionModel.
 *
 * The linear predictor is η = Σ_p β_p·x_p over the ParamMatrix cells (x_p from the PPMatrix, see
 * design-row.ts). Then, by modelType:
 * - regression, generalLinear: the prediction is η;
 * - generalizedLinear: μ = g⁻¹(η + offset) (offsetVariable or offsetValue) for linkFunction
 *   identity, log, logc, logit, loglog, cloglog, probit, cauchit, power and oddspower
 *   (linkParameter), negbin (distParameter), multiplied by trials (trialsVariable or
 *   trialsValue) when given; a classification target takes μ for its first category and 1 − μ
 *   for the other;
 * - multinomialLogistic: P(c) ∝ exp(η_c), with η = 0 for the reference category (targetReferenceCategory,
 *   or the one category the ParamMatrix does not mention);
 * - ordinalMultinomial: cumulative F(η + θ_c) with cumulativeLink; P(c) = F_c − F_(c−1);
 * - CoxRegression: see cox-regression.ts.
 * Categories are the target's values in DataDictionary order, the reference category moved last.
 */
import { invalid, unsupported } from "../../errors.js";
import { numberArg } from "../../functions/function.js";
import { fieldExpression } from "../../expressions/simple-expressions.js";
import type { Frame } from "../../runtime/frame.js";
import { parseTypedText, type Value } from "../../types/values.js";
import { checkChildren, enumAttr, numberAttr, requiredAttr, requiredChild, requiredNumberAttr } from "../../xml/read.js";
import type { XmlElement } from "../../xml/xml-element.js";
import { registerModel, type ModelCore, type ModelSetup } from "../compile-model.js";
import { inverseLinks } from "../regression/link-functions.js";
import { compileCoxRegression } from "./cox-regression.js";
import { compileDesign, type ParameterValue } from "./design-row.js";

const MODEL_TYPES = ["regression", "generalLinear", "multinomialLogistic", "ordinalMultinomial", "generalizedLinear", "CoxRegression"] as const;
const LINKS = ["cloglog", "identity", "log", "logc", "logit", "loglog", "negbin", "oddspower", "power", "probit", "cauchit"] as const;

export interface PCellSpec {
  readonly parameter: string;
  readonly beta: number;
  readonly targetCategory?: string;
}

export function readParamMatrix(el: XmlElement): PCellSpec[] {
  const pm = requiredChild(el, "ParamMatrix");
  checkChildren(pm, ["PCell"]);
  return pm.childrenNamed("PCell").map((c) => ({
    parameter: requiredAttr(c, "parameterName"),
    beta: requiredNumberAttr(c, "beta"),
    targetCategory: c.attr("targetCategory"),
  }));
}

/** η = Σ β·x over `cells`; null when an x is missing. */
export function linearPredictor(cells: readonly PCellSpec[], design: Map<string, ParameterValue>): (f: Frame) => number | null {
  const betas = Float64Array.from(cells, (c) => c.beta);
  const xs = cells.map((c) => design.get(c.parameter));
  const n = cells.length;
  return (f) => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const g = xs[i];
      if (!g) {
        sum += betas[i]!;
        continue;
      }
      const x = g(f);
      if (x === null) return null;
      sum += betas[i]! * x;
    }
    return sum;
  };
}

function glmInverse(el: XmlElement): (eta: number) => number {
  const link = enumAttr(el, "linkFunction", LINKS, "identity");
  if (el.attr("linkFunction") === undefined) throw invalid("a generalizedLinear model needs a linkFunction", el.path);
  switch (link) {
    case "identity":
      return (x) => x;
    case "log":
      return Math.exp;
    case "logc":
      return (x) => 1 - Math.exp(x);
    case "power": {
      const a = requiredNumberAttr(el, "linkParameter");
      return a === 0 ? Math.exp : (x) => Math.pow(x, 1 / a);
    }
    case "oddspower": {
      const a = requiredNumberAttr(el, "linkParameter");
      return a === 0 ? (x) => 1 / (1 + Math.exp(-x)) : (x) => 1 / (1 + Math.pow(1 + a * x, -1 / a));
    }
    case "negbin": {
      const k = requiredNumberAttr(el, "distParameter");
      return (x) => 1 / (k * (Math.exp(-x) - 1));
    }
    default:
      return inverseLinks[link]!;
  }
}

function compileGeneralRegression(setup: ModelSetup): ModelCore {
  const { el, scope, functionName } = setup;
  const modelType = enumAttr(el, "modelType", MODEL_TYPES, "regression");
  if (el.attr("modelType") === undefined) throw invalid("GeneralRegressionModel needs a modelType", el.path);
  if (el.child("EventValues")) throw unsupported("EventValues", el.child("EventValues")!.path);
  if (modelType === "CoxRegression") return compileCoxRegression(setup);
  const cells = readParamMatrix(el);

  if (functionName === "regression") {
    if (modelType === "multinomialLogistic" || modelType === "ordinalMultinomial") throw invalid(`modelType="${modelType}" for a regression model`, el.path);
    const design = compileDesign(el, scope);
    const eta = linearPredictor(cells, design);
    const target = setup.target(0);
    if (modelType !== "generalizedLinear") {
      const standardError = compileStandardError(el, cells, design);
      return {
        targets: [target],
        evaluate: (f, state) => {
          state.values[0] = eta(f);
        },
        features: (request) => (request.feature === "standardError" && standardError ? { get: standardError, dataType: "double" } : undefined),
      };
    }
    const inverse = glmInverse(el);
    const offset = offsetOf(setup);
    const trials = trialsOf(setup);
    return {
      targets: [target],
      evaluate: (f, state) => {
        const e = eta(f);
        if (e === null) return;
        const o = offset(f);
        const t = trials(f);
        if (o === null || t === null) return;
        state.values[0] = inverse(e + o) * t;
      },
    };
  }
  if (functionName !== "classification") throw unsupported(`GeneralRegressionModel@functionName="${functionName}"`, el.path);
  if (modelType === "regression" || modelType === "generalLinear") throw invalid(`modelType="${modelType}" for a classification model`, el.path);

  const { dataType } = setup.targetType(0);
  const typedCategory = (text: string): Value => {
    const v = parseTypedText(text, dataType);
    if (v === undefined || v === null) throw invalid(`targetCategory "${text}" is not a ${dataType}`, el.path);
    return v;
  };
  // Categories: the DataDictionary's (else those the ParamMatrix names), reference category last.
  const base = setup.target(0);
  let categories: Value[] = [...base.categories];
  const mentioned = new Set(cells.filter((c) => c.targetCategory !== undefined).map((c) => typedCategory(c.targetCategory!)));
  for (const m of mentioned) if (!categories.includes(m)) categories.push(m);
  let reference: Value | undefined = el.attr("targetReferenceCategory") !== undefined ? typedCategory(el.attr("targetReferenceCategory")!) : undefined;
  if (modelType !== "ordinalMultinomial" && reference === undefined) {
    const unmentioned = categories.filter((c) => !mentioned.has(c));
    if (unmentioned.length !== 1) throw invalid("cannot tell the reference category: name it with targetReferenceCategory", el.path);
    reference = unmentioned[0];
  }
  if (reference !== undefined) categories = [...categories.filter((c) => c !== reference), reference];
  if (categories.length < 2) throw invalid("a classification GeneralRegressionModel needs at least two target categories", el.path);
  const target = setup.target(0, categories);
  const slots = Int32Array.from(categories, (c) => target.categories.indexOf(c));
  const k = categories.length;

  const etaFor = (category: Value, ordinal: boolean): ((f: Frame) => number | null) => {
    const design = compileDesign(el, scope, (text) => text === undefined || typedCategory(text) === category);
    const own = cells.filter((c) => c.targetCategory !== undefined && typedCategory(c.targetCategory) === category);
    const shared = cells.filter((c) => c.targetCategory === undefined);
    if (ordinal) return linearPredictor([...shared, ...own], design);
    return linearPredictor(own.length > 0 || k !== 2 ? own : shared, design);
  };
  const etas = categories.slice(0, -1).map((c) => etaFor(c, modelType === "ordinalMultinomial"));
  const values = new Float64Array(k);

  if (modelType === "multinomialLogistic") {
    return classificationCore(target, etas, values, slots, () => {
      let sum = 0;
      for (let i = 0; i < k - 1; i++) sum += (values[i] = Math.exp(values[i]!));
      values[k - 1] = 1;
      sum += 1;
      for (let i = 0; i < k; i++) values[i] = values[i]! / sum;
    });
  }
  if (modelType === "ordinalMultinomial") {
    const link = enumAttr(el, "cumulativeLink", ["logit", "probit", "cloglog", "loglog", "cauchit"] as const, "logit");
    const F = inverseLinks[link]!;
    return classificationCore(target, etas, values, slots, () => {
      let previous = 0;
      for (let i = 0; i < k - 1; i++) {
        const cumulative = F(values[i]!);
        values[i] = cumulative - previous;
        previous = cumulative;
      }
      values[k - 1] = 1 - previous;
    });
  }
  if (k !== 2) throw unsupported(`generalizedLinear classification with ${k} categories`, el.path);
  const inverse = glmInverse(el);
  const offset = offsetOf(setup);
  const trials = trialsOf(setup);
  return classificationCore(target, etas, values, slots, (f) => {
    values[0] = inverse(values[0]! + (offset(f) ?? 0)) * (trials(f) ?? 1);
    values[1] = 1 - values[0]!;
  });
}

function classificationCore(
  target: ReturnType<ModelSetup["target"]>,
  etas: ((f: Frame) => number | null)[],
  values: Float64Array,
  slots: Int32Array,
  finish: (f: Frame) => void,
): ModelCore {
  const k = values.length;
  return {
    targets: [target],
    evaluate: (f, state) => {
      for (let i = 0; i < etas.length; i++) {
        const e = etas[i]!(f);
        if (e === null) return;
        values[i] = e;
      }
      finish(f);
      const probs = state.probabilities[0]!;
      probs.fill(0);
      let best = 0;
      for (let i = 0; i < k; i++) {
        probs[slots[i]!] = values[i]!;
        if (values[i]! > values[best]!) best = i;
      }
      state.hasProbabilities[0] = true;
      state.values[0] = target.categories[slots[best]!]!;
    },
  };
}

/**
 * The standard error of the predicted mean of a linear model, √(xᵀΣx), with Σ the PCovMatrix of
 * the parameter estimates (undefined without one).
 */
function compileStandardError(el: XmlElement, cells: readonly PCellSpec[], design: Map<string, ParameterValue>): ((f: Frame) => number | null) | undefined {
  const cov = el.child("PCovMatrix");
  if (!cov) return undefined;
  checkChildren(cov, ["PCovCell"]);
  const params = [...new Set(cells.map((c) => c.parameter))];
  const index = new Map(params.map((p, i) => [p, i]));
  const k = params.length;
  const sigma = new Float64Array(k * k);
  for (const cell of cov.childrenNamed("PCovCell")) {
    if (cell.attr("targetCategory") !== undefined || cell.attr("tRow") !== undefined) throw unsupported("PCovCell per target category", cell.path);
    const i = index.get(requiredAttr(cell, "pRow"));
    const j = index.get(requiredAttr(cell, "pCol"));
    if (i === undefined || j === undefined) throw invalid("PCovCell names a parameter without a ParamMatrix cell", cell.path);
    const v = requiredNumberAttr(cell, "value");
    sigma[i * k + j] = v;
    sigma[j * k + i] = v;
  }
  const xs = params.map((p) => design.get(p));
  const x = new Float64Array(k);
  return (f) => {
    for (let i = 0; i < k; i++) {
      const g = xs[i];
      const v = g ? g(f) : 1;
      if (v === null) return null;
      x[i] = v;
    }
    let q = 0;
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) q += x[i]! * sigma[i * k + j]! * x[j]!;
    return Math.sqrt(q);
  };
}

function offsetOf(setup: ModelSetup): (f: Frame) => number | null {
  const variable = setup.el.attr("offsetVariable");
  if (variable !== undefined) return numberArg(fieldExpression(setup.scope.resolve(variable, setup.el)), setup.el);
  const value = numberAttr(setup.el, "offsetValue", 0);
  return () => value;
}

function trialsOf(setup: ModelSetup): (f: Frame) => number | null {
  const variable = setup.el.attr("trialsVariable");
  if (variable !== undefined) return numberArg(fieldExpression(setup.scope.resolve(variable, setup.el)), setup.el);
  const value = numberAttr(setup.el, "trialsValue", 1);
  return () => value;
}

registerModel("GeneralRegressionModel", {
  children: ["ParameterList", "FactorList", "CovariateList", "PPMatrix", "PCovMatrix", "ParamMatrix", "EventValues", "BaseCumHazardTables"],
  compile: compileGeneralRegression,
});
