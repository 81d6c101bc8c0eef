/**
 * Modeler's typed values: `<value type="X">text</value>`, where X is `A` string, `D` real,
 * `I` / `J` integer (int / long), `U` date (`2018-12-31`), `W` timestamp
 * (`2001-04-29 00:00:00`), `Z` boolean, `X` a list or structure literal (`[a, b]`).
 *
 * As JSON property values: numbers for D/I/J, booleans for Z, strings otherwise (dates and
 * timestamps in the ISO text Modeler writes, X literals as their text).
 */
import { attr, makeElement, text, type XmlElement } from "./xml-tree.js";

export type TypedValueType = "A" | "D" | "I" | "J" | "U" | "W" | "Z" | "X";
export type JsonScalar = string | number | boolean | null;

const INTEGER = /^[+-]?\d+$/;
const REAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The JSON value of a typed element; untyped elements read as strings. */
export function readTypedValue(el: XmlElement): JsonScalar {
  return typedText(attr(el, "type"), text(el));
}

export function typedText(type: string | undefined, value: string): JsonScalar {
  switch (type) {
    case "D":
      return REAL.test(value.trim()) ? Number(value) : value;
    case "I":
    case "J": {
      if (!INTEGER.test(value.trim())) return value;
      const n = Number(value);
      // Longs beyond 2^53 stay text rather than lose digits.
      return Number.isSafeInteger(n) ? n : value;
    }
    case "Z":
      return value === "true" ? true : value === "false" ? false : value;
    default:
      return value;
  }
}

/**
 * The type letter for a JSON value; `storage` (of the field the value belongs to) picks
 * between integer and real, and marks dates, so a real range `[0, 1]` is written `D`.
 */
export function typeLetterFor(value: JsonScalar, storage?: string): TypedValueType {
  if (typeof value === "boolean") return "Z";
  if (typeof value === "number") {
    if (storage === "real") return "D";
    if (storage === "integer") return "J";
    return Number.isInteger(value) ? "J" : "D";
  }
  if (storage === "date") return "U";
  if (storage === "timestamp") return "W";
  return "A";
}

/** Text of a JSON value as Modeler writes it (reals keep a decimal point: `16.0`). */
export function valueText(value: JsonScalar, letter: TypedValueType): string {
  if (value === null) return "";
  if (typeof value === "number" && letter === "D" && Number.isInteger(value)) return value.toFixed(1);
  return String(value);
}

export function makeTypedValue(name: string, value: JsonScalar, storage?: string): XmlElement {
  const letter = typeLetterFor(value, storage);
  return makeElement(name, { type: letter }, [valueText(value, letter)]);
}
