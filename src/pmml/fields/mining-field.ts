/**
 * MiningSchema: which fields a model uses and how it treats their missing, invalid and outlying
 * values before it sees them.
 *
 * Order of treatment, for an outside value:
 * 1. missing (null, NaN, empty, or a `Value property="missing"` token) → `missingValueReplacement`, or
 *    an invalid result under `missingValueTreatment="returnInvalid"`, or stays missing;
 * 2. invalid (not readable as the data type, listed invalid, outside the valid values/intervals)
 *    → `invalidValueTreatment`: returnInvalid (the default) stops scoring the row, asIs keeps it,
 *    asMissing continues as 1., asValue uses `invalidValueReplacement`;
 * 3. valid continuous values → `outliers` against lowValue/highValue.
 */
import { invalid, PmmlError, unsupported } from "../errors.js";
import { parseTypedText, toTypedValue, type DataType, type OpType, type Value } from "../types/values.js";
import { checkChildren, enumAttr, numberAttr, requiredAttr } from "../xml/read.js";
import type { XmlElement } from "../xml/xml-element.js";
import { compileValidity, Validity, type DataFieldDef } from "./data-field.js";
import { readOpType } from "./data-field.js";

export const USAGE_TYPES = [
  "active",
  "predicted",
  "target",
  "supplementary",
  "group",
  "order",
  "frequencyWeight",
  "analysisWeight",
] as const;
export type UsageType = (typeof USAGE_TYPES)[number];

export interface MiningFieldDef {
  readonly name: string;
  readonly usageType: UsageType;
  readonly optype?: OpType;
  readonly outliers: "asIs" | "asMissingValues" | "asExtremeValues";
  readonly lowValue?: number;
  readonly highValue?: number;
  readonly missingValueReplacement?: string;
  readonly missingValueTreatment: "asIs" | "asMean" | "asMode" | "asMedian" | "asValue" | "returnInvalid";
  readonly invalidValueTreatment: "returnInvalid" | "asIs" | "asMissing" | "asValue";
  readonly invalidValueReplacement?: string;
  readonly element: XmlElement;
}

export function readMiningSchema(el: XmlElement): MiningFieldDef[] {
  checkChildren(el, ["MiningField"]);
  const seen = new Set<string>();
  return el.childrenNamed("MiningField").map((m) => {
    const def = readMiningField(m);
    if (seen.has(def.name)) throw invalid(`MiningField "${def.name}" is listed twice`, m.path);
    seen.add(def.name);
    return def;
  });
}

function readMiningField(el: XmlElement): MiningFieldDef {
  checkChildren(el, []);
  const usageType = enumAttr(el, "usageType", USAGE_TYPES, "active");
  const outliers = enumAttr(el, "outliers", ["asIs", "asMissingValues", "asExtremeValues"] as const, "asIs");
  const lowValue = numberAttr(el, "lowValue");
  const highValue = numberAttr(el, "highValue");
  if (outliers !== "asIs" && (lowValue === undefined || highValue === undefined)) {
    throw invalid(`MiningField@outliers="${outliers}" needs lowValue and highValue`, el.path);
  }
  return {
    name: requiredAttr(el, "name"),
    usageType,
    optype: readOpType(el),
    outliers,
    lowValue,
    highValue,
    missingValueReplacement: el.attr("missingValueReplacement"),
    missingValueTreatment: enumAttr(
      el,
      "missingValueTreatment",
      ["asIs", "asMean", "asMode", "asMedian", "asValue", "returnInvalid"] as const,
      "asIs",
    ),
    invalidValueTreatment: enumAttr(el, "invalidValueTreatment", ["returnInvalid", "asIs", "asMissing", "asValue"] as const, "returnInvalid"),
    invalidValueReplacement: el.attr("invalidValueReplacement"),
    element: el,
  };
}

export function invalidValueError(field: string, value: unknown): PmmlError {
  return new PmmlError(
    "PMML_INVALID_VALUE",
    `invalid value ${JSON.stringify(value)} for field "${field}" (the model's invalidValueTreatment is returnInvalid)`,
    { field, value },
  );
}

function missingInvalidError(field: string): PmmlError {
  return new PmmlError("PMML_INVALID_VALUE", `missing value for field "${field}" (the model's missingValueTreatment is returnInvalid)`, {
    field,
  });
}

function typedAttr(mf: MiningFieldDef, attribute: string, text: string, dt: DataType): Value {
  const v = parseTypedText(text, dt);
  if (v === undefined || v === null) throw invalid(`MiningField@${attribute}="${text}" is not a ${dt}`, mf.element.path);
  return v;
}

