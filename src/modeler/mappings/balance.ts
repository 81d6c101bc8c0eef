/** Balance (`BalanceNode` → `balance`): `balanceDirectives/entries/entry{condition, factor}`, `balanceTrainingPartitionOnly`. */
import { StrWriteError } from "../errors.js";
import { child, childText, elements, makeElement, replaceChild } from "../xml/dom.js";
import { boolCodec, makeRow } from "./codecs.js";
import { defineXmlMapping } from "./types.js";

export const balanceMapping = defineXmlMapping({
  properties: {
    directives: {
      xml: "balanceDirectives/entries/entry{factor, condition}",
      read(props, ctx) {
        const directives = child(props, "balanceDirectives");
        if (!directives) return undefined;
        return elements(child(directives, "entries") ?? directives)
          .filter((e) => e.name.localName === "entry")
          .map((e) => {
            const text = childText(e, "factor") ?? "";
            const factor = Number(text);
            if (!Number.isFinite(factor)) ctx.warn(`balanceDirectives factor "${text}" is not a number`);
            return [Number.isFinite(factor) ? factor : text, childText(e, "condition") ?? ""];
          });
      },
      write(props, value) {
        if (!Array.isArray(value)) throw new StrWriteError(`directives needs a list of [factor, condition] pairs`, { xml: "balanceDirectives" });
        const entries = value.map((d) => {
          const [factor, condition] = d as [unknown, unknown];
          return makeRow([["condition", String(condition)], ["factor", String(factor)]], "entry");
        });
        replaceChild(props, "balanceDirectives", makeElement("balanceDirectives", {}, [makeElement("entries", {}, entries)]));
      },
    },
    training_data_only: boolCodec("balanceTrainingPartitionOnly"),
  },
});
