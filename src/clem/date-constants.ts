/**
 * A string constant compared with a date, time or timestamp is read in the stream's format when
 * the expression is bound (`birth_date < "01/01/1990"` with `DD/MM/YYYY`), so the comparison
 * runs on numbers. A constant that does not parse is a type error, not a silent `$null$`.
 */
import { makeDateParser, makeTimeParser } from "../data/datetime-format.js";
import type { BoundNode } from "./bound.js";
import type { Binder } from "./binder.js";
import { timestampTextParser } from "./functions/conversion.js";
import type { ClemType } from "./types.js";

export function convertConstantForComparison(binder: Binder, node: BoundNode, other: ClemType): BoundNode {
  if (node.kind !== "constant" || typeof node.value !== "string") return node;
  const s = binder.settings;
  let value: number | null;
  let format: string;
  switch (other) {
    case "date": value = makeDateParser(s.dateFormat, s)(node.value); format = s.dateFormat; break;
    case "time": value = makeTimeParser(s.timeFormat)(node.value); format = s.timeFormat; break;
    case "timestamp": value = timestampTextParser(s)(node.value); format = `${s.dateFormat} ${s.timeFormat}`; break;
    default: return node;
  }
  if (value === null) {
    binder.fail(node.pos, `"${node.value}" is compared with a ${other} but does not match the stream's ${other} format ${format}`);
  }
  return { kind: "constant", type: other, value, pos: node.pos };
}
