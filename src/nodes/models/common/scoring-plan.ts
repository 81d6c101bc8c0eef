/**
 * The fields a nugget adds, and how each is computed from the PMML evaluator, decided from the
 * nugget's flavour (`flavours.ts`), its settings and the model's targets — before any record
 * is read.
 *
 * Per target, in this order (NODES.md §6.18; the order of the corpus nuggets' output lists):
 *
 * | field | when | PMML output feature |
 * | --- | --- | --- |
 * | `$X-t` prediction | always | `predictedValue` |
 * | `$XC-t` / `$XP-t` confidence | categorical target, `confidence` on | `confidence` for TreeModel / RuleSetModel (ScoreDistribution@confidence: C5.0's Laplace estimate, Modeler's own trees'), else `probability` of the predicted category |
 * | `$XP-<category>` | `probabilities` on (first n categories with a limit) | `probability` with `value` |
 * | `$XRP-t` raw propensity | flag target, `rawPropensity` | the confidence if the prediction is the true value, else 1 − confidence (Modeler's definition) |
 * | `$XI-t` node id | `nodeId`, TreeModel | `entityId` |
 *
 * Clustering models add `$X-<model name>` (the cluster's name: `predictedDisplayValue`) and
 * with `distance` `$XD-<model name>` (`entityAffinity`). KNN adds `$KNN-distance-<n>` for the
 * k neighbours with `neighbourDistances` (`affinity`, rank n).
 *
 * Storage: a prediction of a categorical target has the target field's storage when the input
 * holds the target, else the PMML's data type; a continuous prediction is Real; confidences,
 * probabilities, propensities and distances are Real; cluster names String; node ids Integer.
 * Every added field has role None, so that a downstream builder does not take it as an input.
 *
 * Names that already exist in the input are numbered as Modeler numbers them: `$R1-Drug`,
 * `$RC1-Drug` (the smallest number free for every field of the nugget).
 */
import type { Column } from "../../../data/batch.js";
import { makeField, type Field } from "../../../data/field.js";
import type { Schema } from "../../../data/schema.js";
import type { Storage } from "../../../data/storage.js";
import { compareValues, type Value } from "../../../data/values.js";
import type { ExtraOutput, PmmlModel, PmmlTargetField } from "../../../pmml/index.js";
import { jsonToValue } from "../../field-ops/field-values.js";
import type { Flavour } from "./flavours.js";
import type { ModelElementInfo } from "./pmml-text.js";

export interface ScoringOptions {
  /** The confidence field of a categorical target. */
  readonly confidence: boolean;
  /** One probability field per category: all, none, or the first n. */
  readonly probabilities: boolean | number;
  /** Raw propensity (flag targets). */
  readonly rawPropensity: boolean;
  /** The tree node id (`$RI-`). */
  readonly nodeId: boolean;
  /** Distance to the cluster centre (`$KMD-`). */
  readonly distance: boolean;
  /** Distances to the k nearest neighbours (`$KNN-distance-n`). */
  readonly neighbourDistances: boolean;
}

export const NO_SCORING_OPTIONS: ScoringOptions = { confidence: false, probabilities: false, rawPropensity: false, nodeId: false, distance: false, neighbourDistances: false };

type Results = Record<string, Value[]>;

export interface PlannedOutput {
  readonly field: Field;
  /** The column of this field from the evaluator's result columns. */
  make(results: Results, length: number): Column;
}

export interface ScoringPlan {
  readonly extras: readonly ExtraOutput[];
  readonly outputs: readonly PlannedOutput[];
}

export interface PlanInput {
  readonly flavour: Flavour;
  readonly options: ScoringOptions;
  /** The model as loaded without extra outputs. */
  readonly probe: PmmlModel;
  readonly info: ModelElementInfo;
  readonly input: Schema;
  /** Neighbours of a NearestNeighborModel. */
  readonly neighbours?: number;
  warn(message: string): void;
}

const INTERNAL = "__modeler_batch_nugget";

interface Draft {
  name: string;
  readonly field: Omit<Field, "name">;
  readonly make: (results: Results, length: number) => Column;
}

