/**
 * NaiveBayesModel.
 *
 * For each class c: log L_c = ln count_c (BayesOutput) + Σ over inputs of ln P(x_i | c), then the
 * probabilities are the softmax of the log-likelihoods. Categorical inputs: P = count(x_i, c) /
 * Σ_x count(x, c) from the PairCounts, `threshold` when the count is 0; a value without PairCounts
 * is ignored, as is a missing input. A BayesInput's DerivedField (a Discretize) bins a continuous
 * input first. Continuous inputs with TargetValueStats: the Gaussian density (or Poisson
 * probability) of the class, floored at `threshold`.
 */
import { invalid, unsupported } from "../../errors.js";
import { compileDiscretize } from "../../expressions/discretize.js";
import { numberArg } from "../../functions/function.js";
import { fieldExpression } from "../../expressions/simple-expressions.js";
import { Scope } from "../../fields/scope.js";
import type { Frame, Getter } from "../../runtime/frame.js";
import { isNumericType, parseTypedText, toTypedValue, type DataType, type Value } from "../../types/values.js";
import { checkChildren, requiredAttr, requiredChild, requiredNumberAttr } from "../../xml/read.js";
import type { XmlElement } from "../../xml/xml-element.js";
import { registerModel, type ModelCore, type ModelSetup } from "../compile-model.js";
import type { ModelState } from "../model.js";
import { softmaxInPlace } from "../regression/link-functions.js";

type Contribution = (f: Frame, logL: Float64Array) => void;

function typedValue(text: string, dt: DataType, el: XmlElement): Value {
  let v = parseTypedText(text, dt);
  if ((v === undefined || v === null) && isNumericType(dt)) v = toTypedValue(text, "double");
  if (v === undefined || v === null) throw invalid(`value "${text}" is not a ${dt}`, el.path);
  return v;
}

/** TargetValueCounts → count per class index. */
function readCounts(el: XmlElement, classIndex: (text: string, at: XmlElement) => number, k: number): Float64Array {
  checkChildren(el, ["TargetValueCount"]);
  const counts = new Float64Array(k);
  for (const c of el.childrenNamed("TargetValueCount")) counts[classIndex(requiredAttr(c, "value"), c)] = requiredNumberAttr(c, "count");
  return counts;
}

function lnFactorial(n: number): number {
  let s = 0;
  for (let i = 2; i <= n; i++) s += Math.log(i);
  return s;
}

