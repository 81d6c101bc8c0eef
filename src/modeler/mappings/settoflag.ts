/**
 * Set to Flag (`SetToFlagNode` → `settoflag`): `createFlagFields/persistentObjectListMember
 * {srcFieldName, srcFieldValue}` → `fields_from` keyed by field, `trueValue` / `falseValue`,
 * `fieldNameExtensionEnabled` / `fieldNameExtension` / `fieldNameExtensionPosition`,
 * `useAggregateKeyFields` / `aggregateKeyFields`.
 */
import { StrWriteError } from "../errors.js";
import { child, childText, elements, makeElement, replaceChild } from "../xml/dom.js";
import { boolCodec, enumCodec, fieldListCodec, makeRow, textCodec } from "./codecs.js";
import { SUFFIX_PREFIX } from "./measures.js";
import { defineXmlMapping } from "./types.js";

export const setToFlagMapping = defineXmlMapping({
  properties: {
    fields_from: {
      xml: "createFlagFields/persistentObjectListMember{srcFieldName, srcFieldValue}",
      read(props) {
        const list = child(props, "createFlagFields");
        if (!list) return undefined;
        const out: Record<string, string[]> = {};
        for (const m of elements(list)) (out[childText(m, "srcFieldName") ?? ""] ??= []).push(childText(m, "srcFieldValue") ?? "");
        return out;
      },
      write(props, value) {
        if (typeof value !== "object" || value === null || Array.isArray(value)) throw new StrWriteError("fields_from needs an object keyed by field name", { xml: "createFlagFields" });
        const members = Object.entries(value as Record<string, unknown>).flatMap(([field, values]) =>
          (Array.isArray(values) ? values : []).map((v) =>
            makeRow([["srcFieldName", field], ["srcFieldValue", String(v)], ["flagNameExtension", makeElement("flagNameExtension")], ["prefixNotSuffix", "false"]], "persistentObjectListMember"),
          ),
        );
        replaceChild(props, "createFlagFields", makeElement("createFlagFields", {}, members));
      },
    },
    true_value: textCodec("trueValue"),
    false_value: textCodec("falseValue"),
    use_extension: boolCodec("fieldNameExtensionEnabled"),
    extension: textCodec("fieldNameExtension"),
    add_as: enumCodec("fieldNameExtensionPosition", SUFFIX_PREFIX),
    aggregate: boolCodec("useAggregateKeyFields"),
    keys: fieldListCodec("aggregateKeyFields"),
  },
  check(props, ctx) {
    for (const m of elements(child(props, "createFlagFields") ?? makeElement("x"))) {
      if ((childText(m, "flagNameExtension") ?? "") !== "" || childText(m, "prefixNotSuffix") === "true") {
        ctx.warn("createFlagFields has per-value name extensions, kept in the XML but not applied (the node-wide extension is)");
        return;
      }
    }
  },
});
