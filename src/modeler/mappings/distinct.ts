/**
 * Distinct (`DistinctNode` → `distinct`): `distinctMode`, `distinctFieldSelection`,
 * `sortKeys`, `sortDefaultOrder`, `existingSortKeys`, `distinctPreSortedInput`,
 * `distinctLowDistinctKeyCount`, `disableSQLGeneration`, `compositeValuesTable`
 * (`compositeTable/node{field, opType}`), `distinctIncludeCount` / `distinctCountFieldName`.
 */
import { StrWriteError } from "../errors.js";
import { child, childText, elements, makeElement, replaceChild } from "../xml/dom.js";
import { boolCodec, enumCodec, fieldListCodec, makeRow, textCodec } from "./codecs.js";
import { sortKeysCodec } from "./sort-keys.js";
import { defineXmlMapping, type PropertyCodec } from "./types.js";

/** Composite fill `opType` ↔ scripting fill type; only these two occur in the corpus. */
const FILLS: Readonly<Record<string, string>> = { FIRST_RECORD: "First", LAST_RECORD: "Last" };
const FILL_TOKENS = new Map(Object.entries(FILLS).map(([x, s]) => [s.toLowerCase(), x]));

const compositeValue: PropertyCodec = {
  xml: "compositeValuesTable/compositeTable/node{field, opType}",
  read(props, ctx) {
    const table = child(child(props, "compositeValuesTable"), "compositeTable");
    if (!table) return undefined;
    const out: Record<string, string> = {};
    for (const n of elements(table)) {
      const op = childText(n, "opType") ?? "";
      if (FILLS[op] === undefined) ctx.warn(`compositeValuesTable opType "${op}" has no scripting fill type yet`);
      out[childText(n, "field") ?? ""] = FILLS[op] ?? op;
    }
    return out;
  },
  write(props, value) {
    if (typeof value !== "object" || value === null || Array.isArray(value)) throw new StrWriteError("composite_value needs an object keyed by field name", { xml: "compositeValuesTable" });
    const nodes = Object.entries(value as Record<string, unknown>).map(([field, fill]) => {
      const name = Array.isArray(fill) ? fill[0] : fill;
      const token = FILL_TOKENS.get(String(name).toLowerCase());
      if (!token || (Array.isArray(fill) && fill.length > 1)) throw new StrWriteError(`composite fill ${JSON.stringify(fill)} of field "${field}" has no .str form (First, Last)`, { xml: "compositeValuesTable" });
      return makeRow([["field", field], ["opType", token]], "node");
    });
    replaceChild(props, "compositeValuesTable", makeElement("compositeValuesTable", {}, [makeElement("compositeTable", {}, nodes)]));
  },
};

export const distinctMapping = defineXmlMapping({
  properties: {
    mode: enumCodec("distinctMode", { Include: "Include" }),
    grouping_fields: fieldListCodec("distinctFieldSelection"),
    sort_keys: sortKeysCodec("sortKeys"),
    default_ascending: boolCodec("sortDefaultOrder"),
    existing_sort_keys: sortKeysCodec("existingSortKeys"),
    keys_pre_sorted: boolCodec("distinctPreSortedInput"),
    low_distinct_key_count: boolCodec("distinctLowDistinctKeyCount"),
    disable_sql_generation: boolCodec("disableSQLGeneration"),
    composite_value: compositeValue,
    inc_record_count: boolCodec("distinctIncludeCount"),
    count_field: textCodec("distinctCountFieldName"),
  },
});
