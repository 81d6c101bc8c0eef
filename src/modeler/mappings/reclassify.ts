/**
 * Reclassify (`ReclassifyNode` → `reclassify`): `reclassifyMode`, `reclassifyReplaceField`,
 * `singleFieldSelection` / `singleFieldName`, `multipleFieldList` with
 * `multipleExtensionName` / `multipleExtensionPosition`, `reclassifyTable/rows/row{oldValue,
 * newValue}` (in order), `useDefault` / `defaultValue`, `reclassifyPickList`.
 */
import { StrWriteError } from "../errors.js";
import { childText } from "../xml/dom.js";
import { boolCodec, enumCodec, fieldListCodec, makeRow, readList, setTableRows, tableRows, textCodec, writeList } from "./codecs.js";
import { SUFFIX_PREFIX } from "./measures.js";
import { defineXmlMapping } from "./types.js";

export const reclassifyMapping = defineXmlMapping({
  properties: {
    mode: enumCodec("reclassifyMode", { single: "Single", multiple: "Multiple" }),
    replace_field: boolCodec("reclassifyReplaceField"),
    field: textCodec("singleFieldSelection", { omitEmpty: true }),
    new_name: textCodec("singleFieldName"),
    fields: fieldListCodec("multipleFieldList"),
    name_extension: textCodec("multipleExtensionName"),
    add_as: enumCodec("multipleExtensionPosition", SUFFIX_PREFIX),
    reclassify: {
      xml: "reclassifyTable/rows/row{oldValue, newValue}",
      read: (props) => tableRows(props, "reclassifyTable")?.map((r) => [childText(r, "oldValue") ?? "", childText(r, "newValue") ?? ""]),
      write(props, value) {
        const pairs = Array.isArray(value) ? value : value && typeof value === "object" ? Object.entries(value) : undefined;
        if (!pairs) throw new StrWriteError("reclassify needs [original, new] pairs", { xml: "reclassifyTable" });
        setTableRows(props, "reclassifyTable", pairs.map((p) => makeRow([["oldValue", String((p as unknown[])[0])], ["newValue", String((p as unknown[])[1])]])));
      },
    },
    use_default: boolCodec("useDefault"),
    default: textCodec("defaultValue"),
    pick_list: {
      xml: "reclassifyPickList/value",
      read: (props) => readList(props, "reclassifyPickList", "value"),
      write: (props, value) => writeList(props, "reclassifyPickList", Array.isArray(value) ? value.map(String) : [], "value"),
    },
  },
});
