/**
 * RegressionModel.
 *
 * Regression: one table; the linear predictor goes through the inverse of normalizationMethod
 * (none, softmax ≡ logit, exp, probit, cloglog, loglog, cauchit).
 *
 * Classification: one table per category. Two categories with none/logit/probit/cloglog/loglog/
 * cauchit: the first table's value through the inverse link is P(first), the other 1 − P(first)
 * (none clamps to [0, 1]). More categories: softmax, simplemax, none (the last gets the rest), and
 * — as JPMML and the producers that rely on it do — logit as a per-class logistic then simplemax.
 * Ordinal targets are cumulative: P(k) = F(y_k) − F(y_(k−1)), the last gets the rest.
 */
import { invalid, unsupported } from "../../errors.js";
import { parseTypedText, type Value } from "../../types/values.js";
import { enumAttr, requiredAttr } from "../../xml/read.js";
import { registerModel, type ModelCore, type ModelSetup } from "../compile-model.js";
import type { ModelState } from "../model.js";
import { inverseLinks, simplemaxInPlace, softmaxInPlace } from "./link-functions.js";
import { compileRegressionTable, type LinearPredictor } from "./regression-table.js";

const NORMALIZATIONS = ["none", "simplemax", "softmax", "logit", "probit", "cloglog", "exp", "loglog", "cauchit"] as const;
type Normalization = (typeof NORMALIZATIONS)[number];

function compileRegressionModel(setup: ModelSetup): ModelCore {
  const { el, functionName, scope, ctx } = setup;
  const normalization = enumAttr(el, "normalizationMethod", NORMALIZATIONS, "none");
  const float = ctx.mathContext === "float";
  const round = float ? Math.fround : undefined;
  const tableEls = el.childrenNamed("RegressionTable");
  if (tableEls.length === 0) throw invalid("RegressionModel needs a RegressionTable", el.path);

  if (functionName === "regression") {
    if (tableEls.length !== 1) throw invalid("a regression RegressionModel has exactly one RegressionTable", el.path);
    if (normalization === "simplemax") throw invalid(`RegressionModel@normalizationMethod="simplemax" needs several tables`, el.path);
    const table = compileRegressionTable(tableEls[0]!, scope, round);
    const link = inverseLinks[normalization]!;
    const target = setup.target(0);
    return {
      targets: [target],
      evaluate: (f, state) => {
        const y = table(f);
        if (y === null) return;
        const v = normalization === "none" ? y : link(y);
        state.values[0] = float ? Math.fround(v) : v;
      },
    };
  }
  if (functionName !== "classification") throw unsupported(`RegressionModel@functionName="${functionName}"`, el.path);

  const { dataType, optype } = setup.targetType(0);
  const modelCategories: Value[] = tableEls.map((t) => {
    const text = requiredAttr(t, "targetCategory");
    const v = parseTypedText(text, dataType);
    if (v === undefined || v === null) throw invalid(`RegressionTable@targetCategory="${text}" is not a ${dataType}`, t.path);
    return v;
  });
  if (tableEls.length < 2) throw invalid("a classification RegressionModel needs a table per category", el.path);
  const target = setup.target(0, modelCategories);
  const n = tableEls.length;
  const tables: LinearPredictor[] = tableEls.map((t) => compileRegressionTable(t, scope, round));
  // Position of each table's category in the target's category list.
  const slot = Int32Array.from(modelCategories, (c) => target.categories.indexOf(c));
  const ys = new Float64Array(n);
  const normalize = normalizer(normalization, n, optype === "ordinal", el.path, round);
  const categories = target.categories;

  return {
    targets: [target],
    evaluate: (f, state: ModelState) => {
      for (let i = 0; i < n; i++) {
        const y = tables[i]!(f);
        if (y === null) return; // Targets priors, if any, take over.
        ys[i] = y;
      }
      normalize(ys);
      const probs = state.probabilities[0]!;
      probs.fill(0);
      let best = 0;
      for (let i = 0; i < n; i++) {
        probs[slot[i]!] = ys[i]!;
        if (ys[i]! > ys[best]!) best = i;
      }
      state.hasProbabilities[0] = true;
      state.values[0] = categories[slot[best]!]!;
    },
  };
}

function normalizer(method: Normalization, n: number, ordinal: boolean, path: string, round?: (x: number) => number): (ys: Float64Array) => void {
  const r = round ?? ((x: number) => x);
  if (ordinal) {
    if (method === "softmax" || method === "simplemax" || method === "exp") throw invalid(`normalizationMethod="${method}" for an ordinal target`, path);
    const link = method === "none" ? (x: number) => Math.min(1, Math.max(0, x)) : inverseLinks[method]!;
    return (ys) => {
      let previous = 0;
      for (let i = 0; i < n - 1; i++) {
        const cumulative = r(link(ys[i]!));
        ys[i] = r(cumulative - previous);
        previous = cumulative;
      }
      ys[n - 1] = r(1 - previous);
    };
  }
  if (n === 2 && method !== "softmax" && method !== "simplemax") {
    if (method === "exp") throw invalid(`normalizationMethod="exp" for a classification model`, path);
    const link = method === "none" ? (x: number) => Math.min(1, Math.max(0, x)) : inverseLinks[method]!;
    const logistic = method === "logit";
    return (ys) => {
      // In float models the logistic is computed on float operands, as float32 learners do.
      const p = logistic && round ? r(1 / (1 + r(Math.exp(-ys[0]!)))) : r(link(ys[0]!));
      ys[0] = p;
      ys[1] = r(1 - p);
    };
  }
  switch (method) {
    case "softmax":
      return (ys) => softmaxInPlace(ys, n, round);
    case "simplemax":
      return (ys) => simplemaxInPlace(ys, n);
    case "none":
      return (ys) => {
        let sum = 0;
        for (let i = 0; i < n - 1; i++) sum += ys[i]!;
        ys[n - 1] = 1 - sum;
      };
    case "logit":
      return (ys) => {
        for (let i = 0; i < n; i++) ys[i] = 1 / (1 + Math.exp(-ys[i]!));
        simplemaxInPlace(ys, n);
      };
    default:
      throw invalid(`normalizationMethod="${method}" for a classification model with ${n} categories`, path);
  }
}

registerModel("RegressionModel", { children: ["RegressionTable"], compile: compileRegressionModel });
