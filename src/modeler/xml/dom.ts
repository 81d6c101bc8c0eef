/**
 * Small helpers over the decoded stream document (`FiElement` trees from the Fast Infoset
 * decoder, or from plain XML for Modeler 14.2 files). Modeler's stream XML uses no
 * namespaces in the main document, so elements are found by local name.
 *
 * Nodes are plain data: `cloneElement` before changing a tree that someone else holds. The
 * arrays of decoded elements are read-only (the decoder shares one frozen empty array), so
 * every change here assigns a new array.
 */
import type { FiElement, FiNode, FiText } from "../fastinfoset/types.js";
import { createQualifiedName } from "../fastinfoset/index.js";

export type { FiElement };

export function isElement(n: FiNode | undefined): n is FiElement {
  return n !== undefined && n.kind === "element";
}

export function localName(el: FiElement): string {
  return el.name.localName;
}

/** Child elements in document order. */
export function elements(el: FiElement): FiElement[] {
  const out: FiElement[] = [];
  for (const c of el.children) if (c.kind === "element") out.push(c);
  return out;
}

/** The first child element with this local name. */
export function child(el: FiElement | undefined, name: string): FiElement | undefined {
  if (!el) return undefined;
  for (const c of el.children) if (c.kind === "element" && c.name.localName === name) return c;
  return undefined;
}

/** Every child element with this local name. */
export function children(el: FiElement | undefined, name: string): FiElement[] {
  if (!el) return [];
  const out: FiElement[] = [];
  for (const c of el.children) if (c.kind === "element" && c.name.localName === name) out.push(c);
  return out;
}

/** The element at a `/`-separated path of local names below `el`. */
export function at(el: FiElement | undefined, path: string): FiElement | undefined {
  let cur = el;
  for (const step of path.split("/")) {
    cur = child(cur, step);
    if (!cur) return undefined;
  }
  return cur;
}

/** Character content of an element (its text children joined; nested elements ignored). */
export function text(el: FiElement | undefined): string {
  if (!el) return "";
  let s = "";
  for (const c of el.children) if (c.kind === "text") s += c.value;
  return s;
}

/** Text of a child element, or undefined when the child is absent. */
export function childText(el: FiElement | undefined, name: string): string | undefined {
  const c = child(el, name);
  return c ? text(c) : undefined;
}

export function attr(el: FiElement | undefined, name: string): string | undefined {
  if (!el) return undefined;
  for (const a of el.attributes) if (a.name.localName === name && a.name.prefix === "") return a.value;
  return undefined;
}

export function setAttr(el: FiElement, name: string, value: string): void {
  const i = el.attributes.findIndex((a) => a.name.localName === name && a.name.prefix === "");
  const attribute = { name: i < 0 ? createQualifiedName(name) : el.attributes[i]!.name, value };
  el.attributes = i < 0 ? [...el.attributes, attribute] : el.attributes.map((a, k) => (k === i ? attribute : a));
}

/** Adds `node` as the last child. */
export function appendChild(parent: FiElement, node: FiNode): void {
  parent.children = [...parent.children, node];
}

export function removeAttr(el: FiElement, name: string): void {
  el.attributes = el.attributes.filter((a) => !(a.name.localName === name && a.name.prefix === ""));
}

/** A new element; string children become text. */
export function makeElement(name: string, attributes: Record<string, string> = {}, content: ReadonlyArray<FiElement | string> = []): FiElement {
  return {
    kind: "element",
    name: createQualifiedName(name),
    attributes: Object.entries(attributes).map(([k, v]) => ({ name: createQualifiedName(k), value: v })),
    namespaceDeclarations: [],
    children: content.filter((c) => c !== "").map((c): FiNode => (typeof c === "string" ? textNode(c) : c)),
  };
}

function textNode(value: string): FiText {
  return { kind: "text", value };
}

/** Replaces an element's content by one text node (none for ""). */
export function setText(el: FiElement, value: string): void {
  el.children = value === "" ? [] : [textNode(value)];
}

/** Sets the text of a child element, adding the child at the end when absent. */
export function setChildText(parent: FiElement, name: string, value: string): FiElement {
  let c = child(parent, name);
  if (!c) {
    c = makeElement(name);
    appendChild(parent, c);
  }
  setText(c, value);
  return c;
}

/** Replaces the first child with this name (or appends) by `replacement`. */
export function replaceChild(parent: FiElement, name: string, replacement: FiElement): void {
  const i = parent.children.findIndex((c) => c.kind === "element" && c.name.localName === name);
  parent.children = i < 0 ? [...parent.children, replacement] : parent.children.map((c, k) => (k === i ? replacement : c));
}

export function removeChildren(parent: FiElement, name: string): void {
  parent.children = parent.children.filter((c) => !(c.kind === "element" && c.name.localName === name));
}

/** The child with this name, created (appended) when absent. */
export function ensureChild(parent: FiElement, name: string): FiElement {
  let c = child(parent, name);
  if (!c) {
    c = makeElement(name);
    appendChild(parent, c);
  }
  return c;
}

/** A deep copy that shares nothing with the original. */
export function cloneElement(el: FiElement): FiElement {
  return {
    kind: "element",
    name: { ...el.name },
    attributes: el.attributes.map((a) => ({ name: { ...a.name }, value: a.value })),
    namespaceDeclarations: el.namespaceDeclarations.map((d) => ({ ...d })),
    children: el.children.map((c) => (c.kind === "element" ? cloneElement(c) : { ...c })),
  };
}

/**
 * Structural equality: same names, attributes (in any order), and children, where
 * whitespace-only text between elements does not count ("same in meaning").
 */
export function sameElement(a: FiElement, b: FiElement): boolean {
  if (a.name.localName !== b.name.localName || a.name.namespaceName !== b.name.namespaceName) return false;
  if (a.attributes.length !== b.attributes.length) return false;
  for (const x of a.attributes) {
    const y = b.attributes.find((z) => z.name.localName === x.name.localName && z.name.namespaceName === x.name.namespaceName);
    if (!y || y.value !== x.value) return false;
  }
  const ca = significant(a);
  const cb = significant(b);
  if (ca.length !== cb.length) return false;
  for (let i = 0; i < ca.length; i++) {
    const x = ca[i]!;
    const y = cb[i]!;
    if (x.kind !== y.kind) return false;
    if (x.kind === "element") {
      if (!sameElement(x, y as FiElement)) return false;
    } else if ("value" in x && x.value !== (y as { value: string }).value) return false;
  }
  return true;
}

function significant(el: FiElement): FiNode[] {
  const hasElements = el.children.some((c) => c.kind === "element");
  return el.children.filter((c) => c.kind !== "comment" && !(hasElements && c.kind === "text" && c.value.trim() === ""));
}
