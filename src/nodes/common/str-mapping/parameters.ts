/**
 * The `Parameters` archive member of Modeler's extension nodes (`CFBuildModelNode` of the
 * Neural Net, C&R Tree, CHAID, Linear and Random Forest builders of Modeler 16+): the node's
 * settings as named values, not under `<properties>`.
 *
 * ```xml
 * <Parameters xmlns="http://xml.spss.com/pasw/extension">
 *   <Parameter name="neuralnet.HiddenLayers" value="automaticUnits"/>
 *   <Parameter name="neuralnet.InputFieldList"><ListValue><Value value="AGE"/>…</ListValue></Parameter>
 *   <Parameter name="tree.CustomPriors"><ListValue><StructuredValue><Attribute name="value" value="No"/>…
 *   <Parameter name="linreg.MaxSteps"/>                       (no value)
 * ```
 *
 * The import parses the member (it owns the XML parser) and hands an `ExtensionParameters`
 * to the node's mapping in `XmlMappingContext.parameters`; the mapping's `parameters` codecs
 * read from it. Writing a changed property records the new values here (`changes`); the
 * writer then rewrites only those `<Parameter>` elements of the member's text, so everything
 * else in the member stays as Modeler saved it.
 */
import { StrWriteError } from "./errors.js";
import type { XmlMappingContext } from "./mapping.js";
import { attr, elements, type XmlElement } from "./xml-tree.js";

/** A structured value (`<StructuredValue><Attribute name=… value=…/>…`) as attribute name → value. */
export type StructuredParameter = Readonly<Record<string, string>>;

/** What a write puts into one `<Parameter>`: a value, a list of values, or nothing (`<Parameter name="x"/>`). */
export type ParameterChange = { readonly value: string } | { readonly list: readonly string[] } | { readonly empty: true };

export class ExtensionParameters {
  private readonly byName = new Map<string, XmlElement>();
  /** Parameters written since reading, by name, in the order written. */
  readonly changes = new Map<string, ParameterChange>();

  /** `root` is the member's `<Parameters>` element; `member` its name in the archive (for messages). */
  constructor(readonly root: XmlElement, readonly member: string) {
    for (const p of elements(root)) {
      const name = attr(p, "name");
      // Modeler writes each name once; should one repeat, the first is the one read and written.
      if (p.name.localName === "Parameter" && name !== undefined && !this.byName.has(name)) this.byName.set(name, p);
    }
  }

  has(name: string): boolean {
    return this.changes.has(name) || this.byName.has(name);
  }

  /** The `value` attribute, or undefined when the parameter is absent, empty or holds a list. */
  value(name: string): string | undefined {
    const changed = this.changes.get(name);
    if (changed) return "value" in changed ? changed.value : undefined;
    return attr(this.byName.get(name), "value");
  }

  /**
   * The simple values of a `<ListValue>` (a single `value` attribute counts as a one-item
   * list), or undefined when the parameter is absent or empty.
   */
  list(name: string): string[] | undefined {
    const changed = this.changes.get(name);
    if (changed) return "list" in changed ? [...changed.list] : "value" in changed ? [changed.value] : undefined;
    const p = this.byName.get(name);
    if (!p) return undefined;
    const single = attr(p, "value");
    if (single !== undefined) return [single];
    const list = elements(p).find((e) => e.name.localName === "ListValue");
    if (!list) return undefined;
    return elements(list).filter((e) => e.name.localName === "Value").map((e) => attr(e, "value") ?? "");
  }

  /** The `<StructuredValue>` items of a `<ListValue>` (priors, costs), or undefined when absent. */
  structuredList(name: string): StructuredParameter[] | undefined {
    if (this.changes.has(name)) return undefined;
    const list = elements(this.byName.get(name) ?? emptyElement).find((e) => e.name.localName === "ListValue");
    if (!list) return undefined;
    return elements(list)
      .filter((e) => e.name.localName === "StructuredValue")
      .map((s) => Object.fromEntries(elements(s).filter((a) => a.name.localName === "Attribute").map((a) => [attr(a, "name") ?? "", attr(a, "value") ?? ""])));
  }

  setValue(name: string, value: string): void {
    this.changes.set(name, { value });
  }

