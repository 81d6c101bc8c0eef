/**
 * The codecs most node mappings are made of: one XML element under `<properties>` holding
 * text, a boolean, a number, an enumeration token or a list of field names.
 *
 * A value the XML holds but the codec cannot read (an enumeration token no table lists, a
 * number that is not one) is passed through as text with a warning, so that the engine
 * refuses it by name when a run needs the node rather than running with a silent default.
 */
import { StrWriteError } from "./errors.js";
import type { PropertyCodec, XmlMappingContext } from "./mapping.js";
import { appendChild, child, childText, elements, makeElement, replaceChild, setChildText, text, type XmlElement } from "./xml-tree.js";

export interface TextOptions {
  /** Read "" as "not set" (optional expressions whose empty value the engine would refuse). */
  readonly omitEmpty?: boolean;
}

export function textCodec(tag: string, options: TextOptions = {}): PropertyCodec {
  return {
    xml: tag,
    read(props) {
      const v = childText(props, tag);
      return v === undefined || (options.omitEmpty && v === "") ? undefined : v;
    },
    write(props, value) {
      setChildText(props, tag, value === undefined || value === null ? "" : String(value));
    },
  };
}

export function boolCodec(tag: string, options: { negate?: boolean } = {}): PropertyCodec {
  const flip = (b: boolean) => (options.negate ? !b : b);
  return {
    xml: options.negate ? `not ${tag}` : tag,
    read(props, ctx) {
      const v = childText(props, tag);
      if (v === undefined) return undefined;
      if (v === "true" || v === "false") return flip(v === "true");
      ctx.warn(`${tag} holds "${v}", which is not true or false`);
      return v;
    },
    write(props, value) {
      setChildText(props, tag, String(flip(value === true)));
    },
  };
}

export function numberCodec(tag: string, options: { integer?: boolean } = {}): PropertyCodec {
  return {
    xml: tag,
    read(props, ctx) {
      const v = childText(props, tag);
      if (v === undefined) return undefined;
      const n = v.trim() === "" ? NaN : Number(v);
      if (Number.isFinite(n) && (!options.integer || Number.isInteger(n))) return n;
      ctx.warn(`${tag} holds "${v}", which is not ${options.integer ? "an integer" : "a number"}`);
      return v;
    },
    write(props, value) {
      setChildText(props, tag, value === undefined || value === null ? "" : String(value));
    },
  };
}

/** An enumeration: XML token ↔ scripting value (`include` ↔ `Include`). */
export function enumCodec(tag: string, table: Readonly<Record<string, string>>): PropertyCodec {
  const reverse = new Map(Object.entries(table).map(([x, s]) => [s, x]));
  return {
    xml: tag,
    read(props, ctx) {
      const v = childText(props, tag);
      if (v === undefined) return undefined;
      const mapped = table[v];
      if (mapped !== undefined) return mapped;
      ctx.warn(`${tag} holds "${v}", which no scripting value corresponds to (known: ${Object.keys(table).join(", ")})`);
      return v;
    },
    write(props, value) {
      const token = reverse.get(String(value));
      if (token === undefined) {
        throw new StrWriteError(`the value ${JSON.stringify(value)} has no .str form in ${tag} (known: ${[...reverse.keys()].join(", ")})`, { xml: tag, value });
      }
      setChildText(props, tag, token);
    },
  };
}

/** Text children of `<tag>` named `item` (`<keyFields><field>a</field>…</keyFields>`). */
export function readList(props: XmlElement, tag: string, item = "field"): string[] | undefined {
  const el = child(props, tag);
  if (!el) return undefined;
  return elements(el).filter((e) => e.name.localName === item).map((e) => text(e));
}

export function writeList(props: XmlElement, tag: string, values: readonly string[], item = "field"): void {
  replaceChild(props, tag, makeElement(tag, {}, values.map((v) => makeElement(item, {}, [v]))));
}

export function fieldListCodec(tag: string, item = "field"): PropertyCodec {
  return {
    xml: `${tag}/${item}`,
    read: (props) => readList(props, tag, item),
    write(props, value) {
      writeList(props, tag, asStrings(value, tag), item);
    },
  };
}

export function asStrings(value: unknown, what: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
    throw new StrWriteError(`${what} needs a list of field names (got ${JSON.stringify(value)})`, { xml: what });
  }
  return value;
}

/** The rows of a Modeler table (`<tag><rows><row>…</row></rows></tag>`), or undefined when absent. */
export function tableRows(props: XmlElement, tag: string): XmlElement[] | undefined {
  const table = child(props, tag);
  if (!table) return undefined;
  const rows = child(table, "rows");
  return rows ? elements(rows).filter((r) => r.name.localName === "row") : [];
}

/** Replaces the rows of a table (creating `<tag><rows>` as needed), keeping the table's other children. */
export function setTableRows(props: XmlElement, tag: string, rows: XmlElement[]): void {
  let table = child(props, tag);
  if (!table) {
    table = makeElement(tag);
    appendChild(props, table);
  }
  replaceChild(table, "rows", makeElement("rows", {}, rows));
}

/** A row element from `[name, text]` pairs (undefined values are left out). */
export function makeRow(cells: ReadonlyArray<readonly [string, string | XmlElement | undefined]>, tag = "row"): XmlElement {
  return makeElement(
    tag,
    {},
    cells.filter(([, v]) => v !== undefined).map(([k, v]) => (typeof v === "string" ? makeElement(k, {}, [v]) : v!)),
  );
}

/** Warns when a table that no property maps has rows. */
export function warnIfRows(props: XmlElement, tag: string, ctx: XmlMappingContext, why: string): void {
  const rows = tableRows(props, tag);
  if (rows && rows.length > 0) ctx.warn(`${tag} has ${rows.length} row(s), kept in the XML but not applied: ${why}`);
}

/** Warns when an element that no property maps holds a non-default text. */
export function warnIfSet(props: XmlElement, tag: string, defaults: readonly string[], ctx: XmlMappingContext, why: string): void {
  const v = childText(props, tag);
  if (v !== undefined && !defaults.includes(v)) ctx.warn(`${tag} is "${v}", kept in the XML but not applied: ${why}`);
}
