/**
 * Append (`AppendNode` → `append`): `appendMode` name/position, `appendMatchCase`,
 * `appendIncludeAllFields`, `appendIncludeTag`, `appendTagField`. Input order comes from the
 * node's tags (see import/tags.ts), not from here.
 */
import { StrWriteError } from "../errors.js";
import { boolCodec, enumCodec, textCodec } from "./codecs.js";
import { childText, setChildText } from "../xml/dom.js";
import { defineXmlMapping } from "./types.js";

export const appendMapping = defineXmlMapping({
  properties: {
    match_by: enumCodec("appendMode", { name: "Name", position: "Position" }),
    match_case: boolCodec("appendMatchCase"),
    include_fields_from: {
      xml: "appendIncludeAllFields (true: All, false: Main)",
      read(props, ctx) {
        const v = childText(props, "appendIncludeAllFields");
        if (v === undefined) return undefined;
        if (v === "true" || v === "false") return v === "true" ? "All" : "Main";
        ctx.warn(`appendIncludeAllFields holds "${v}", which is not true or false`);
        return v;
      },
      write(props, value) {
        if (value !== "All" && value !== "Main") throw new StrWriteError(`include_fields_from ${JSON.stringify(value)} must be Main or All`, { xml: "appendIncludeAllFields" });
        setChildText(props, "appendIncludeAllFields", String(value === "All"));
      },
    },
    create_tag_field: boolCodec("appendIncludeTag"),
    tag_field_name: textCodec("appendTagField"),
  },
});
