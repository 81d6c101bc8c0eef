/**
 * Merge (`MergeNode` → `merge`): `mergeMode` key/condition/order, `keyFields`,
 * `mergeCommonKeys`, `joinType`, `includeIncompleteRecords` (the inputs kept whole in a
 * partial outer join, by tag) → `outer_join_tag`, `mergeSingleLargeInput` / `…Tag`,
 * `mergePreSortedInput` / `existingSortKeys`, `mergeCondition`, and the per-input Filter tab
 * `filterTableGroup/entries/entry{tag, filterTable}` → `include` / `new_name` keyed
 * `<tag>.<field>`. Input order and tags come from the node's `tags` (import/tags.ts).
 */
import { StrWriteError } from "../errors.js";
import { appendChild, child, childText, elements, ensureChild, makeElement, removeChildren, replaceChild, setChildText } from "../xml/dom.js";
import type { FiElement } from "../xml/dom.js";
import { readTypedValue } from "../xml/typed-values.js";
import { boolCodec, enumCodec, fieldListCodec, textCodec, warnIfRows } from "./codecs.js";
import { rowName, rowsOf } from "./keyed-rows.js";
import { sortKeysCodec } from "./sort-keys.js";
import { defineXmlMapping, type PropertyCodec } from "./types.js";

function filterEntries(props: FiElement): Array<{ tag: string; entry: FiElement }> {
  const entries = child(child(props, "filterTableGroup"), "entries");
  return elements(entries ?? makeElement("entries")).map((entry) => {
    const tagEl = child(entry, "tag");
    return { tag: tagEl ? String(readTypedValue(tagEl)) : "", entry };
  });
}

/** A Filter-tab property keyed `<tag>.<field>`, read from and written to each input's filterTable. */
function tabCodec(part: "drop" | "rename"): PropertyCodec {
  return {
    xml: `filterTableGroup/entries/entry{tag, filterTable/rows/row/${part}}`,
    read(props) {
      const entries = filterEntries(props);
      if (entries.length === 0) return undefined;
      const out: Record<string, unknown> = {};
      for (const { tag, entry } of entries) {
        for (const row of rowsOf(entry, "filterTable")) {
          const v = childText(row, part);
          if (v === undefined) continue;
          out[`${tag}.${rowName(row)}`] = part === "drop" ? v !== "true" : v;
        }
      }
      return Object.keys(out).length > 0 ? out : undefined;
    },
    write(props, value) {
      const wanted = Object.entries((value ?? {}) as Record<string, unknown>);
      const group = ensureChild(props, "filterTableGroup");
      const entriesEl = ensureChild(group, "entries");
      for (const { entry } of filterEntries(props)) for (const row of rowsOf(entry, "filterTable")) removeChildren(row, part);
      for (const [key, v] of wanted) {
        const dot = key.indexOf(".");
        if (dot <= 0) throw new StrWriteError(`merge filter key "${key}" must be <tag>.<field>`, { xml: "filterTableGroup" });
        const [tag, field] = [key.slice(0, dot), key.slice(dot + 1)];
        let entry = filterEntries(props).find((e) => e.tag === tag)?.entry;
        if (!entry) {
          entry = makeElement("entry", {}, [makeElement("tag", { type: "A" }, [tag]), makeElement("filterTable", {}, [makeElement("defaultDrop", {}, ["false"]), makeElement("rows")])]);
          appendChild(entriesEl, entry);
        }
        const rows = ensureChild(ensureChild(entry, "filterTable"), "rows");
        let row = elements(rows).find((r) => rowName(r) === field);
        if (!row) {
          row = makeElement("row", {}, [makeElement("name", {}, [field])]);
          appendChild(rows, row);
        }
        setChildText(row, part, part === "drop" ? String(v === false) : String(v));
      }
    },
  };
}

const outerJoinTag: PropertyCodec = {
  xml: "includeIncompleteRecords/includeIncompleteRecordsList/includeIncompleteRecords/inputNodeTagName",
  read(props) {
    const list = child(child(props, "includeIncompleteRecords"), "includeIncompleteRecordsList");
    if (!list) return undefined;
    return Object.fromEntries(elements(list).map((e) => [childText(e, "inputNodeTagName") ?? "", true]));
  },
  write(props, value) {
    const tags = Object.entries((value ?? {}) as Record<string, unknown>).filter(([, v]) => v === true).map(([t]) => t);
    const list = makeElement("includeIncompleteRecordsList", {}, tags.map((t) => makeElement("includeIncompleteRecords", {}, [makeElement("inputNodeTagName", {}, [t])])));
    replaceChild(props, "includeIncompleteRecords", makeElement("includeIncompleteRecords", {}, [list]));
  },
};

export const mergeMapping = defineXmlMapping({
  properties: {
    method: enumCodec("mergeMode", { order: "Order", key: "Keys", condition: "Condition" }),
    key_fields: fieldListCodec("keyFields"),
    common_keys: boolCodec("mergeCommonKeys"),
    join: enumCodec("joinType", { inner: "Inner", fullOuter: "FullOuter", partialOuter: "PartialOuter", anti: "Anti" }),
    outer_join_tag: outerJoinTag,
    single_large_input: boolCodec("mergeSingleLargeInput"),
    single_large_input_tag: textCodec("mergeSingleLargeInputTag", { omitEmpty: true }),
    use_existing_sort_keys: boolCodec("mergePreSortedInput"),
    existing_sort_keys: sortKeysCodec("existingSortKeys"),
    condition: textCodec("mergeCondition", { omitEmpty: true }),
    include: tabCodec("drop"),
    new_name: tabCodec("rename"),
  },
  check(props, ctx) {
    warnIfRows(props, "mergeRankConditions", ctx, "ranked-condition merges are not read from .str yet");
    if (childText(child(props, "filterTableGroup"), "defaultDrop") === "true") ctx.warn("filterTableGroup/defaultDrop is true, kept in the XML but not applied");
    for (const { entry } of filterEntries(props)) {
      if (childText(child(entry, "filterTable"), "defaultDrop") === "true") ctx.warn("an input's filterTable/defaultDrop is true, kept in the XML but not applied");
    }
  },
});