function compileNaiveBayes(setup: ModelSetup): ModelCore {
  const { el, scope, ctx, functionName } = setup;
  if (functionName !== "classification") throw invalid(`NaiveBayesModel@functionName="${functionName}"`, el.path);
  const threshold = requiredNumberAttr(el, "threshold");
  const lnThreshold = Math.log(threshold);
  const output = requiredChild(el, "BayesOutput");
  checkChildren(output, ["TargetValueCounts"]);
  const { dataType } = setup.targetType(0);
  const priorEl = requiredChild(output, "TargetValueCounts");
  checkChildren(priorEl, ["TargetValueCount"]);
  const classes: Value[] = priorEl.childrenNamed("TargetValueCount").map((c) => typedValue(requiredAttr(c, "value"), dataType, c));
  const k = classes.length;
  const classIndex = (text: string, at: XmlElement): number => {
    const i = classes.indexOf(typedValue(text, dataType, at));
    if (i < 0) throw invalid(`target value "${text}" is not among the BayesOutput classes`, at.path);
    return i;
  };
  const priors = readCounts(priorEl, classIndex, k);
  const lnPriors = priors.map((c) => Math.log(c));

  const inputs = requiredChild(el, "BayesInputs");
  checkChildren(inputs, ["BayesInput"]);
  // PMML 4.1 had no TargetValueStats in Naive Bayes; Rattle 1.3 wrote continuous BayesInputs inside
  // Extension elements of BayesInputs (as legacy JPMML read them), so those count too.
  // Their densities replace the threshold only when zero, as in R's e1071 that produced them: PMML
  // 4.2 later defined the floor at `threshold` for standard TargetValueStats.
  const bayesInputs = inputs.children.flatMap((c) =>
    c.name === "BayesInput" ? [{ bi: c, legacy: false }] : c.name === "Extension" ? c.children.filter((e) => e.localName === "BayesInput").map((bi) => ({ bi, legacy: true })) : [],
  );
  const contributions: Contribution[] = bayesInputs.map(({ bi, legacy }) => {
    checkChildren(bi, ["TargetValueStats", "DerivedField", "PairCounts"]);
    const b = scope.resolve(requiredAttr(bi, "fieldName"), bi);
    const stats = bi.child("TargetValueStats");
    if (stats) return continuousContribution(stats, numberArg(fieldExpression(b), bi), classIndex, k, lnThreshold, legacy);
    let get: Getter = b.get;
    let dt = b.dataType;
    const derived = bi.child("DerivedField");
    if (derived) {
      checkChildren(derived, ["Discretize", "Value"]);
      const local = new Scope(scope, "BayesInput");
      const expr = compileDiscretize(requiredChild(derived, "Discretize"), local);
      void ctx;
      get = expr.get;
      dt = expr.dataType;
    }
    const table = new Map<Value, Float64Array>();
    const sums = new Float64Array(k);
    for (const pc of bi.childrenNamed("PairCounts")) {
      checkChildren(pc, ["TargetValueCounts"]);
      const counts = readCounts(requiredChild(pc, "TargetValueCounts"), classIndex, k);
      table.set(typedValue(requiredAttr(pc, "value"), dt, pc), counts);
      for (let i = 0; i < k; i++) sums[i] = sums[i]! + counts[i]!;
    }
    return (f, logL) => {
      const v = get(f);
      if (v === null) return;
      const counts = table.get(v);
      if (!counts) return;
      for (let i = 0; i < k; i++) {
        const c = counts[i]!;
        logL[i] = logL[i]! + (c === 0 ? lnThreshold : Math.log(c / sums[i]!));
      }
    };
  });

  const target = setup.target(0, classes);
  const slots = Int32Array.from(classes, (c) => target.categories.indexOf(c));
  const logL = new Float64Array(k);
  return {
    targets: [target],
    evaluate: (f, state: ModelState) => {
      logL.set(lnPriors);
      for (const c of contributions) c(f, logL);
      softmaxInPlace(logL, k);
      const probs = state.probabilities[0]!;
      probs.fill(0);
      let best = 0;
      for (let i = 0; i < k; i++) {
        probs[slots[i]!] = logL[i]!;
        if (logL[i]! > logL[best]!) best = i;
      }
      state.hasProbabilities[0] = true;
      state.values[0] = target.categories[slots[best]!]!;
    },
  };
}

function continuousContribution(
  stats: XmlElement,
  x: (f: Frame) => number | null,
  classIndex: (text: string, at: XmlElement) => number,
  k: number,
  lnThreshold: number,
  floorOnlyZero: boolean,
): Contribution {
  checkChildren(stats, ["TargetValueStat"]);
  const densities: ((v: number) => number)[] = new Array(k).fill(() => lnThreshold);
  for (const s of stats.childrenNamed("TargetValueStat")) {
    checkChildren(s, ["GaussianDistribution", "PoissonDistribution", "UniformDistribution", "AnyDistribution"]);
    const i = classIndex(requiredAttr(s, "value"), s);
    const dist = s.contentChildren[0];
    if (!dist) throw invalid("TargetValueStat needs a distribution", s.path);
    if (dist.name === "GaussianDistribution") {
      const mean = requiredNumberAttr(dist, "mean");
      const variance = requiredNumberAttr(dist, "variance");
      if (!(variance > 0)) throw invalid("GaussianDistribution@variance must be positive", dist.path);
      const sigma = Math.sqrt(variance);
      densities[i] = (v) => {
        const z = (v - mean) / sigma;
        return Math.exp(-0.5 * z * z) / (sigma * Math.sqrt(2 * Math.PI));
      };
    } else if (dist.name === "PoissonDistribution") {
      const mean = requiredNumberAttr(dist, "mean");
      densities[i] = (v) => {
        const n = Math.trunc(v);
        return n < 0 ? 0 : Math.exp(-mean + n * Math.log(mean) - lnFactorial(n));
      };
    } else {
      throw unsupported(`${dist.name} in a NaiveBayesModel`, dist.path, "PMML restricts Naive Bayes to Gaussian and Poisson distributions");
    }
  }
  const threshold = Math.exp(lnThreshold);
  return (f, logL) => {
    const v = x(f);
    if (v === null) return;
    for (let i = 0; i < k; i++) {
      const p = densities[i]!(v);
      const floored = floorOnlyZero ? (p > 0 ? p : threshold) : p < threshold ? threshold : p;
      logL[i] = logL[i]! + Math.log(floored);
    }
  };
}

registerModel("NaiveBayesModel", { children: ["BayesInputs", "BayesOutput"], compile: compileNaiveBayes });