export function planScoring(p: PlanInput): ScoringPlan {
  const extras: ExtraOutput[] = [];
  const drafts: Draft[] = [];
  const request = (e: Omit<ExtraOutput, "name">): string => {
    const name = `${INTERNAL}.${extras.length}`;
    extras.push({ ...e, name });
    return name;
  };
  const code = p.flavour.code;
  const clustering = p.probe.functionName === "clustering" || p.probe.targetFields.every((t) => t.synthetic);
  if (clustering) {
    const modelName = p.info.modelName ?? p.probe.modelName ?? "K-Means";
    const cluster = request({ feature: "predictedDisplayValue" });
    drafts.push({ name: `$${code}-${modelName}`, field: meta("string", "nominal"), make: copy(cluster, (v) => (v === null ? null : String(v))) });
    if (p.options.distance) {
      const d = request({ feature: "entityAffinity" });
      drafts.push({ name: `$${code}D-${modelName}`, field: meta("real", "continuous"), make: copy(d, asNumber) });
    }
  } else {
    for (const t of p.probe.targetFields) planTarget(p, t, request, drafts);
    if (p.options.neighbourDistances && p.info.element === "NearestNeighborModel") {
      for (let n = 1; n <= (p.neighbours ?? 0); n++) {
        const d = request({ feature: "affinity", rank: n });
        drafts.push({ name: `$${code}-distance-${n}`, field: meta("real", "continuous"), make: copy(d, asNumber) });
      }
    }
  }
  number(drafts, p.input);
  return { extras, outputs: drafts.map((d) => ({ field: makeField(d.name, d.field.storage, d.field), make: d.make })) };
}

function planTarget(p: PlanInput, t: PmmlTargetField, request: (e: Omit<ExtraOutput, "name">) => string, drafts: Draft[]): void {
  const code = p.flavour.code;
  const targetName = t.name;
  const targetField = p.input.field(targetName);
  const which = t.synthetic ? {} : { targetField: targetName };
  const categorical = t.optype !== "continuous" && t.categories !== undefined && t.categories.length > 0;
  const pred = request({ feature: "predictedValue", ...which });
  if (!categorical) {
    drafts.push({ name: `$${code}-${targetName}`, field: meta("real", "continuous"), make: copy(pred, asNumber) });
    if (p.options.rawPropensity) p.warn(`raw propensities are for flag targets; "${targetName}" is continuous, so none is added`);
    return;
  }
  const storage: Storage = targetField?.storage ?? storageOfPmml(t.dataType);
  const categories = t.categories!.map((c) => toStorage(c, storage)).filter((c): c is Exclude<Value, null> => c !== null);
  const measure = targetField && (targetField.measure === "flag" || targetField.measure === "nominal" || targetField.measure === "ordinal")
    ? targetField.measure
    : categories.length === 2 ? "flag" : "nominal";
  drafts.push({ name: `$${code}-${targetName}`, field: meta(storage, measure, categories), make: copy(pred, (v) => toStorage(v, storage)) });
  const confidenceFeature = p.info.element === "TreeModel" || p.info.element === "RuleSetModel" ? "confidence" : "probability";
  const needConfidence = p.options.confidence || p.options.rawPropensity;
  if (p.info.element === "NearestNeighborModel" && (needConfidence || p.options.probabilities !== false)) {
    // The evaluator gives a nearest-neighbour classifier's prediction but not its vote shares.
    p.warn(`the PMML evaluator computes no class probabilities for a NearestNeighborModel: the confidence and probability fields of "${targetName}" are $null$`);
  }
  const conf = needConfidence ? request({ feature: confidenceFeature, ...which }) : undefined;
  if (p.options.confidence) {
    drafts.push({ name: `$${code}${p.flavour.confidence}-${targetName}`, field: meta("real", "continuous", [0, 1]), make: copy(conf!, asNumber) });
  }
  if (p.options.probabilities !== false) {
    const n = p.options.probabilities === true ? t.categories!.length : Math.min(p.options.probabilities, t.categories!.length);
    for (const c of t.categories!.slice(0, n)) {
      const text = categoryText(c);
      const prob = request({ feature: "probability", value: text, ...which });
      drafts.push({ name: `$${code}P-${text}`, field: meta("real", "continuous", [0, 1]), make: copy(prob, asNumber) });
    }
  }
  if (p.options.rawPropensity) {
    const flag = flagTrueValue(targetField, categories);
    if (flag === undefined) {
      p.warn(`raw propensities are for flag targets; "${targetName}" has ${categories.length} categories, so none is added`);
    } else {
      drafts.push({
        name: `$${code}RP-${targetName}`,
        field: meta("real", "continuous", [0, 1]),
        make(results, length) {
          const predictions = results[pred]!;
          const confidences = results[conf!]!;
          const out: Column = new Array(length);
          for (let r = 0; r < length; r++) {
            const v = toStorage(predictions[r]!, storage);
            const c = confidences[r];
            out[r] = v === null || typeof c !== "number" ? null : sameValue(v, flag) ? c : 1 - c;
          }
          return out;
        },
      });
    }
  }
  if (p.options.nodeId) {
    if (p.info.element === "TreeModel") {
      const id = request({ feature: "entityId" });
      drafts.push({ name: `$${code}I-${targetName}`, field: meta("integer", "nominal"), make: copy(id, asInteger) });
    } else {
      p.warn(`node ids ($${code}I-) exist for single trees; this model is a ${p.info.element}, so none is added`);
    }
  }
}

