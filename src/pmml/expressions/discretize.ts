/**
 * Discretize (bins of intervals) and MapValues (table lookup on one or more key columns).
 */
import { invalid } from "../errors.js";
import { inInterval, readDataType, readInterval, type Interval } from "../fields/data-field.js";
import type { Scope } from "../fields/scope.js";
import { numberArg } from "../functions/function.js";
import type { Getter } from "../runtime/frame.js";
import { parseTypedText, valueToText, type DataType, type Value } from "../types/values.js";
import { checkChildren, requiredAttr, requiredChild } from "../xml/read.js";
import type { XmlElement } from "../xml/xml-element.js";
import type { CompiledExpression } from "./context.js";
import { cell, readTableOf } from "./inline-table.js";
import { fieldExpression, typedReplacement } from "./simple-expressions.js";

function typedText(text: string, dt: DataType, el: XmlElement, what: string): Value {
  const v = parseTypedText(dt === "string" ? text : text.trim(), dt);
  if (v === undefined) throw invalid(`${what} "${text}" is not a ${dt}`, el.path);
  return v;
}

export function compileDiscretize(el: XmlElement, scope: Scope): CompiledExpression {
  checkChildren(el, ["DiscretizeBin"]);
  const b = scope.resolve(requiredAttr(el, "field"), el);
  const dt = readDataType(el) ?? "string";
  const bins: { interval: Interval; value: Value }[] = el.childrenNamed("DiscretizeBin").map((bin) => {
    checkChildren(bin, ["Interval"]);
    return { interval: readInterval(requiredChild(bin, "Interval")), value: typedText(requiredAttr(bin, "binValue"), dt, bin, "binValue") };
  });
  const mapMissingTo = typedReplacement(el.attr("mapMissingTo"), dt) ?? null;
  const defaultValue = typedReplacement(el.attr("defaultValue"), dt) ?? null;
  const x = numberArg(fieldExpression(b), el);
  const values = [...new Set(bins.map((bin) => bin.value))];
  return {
    get: (f) => {
      const v = x(f);
      if (v === null) return mapMissingTo;
      for (let i = 0; i < bins.length; i++) if (inInterval(v, bins[i]!.interval)) return bins[i]!.value;
      return defaultValue;
    },
    dataType: dt,
    optype: dt === "string" ? "categorical" : "ordinal",
    values,
  };
}

/** Lookup key of one or several typed values (text joined by a unit separator). */
function keyOf(values: readonly Value[], types: readonly DataType[]): string {
  let k = "";
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    k += (i ? "\u001f" : "") + (v === null ? "" : valueToText(v, types[i]));
  }
  return k;
}

export function compileMapValues(el: XmlElement, scope: Scope): CompiledExpression {
  checkChildren(el, ["FieldColumnPair", "InlineTable", "TableLocator"]);
  const dt = readDataType(el) ?? "string";
  const outputColumn = requiredAttr(el, "outputColumn");
  const pairs = el.childrenNamed("FieldColumnPair").map((p) => {
    checkChildren(p, []);
    return { binding: scope.resolve(requiredAttr(p, "field"), p), column: requiredAttr(p, "column") };
  });
  if (pairs.length === 0) throw invalid("MapValues needs at least one FieldColumnPair", el.path);
  const table = readTableOf(el);
  const keyTypes = pairs.map((p) => p.binding.dataType);
  const single = pairs.length === 1;
  const singleMap = new Map<Value, Value>();
  const multiMap = new Map<string, Value>();
  for (const row of table.rows) {
    const keys: Value[] = [];
    let complete = true;
    for (const p of pairs) {
      const text = cell(row, p.column);
      if (text === undefined) {
        complete = false;
        break;
      }
      keys.push(typedText(text, p.binding.dataType, table.element, `cell ${p.column}`));
    }
    const out = cell(row, outputColumn);
    if (!complete || out === undefined) continue;
    const value = typedText(out, dt, table.element, `cell ${outputColumn}`);
    // The first matching row wins, as in a sequential scan of the table.
    if (single) {
      if (!singleMap.has(keys[0]!)) singleMap.set(keys[0]!, value);
    } else {
      const k = keyOf(keys, keyTypes);
      if (!multiMap.has(k)) multiMap.set(k, value);
    }
  }
  const mapMissingTo = typedReplacement(el.attr("mapMissingTo"), dt) ?? null;
  const defaultValue = typedReplacement(el.attr("defaultValue"), dt) ?? null;
  const values = [...new Set(single ? singleMap.values() : multiMap.values())];
  let get: Getter;
  if (single) {
    const g = pairs[0]!.binding.get;
    get = (f) => {
      const v = g(f);
      if (v === null) return mapMissingTo;
      const r = singleMap.get(v);
      return r === undefined ? defaultValue : r;
    };
  } else {
    const gs = pairs.map((p) => p.binding.get);
    const scratch: Value[] = new Array<Value>(gs.length).fill(null);
    get = (f) => {
      for (let i = 0; i < gs.length; i++) {
        const v = gs[i]!(f);
        if (v === null) return mapMissingTo;
        scratch[i] = v;
      }
      const r = multiMap.get(keyOf(scratch, keyTypes));
      return r === undefined ? defaultValue : r;
    };
  }
  return { get, dataType: dt, optype: dt === "string" ? "categorical" : "continuous", values };
}
