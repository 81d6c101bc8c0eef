/**
 * What every compiler needs besides the element and the scope: the frame layout to allocate
 * slots from, the document's user-defined functions, and document-level switches.
 */
import type { DataFieldDef } from "../fields/data-field.js";
import type { Getter } from "../runtime/frame.js";
import { FrameLayout } from "../runtime/frame.js";
import type { DataType, OpType, Value } from "../types/values.js";
import { enumAttr } from "../xml/read.js";
import type { XmlElement } from "../xml/xml-element.js";

/** A compiled expression: its getter and its static type. */
export interface CompiledExpression {
  readonly get: Getter;
  readonly dataType: DataType;
  readonly optype: OpType;
  /** Known category values, when the expression's values are a fixed set. */
  readonly values?: readonly Value[];
  /** Set when the expression is a plain field reference (isValid needs the field). */
  readonly field?: { readonly name: string; readonly dataField?: DataFieldDef };
}

/** Arithmetic precision: JPMML's `x-mathContext="float"` makes a model compute in float32. */
export type MathContext = "double" | "float";

export interface CompileContext {
  readonly layout: FrameLayout;
  /** DefineFunction elements of the TransformationDictionary, by name. */
  readonly userFunctions: ReadonlyMap<string, XmlElement>;
  /** Depth of user-defined function expansion (guards against recursive definitions). */
  readonly functionDepth: number;
  readonly mathContext: MathContext;
  /** PMML version of the document ("4.4"), for version-dependent defaults. */
  readonly version: string;
  /**
   * Compiled parts that identical elements of one document share (e.g. the text processing of
   * 500 TextIndex elements with the same normalisation), by a key that describes them fully.
   */
  readonly shared: Map<string, unknown>;
}

export function withMathContext(ctx: CompileContext, el: XmlElement): CompileContext {
  // PMML 4.4 calls it mathContext; JPMML-produced documents use the older x-mathContext.
  const attribute = el.attr("mathContext") !== undefined ? "mathContext" : "x-mathContext";
  const m = enumAttr(el, attribute, ["double", "float"] as const, ctx.mathContext);
  return m === ctx.mathContext ? ctx : { ...ctx, mathContext: m };
}

export function newContext(userFunctions: ReadonlyMap<string, XmlElement>, version: string): CompileContext {
  return { layout: new FrameLayout(), userFunctions, functionDepth: 0, mathContext: "double", version, shared: new Map() };
}