  setList(name: string, values: readonly string[]): void {
    this.changes.set(name, { list: [...values] });
  }

  setEmpty(name: string): void {
    this.changes.set(name, { empty: true });
  }
}

const emptyElement: XmlElement = { kind: "element", name: { prefix: "", namespaceName: "", localName: "" }, attributes: [], namespaceDeclarations: [], children: [] };

/**
 * How one scripting property is read from, and written to, the `Parameters` member (the
 * counterpart of `PropertyCodec` for `<properties>`).
 */
export interface ParameterCodec {
  /** Parameter name(s) and how values map, for documentation and messages. */
  readonly xml: string;
  /** The property's value, or undefined when the member does not set it. */
  read(params: ExtensionParameters, ctx: XmlMappingContext): unknown;
  /** Records `value` in `params.changes` (throws `StrWriteError` for a value with no form). */
  write(params: ExtensionParameters, value: unknown, ctx: XmlMappingContext): void;
}

export interface ParameterTextOptions {
  /** Read "" as "not set". */
  readonly omitEmpty?: boolean;
}

export function paramText(name: string, options: ParameterTextOptions = {}): ParameterCodec {
  return {
    xml: name,
    read(params) {
      const v = params.value(name);
      return v === undefined || (options.omitEmpty && v === "") ? undefined : v;
    },
    write(params, value) {
      params.setValue(name, value === undefined || value === null ? "" : String(value));
    },
  };
}

export function paramBool(name: string): ParameterCodec {
  return {
    xml: name,
    read(params, ctx) {
      const v = params.value(name);
      if (v === undefined) return undefined;
      if (v === "true" || v === "false") return v === "true";
      ctx.warn(`parameter ${name} holds "${v}", which is not true or false`);
      return v;
    },
    write(params, value) {
      params.setValue(name, String(value === true));
    },
  };
}

export interface ParameterNumberOptions {
  readonly integer?: boolean;
  /**
   * Modeler's default, read as "not set". For settings Modeler saves in every node although
   * they only matter to a part of the algorithm the trainer refuses whenever the option is
   * given (CHAID's `epsilon`): an untouched node then trains, and a changed value still reaches
   * the trainer and is refused by name. Writing "not set" writes the default back.
   */
  readonly unsetAt?: number;
}

export function paramNumber(name: string, options: ParameterNumberOptions = {}): ParameterCodec {
  return {
    xml: options.unsetAt === undefined ? name : `${name} (${options.unsetAt}: not set)`,
    read(params, ctx) {
      const v = params.value(name);
      // `<Parameter name="linreg.MaxSteps"/>`: no value saved.
      if (v === undefined || v.trim() === "") return undefined;
      const n = Number(v);
      if (!Number.isFinite(n) || (options.integer && !Number.isInteger(n))) {
        ctx.warn(`parameter ${name} holds "${v}", which is not ${options.integer ? "an integer" : "a number"}`);
        return v;
      }
      return n === options.unsetAt ? undefined : n;
    },
    write(params, value) {
      if (value === undefined || value === null) {
        if (options.unsetAt !== undefined) params.setValue(name, String(options.unsetAt));
        else params.setEmpty(name);
      } else params.setValue(name, String(value));
    },
  };
}

/** An enumeration: parameter token ↔ scripting value. An unknown token is passed through with a warning. */
export function paramEnum(name: string, table: Readonly<Record<string, string | boolean>>): ParameterCodec {
  const reverse = new Map(Object.entries(table).map(([token, value]) => [value, token]));
  return {
    xml: `${name} (${Object.entries(table).map(([t, v]) => `${t}: ${String(v)}`).join(", ")})`,
    read(params, ctx) {
      const v = params.value(name);
      if (v === undefined) return undefined;
      const mapped = table[v];
      if (mapped !== undefined) return mapped;
      ctx.warn(`parameter ${name} holds "${v}", which no scripting value corresponds to (known: ${Object.keys(table).join(", ")})`);
      return v;
    },
    write(params, value) {
      const token = reverse.get(value as string | boolean);
      if (token === undefined) {
        throw new StrWriteError(`the value ${JSON.stringify(value)} has no .str form in parameter ${name} (known: ${[...reverse.keys()].map(String).join(", ")})`, { parameter: name, value });
      }
      params.setValue(name, token);
    },
  };
}

