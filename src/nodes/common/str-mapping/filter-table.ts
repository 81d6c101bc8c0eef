/**
 * The Filter settings (`filterTable{defaultDrop, rows/row{name, drop, rename}}`) of the
 * Filter node and of every source's Filter tab → `default_include`, `include`, `new_name`.
 */
import { boolCell, keyedRowCodec, warnStaleRows } from "./keyed-rows.js";
import type { PropertyCodec, XmlMappingContext } from "./mapping.js";
import { child, childText, ensureChild, removeChildren, setChildText, type XmlElement } from "./xml-tree.js";

const TABLE = "filterTable";

export const FILTER_TABLE_CODECS: Readonly<Record<string, PropertyCodec>> = {
  default_include: {
    xml: `not ${TABLE}/defaultDrop`,
    read(props, ctx) {
      const v = childText(child(props, TABLE), "defaultDrop");
      if (v === undefined) return undefined;
      if (v === "true" || v === "false") return v !== "true";
      ctx.warn(`${TABLE}/defaultDrop holds "${v}", which is not true or false`);
      return v;
    },
    write(props, v) {
      setChildText(ensureChild(props, TABLE), "defaultDrop", String(v === false));
    },
  },
  include: keyedRowCodec({
    table: TABLE,
    xml: "not drop",
    read(row) {
      const drop = boolCell(child(row, "drop"));
      return typeof drop === "boolean" ? !drop : drop;
    },
    write(row, v) {
      if (v === undefined) removeChildren(row, "drop");
      else setChildText(row, "drop", String(v === false));
    },
  }),
  new_name: keyedRowCodec({
    table: TABLE,
    xml: "rename",
    read: (row) => childText(row, "rename"),
    write(row, v) {
      if (v === undefined) removeChildren(row, "rename");
      else setChildText(row, "rename", String(v));
    },
  }),
};

/** The Filter tab of sources: `include` and `new_name` only (their scripting has no `default_include`). */
export const SOURCE_FILTER_CODECS: Readonly<Record<string, PropertyCodec>> = { include: FILTER_TABLE_CODECS.include!, new_name: FILTER_TABLE_CODECS.new_name! };

export function checkFilterTable(props: XmlElement, ctx: XmlMappingContext): void {
  warnStaleRows(props, TABLE, ctx);
}

export function checkSourceFilterTable(props: XmlElement, ctx: XmlMappingContext): void {
  warnStaleRows(props, TABLE, ctx);
  if (childText(child(props, TABLE), "defaultDrop") === "true") ctx.warn(`${TABLE}/defaultDrop is true (drop fields not listed), kept in the XML but not applied: a source's Filter tab has no such property`);
}
