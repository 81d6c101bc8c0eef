/**
 * Filler (`FillerNode` → `filler`): `fillerSelectedFields`, `fillerReplaceMode`
 * (always / blanks / nulls / blanksAndNulls / conditional), `fillerCondition`,
 * `fillerReplaceExpression`.
 */
import { enumCodec, fieldListCodec, textCodec } from "./codecs.js";
import { defineXmlMapping } from "./types.js";

export const fillerMapping = defineXmlMapping({
  properties: {
    fields: fieldListCodec("fillerSelectedFields"),
    replace_mode: enumCodec("fillerReplaceMode", { always: "Always", conditional: "Conditional", blanks: "Blank", nulls: "Null", blanksAndNulls: "BlankAndNull" }),
    condition: textCodec("fillerCondition"),
    replace_with: textCodec("fillerReplaceExpression"),
  },
});
