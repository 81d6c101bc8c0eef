/**
 * The input side of the regression-family PMML documents (RegressionModel, NeuralNetwork,
 * ClusteringModel, NearestNeighborModel): data fields, the MiningSchema, and the derived
 * fields that encode inputs as numbers (see `../regression/features.ts`).
 *
 * Treatments, chosen so that the PMML scores exactly like the in-memory model:
 * - continuous inputs have no `Interval` in the DataDictionary, so a value outside the training
 *   range is still valid (the models extrapolate, as the in-memory ones do);
 * - categorical inputs list their categories and are `invalidValueTreatment="asMissing"`: a
 *   category the model never saw is treated like a missing value, as in memory.
 */
import type { DataColumn } from "../dataset.js";
import type { Feature } from "../regression/features.js";
import type { FieldInfo } from "../tree/tree-types.js";
import { categoryText } from "./fields.js";
import { el, type XmlNode } from "./xml.js";

/** A field as the regression-family models describe it: no value range (see above). */
export function plainField(c: DataColumn): FieldInfo {
  return c.measure === "continuous"
    ? { name: c.name, storage: c.storage, measure: c.measure }
    : { name: c.name, storage: c.storage, measure: c.measure, categories: c.categories };
}

export function inputMiningSchema(inputs: readonly FieldInfo[], targets: readonly FieldInfo[]): XmlNode {
  return el("MiningSchema", {}, [
    ...inputs.map((f) => el("MiningField", {
      name: f.name, usageType: "active", missingValueTreatment: "asIs",
      invalidValueTreatment: f.categories ? "asMissing" : "asIs",
    })),
    ...targets.map((t) => el("MiningField", { name: t.name, usageType: "target" })),
  ]);
}

/**
 * Names of the fields that hold each feature: the input itself for `value` features, else a
 * derived field named after the input (`BP=HIGH`, `Age*`) made unique against every input name.
 */
export function featureFieldNames(features: readonly Feature[], inputs: readonly FieldInfo[]): string[] {
  const taken = new Set(inputs.map((f) => f.name));
  return features.map((f) => {
    const field = inputs[f.input]!;
    if (f.kind === "value") return field.name;
    const base = f.kind === "indicator" ? `${field.name}=${categoryText(field.categories![f.code]!)}` : `${field.name}*`;
    let name = base;
    for (let k = 2; taken.has(name); k++) name = `${base}#${k}`;
    taken.add(name);
    return name;
  });
}

/** The expression of a derived feature (NormContinuous / NormDiscrete), or null for `value`. */
export function featureExpression(f: Feature, field: FieldInfo): XmlNode | null {
  switch (f.kind) {
    case "value":
      return null;
    case "scaled":
      return el("NormContinuous", { field: field.name, mapMissingTo: f.mapMissingTo, outliers: "asIs" }, [
        el("LinearNorm", { orig: f.orig[0], norm: f.norm[0] }),
        el("LinearNorm", { orig: f.orig[1], norm: f.norm[1] }),
      ]);
    case "indicator":
      return el("NormDiscrete", { field: field.name, value: categoryText(field.categories![f.code]!), mapMissingTo: f.mapMissingTo });
  }
}

/** A DerivedField for a feature (null for `value` features, which need none). */
export function featureDerivedField(f: Feature, field: FieldInfo, name: string): XmlNode | null {
  const expr = featureExpression(f, field);
  return expr ? el("DerivedField", { name, optype: "continuous", dataType: "double" }, [expr]) : null;
}

/** LocalTransformations defining the derived features (null when every feature is a plain value). */
export function featureTransformations(features: readonly Feature[], inputs: readonly FieldInfo[], names: readonly string[]): XmlNode | null {
  const derived = features.map((f, j) => featureDerivedField(f, inputs[f.input]!, names[j]!)).filter((d): d is XmlNode => d !== null);
  return derived.length > 0 ? el("LocalTransformations", {}, derived) : null;
}
