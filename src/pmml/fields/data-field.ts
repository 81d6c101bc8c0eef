/**
 * DataDictionary: the outside fields, their types and which of their values are valid, invalid
 * or stand for "missing".
 */
import { invalid, unsupported } from "../errors.js";
import { DATA_TYPES, OP_TYPES, parseTypedText, type DataType, type OpType, type Value } from "../types/values.js";
import { checkChildren, enumAttr, numberAttr, requiredAttr } from "../xml/read.js";
import type { XmlElement } from "../xml/xml-element.js";

export interface Interval {
  closure: "openClosed" | "openOpen" | "closedOpen" | "closedClosed";
  left: number;
  right: number;
}

export interface DataFieldDef {
  readonly name: string;
  readonly dataType: DataType;
  readonly optype: OpType;
  /** Valid values in document order (the category order of categorical and ordinal fields). */
  readonly validValues: Value[];
  readonly invalidValues: Set<Value>;
  readonly missingValues: Set<Value>;
  readonly intervals: Interval[];
  /** `Value@displayValue` per value, for predictedDisplayValue. */
  readonly displayValues: Map<Value, string>;
  readonly element: XmlElement;
}

export function readDataDictionary(el: XmlElement): Map<string, DataFieldDef> {
  checkChildren(el, ["DataField", "Taxonomy"]);
  if (el.child("Taxonomy")) throw unsupported("Taxonomy", el.child("Taxonomy")!.path);
  const out = new Map<string, DataFieldDef>();
  for (const f of el.childrenNamed("DataField")) {
    const def = readDataField(f);
    if (out.has(def.name)) throw invalid(`DataField "${def.name}" is defined twice`, f.path);
    out.set(def.name, def);
  }
  return out;
}

export function readDataType(el: XmlElement, name = "dataType"): DataType | undefined {
  const v = el.attr(name);
  if (v === undefined) return undefined;
  return enumAttr(el, name, DATA_TYPES, "string");
}

export function readOpType(el: XmlElement): OpType | undefined {
  const v = el.attr("optype");
  if (v === undefined) return undefined;
  return enumAttr(el, "optype", OP_TYPES, "continuous");
}

/** The optype PMML implies when none is given: strings and booleans are categorical. */
export function defaultOpType(dt: DataType): OpType {
  return dt === "string" || dt === "boolean" ? "categorical" : "continuous";
}

function readDataField(el: XmlElement): DataFieldDef {
  checkChildren(el, ["Value", "Interval"]);
  const name = requiredAttr(el, "name");
  const optype = readOpType(el);
  if (!optype) throw invalid(`DataField "${name}" needs an optype`, el.path);
  const dataType = readDataType(el) ?? (optype === "continuous" ? "double" : "string");
  const def: DataFieldDef = {
    name,
    dataType,
    optype,
    validValues: [],
    invalidValues: new Set(),
    missingValues: new Set(),
    intervals: [],
    displayValues: new Map(),
    element: el,
  };
  for (const v of el.childrenNamed("Value")) {
    const text = requiredAttr(v, "value");
    const property = enumAttr(v, "property", ["valid", "invalid", "missing"] as const, "valid");
    const typed = parseTypedText(text, dataType);
    if (typed === undefined || typed === null) {
      // A missing-value token need not be a value of the type ("NA" on a double field).
      if (property === "missing") {
        def.missingValues.add(text);
        continue;
      }
      throw invalid(`Value "${text}" is not a ${dataType}`, v.path);
    }
    if (property === "valid") def.validValues.push(typed);
    else if (property === "invalid") def.invalidValues.add(typed);
    else def.missingValues.add(typed);
    const display = v.attr("displayValue");
    if (display !== undefined) def.displayValues.set(typed, display);
  }
  for (const i of el.childrenNamed("Interval")) def.intervals.push(readInterval(i));
  return def;
}

export function readInterval(el: XmlElement): Interval {
  const closure = enumAttr(el, "closure", ["openClosed", "openOpen", "closedOpen", "closedClosed"] as const, "closedClosed");
  return {
    closure,
    left: numberAttr(el, "leftMargin", -Infinity),
    right: numberAttr(el, "rightMargin", Infinity),
  };
}

export function inInterval(x: number, i: Interval): boolean {
  switch (i.closure) {
    case "closedClosed":
      return x >= i.left && x <= i.right;
    case "closedOpen":
      return x >= i.left && x < i.right;
    case "openClosed":
      return x > i.left && x <= i.right;
    case "openOpen":
      return x > i.left && x < i.right;
  }
}

export const Validity = { Valid: 0, Invalid: 1, Missing: 2 } as const;
export type Validity = (typeof Validity)[keyof typeof Validity];

/**
 * Classifies a typed, non-null value against the field's declared values: listed missing tokens
 * are missing; explicitly invalid values, values outside every Interval, and categorical values
 * not among the listed valid ones are invalid.
 */
export function compileValidity(def: DataFieldDef): (v: Exclude<Value, null>) => Validity {
  const valid = new Set(def.validValues);
  const { invalidValues, missingValues, intervals } = def;
  const hasMissing = missingValues.size > 0;
  const hasInvalid = invalidValues.size > 0;
  const categorical = def.optype !== "continuous";
  const checkValues = categorical && valid.size > 0;
  const checkIntervals = !categorical && intervals.length > 0;
  if (!hasMissing && !hasInvalid && !checkValues && !checkIntervals) return () => Validity.Valid;
  return (v) => {
    if (hasMissing && missingValues.has(v)) return Validity.Missing;
    if (hasInvalid && invalidValues.has(v)) return Validity.Invalid;
    if (checkValues) return valid.has(v) ? Validity.Valid : Validity.Invalid;
    if (checkIntervals) {
      if (valid.has(v)) return Validity.Valid;
      if (typeof v !== "number") return Validity.Invalid;
      for (const i of intervals) if (inInterval(v, i)) return Validity.Valid;
      return Validity.Invalid;
    }
    return Validity.Valid;
  };
}
