/**
 * Field Reorder (`FieldReorderNode` → `reorder`): `autoOrderType` custom/auto,
 * `nameTypeStorage`, `ascendingDescending`, and `fieldReorderTable{dividerIndex, fieldName*}`:
 * the names before the divider (Modeler's "[other fields]" marker) go first, the rest last.
 */
import { StrWriteError } from "../errors.js";
import { child, childText, elements, makeElement, replaceChild, text } from "../xml/dom.js";
import { boolCodec, enumCodec, asStrings } from "./codecs.js";
import { defineXmlMapping, type PropertyCodec } from "./types.js";
import type { FiElement } from "../xml/dom.js";

function reorderTable(props: FiElement): { divider: number; names: string[] } | undefined {
  const table = child(props, "fieldReorderTable");
  if (!table) return undefined;
  const names = elements(table).filter((e) => e.name.localName === "fieldName").map((e) => text(e));
  const divider = Number(childText(table, "dividerIndex") ?? names.length);
  return { divider: Number.isInteger(divider) && divider >= 0 && divider <= names.length ? divider : names.length, names };
}

function writeTable(props: FiElement, start: readonly string[], end: readonly string[]): void {
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

export const reorderMapping = defineXmlMapping({
  properties: {
    mode: enumCodec("autoOrderType", { custom: "Custom" }),
    sort_by: enumCodec("nameTypeStorage", { Name: "Name" }),
    ascending: boolCodec("ascendingDescending"),
    start_fields: part("start"),
    end_fields: part("end"),
  },
});
