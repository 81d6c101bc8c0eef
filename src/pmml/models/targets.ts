/**
 * Targets: post-processing of a model's raw prediction.
 *
 * Continuous targets: a missing prediction takes TargetValue@defaultValue; otherwise the value is
 * clamped to [min, max], rescaled (×rescaleFactor + rescaleConstant) and cast to an integer
 * (castInteger round/ceiling/floor), in that order. Categorical targets: a model that produced
 * nothing falls back to the TargetValue@priorProbability distribution; TargetValue@displayValue
 * feeds predictedDisplayValue.
 */
import { invalid } from "../errors.js";
import type { MathContext } from "../expressions/context.js";
import { parseTypedText, type DataType, type Value } from "../types/values.js";
import { checkChildren, enumAttr, numberAttr, requiredAttr } from "../xml/read.js";
import type { XmlElement } from "../xml/xml-element.js";
import type { ModelState } from "./model.js";

export interface TargetValueSpec {
  readonly value?: string;
  readonly displayValue?: string;
  readonly priorProbability?: number;
  readonly defaultValue?: number;
}

export interface TargetSpec {
  readonly field: string | null;
  readonly optype?: string;
  readonly castInteger?: "round" | "ceiling" | "floor";
  readonly min?: number;
  readonly max?: number;
  readonly rescaleFactor: number;
  readonly rescaleConstant: number;
  readonly values: readonly TargetValueSpec[];
  readonly element: XmlElement;
}

export function readTargets(el: XmlElement | undefined): TargetSpec[] {
  if (!el) return [];
  checkChildren(el, ["Target"]);
  return el.childrenNamed("Target").map((t) => {
    checkChildren(t, ["TargetValue"]);
    const castInteger = t.attr("castInteger") === undefined ? undefined : enumAttr(t, "castInteger", ["round", "ceiling", "floor"] as const, "round");
    return {
      field: t.attr("field") ?? null,
      optype: t.attr("optype"),
      castInteger,
      min: numberAttr(t, "min"),
      max: numberAttr(t, "max"),
      rescaleFactor: numberAttr(t, "rescaleFactor", 1),
      rescaleConstant: numberAttr(t, "rescaleConstant", 0),
      values: t.childrenNamed("TargetValue").map((v) => {
        checkChildren(v, ["Partition"]);
        if (v.child("Partition")) throw invalid("TargetValue/Partition is not used for scoring", v.path);
        return {
          value: v.attr("value"),
          displayValue: v.attr("displayValue"),
          priorProbability: numberAttr(v, "priorProbability"),
          defaultValue: numberAttr(v, "defaultValue"),
        };
      }),
      element: t,
    };
  });
}

/** The Target element for target field `name` (a Target without `field` applies to a single target). */
export function targetSpecFor(specs: readonly TargetSpec[], name: string | null, targetCount: number): TargetSpec | undefined {
  return specs.find((s) => s.field === name) ?? (targetCount === 1 ? specs.find((s) => s.field === null) : undefined);
}

/** Category values a Target declares, typed. */
export function targetCategories(spec: TargetSpec | undefined, dt: DataType): Value[] {
  if (!spec) return [];
  const out: Value[] = [];
  for (const v of spec.values) {
    if (v.value === undefined) continue;
    const typed = parseTypedText(v.value, dt);
    if (typed === undefined || typed === null) throw invalid(`TargetValue@value="${v.value}" is not a ${dt}`, spec.element.path);
    out.push(typed);
  }
  return out;
}

export type PostProcess = (state: ModelState, target: number) => void;

export function compileContinuousTarget(spec: TargetSpec | undefined, math: MathContext): PostProcess | undefined {
  if (!spec) return undefined;
  const { min, max, rescaleFactor, rescaleConstant, castInteger } = spec;
  const defaults = spec.values.filter((v) => v.defaultValue !== undefined);
  const defaultValue = defaults.length > 0 ? defaults[0]!.defaultValue! : null;
  const round = math === "float" ? Math.fround : (x: number) => x;
  // In a float model the constants are floats too (JPMML parses them in the model's math context).
  const factor = round(rescaleFactor);
  const constant = round(rescaleConstant);
  const cast = castInteger === "round" ? Math.round : castInteger === "ceiling" ? Math.ceil : castInteger === "floor" ? Math.floor : undefined;
  const identity = min === undefined && max === undefined && rescaleFactor === 1 && rescaleConstant === 0 && !cast;
  return (state, i) => {
    const v = state.values[i];
    if (v === null || v === undefined) {
      state.values[i] = defaultValue;
      return;
    }
    if (identity || typeof v !== "number") return;
    let x = v;
    if (min !== undefined && x < min) x = min;
    if (max !== undefined && x > max) x = max;
    x = round(round(x * factor) + constant);
    if (cast) x = cast(x);
    state.values[i] = x;
  };
}

/** Prior probabilities aligned with `categories`, or undefined when the Target declares none. */
export function compileCategoricalTarget(spec: TargetSpec | undefined, categories: readonly Value[], dt: DataType): PostProcess | undefined {
  if (!spec) return undefined;
  const priors = new Float64Array(categories.length);
  let any = false;
  for (const v of spec.values) {
    if (v.priorProbability === undefined || v.value === undefined) continue;
    const typed = parseTypedText(v.value, dt);
    const k = categories.indexOf(typed ?? null);
    if (k >= 0) {
      priors[k] = v.priorProbability;
      any = true;
    }
  }
  if (!any) return undefined;
  let best = 0;
  for (let k = 1; k < priors.length; k++) if (priors[k]! > priors[best]!) best = k;
  const bestValue = categories[best] ?? null;
  return (state, i) => {
    if (state.values[i] !== null || state.hasProbabilities[i]) return;
    state.probabilities[i]!.set(priors);
    state.hasProbabilities[i] = true;
    state.values[i] = bestValue;
  };
}

export function displayValuesOf(spec: TargetSpec | undefined, dt: DataType): Map<Value, string> {
  const out = new Map<Value, string>();
  if (!spec) return out;
  for (const v of spec.values) {
    if (v.value === undefined || v.displayValue === undefined) continue;
    const typed = parseTypedText(v.value, dt);
    if (typed !== undefined && typed !== null) out.set(typed, v.displayValue);
  }
  return out;
}

export function requireTargetField(spec: TargetSpec): string {
  return spec.field ?? requiredAttr(spec.element, "field");
}
