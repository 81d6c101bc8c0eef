/**
 * DerivedField (in TransformationDictionary and LocalTransformations): a named expression whose
 * value is computed at most once per row, cast to the field's declared data type.
 */
import { invalid } from "../errors.js";
import { defaultOpType, readDataType, readOpType } from "../fields/data-field.js";
import { collectDependencies, type FieldBinding, type Scope } from "../fields/scope.js";
import { cachedSlot, type Getter } from "../runtime/frame.js";
import { castValue, parseTypedText, type Value } from "../types/values.js";
import { checkChildren, requiredAttr } from "../xml/read.js";
import type { XmlElement } from "../xml/xml-element.js";
import { compileExpression, EXPRESSION_ELEMENTS, expressionChild } from "./compile-expression.js";
import type { CompileContext } from "./context.js";

/** Registers every DerivedField of `container` in `scope` (compiled on first use). */
export function defineDerivedFields(container: XmlElement, scope: Scope, ctx: CompileContext): void {
  for (const el of container.childrenNamed("DerivedField")) {
    const name = requiredAttr(el, "name");
    scope.defineLazy(name, el.path, () => compileDerivedField(el, scope, ctx));
  }
}

/** Compiles one DerivedField; `name` is optional only where PMML makes it so (NeuralInput). */
export function compileDerivedField(el: XmlElement, scope: Scope, ctx: CompileContext, nameOptional = false): FieldBinding {
  checkChildren(el, ["Value", ...EXPRESSION_ELEMENTS]);
  const name = nameOptional ? (el.attr("name") ?? "") : requiredAttr(el, "name");
  const exprEl = expressionChild(el);
  if (!exprEl) throw invalid(`DerivedField "${name}" has no expression`, el.path);
  const { result: expr, dependencies } = collectDependencies(() => compileExpression(exprEl, scope, ctx));
  const dataType = readDataType(el) ?? expr.dataType;
  const optype = readOpType(el) ?? expr.optype ?? defaultOpType(dataType);
  let compute: Getter = expr.get;
  if (dataType !== expr.dataType) {
    const from = expr.dataType;
    const g = expr.get;
    compute = (f) => {
      const v = g(f);
      if (v === null) return null;
      const c = castValue(v, from, dataType);
      return c === undefined ? null : c;
    };
  }
  const declared: Value[] = [];
  for (const v of el.childrenNamed("Value")) {
    if ((v.attr("property") ?? "valid") !== "valid") continue;
    const typed = parseTypedText(requiredAttr(v, "value"), dataType);
    if (typed !== undefined && typed !== null) declared.push(typed);
  }
  const values = declared.length > 0 ? declared : expr.values;
  const pure = dependencies.every((d) => d.pure === true);
  return { name, dataType, optype, get: cachedSlot(ctx.layout.allocateSlot(), compute), values, pure };
}
