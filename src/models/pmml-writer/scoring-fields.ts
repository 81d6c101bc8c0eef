/**
 * The scoring fields the regression-family nuggets add, named as Modeler names them
 * (NODES.md §6.18): `$<p>-<target>` for the prediction, a confidence or probability of the
 * prediction, and optionally one probability per category (`$LP-<value>`, `$NP-<value>`).
 */
import type { FieldInfo } from "../tree/tree-types.js";
import { categoryText, pmmlDataType, pmmlOpType } from "./fields.js";
import { el, type XmlNode } from "./xml.js";

export function predictionField(name: string, target: FieldInfo): XmlNode {
  return el("OutputField", {
    name, optype: pmmlOpType(target), dataType: target.categories ? pmmlDataType(target.storage) : "double", feature: "predictedValue",
  });
}

/** The probability of the predicted category (Modeler's `$LP-t`, `$NC-t`). */
export function predictedProbabilityField(name: string): XmlNode {
  return el("OutputField", { name, optype: "continuous", dataType: "double", feature: "probability" });
}

/** One probability field per category, named `<prefix><category>`. */
export function categoryProbabilityFields(prefix: string, target: FieldInfo): XmlNode[] {
  return (target.categories ?? []).map((c) => el("OutputField", {
    name: `${prefix}${categoryText(c)}`, optype: "continuous", dataType: "double", feature: "probability", value: categoryText(c),
  }));
}

export function outputElement(fields: readonly XmlNode[]): XmlNode {
  return el("Output", {}, fields);
}
