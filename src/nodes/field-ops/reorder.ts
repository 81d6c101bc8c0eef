/**
 * Field Reorder (`reorder`): changes the order of fields; values and records are unchanged.
 * `Custom`: `start_fields` first, then every other field in its incoming order, then
 * `end_fields` (Modeler's "[other fields]" divider row). `Auto`: every field sorted by name,
 * measurement level or storage, ascending or descending; ties keep their incoming order, and
 * the custom lists (which Modeler keeps while Auto is chosen) are not used.
 * docs/nodes.md ("Field Reorder").
 */
import { makeBatch } from "../../data/batch.js";
import type { Field } from "../../data/field.js";
import { Schema } from "../../data/schema.js";
import { measureScriptingName, storageLabel } from "../../data/storage.js";
import { asStrings, boolCodec, child, childText, defineXmlMapping, elements, enumCodec, makeElement, type PropertyCodec, replaceChild, StrWriteError, text, type XmlElement } from "../common/str-mapping/index.js";
import { defineNode, type NodeContext } from "../definition.js";
import { bool, fields, oneOf, prop } from "../properties.js";

function reorderTable(props: XmlElement): { divider: number; names: string[] } | undefined {
  const table = child(props, "fieldReorderTable");
  if (!table) return undefined;
  const names = elements(table).filter((e) => e.name.localName === "fieldName").map((e) => text(e));
  const divider = Number(childText(table, "dividerIndex") ?? names.length);
  return { divider: Number.isInteger(divider) && divider >= 0 && divider <= names.length ? divider : names.length, names };
}

function writeTable(props: XmlElement, start: readonly string[], end: readonly string[]): void {
  replaceChild(
    props,
    "fieldReorderTable",
    makeElement("fieldReorderTable", {}, [makeElement("dividerIndex", {}, [String(start.length)]), ...[...start, ...end].map((n) => makeElement("fieldName", {}, [n]))]),
  );
}

function part(which: "start" | "end"): PropertyCodec {
  return {
    xml: `fieldReorderTable/fieldName (${which === "start" ? "before" : "after"} dividerIndex)`,
    read(props) {
      const t = reorderTable(props);
      return t && (which === "start" ? t.names.slice(0, t.divider) : t.names.slice(t.divider));
    },
    write(props, value) {
      const t = reorderTable(props) ?? { divider: 0, names: [] };
      const list = asStrings(value, `${which}_fields`);
      if (list.some((n) => n === "")) throw new StrWriteError(`${which}_fields holds an empty field name`, { xml: "fieldReorderTable" });
      if (which === "start") writeTable(props, list, t.names.slice(t.divider));
      else writeTable(props, t.names.slice(0, t.divider), list);
    },
  };
}

/**
 * Field Reorder (`FieldReorderNode` → `reorder`): `autoOrderType` custom/auto,
 * `nameTypeStorage`, `ascendingDescending`, and `fieldReorderTable{dividerIndex, fieldName*}`:
 * the names before the divider (Modeler's "[other fields]" marker) go first, the rest last.
 */
const reorderMapping = defineXmlMapping({
  properties: {
    mode: enumCodec("autoOrderType", { custom: "Custom" }),
    sort_by: enumCodec("nameTypeStorage", { Name: "Name" }),
    ascending: boolCodec("ascendingDescending"),
    start_fields: part("start"),
    end_fields: part("end"),
  },
});

export const reorderNode = defineNode({
  type: "reorder",
  label: "Field Reorder",
  palette: "field",
  modelerClasses: ["FieldReorderNode"],
  modeler: reorderMapping,
  inputs: { min: 1, max: 1 },
  properties: [
    prop("mode", oneOf("Custom", "Auto"), "Custom"),
    prop("sort_by", oneOf("Name", "Type", "Storage"), "Name", "Auto mode: the sort key."),
    prop("ascending", bool(), true, "Auto mode: sort direction."),
    prop("start_fields", fields(), [], "Custom mode: fields placed first, in this order."),
    prop("end_fields", fields(), [], "Custom mode: fields placed last, in this order."),
  ],
  schema(ctx, [input]) {
    return input!.select(reorderedNames(ctx, input!));
  },
  async *run(ctx, [input]) {
    const inSchema = ctx.inputSchemas[0]!;
    const indices = ctx.outputSchema.names.map((n) => inSchema.indexOf(n));
    for await (const batch of input!) {
      yield makeBatch(ctx.outputSchema, indices.map((i) => batch.columns[i]!), batch.length);
    }
  },
});

/** Measurement levels sort by the name Modeler shows (Categorical, Continuous, Flag, ...). */
const MEASURE_SORT_NAME: Record<string, string> = {
  default: "Default", continuous: "Continuous", categorical: "Categorical", flag: "Flag", nominal: "Nominal", ordinal: "Ordinal", typeless: "Typeless",
};

function reorderedNames(ctx: NodeContext, input: Schema): string[] {
  const p = ctx.props;
  if (p.str("mode") === "Auto") {
    const key = ({
      Name: (f: Field) => f.name,
      Type: (f: Field) => MEASURE_SORT_NAME[f.measure] ?? measureScriptingName(f.measure),
      Storage: (f: Field) => storageLabel(f.storage),
    } as const)[p.str("sort_by") as "Name" | "Type" | "Storage"];
    const sign = p.bool("ascending", true) ? 1 : -1;
    const order = input.fields.map((f, i) => ({ f, i, k: key(f) }));
    order.sort((a, b) => sign * compareText(a.k, b.k) || a.i - b.i);
    return order.map((o) => o.f.name);
  }
  const start = p.list<string>("start_fields");
  const end = p.list<string>("end_fields");
  const placed = new Map<string, string>();
  for (const [list, property] of [[start, "start_fields"], [end, "end_fields"]] as const) {
    for (const n of list) {
      input.require(n, `property "${property}" of node "${ctx.node.id}" (reorder)`);
      const before = placed.get(n);
      if (before !== undefined) throw p.unsupported(property, n, `field "${n}" is already listed in ${before}`);
      placed.set(n, property);
    }
  }
  return [...start, ...input.names.filter((n) => !placed.has(n)), ...end];
}

/** Case-insensitive, then by character code, so `age` and `Age` sort together but stably. */
function compareText(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