/** A list of field names (`<ListValue><Value value="AGE"/>…`). */
export function paramFields(name: string): ParameterCodec {
  return {
    xml: `${name} (list)`,
    read: (params) => params.list(name),
    write(params, value) {
      params.setList(name, stringList(value, name));
    },
  };
}

/** One field name, saved as a one-item list or a value (`tree.TargetField`); an empty list reads as not set. */
export function paramField(name: string): ParameterCodec {
  return {
    xml: name,
    read(params, ctx) {
      const values = params.list(name)?.filter((v) => v !== "");
      if (!values || values.length === 0) return undefined;
      if (values.length > 1) ctx.warn(`parameter ${name} lists ${values.length} fields (${values.join(", ")}); the node takes one, so the first is read`);
      return values[0];
    },
    write(params, value) {
      // Keep the form the member has: Modeler saves the Neural Net's target as a list, the trees' as a value.
      const asList = params.list(name) !== undefined && params.value(name) === undefined;
      const v = value === undefined || value === null ? "" : String(value);
      if (asList) params.setList(name, v === "" ? [] : [v]);
      else params.setValue(name, v);
    },
  };
}

/**
 * A setting saved as a switch and a value (`UseOverFitPreventionSet` + `OverFitPreventionSetPct`)
 * that the scripting property carries as one number: `off` when the switch is false. Writing
 * "not set" writes the switch on with `byDefault`, what the trainer does without the property.
 */
export function paramSwitchedNumber(useName: string, valueName: string, off: number, byDefault: number): ParameterCodec {
  const value = paramNumber(valueName);
  return {
    xml: `${valueName} (${off} when ${useName} is false)`,
    read(params, ctx) {
      const use = params.value(useName);
      if (use === "false") return off;
      if (use !== undefined && use !== "true") ctx.warn(`parameter ${useName} holds "${use}", which is not true or false`);
      return value.read(params, ctx);
    },
    write(params, v, ctx) {
      const given = v === undefined || v === null ? byDefault : v;
      params.setValue(useName, String(given !== off));
      if (given !== off) value.write(params, given, ctx);
    },
  };
}

/**
 * A field that is used when named (`neuralnet.FrequencyWeightField`): the flag property
 * (`use_frequency`) reads true when the field is not empty. Writing false empties the field;
 * writing true leaves it to the field's own property.
 */
export function paramFieldIsSet(name: string): ParameterCodec {
  return {
    xml: `${name} not empty`,
    read(params) {
      const v = params.value(name);
      return v === undefined ? undefined : v !== "";
    },
    write(params, value) {
      if (value !== true) params.setValue(name, "");
    },
  };
}

function stringList(value: unknown, what: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
    throw new StrWriteError(`parameter ${what} needs a list of field names (got ${JSON.stringify(value)})`, { parameter: what });
  }
  return value;
}

/**
 * Warns when a parameter no property carries holds something other than the values Modeler
 * saves by default (every corpus file has them): the setting stays in the member, but the
 * trainer does what its documentation says instead.
 */
export function warnIfParameter(params: ExtensionParameters, name: string, defaults: readonly string[], ctx: XmlMappingContext, why: string): void {
  const v = params.value(name) ?? (params.list(name)?.length ? `[${params.list(name)!.join(", ")}]` : undefined);
  if (v === undefined) return;
  const numeric = Number(v);
  const isDefault = defaults.some((d) => d === v || (v.trim() !== "" && Number.isFinite(numeric) && d.trim() !== "" && Number(d) === numeric));
  if (!isDefault) ctx.warn(`parameter ${name} is "${v}", kept in the member but not applied: ${why}`);
}

/** Warns when a list parameter no property carries is not empty. */
export function warnIfListSet(params: ExtensionParameters, name: string, ctx: XmlMappingContext, why: string): void {
  const values = params.list(name)?.filter((v) => v !== "") ?? [];
  const structured = params.structuredList(name) ?? [];
  if (values.length > 0 || structured.length > 0) ctx.warn(`parameter ${name} is not empty, kept in the member but not applied: ${why}`);
}
