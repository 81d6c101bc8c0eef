/**
 * SupportVectorMachineModel.
 *
 * Each SupportVectorMachine computes f(x) = Σ αᵢ·K(x, svᵢ) + b over its support vectors (or
 * Σ cⱼ·xⱼ + b in the Coefficients representation). Regression: f of the one machine.
 * Classification:
 * - OneAgainstOne: each machine votes for its targetCategory when f < threshold (f > threshold
 *   with maxWins), else for its alternateTargetCategory; most votes win (ties: the class voted for
 *   first), probabilities are vote shares;
 * - OneAgainstAll: one machine per class, the smallest f wins (the largest with maxWins);
 * - a single machine with alternateBinaryTargetCategory: the threshold rule between the two.
 * When classificationMethod is absent (R's legacy pmml writes none), the layout decides: machines
 * with alternateTargetCategory are one-against-one. Kernel values are computed once per row and
 * support vector, and shared by the machines.
 */
import { invalid, unsupported } from "../../errors.js";
import { parseTypedText, type Value } from "../../types/values.js";
import { booleanAttr, checkChildren, enumAttr, numberAttr, requiredAttr, requiredChild } from "../../xml/read.js";
import type { XmlElement } from "../../xml/xml-element.js";
import { registerModel, type ModelCore, type ModelSetup } from "../compile-model.js";
import type { ModelState } from "../model.js";
import { KERNEL_ELEMENTS, readKernel, readVectorDictionary } from "./vector-dictionary.js";

interface Machine {
  readonly vectorIndex: Int32Array; // into the row's kernel values
  readonly alphas: Float64Array;
  readonly linear?: Float64Array; // Coefficients representation
  readonly b: number;
  readonly target?: string;
  readonly alternate?: string;
  readonly threshold: number;
}

