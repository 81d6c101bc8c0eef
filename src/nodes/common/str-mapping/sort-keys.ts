/**
 * Sort keys as Modeler saves them (`sortKeys/rows/row{field, direction}`, direction 0
 * ascending, 1 descending) ↔ `[["field", "Ascending" | "Descending"], …]`.
 *
 * The direction codes are read from the corpus: streams sort customer ids and dates with 0
 * and put failures or the latest sale first with 1.
 */
import { makeRow, setTableRows, tableRows } from "./codecs.js";
import { StrWriteError } from "./errors.js";
import type { PropertyCodec } from "./mapping.js";
import { childText } from "./xml-tree.js";

export function sortKeysCodec(tag: string): PropertyCodec {
  return {
    xml: `${tag}/rows/row{field, direction 0|1}`,
    read(props, ctx) {
      const rows = tableRows(props, tag);
      if (!rows) return undefined;
      return rows.map((r) => {
        const d = childText(r, "direction");
        if (d !== "0" && d !== "1") ctx.warn(`${tag} direction "${d}" is neither 0 (ascending) nor 1 (descending)`);
        return [childText(r, "field") ?? "", d === "1" ? "Descending" : d === "0" ? "Ascending" : (d ?? "")];
      });
    },
    write(props, value) {
      const keys = (value ?? []) as unknown[];
      if (!Array.isArray(keys)) throw new StrWriteError(`${tag} needs a list of [field, direction] pairs`, { xml: tag });
      setTableRows(
        props,
        tag,
        keys.map((k) => {
          const [field, dir] = Array.isArray(k) ? k : [k, "Ascending"];
          if (dir !== "Ascending" && dir !== "Descending") throw new StrWriteError(`sort direction ${JSON.stringify(dir)} must be Ascending or Descending`, { xml: tag });
          return makeRow([["field", String(field)], ["direction", dir === "Descending" ? "1" : "0"]]);
        }),
      );
    },
  };
}
