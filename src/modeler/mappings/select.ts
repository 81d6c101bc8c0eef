/** Select (`SelectNode` → `select`): `selectMode` include/discard, `selectCondition`. */
import { enumCodec, textCodec } from "./codecs.js";
import { defineXmlMapping } from "./types.js";

export const selectMapping = defineXmlMapping({
  properties: {
    mode: enumCodec("selectMode", { include: "Include", discard: "Discard" }),
    condition: textCodec("selectCondition"),
  },
});
