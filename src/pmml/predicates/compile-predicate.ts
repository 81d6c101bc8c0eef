/**
 * PREDICATE → three-valued test (TRUE, FALSE, UNKNOWN).
 *
 * A comparison with a missing field value is UNKNOWN; CompoundPredicate combines with Kleene
 * logic (and: any FALSE wins, or: any TRUE wins, xor: any UNKNOWN wins) and `surrogate` takes the
 * first operand that is not UNKNOWN. Tree and rule models decide what UNKNOWN means for them.
 */
import { invalid, unsupported } from "../errors.js";
import type { FieldBinding, Scope } from "../fields/scope.js";
import type { Frame } from "../runtime/frame.js";
import { isNumericType, parseTypedText, toTypedValue, type Value } from "../types/values.js";
import { checkChildren, enumAttr, readArray, requiredAttr, requiredChild } from "../xml/read.js";
import type { XmlElement } from "../xml/xml-element.js";

export const TRUE = 1;
export const FALSE = 0;
export const UNKNOWN = 2;
export type Truth = typeof TRUE | typeof FALSE | typeof UNKNOWN;

/**
 * The same three values as one object, for hot modules to copy into module constants
 * (`const { TRUE, FALSE, UNKNOWN } = TRUTH`): some module loaders turn every use of an imported
 * binding into a getter call, which costs a call per test in a tree walk.
 */
export const TRUTH = Object.freeze({ TRUE, FALSE, UNKNOWN } as const);

export type Predicate = (f: Frame) => Truth;

export const PREDICATE_ELEMENTS = ["SimplePredicate", "CompoundPredicate", "SimpleSetPredicate", "True", "False"] as const;

export function isPredicateElement(el: XmlElement): boolean {
  return (PREDICATE_ELEMENTS as readonly string[]).includes(el.name);
}

/** The predicate child of a Node, Segment or rule. */
export function predicateChild(container: XmlElement): XmlElement {
  const found = container.children.find(isPredicateElement);
  if (!found) throw invalid(`${container.name} needs a predicate`, container.path);
  return found;
}

export function compilePredicate(el: XmlElement, scope: Scope): Predicate {
  switch (el.name) {
    case "True":
      return () => TRUE;
    case "False":
      return () => FALSE;
    case "SimplePredicate":
      return compileSimplePredicate(el, scope);
    case "SimpleSetPredicate":
      return compileSimpleSetPredicate(el, scope);
    case "CompoundPredicate":
      return compileCompoundPredicate(el, scope);
    default:
      throw unsupported(`predicate ${el.name}`, el.path);
  }
}

/** A predicate constant in the field's type; numeric fields accept any number (Age > 35.5). */
function typedOperand(text: string, b: FieldBinding, el: XmlElement): Exclude<Value, null> {
  let v = parseTypedText(text, b.dataType);
  if ((v === undefined || v === null) && isNumericType(b.dataType)) v = toTypedValue(text, "double");
  if (v === undefined || v === null) throw invalid(`value "${text}" is not a ${b.dataType} (field "${b.name}")`, el.path);
  return v;
}

const OPERATORS = ["equal", "notEqual", "lessThan", "lessOrEqual", "greaterThan", "greaterOrEqual", "isMissing", "isNotMissing"] as const;

function compileSimplePredicate(el: XmlElement, scope: Scope): Predicate {
  checkChildren(el, []);
  const b = scope.resolve(requiredAttr(el, "field"), el);
  const op = enumAttr(el, "operator", OPERATORS, "equal");
  const g = b.get;
  if (op === "isMissing") return (f) => (g(f) === null ? TRUE : FALSE);
  if (op === "isNotMissing") return (f) => (g(f) === null ? FALSE : TRUE);
  const c = typedOperand(requiredAttr(el, "value"), b, el);
  // Ordinal strings compare by their declared order, not alphabetically.
  const order = b.optype === "ordinal" && typeof c === "string" && b.values ? new Map(b.values.map((v, i) => [v, i])) : undefined;
  if (order) {
    const ci = order.get(c);
    if (ci === undefined) throw invalid(`value "${c}" is not among the ordered values of field "${b.name}"`, el.path);
    const rank = (f: Frame): number | null => {
      const v = g(f);
      if (v === null) return null;
      const i = order.get(v);
      return i === undefined ? NaN : i;
    };
    return orderedTest(op, (f) => rank(f), ci);
  }
  if (typeof c === "number") return orderedTest(op, g as (f: Frame) => number | null, c);
  switch (op) {
    case "equal":
      return (f) => {
        const v = g(f);
        return v === null ? UNKNOWN : v === c ? TRUE : FALSE;
      };
    case "notEqual":
      return (f) => {
        const v = g(f);
        return v === null ? UNKNOWN : v !== c ? TRUE : FALSE;
      };
    default: {
      const cmp = (v: Exclude<Value, null>) => (v < c ? -1 : v > c ? 1 : 0);
      const test = op === "lessThan" ? (o: number) => o < 0 : op === "lessOrEqual" ? (o: number) => o <= 0 : op === "greaterThan" ? (o: number) => o > 0 : (o: number) => o >= 0;
      return (f) => {
        const v = g(f);
        return v === null ? UNKNOWN : test(cmp(v)) ? TRUE : FALSE;
      };
    }
  }
}

