/**
 * The Types settings (`typeTable`) shared by the Type node and every source's Types tab:
 * `typeTable{defaultValueMode, rows/row{name, direction, measure, valueMode,
 * type{storage, measure, values/value*, valueLabels}, missing{enabled, nullIncluded,
 * whitespaceIncluded, values, rangeIncluded}, annotation}}`.
 *
 * A row's own `measure` is the measurement level the user declared; `type/measure` is the
 * one Modeler instantiated from data. `type` reads the declared one, else the instantiated
 * one (what Modeler uses until the data is read again). Value modes: `computed` is Current
 * (values instantiated from data), `local` is Specify (values typed in).
 */
import { enumCodec } from "./codecs.js";
import { StrWriteError } from "./errors.js";
import { boolCell, keyedRowCodec, rowsOf, warnStaleRows } from "./keyed-rows.js";
import type { PropertyCodec, XmlMappingContext } from "./mapping.js";
import { MEASURE_TOKENS } from "./tokens.js";
import { makeTypedValue, readTypedValue, type JsonScalar } from "./typed-values.js";
import { child, childText, elements, ensureChild, makeElement, removeChildren, replaceChild, setChildText, text, type XmlElement } from "./xml-tree.js";

const DIRECTIONS: Readonly<Record<string, string>> = { in: "Input", out: "Target", both: "Both", none: "None", partition: "Partition" };
const MEASURES = MEASURE_TOKENS;
const VALUE_MODES: Readonly<Record<string, string>> = { read: "Read", pass: "Pass", computed: "Current", local: "Specify" };

const TABLE = "typeTable";
const KNOWN_ROW_PARTS = new Set(["name", "direction", "measure", "valueMode", "type", "missing", "annotation", "missingEnabled"]);

function token(table: Readonly<Record<string, string>>, what: string) {
  const reverse = new Map(Object.entries(table).map(([x, s]) => [s, x]));
  return {
    read(v: string | undefined, ctx: XmlMappingContext): string | undefined {
      if (v === undefined) return undefined;
      const s = table[v];
      if (s === undefined) ctx.warn(`${TABLE} ${what} "${v}" has no scripting value`);
      return s ?? v;
    },
    write(v: unknown): string {
      const x = reverse.get(String(v));
      if (x === undefined) throw new StrWriteError(`${what} ${JSON.stringify(v)} has no .str form (known: ${[...reverse.keys()].join(", ")})`, { xml: `${TABLE}/${what}` });
      return x;
    },
  };
}

const direction = token(DIRECTIONS, "direction");
const measure = token(MEASURES, "measure");
const valueMode = token(VALUE_MODES, "valueMode");

function setOrRemove(row: XmlElement, tag: string, value: string | undefined): void {
  if (value === undefined) removeChildren(row, tag);
  else setChildText(row, tag, value);
}

function typedList(el: XmlElement | undefined): JsonScalar[] | undefined {
  return el ? elements(el).map(readTypedValue) : undefined;
}

function asValues(v: unknown, what: string): JsonScalar[] {
  if (!Array.isArray(v)) throw new StrWriteError(`${what} needs a list of values (got ${JSON.stringify(v)})`, { xml: what });
  return v as JsonScalar[];
}

function storageOf(row: XmlElement): string | undefined {
  return childText(child(row, "type"), "storage");
}

function missingPart(tag: string): { read: (row: XmlElement) => unknown; write: (row: XmlElement, v: unknown) => void } {
  return {
    read: (row) => boolCell(child(child(row, "missing"), tag)),
    write(row, v) {
      const missing = child(row, "missing");
      if (v === undefined) {
        if (missing) removeChildren(missing, tag);
        return;
      }
      setChildText(ensureChild(row, "missing"), tag, String(v === true));
    },
  };
}

const enabledPart = missingPart("enabled");

