/**
 * Typed, strict readers for attributes and child elements.
 *
 * Every compiler reads the document through these so that a bad number, an unknown enumeration
 * value or an element the compiler does not understand becomes an error naming the element path
 * and the attribute — never a silently ignored piece of the model.
 */
import { invalid, unsupported } from "../errors.js";
import type { XmlElement } from "./xml-element.js";

export function requiredAttr(el: XmlElement, name: string): string {
  const v = el.attr(name);
  if (v === undefined) throw invalid(`${el.name} needs the attribute ${name}`, el.path);
  return v;
}

/** PMML numbers: XML Schema doubles, including INF, -INF and NaN. */
export function parsePmmlNumber(text: string): number {
  const t = text.trim();
  if (t === "INF" || t === "Infinity" || t === "+INF") return Infinity;
  if (t === "-INF" || t === "-Infinity") return -Infinity;
  if (t === "NaN") return NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return NaN;
  return Number(t);
}

export function isPmmlNumber(text: string): boolean {
  const t = text.trim();
  return t === "NaN" || !Number.isNaN(parsePmmlNumber(t));
}

export function numberAttr(el: XmlElement, name: string): number | undefined;
export function numberAttr(el: XmlElement, name: string, fallback: number): number;
export function numberAttr(el: XmlElement, name: string, fallback?: number): number | undefined {
  const v = el.attr(name);
  if (v === undefined) return fallback;
  if (!isPmmlNumber(v)) throw invalid(`${el.name}@${name}="${v}" is not a number`, el.path);
  return parsePmmlNumber(v);
}

export function requiredNumberAttr(el: XmlElement, name: string): number {
  const v = numberAttr(el, name);
  if (v === undefined) throw invalid(`${el.name} needs the numeric attribute ${name}`, el.path);
  return v;
}

export function integerAttr(el: XmlElement, name: string, fallback?: number): number | undefined {
  const v = numberAttr(el, name);
  if (v === undefined) return fallback;
  if (!Number.isInteger(v)) throw invalid(`${el.name}@${name}="${el.attr(name)}" is not an integer`, el.path);
  return v;
}

export function booleanAttr(el: XmlElement, name: string, fallback: boolean): boolean {
  const v = el.attr(name);
  if (v === undefined) return fallback;
  const t = v.trim();
  if (t === "true" || t === "1") return true;
  if (t === "false" || t === "0") return false;
  throw invalid(`${el.name}@${name}="${v}" is not a boolean`, el.path);
}

/**
 * An enumerated attribute. `supported` are the values implemented; `known` (optional) are the
 * further values the schema allows, reported as unsupported rather than invalid.
 */
export function enumAttr<T extends string>(
  el: XmlElement,
  name: string,
  supported: readonly T[],
  fallback: T,
  known: readonly string[] = [],
): T {
  const v = el.attr(name);
  if (v === undefined) return fallback;
  if ((supported as readonly string[]).includes(v)) return v as T;
  if (known.includes(v)) throw unsupported(`${el.name}@${name}="${v}"`, el.path);
  throw invalid(`${el.name}@${name}="${v}" is not one of ${supported.join(", ")}`, el.path);
}

export function optionalEnumAttr<T extends string>(el: XmlElement, name: string, supported: readonly T[]): T | undefined {
  const v = el.attr(name);
  if (v === undefined) return undefined;
  return enumAttr(el, name, supported, supported[0]!);
}

/**
 * Fails on any child element not in `allowed` (Extension is always allowed): the evaluator must
 * not score a model while ignoring a part of it it does not understand.
 */
export function checkChildren(el: XmlElement, allowed: readonly string[]): void {
  for (const c of el.children) {
    if (c.name === "Extension" || allowed.includes(c.name)) continue;
    throw unsupported(`element ${c.name} inside ${el.name}`, c.path);
  }
}

export function requiredChild(el: XmlElement, name: string): XmlElement {
  const c = el.child(name);
  if (!c) throw invalid(`${el.name} needs a ${name} element`, el.path);
  return c;
}

/**
 * The content of an `Array` element (PMML ARRAY): whitespace-separated tokens, where string
 * tokens may be double-quoted with `\"` escapes.
 */
export function readArray(el: XmlElement): { type: string; values: string[] } {
  const type = el.attr("type") ?? "string";
  const values = tokenizeArray(el.text);
  const n = integerAttr(el, "n");
  if (n !== undefined && n !== values.length) {
    throw invalid(`Array@n="${n}" but it holds ${values.length} values`, el.path);
  }
  return { type, values };
}

export function tokenizeArray(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  const s = text;
  while (i < s.length) {
    const ch = s[i]!;
    if (ch === " " || ch === "\t" || ch === "\n" || ch === "\r") {
      i++;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      let tok = "";
      while (j < s.length && s[j] !== '"') {
        if (s[j] === "\\" && j + 1 < s.length && s[j + 1] === '"') {
          tok += '"';
          j += 2;
        } else {
          tok += s[j];
          j++;
        }
      }
      out.push(tok);
      i = j + 1;
      continue;
    }
    let j = i;
    while (j < s.length && !/\s/.test(s[j]!)) j++;
    out.push(s.slice(i, j));
    i = j;
  }
  return out;
}

export function numberArray(el: XmlElement): number[] {
  const { values } = readArray(el);
  return values.map((v) => {
    if (!isPmmlNumber(v)) throw invalid(`Array value "${v}" is not a number`, el.path);
    return parsePmmlNumber(v);
  });
}
