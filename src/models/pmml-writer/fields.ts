/**
 * The field-level parts of a PMML 4.4 model document: DataDictionary, MiningSchema and the
 * Output fields a Modeler nugget adds (`$R-Drug`, `$RC-Drug`, ...).
 */
import type { Storage } from "../../data/storage.js";
import type { Category } from "../dataset.js";
import type { FieldInfo } from "../tree/tree-types.js";
import { el, type XmlNode } from "./xml.js";

/**
 * PMML dataType of a storage. Dates and times keep our numeric encodings, which PMML has
 * types for: days since 1970 (`dateDaysSince[1970]`), seconds of the day (`timeSeconds`),
 * seconds since 1970 (`dateTimeSecondsSince[1970]`).
 */
export function pmmlDataType(storage: Storage): string {
  switch (storage) {
    case "integer": return "integer";
    case "real": return "double";
    case "date": return "dateDaysSince[1970]";
    case "time": return "timeSeconds";
    case "timestamp": return "dateTimeSecondsSince[1970]";
    default: return "string";
  }
}

export function pmmlOpType(field: FieldInfo): string {
  return field.measure === "continuous" ? "continuous" : field.measure === "ordinal" ? "ordinal" : "categorical";
}

/** A category as PMML text (numbers in shortest round-trip form). */
export function categoryText(c: Category): string {
  return typeof c === "number" ? String(c) : c;
}

export function dataDictionary(fields: readonly FieldInfo[]): XmlNode {
  return el("DataDictionary", { numberOfFields: fields.length }, fields.map(dataField));
}

function dataField(f: FieldInfo): XmlNode {
  const children: XmlNode[] = [];
  if (f.categories) for (const c of f.categories) children.push(el("Value", { value: categoryText(c) }));
  if (f.measure === "continuous" && f.range) {
    children.push(el("Interval", { closure: "closedClosed", leftMargin: f.range[0], rightMargin: f.range[1] }));
  }
  return el("DataField", { name: f.name, optype: pmmlOpType(f), dataType: pmmlDataType(f.storage) }, children);
}

/**
 * MiningSchema. Inputs are `asIs` for missing values (each model routes them itself) and
 * `asIs` for invalid ones, so a category unseen in training reaches the model instead of
 * making the whole row invalid; the tree then predicts at the node where routing stops.
 */
export function miningSchema(inputs: readonly FieldInfo[], target: FieldInfo): XmlNode {
  return el("MiningSchema", {}, [
    ...inputs.map((f) => el("MiningField", { name: f.name, usageType: "active", missingValueTreatment: "asIs", invalidValueTreatment: "asIs" })),
    el("MiningField", { name: target.name, usageType: "target" }),
  ]);
}

export interface OutputNaming {
  /** Modeler's scoring-field letter: `R` (C&R Tree, CHAID, QUEST, Random Trees), `C` (C5.0). */
  readonly prefix: string;
  /** Add one `$<prefix>P-<class>` probability field per class (categorical targets). */
  readonly probabilities?: boolean;
  /** Add the node-id field `$<prefix>I-<target>` (Modeler's `display_rule_id`); trees only. */
  readonly nodeId?: boolean;
  /** Confidence as `confidence` (from ScoreDistribution@confidence) or as `probability` of the winner. */
  readonly confidenceFeature?: "confidence" | "probability";
}

/**
 * Output fields as Modeler's nuggets name them: `$R-<target>` (prediction) and, for
 * categorical targets, `$RC-<target>` (confidence) and optionally per-class probabilities.
 */
export function outputFields(target: FieldInfo, naming: OutputNaming): XmlNode {
  const p = naming.prefix;
  const fields: XmlNode[] = [
    el("OutputField", {
      name: `$${p}-${target.name}`, optype: pmmlOpType(target),
      dataType: target.measure === "continuous" ? "double" : pmmlDataType(target.storage), feature: "predictedValue",
    }),
  ];
  if (target.categories) {
    fields.push(el("OutputField", { name: `$${p}C-${target.name}`, optype: "continuous", dataType: "double", feature: naming.confidenceFeature ?? "confidence" }));
    if (naming.probabilities) {
      for (const c of target.categories) {
        fields.push(el("OutputField", { name: `$${p}P-${categoryText(c)}`, optype: "continuous", dataType: "double", feature: "probability", value: categoryText(c) }));
      }
    }
  }
  if (naming.nodeId) fields.push(el("OutputField", { name: `$${p}I-${target.name}`, optype: "categorical", dataType: "string", feature: "entityId" }));
  return el("Output", {}, fields);
}

/** The PMML root with header; `models` are the model elements. */
export function pmmlDocument(fields: readonly FieldInfo[], description: string, models: readonly XmlNode[]): XmlNode {
  return el("PMML", { xmlns: "http://www.dmg.org/PMML-4_4", version: "4.4" }, [
    el("Header", { copyright: "", description }, [el("Application", { name: "modeler-batch", version: "1" })]),
    dataDictionary(fields),
    ...models,
  ]);
}