export const TYPE_TABLE_CODECS: Readonly<Record<string, PropertyCodec>> = {
  direction: keyedRowCodec({
    table: TABLE,
    xml: "direction",
    read: (row, ctx) => direction.read(childText(row, "direction"), ctx),
    write: (row, v) => setOrRemove(row, "direction", v === undefined ? undefined : direction.write(v)),
  }),
  type: keyedRowCodec({
    table: TABLE,
    xml: "measure (declared), else type/measure",
    read: (row, ctx) => measure.read(childText(row, "measure") ?? childText(child(row, "type"), "measure"), ctx),
    write: (row, v) => setOrRemove(row, "measure", v === undefined ? undefined : measure.write(v)),
  }),
  values: keyedRowCodec({
    table: TABLE,
    xml: "type/values/value",
    read: (row) => typedList(child(child(row, "type"), "values")),
    write(row, v) {
      const type = ensureChild(row, "type");
      if (v === undefined) return removeChildren(type, "values");
      const storage = storageOf(row);
      replaceChild(type, "values", makeElement("values", {}, asValues(v, "values").map((x) => makeTypedValue("value", x, storage))));
    },
  }),
  value_mode: keyedRowCodec({
    table: TABLE,
    xml: "valueMode",
    read: (row, ctx) => valueMode.read(childText(row, "valueMode"), ctx),
    write: (row, v) => setOrRemove(row, "valueMode", v === undefined ? undefined : valueMode.write(v)),
  }),
  enable_missing: keyedRowCodec({
    table: TABLE,
    xml: "missing/enabled",
    read: (row) => enabledPart.read(row) ?? boolCell(child(row, "missingEnabled")),
    write(row, v) {
      removeChildren(row, "missingEnabled");
      enabledPart.write(row, v);
    },
  }),
  missing_values: keyedRowCodec({
    table: TABLE,
    xml: "missing/values/value",
    read: (row) => typedList(child(child(row, "missing"), "values")),
    write(row, v) {
      if (v === undefined) return removeChildren(ensureChild(row, "missing"), "values");
      const storage = storageOf(row);
      replaceChild(ensureChild(row, "missing"), "values", makeElement("values", {}, asValues(v, "missing_values").map((x) => makeTypedValue("value", x, storage))));
    },
  }),
  null_missing: keyedRowCodec({ table: TABLE, xml: "missing/nullIncluded", ...missingPart("nullIncluded") }),
  whitespace_missing: keyedRowCodec({ table: TABLE, xml: "missing/whitespaceIncluded", ...missingPart("whitespaceIncluded") }),
  range_missing: keyedRowCodec({ table: TABLE, xml: "missing/rangeIncluded", ...missingPart("rangeIncluded") }),
  description: keyedRowCodec({
    table: TABLE,
    xml: "annotation",
    read: (row) => (childText(row, "annotation") || undefined),
    write: (row, v) => setOrRemove(row, "annotation", v === undefined ? undefined : String(v)),
  }),
  value_labels: keyedRowCodec({
    table: TABLE,
    xml: "type/valueLabels/{valueKey, valueLabel}",
    read(row) {
      const labels = child(child(row, "type"), "valueLabels");
      if (!labels) return undefined;
      const pairs: Array<[JsonScalar, string]> = [];
      let key: JsonScalar | undefined;
      for (const e of elements(labels)) {
        if (e.name.localName === "valueKey") key = readTypedValue(e);
        else if (e.name.localName === "valueLabel" && key !== undefined) pairs.push([key, text(e)]);
      }
      return pairs;
    },
    write(row, v) {
      const type = ensureChild(row, "type");
      if (v === undefined) return removeChildren(type, "valueLabels");
      const storage = storageOf(row);
      const content = asValues(v, "value_labels").flatMap((pair) => {
        const [key, label] = pair as unknown as [JsonScalar, string];
        return [makeTypedValue("valueKey", key, storage), makeElement("valueLabel", {}, [String(label)])];
      });
      replaceChild(type, "valueLabels", makeElement("valueLabels", {}, content));
    },
  }),
  default_value_mode: {
    ...enumCodec(`${TABLE}/defaultValueMode`, { read: "Read", pass: "Pass" }),
    read(props, ctx) {
      const v = childText(child(props, TABLE), "defaultValueMode");
      if (v === undefined) return undefined;
      return v === "read" ? "Read" : v === "pass" ? "Pass" : (ctx.warn(`${TABLE} defaultValueMode "${v}" has no scripting value`), v);
    },
    write(props, v) {
      if (v !== "Read" && v !== "Pass") throw new StrWriteError(`default_value_mode ${JSON.stringify(v)} has no .str form (Read, Pass)`, { xml: `${TABLE}/defaultValueMode` });
      setChildText(ensureChild(props, TABLE), "defaultValueMode", v === "Read" ? "read" : "pass");
    },
  },
};

/** Reports Types settings the properties cannot carry, and stale rows. */
export function checkTypeTable(props: XmlElement, ctx: XmlMappingContext): void {
  warnStaleRows(props, TABLE, ctx);
  const unknown = new Set<string>();
  for (const row of rowsOf(props, TABLE)) {
    for (const part of elements(row)) if (!KNOWN_ROW_PARTS.has(part.name.localName)) unknown.add(part.name.localName);
    if (childText(child(row, "missing"), "rangeIncluded") === "true") unknown.add("missing range bounds");
  }
  if (unknown.size > 0) ctx.warn(`${TABLE} rows hold ${[...unknown].join(", ")}, kept in the XML but not applied`);
}