function compileSvm(setup: ModelSetup): ModelCore {
  const { el, scope, functionName } = setup;
  const representation = enumAttr(el, "svmRepresentation", ["SupportVectors", "Coefficients"] as const, "SupportVectors");
  const maxWins = booleanAttr(el, "maxWins", false);
  const modelThreshold = numberAttr(el, "threshold", 0);
  const dictionary = readVectorDictionary(requiredChild(el, "VectorDictionary"), scope);
  const kernel = readKernel(el);
  const used: Float64Array[] = [];
  const usedIndex = new Map<string, number>();

  const machines: Machine[] = el.childrenNamed("SupportVectorMachine").map((m) => {
    checkChildren(m, ["SupportVectors", "Coefficients"]);
    const coefficientsEl = requiredChild(m, "Coefficients");
    checkChildren(coefficientsEl, ["Coefficient"]);
    const coefficients = coefficientsEl.childrenNamed("Coefficient").map((c) => numberAttr(c, "value", 0));
    const b = numberAttr(coefficientsEl, "absoluteValue", 0);
    // PMML 4.0 had no alternateTargetCategory; R's pmml package wrote it as an ADAPA Extension.
    const extended = m.childrenNamed("Extension").find((e) => e.attr("name") === "alternateTargetCategory")?.attr("value");
    const alternate = m.attr("alternateTargetCategory") ?? extended;
    const common = { b, target: m.attr("targetCategory"), alternate, threshold: numberAttr(m, "threshold", modelThreshold) };
    if (representation === "Coefficients") {
      if (coefficients.length !== dictionary.size) throw invalid(`${coefficients.length} coefficients for ${dictionary.size} vector fields`, coefficientsEl.path);
      return { ...common, vectorIndex: new Int32Array(0), alphas: new Float64Array(0), linear: Float64Array.from(coefficients) };
    }
    const svs = requiredChild(m, "SupportVectors");
    checkChildren(svs, ["SupportVector"]);
    const ids = svs.childrenNamed("SupportVector").map((s) => requiredAttr(s, "vectorId"));
    if (ids.length !== coefficients.length) throw invalid(`${ids.length} support vectors but ${coefficients.length} coefficients`, m.path);
    const vectorIndex = Int32Array.from(ids, (id) => {
      let i = usedIndex.get(id);
      if (i === undefined) {
        const v = dictionary.vectors.get(id);
        if (!v) throw invalid(`SupportVector@vectorId="${id}" is not in the VectorDictionary`, svs.path);
        i = used.length;
        used.push(v);
        usedIndex.set(id, i);
      }
      return i;
    });
    return { ...common, vectorIndex, alphas: Float64Array.from(coefficients) };
  });
  if (machines.length === 0) throw invalid("SupportVectorMachineModel needs a SupportVectorMachine", el.path);

  const x = new Float64Array(dictionary.size);
  const kernelValues = new Float64Array(used.length);
  const decision = (m: Machine): number => {
    if (m.linear) {
      let s = 0;
      for (let i = 0; i < x.length; i++) s += m.linear[i]! * x[i]!;
      return s + m.b;
    }
    let s = 0;
    for (let i = 0; i < m.vectorIndex.length; i++) s += m.alphas[i]! * kernelValues[m.vectorIndex[i]!]!;
    return s + m.b;
  };
  const prepare = (f: Parameters<ModelCore["evaluate"]>[0]): boolean => {
    if (!dictionary.readInput(f, x)) return false;
    for (let i = 0; i < used.length; i++) kernelValues[i] = kernel(x, used[i]!);
    return true;
  };

  if (functionName === "regression") {
    if (machines.length !== 1) throw invalid("a regression SupportVectorMachineModel has one SupportVectorMachine", el.path);
    return {
      targets: [setup.target(0)],
      evaluate: (f, state) => {
        if (prepare(f)) state.values[0] = decision(machines[0]!);
      },
    };
  }
  if (functionName !== "classification") throw unsupported(`SupportVectorMachineModel@functionName="${functionName}"`, el.path);

  const alternateBinary = el.attr("alternateBinaryTargetCategory");
  const declared = el.attr("classificationMethod");
  const method = declared !== undefined ? enumAttr(el, "classificationMethod", ["OneAgainstAll", "OneAgainstOne"] as const, "OneAgainstAll") : machines.some((m) => m.alternate !== undefined) ? "OneAgainstOne" : "OneAgainstAll";
  const binary = machines.length === 1 && (alternateBinary !== undefined || machines[0]!.alternate !== undefined);
  const { dataType } = setup.targetType(0);
  const typed = (text: string | undefined, at: XmlElement, what: string): Value => {
    if (text === undefined) throw invalid(`SupportVectorMachine needs ${what}`, at.path);
    const v = parseTypedText(text, dataType);
    if (v === undefined || v === null) throw invalid(`${what} "${text}" is not a ${dataType}`, at.path);
    return v;
  };
  const machineEls = el.childrenNamed("SupportVectorMachine");
  const own: Value[] = [];
  const note = (v: Value) => void (own.includes(v) ? undefined : own.push(v));
  const targets = machines.map((m, i) => typed(m.target, machineEls[i]!, "targetCategory"));
  const alternates = machines.map((m, i) =>
    method === "OneAgainstOne" || binary ? typed(m.alternate ?? alternateBinary, machineEls[i]!, "alternateTargetCategory") : null,
  );
  machines.forEach((_, i) => {
    note(targets[i]!);
    if (alternates[i] !== null) note(alternates[i]!);
  });
  const target = setup.target(0, own);
  const k = target.categories.length;
  const targetIdx = Int32Array.from(targets, (t) => target.categories.indexOf(t));
  const alternateIdx = Int32Array.from(alternates, (t) => (t === null ? -1 : target.categories.indexOf(t)));
  const votes = new Float64Array(k);
  const firstVote = new Int32Array(k);

  if (method === "OneAgainstOne" || binary) {
    return {
      targets: [target],
      evaluate: (f, state: ModelState) => {
        if (!prepare(f)) return;
        votes.fill(0);
        firstVote.fill(0);
        let order = 0;
        for (let i = 0; i < machines.length; i++) {
          const m = machines[i]!;
          const v = decision(m);
          const forTarget = maxWins ? v > m.threshold : v < m.threshold;
          const c = forTarget ? targetIdx[i]! : alternateIdx[i]!;
          if (votes[c] === 0) firstVote[c] = ++order;
          votes[c] = votes[c]! + 1;
        }
        let best = -1;
        for (let c = 0; c < k; c++) {
          if (votes[c] === 0) continue;
          if (best < 0 || votes[c]! > votes[best]! || (votes[c] === votes[best] && firstVote[c]! < firstVote[best]!)) best = c;
        }
        const probs = state.probabilities[0]!;
        for (let c = 0; c < k; c++) probs[c] = votes[c]! / machines.length;
        state.hasProbabilities[0] = true;
        state.values[0] = target.categories[best]!;
      },
    };
  }
  return {
    targets: [target],
    evaluate: (f, state) => {
      if (!prepare(f)) return;
      let best = 0;
      let bestValue = decision(machines[0]!);
      for (let i = 1; i < machines.length; i++) {
        const v = decision(machines[i]!);
        if (maxWins ? v > bestValue : v < bestValue) {
          best = i;
          bestValue = v;
        }
      }
      state.values[0] = target.categories[targetIdx[best]!]!;
    },
  };
}

registerModel("SupportVectorMachineModel", {
  children: [...KERNEL_ELEMENTS, "VectorDictionary", "SupportVectorMachine"],
  compile: compileSvm,
});


