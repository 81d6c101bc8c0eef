/**
 * PMML predicates for tree conditions (see `../tree/tree-types.ts` for the routing rules
 * they must reproduce).
 */
import type { Condition, FieldInfo } from "../tree/tree-types.js";
import { categoryText } from "./fields.js";
import { el, formatNumber, type XmlNode } from "./xml.js";

/** `<Array>` content: strings quoted (so values with spaces survive), numbers bare. */
export function pmmlArray(values: readonly string[], type: "string" | "int" | "real"): XmlNode {
  const text = type === "string" ? values.map((v) => `"${v.replace(/"/g, '\\"')}"`).join(" ") : values.join(" ");
  return { name: "Array", attrs: [["n", String(values.length)], ["type", type]], children: [], text } as XmlNode;
}

function arrayType(field: FieldInfo): "string" | "int" | "real" {
  if (field.storage === "integer") return "int";
  if (field.storage === "real") return "real";
  return "string";
}

/** The predicate that holds exactly when the field's (non-missing) value meets the condition. */
export function conditionPredicate(field: FieldInfo, c: Condition): XmlNode {
  switch (c.kind) {
    case "range": {
      const parts: XmlNode[] = [];
      if (c.low !== -Infinity) parts.push(el("SimplePredicate", { field: field.name, operator: "greaterThan", value: formatNumber(c.low) }));
      if (c.high !== Infinity) parts.push(el("SimplePredicate", { field: field.name, operator: "lessOrEqual", value: formatNumber(c.high) }));
      // (−∞, ∞) only arises for a one-bin input; "not missing" is then the condition.
      if (parts.length === 0) return el("SimplePredicate", { field: field.name, operator: "isNotMissing" });
      return parts.length === 1 ? parts[0]! : el("CompoundPredicate", { booleanOperator: "and" }, parts);
    }
    case "set": {
      const values = c.codes.map((k) => categoryText(field.categories![k]!));
      if (values.length === 1) return el("SimplePredicate", { field: field.name, operator: "equal", value: values[0] });
      return el("SimpleSetPredicate", { field: field.name, booleanOperator: "isIn" }, [pmmlArray(values, arrayType(field))]);
    }
    case "none":
      return el("False");
  }
}

export function isMissingPredicate(field: FieldInfo): XmlNode {
  return el("SimplePredicate", { field: field.name, operator: "isMissing" });
}

/** `condition OR missing` (CHAID's missing category merged into a group). */
export function conditionOrMissing(field: FieldInfo, c: Condition): XmlNode {
  if (c.kind === "none") return isMissingPredicate(field);
  return el("CompoundPredicate", { booleanOperator: "or" }, [conditionPredicate(field, c), isMissingPredicate(field)]);
}
