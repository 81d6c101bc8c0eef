/**
 * Restructure (`RestructureNode` → `restructure`): `createRestructuredFields/
 * persistentObjectListMember{srcFieldName, srcFieldValue}` → `fields_from`,
 * `restructureIncludeFieldNames`, `restructureValuesMode` OtherFields/Flags,
 * `restructureValueFields`.
 */
import { StrWriteError } from "../errors.js";
import { child, childText, elements, makeElement, replaceChild } from "../xml/dom.js";
import { boolCodec, enumCodec, fieldListCodec, makeRow } from "./codecs.js";
import { defineXmlMapping } from "./types.js";

export const restructureMapping = defineXmlMapping({
  properties: {
    fields_from: {
      xml: "createRestructuredFields/persistentObjectListMember{srcFieldName, srcFieldValue}",
      read(props) {
        const list = child(props, "createRestructuredFields");
        if (!list) return undefined;
        const out: Record<string, string[]> = {};
        for (const m of elements(list)) (out[childText(m, "srcFieldName") ?? ""] ??= []).push(childText(m, "srcFieldValue") ?? "");
        return out;
      },
      write(props, value) {
        if (typeof value !== "object" || value === null || Array.isArray(value)) throw new StrWriteError("fields_from needs an object keyed by field name", { xml: "createRestructuredFields" });
        const include = childText(props, "restructureIncludeFieldNames") ?? "true";
        const members = Object.entries(value as Record<string, unknown>).flatMap(([field, values]) =>
          (Array.isArray(values) ? values : []).map((v) => makeRow([["srcFieldName", field], ["srcFieldValue", String(v)], ["includeFieldNames", include]], "persistentObjectListMember")),
        );
        replaceChild(props, "createRestructuredFields", makeElement("createRestructuredFields", {}, members));
      },
    },
    include_field_name: boolCodec("restructureIncludeFieldNames"),
    value_mode: enumCodec("restructureValuesMode", { OtherFields: "OtherFields", Flags: "Flags" }),
    value_fields: fieldListCodec("restructureValueFields"),
  },
  check(props, ctx) {
    const global = childText(props, "restructureIncludeFieldNames");
    const differing = elements(child(props, "createRestructuredFields") ?? makeElement("x")).filter((m) => childText(m, "includeFieldNames") !== undefined && childText(m, "includeFieldNames") !== global);
    if (global !== undefined && differing.length > 0) {
      ctx.warn(`createRestructuredFields has ${differing.length} value(s) whose includeFieldNames differs from restructureIncludeFieldNames; the node-wide setting is applied`);
    }
  },
});
