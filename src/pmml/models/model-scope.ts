/**
 * The fields a model sees: its MiningSchema applied to the outside (or parent) fields, then the
 * TransformationDictionary (top level only), then its LocalTransformations.
 */
import { invalid } from "../errors.js";
import type { DataFieldDef } from "../fields/data-field.js";
import { compileInputPreparation, compileNestedTreatment, type MiningFieldDef } from "../fields/mining-field.js";
import { Scope, type FieldBinding } from "../fields/scope.js";
import type { CompileContext } from "../expressions/context.js";
import { defineDerivedFields } from "../expressions/derived-field.js";
import { cachedSlot, type Frame } from "../runtime/frame.js";
import { checkChildren } from "../xml/read.js";
import type { XmlElement } from "../xml/xml-element.js";

export interface DocumentEnv {
  readonly dataFields: ReadonlyMap<string, DataFieldDef>;
  readonly transformationDictionary?: XmlElement;
}

/**
 * Top level: every DataField becomes an input read from the caller's column of the same name,
 * prepared with the model's MiningField treatments (or the defaults, for fields that only
 * transformations use).
 */
export function topLevelScope(miningFields: readonly MiningFieldDef[], env: DocumentEnv, ctx: CompileContext): Scope {
  const inputs = new Scope(null, "the DataDictionary");
  const byName = new Map(miningFields.map((m) => [m.name, m]));
  for (const m of miningFields) {
    if (!env.dataFields.has(m.name)) throw invalid(`MiningField "${m.name}" is not a DataField`, m.element.path);
  }
  for (const df of env.dataFields.values()) {
    const mf = byName.get(df.name);
    inputs.defineLazy(df.name, df.element.path, () => inputBinding(df, mf, ctx));
  }
  const dictionary = new Scope(inputs, "the TransformationDictionary");
  if (env.transformationDictionary) {
    checkChildren(env.transformationDictionary, ["DerivedField", "DefineFunction"]);
    defineDerivedFields(env.transformationDictionary, dictionary, ctx);
    // Unused fields too: whatever the document holds that is unsupported is a load-time error.
    dictionary.compileAll();
  }
  return dictionary;
}

function inputBinding(df: DataFieldDef, mf: MiningFieldDef | undefined, ctx: CompileContext): FieldBinding {
  const prepare = compileInputPreparation(df, mf);
  const column = ctx.layout.input(df.name);
  const passThrough = df.dataType === "double" && isPlainField(df) && (mf === undefined || hasNoTreatment(mf));
  // Numbers of a plain double field need no preparation: skip the closure for them.
  const read = passThrough
    ? (f: Frame) => {
        const raw = f.columns[column]![f.row];
        return typeof raw === "number" && raw === raw ? raw : prepare(raw);
      }
    : (f: Frame) => prepare(f.columns[column]![f.row]);
  const get = cachedSlot(ctx.layout.allocateSlot(), read);
  return {
    pure: true,
    source: { column, prepare, numbersPassThrough: passThrough },
    name: df.name,
    dataType: df.dataType,
    optype: mf?.optype ?? df.optype,
    get,
    values: df.validValues.length > 0 ? df.validValues : undefined,
    dataField: df,
  };
}

/** Nested model: its MiningFields re-treat the parent's values where they say more than the parent. */
export function nestedScope(parent: Scope, miningFields: readonly MiningFieldDef[], ctx: CompileContext, label: string): Scope {
  const scope = new Scope(parent, label);
  for (const m of miningFields) {
    const b = parent.lookup(m.name);
    if (!b) {
      // A target need not be visible to the segment; anything else must be.
      if (m.usageType === "target" || m.usageType === "predicted") continue;
      throw invalid(`MiningField "${m.name}" is not a field of the enclosing model`, m.element.path);
    }
    const treatment = compileNestedTreatment(m, b.dataType);
    const optype = m.optype ?? b.optype;
    if (!treatment && optype === b.optype) continue;
    const g = b.get;
    const get = treatment ? cachedSlot(ctx.layout.allocateSlot(), (f) => treatment(g(f))) : g;
    scope.define({ ...b, optype, get, source: treatment ? undefined : b.source }, m.element.path);
  }
  return scope;
}

/** No declared values, intervals or missing tokens: every number is valid. */
function isPlainField(df: DataFieldDef): boolean {
  return df.validValues.length === 0 && df.invalidValues.size === 0 && df.missingValues.size === 0 && df.intervals.length === 0;
}

function hasNoTreatment(mf: MiningFieldDef): boolean {
  return mf.outliers === "asIs" && mf.missingValueReplacement === undefined && mf.missingValueTreatment !== "returnInvalid";
}

export function withLocalTransformations(parent: Scope, local: XmlElement | undefined, ctx: CompileContext, label: string): Scope {
  if (!local) return parent;
  checkChildren(local, ["DerivedField"]);
  const scope = new Scope(parent, `LocalTransformations of ${label}`);
  defineDerivedFields(local, scope, ctx);
  scope.compileAll();
  return scope;
}
