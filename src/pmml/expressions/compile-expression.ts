/**
 * EXPRESSION → getter. The one dispatcher over PMML's expression elements.
 */
import { unsupported } from "../errors.js";
import type { Scope } from "../fields/scope.js";
import type { XmlElement } from "../xml/xml-element.js";
import { compileApply } from "./apply.js";
import type { CompiledExpression, CompileContext } from "./context.js";
import { compileDiscretize, compileMapValues } from "./discretize.js";
import { compileNormContinuous } from "./norm-continuous.js";
import { compileConstant, compileFieldRef, compileNormDiscrete } from "./simple-expressions.js";
import { compileTextIndex } from "./text-index.js";

export const EXPRESSION_ELEMENTS = [
  "Constant",
  "FieldRef",
  "NormContinuous",
  "NormDiscrete",
  "Discretize",
  "MapValues",
  "TextIndex",
  "Apply",
  "Aggregate",
  "Lag",
] as const;

export function isExpressionElement(el: XmlElement): boolean {
  return (EXPRESSION_ELEMENTS as readonly string[]).includes(el.name);
}

export function compileExpression(el: XmlElement, scope: Scope, ctx: CompileContext): CompiledExpression {
  switch (el.name) {
    case "Constant":
      return compileConstant(el);
    case "FieldRef":
      return compileFieldRef(el, scope);
    case "NormContinuous":
      return compileNormContinuous(el, scope);
    case "NormDiscrete":
      return compileNormDiscrete(el, scope);
    case "Discretize":
      return compileDiscretize(el, scope);
    case "MapValues":
      return compileMapValues(el, scope);
    case "TextIndex":
      return compileTextIndex(el, scope, ctx, (term) => compileExpression(term, scope, ctx));
    case "Apply":
      return compileApply(el, scope, ctx, compileExpression);
    case "Aggregate":
      throw unsupported("Aggregate", el.path, "it aggregates over several records, which record-at-a-time scoring cannot do");
    case "Lag":
      throw unsupported("Lag", el.path, "it refers to earlier records, which record-at-a-time scoring cannot do");
    default:
      throw unsupported(`expression element ${el.name}`, el.path);
  }
}

/** The single expression child of a container (DerivedField, OutputField, DefineFunction). */
export function expressionChild(container: XmlElement): XmlElement | undefined {
  const found = container.contentChildren.filter(isExpressionElement);
  return found[0];
}