/** Numeric comparisons, one closure per operator so the hot path has no dispatch. */
function orderedTest(op: (typeof OPERATORS)[number], g: (f: Frame) => number | null, c: number): Predicate {
  switch (op) {
    case "equal":
      return (f) => {
        const v = g(f);
        return v === null ? UNKNOWN : v === c ? TRUE : FALSE;
      };
    case "notEqual":
      return (f) => {
        const v = g(f);
        return v === null ? UNKNOWN : v !== c ? TRUE : FALSE;
      };
    case "lessThan":
      return (f) => {
        const v = g(f);
        return v === null ? UNKNOWN : v < c ? TRUE : FALSE;
      };
    case "lessOrEqual":
      return (f) => {
        const v = g(f);
        return v === null ? UNKNOWN : v <= c ? TRUE : FALSE;
      };
    case "greaterThan":
      return (f) => {
        const v = g(f);
        return v === null ? UNKNOWN : v > c ? TRUE : FALSE;
      };
    default:
      return (f) => {
        const v = g(f);
        return v === null ? UNKNOWN : v >= c ? TRUE : FALSE;
      };
  }
}

function compileSimpleSetPredicate(el: XmlElement, scope: Scope): Predicate {
  checkChildren(el, ["Array"]);
  const b = scope.resolve(requiredAttr(el, "field"), el);
  const op = enumAttr(el, "booleanOperator", ["isIn", "isNotIn"] as const, "isIn");
  const arrayEl = requiredChild(el, "Array");
  const set = new Set<Value>(readArray(arrayEl).values.map((t) => typedOperand(t, b, arrayEl)));
  const g = b.get;
  const inside = op === "isIn" ? TRUE : FALSE;
  const outside = op === "isIn" ? FALSE : TRUE;
  return (f) => {
    const v = g(f);
    return v === null ? UNKNOWN : set.has(v) ? inside : outside;
  };
}

function compileCompoundPredicate(el: XmlElement, scope: Scope): Predicate {
  checkChildren(el, PREDICATE_ELEMENTS);
  const op = enumAttr(el, "booleanOperator", ["and", "or", "xor", "surrogate"] as const, "and");
  const parts = el.children.filter(isPredicateElement).map((c) => compilePredicate(c, scope));
  if (parts.length < 2) throw invalid("CompoundPredicate needs at least two predicates", el.path);
  const n = parts.length;
  switch (op) {
    case "and":
      return (f) => {
        let unknown = false;
        for (let i = 0; i < n; i++) {
          const r = parts[i]!(f);
          if (r === FALSE) return FALSE;
          if (r === UNKNOWN) unknown = true;
        }
        return unknown ? UNKNOWN : TRUE;
      };
    case "or":
      return (f) => {
        let unknown = false;
        for (let i = 0; i < n; i++) {
          const r = parts[i]!(f);
          if (r === TRUE) return TRUE;
          if (r === UNKNOWN) unknown = true;
        }
        return unknown ? UNKNOWN : FALSE;
      };
    case "xor":
      return (f) => {
        let odd = false;
        for (let i = 0; i < n; i++) {
          const r = parts[i]!(f);
          if (r === UNKNOWN) return UNKNOWN;
          if (r === TRUE) odd = !odd;
        }
        return odd ? TRUE : FALSE;
      };
    case "surrogate":
      return (f) => {
        for (let i = 0; i < n; i++) {
          const r = parts[i]!(f);
          if (r !== UNKNOWN) return r;
        }
        return UNKNOWN;
      };
  }
}
