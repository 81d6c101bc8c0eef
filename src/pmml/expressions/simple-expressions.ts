/**
 * The leaf and one-field expressions: Constant, FieldRef, NormDiscrete.
 */
import { invalid } from "../errors.js";
import type { FieldBinding, Scope } from "../fields/scope.js";
import { readDataType } from "../fields/data-field.js";
import { inferDataType, parseTypedText, type DataType, type Value } from "../types/values.js";
import { booleanAttr, checkChildren, enumAttr, requiredAttr } from "../xml/read.js";
import type { XmlElement } from "../xml/xml-element.js";
import type { CompiledExpression } from "./context.js";

export function compileConstant(el: XmlElement): CompiledExpression {
  checkChildren(el, []);
  const declared = readDataType(el);
  const text = el.text;
  let value: Value;
  let dataType: DataType;
  if (booleanAttr(el, "missing", false)) {
    value = null;
    dataType = declared ?? "string";
  } else if (declared) {
    dataType = declared;
    if (declared === "string") value = text;
    else if (text.trim() === "") value = null;
    else {
      const v = parseTypedText(text.trim(), declared);
      if (v === undefined) throw invalid(`Constant "${text}" is not a ${declared}`, el.path);
      value = v;
    }
  } else if (text === "") {
    value = "";
    dataType = "string";
  } else {
    dataType = inferDataType(text);
    value = dataType === "string" ? text : (parseTypedText(text.trim(), dataType) as Value);
  }
  const optype = dataType === "string" || dataType === "boolean" ? "categorical" : "continuous";
  return { get: () => value, dataType, optype, values: value === null ? undefined : [value] };
}

/** A `mapMissingTo` text in the type of the expression it replaces (text if it does not parse). */
export function typedReplacement(text: string | undefined, dt: DataType): Value | undefined {
  if (text === undefined) return undefined;
  const v = parseTypedText(text, dt);
  return v === undefined || v === null ? text : v;
}

export function fieldExpression(b: FieldBinding): CompiledExpression {
  return { get: b.get, dataType: b.dataType, optype: b.optype, values: b.values, field: { name: b.name, dataField: b.dataField } };
}

export function compileFieldRef(el: XmlElement, scope: Scope): CompiledExpression {
  checkChildren(el, []);
  const b = scope.resolve(requiredAttr(el, "field"), el);
  const replacement = typedReplacement(el.attr("mapMissingTo"), b.dataType);
  if (replacement === undefined) return fieldExpression(b);
  const g = b.get;
  return {
    get: (f) => {
      const v = g(f);
      return v === null ? replacement : v;
    },
    dataType: b.dataType,
    optype: b.optype,
    values: b.values,
  };
}

/** NormDiscrete: 1 when the field equals `value`, else 0 (method="indicator"). */
export function compileNormDiscrete(el: XmlElement, scope: Scope): CompiledExpression {
  checkChildren(el, []);
  enumAttr(el, "method", ["indicator"] as const, "indicator", ["thermometer"]);
  const b = scope.resolve(requiredAttr(el, "field"), el);
  const text = requiredAttr(el, "value");
  const target = parseTypedText(text, b.dataType);
  if (target === undefined || target === null) throw invalid(`NormDiscrete@value="${text}" is not a ${b.dataType}`, el.path);
  const mapMissingTo = typedReplacement(el.attr("mapMissingTo"), "double") ?? null;
  const g = b.get;
  return {
    get: (f) => {
      const v = g(f);
      if (v === null) return mapMissingTo;
      return v === target ? 1 : 0;
    },
    dataType: "double",
    optype: "continuous",
  };
}