function meta(storage: Storage, measure: Field["measure"], values?: readonly Value[]): Omit<Field, "name"> {
  return { storage, measure, role: "none", ...(values !== undefined && { values }) };
}

function copy(source: string, convert: (v: Value) => Value): (results: Results, length: number) => Column {
  return (results, length) => {
    const values = results[source]!;
    const out: Column = new Array(length);
    for (let r = 0; r < length; r++) out[r] = convert(values[r] ?? null);
    return out;
  };
}

function asNumber(v: Value): Value {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

function asInteger(v: Value): Value {
  if (typeof v === "number") return Number.isInteger(v) ? v : null;
  if (typeof v === "string" && /^[+-]?\d+$/.test(v.trim())) return Number(v);
  return null;
}

/** A PMML result value in the field's storage (text to number, number to text, ISO dates to days). */
function toStorage(v: Value | undefined, storage: Storage): Value {
  if (v === null || v === undefined) return null;
  if (typeof v === "boolean") return storage === "string" ? (v ? "true" : "false") : v ? 1 : 0;
  const converted = jsonToValue(v, storage);
  return converted === undefined ? null : converted;
}

function storageOfPmml(dataType: string): Storage {
  switch (dataType) {
    case "integer":
      return "integer";
    case "float":
    case "double":
      return "real";
    case "date":
    case "dateDaysSince[0]":
    case "dateDaysSince[1960]":
    case "dateDaysSince[1970]":
    case "dateDaysSince[1980]":
      return "date";
    case "time":
    case "timeSeconds":
      return "time";
    case "dateTime":
    case "dateTimeSecondsSince[0]":
    case "dateTimeSecondsSince[1960]":
    case "dateTimeSecondsSince[1970]":
    case "dateTimeSecondsSince[1980]":
      return "timestamp";
    default:
      return "string";
  }
}

function categoryText(c: unknown): string {
  return typeof c === "string" ? c : String(c);
}

function sameValue(a: Value, b: Value): boolean {
  return a === b || compareValues(a, b) === 0;
}

/**
 * The true value of a flag target: the input's flag field declares `[false, true]`; otherwise
 * the larger of the two categories (`T` over `F`, `Y` over `N`, `1` over `0`), as values read
 * from data are ordered. Undefined when the target is not a flag.
 */
function flagTrueValue(field: Field | undefined, categories: readonly Value[]): Value | undefined {
  if (field?.measure === "flag" && field.values?.length === 2) return field.values[1]!;
  if (categories.length !== 2) return undefined;
  return [...categories].sort(compareValues)[1]!;
}

/** Numbers the fields as Modeler does when a name is taken: `$R-x` → `$R1-x`, `$RC1-x`, … */
function number(drafts: Draft[], input: Schema): void {
  const withNumber = (name: string, n: number) => (n === 0 ? name : name.replace(/^(\$[^-]*)-/, `$1${n}-`));
  let n = 0;
  while (drafts.some((d) => input.has(withNumber(d.name, n)))) n++;
  const taken = new Set<string>(input.names);
  for (const d of drafts) {
    let name = withNumber(d.name, n);
    // Two fields of one nugget with one name (a category named like the target): number the later one.
    for (let m = n + 1; taken.has(name); m++) name = withNumber(d.name, m);
    taken.add(name);
    d.name = name;
  }
}