/**
 * The preparation of an outside value for the top-level model: reading it as the DataField's
 * type, classifying it, and applying the MiningField's treatments. `mf` is undefined for fields
 * that only transformations reference (default treatments apply).
 */
export function compileInputPreparation(df: DataFieldDef, mf: MiningFieldDef | undefined): (raw: unknown) => Value {
  const dt = df.dataType;
  const name = df.name;
  const validity = compileValidity(df);
  const missingTokens = new Set<string>();
  for (const v of df.missingValues) if (typeof v === "string") missingTokens.add(v);
  const hasTokens = missingTokens.size > 0;
  const onMissing = compileMissingTreatment(mf, dt, name);
  const invalidTreatment = mf?.invalidValueTreatment ?? "returnInvalid";
  const invalidReplacement =
    invalidTreatment === "asValue"
      ? typedAttr(mf!, "invalidValueReplacement", requireText(mf!, "invalidValueReplacement"), dt)
      : null;
  const onOutlier = compileOutlierTreatment(mf);
  const onMissingValue = onMissing;

  return (raw) => {
    // NaN is how a numeric column (Float64Array) says "missing".
    if (typeof raw === "number" && raw !== raw) return onMissingValue();
    if (hasTokens && typeof raw === "string" && missingTokens.has(raw)) return onMissingValue();
    const v = toTypedValue(raw, dt);
    if (v === null) return onMissingValue();
    if (v === undefined) {
      // Not readable as the data type: invalid; asIs cannot keep what has no typed value.
      switch (invalidTreatment) {
        case "returnInvalid":
          throw invalidValueError(name, raw);
        case "asValue":
          return invalidReplacement;
        default:
          return onMissingValue();
      }
    }
    const status = validity(v);
    if (status === Validity.Valid) return onOutlier ? onOutlier(v, onMissingValue) : v;
    if (status === Validity.Missing) return onMissingValue();
    switch (invalidTreatment) {
      case "returnInvalid":
        throw invalidValueError(name, raw);
      case "asIs":
        return v;
      case "asMissing":
        return onMissingValue();
      case "asValue":
        return invalidReplacement;
    }
  };
}

function requireText(mf: MiningFieldDef, attribute: "invalidValueReplacement"): string {
  const t = mf[attribute];
  if (t === undefined) throw invalid(`MiningField@invalidValueTreatment="asValue" needs ${attribute}`, mf.element.path);
  return t;
}

function compileMissingTreatment(mf: MiningFieldDef | undefined, dt: DataType, name: string): () => Value {
  if (mf?.missingValueReplacement !== undefined) {
    const replacement = typedAttr(mf, "missingValueReplacement", mf.missingValueReplacement, dt);
    return () => replacement;
  }
  if (mf?.missingValueTreatment === "returnInvalid") {
    return () => {
      throw missingInvalidError(name);
    };
  }
  return () => null;
}

function compileOutlierTreatment(mf: MiningFieldDef | undefined): ((v: Exclude<Value, null>, onMissing: () => Value) => Value) | undefined {
  if (!mf || mf.outliers === "asIs") return undefined;
  const low = mf.lowValue!;
  const high = mf.highValue!;
  if (mf.outliers === "asExtremeValues") {
    return (v) => (typeof v !== "number" ? v : v < low ? low : v > high ? high : v);
  }
  return (v, onMissing) => (typeof v === "number" && (v < low || v > high) ? onMissing() : v);
}

/**
 * The treatment a nested model's MiningField adds on top of the value its parent already
 * prepared, or undefined when it adds nothing (the usual case: the parent's getter is reused).
 */
export function compileNestedTreatment(mf: MiningFieldDef, dt: DataType): ((v: Value) => Value) | undefined {
  const hasReplacement = mf.missingValueReplacement !== undefined || mf.missingValueTreatment === "returnInvalid";
  const onOutlier = compileOutlierTreatment(mf);
  if (!hasReplacement && !onOutlier) return undefined;
  const onMissing = compileMissingTreatment(mf, dt, mf.name);
  return (v) => {
    if (v === null) return onMissing();
    return onOutlier ? onOutlier(v, onMissing) : v;
  };
}

/** Usage types that make no sense for scoring a model of these kinds. */
export function rejectUnsupportedUsage(fields: MiningFieldDef[]): void {
  for (const f of fields) {
    if (f.usageType === "group" || f.usageType === "order") {
      throw unsupported(`MiningField@usageType="${f.usageType}" (association and sequence models)`, f.element.path);
    }
  }
}
