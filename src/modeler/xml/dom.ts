/**
 * Small helpers over the decoded stream document (`FiElement` trees from the Fast Infoset
 * decoder, or from plain XML for Modeler 14.2 files). Modeler's stream XML uses no
 * namespaces in the main document, so elements are found by local name.
 *
 * The basic ones (`child`, `childText`, `makeElement`, `setChildText`, …) are those the node
 * mappings are written with, so they live beside the mappings' codecs in
 * `nodes/common/str-mapping/xml-tree.ts` and are re-exported here; this file adds what only
 * the reader and writer need (paths, attributes, copies, comparison).
 *
 * Nodes are plain data: `cloneElement` before changing a tree that someone else holds. The
 * arrays of decoded elements are read-only (the decoder shares one frozen empty array), so
 * every change here assigns a new array.
 */
import type { FiElement, FiNode } from "../fastinfoset/types.js";
import { createQualifiedName } from "../fastinfoset/index.js";
import { child, type XmlElement, type XmlNode } from "../../nodes/common/str-mapping/xml-tree.js";

export type { FiElement };
export { appendChild, attr, child, childText, elements, ensureChild, makeElement, removeChildren, replaceChild, setChildText, setText, text } from "../../nodes/common/str-mapping/xml-tree.js";

/**
 * The mappings' element tree and the decoder's are one shape written twice (the codec keeps
 * its own so that it stands alone). Decoded elements go to the mappings and the elements the
 * mappings make go back into decoded documents, so each must stay assignable to the other:
 * this line stops compiling when they do not.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _sameTree: [Same<FiElement, XmlElement>, Same<FiNode, XmlNode>] = [true, true];

export function isElement(n: FiNode | undefined): n is FiElement {
  return n !== undefined && n.kind === "element";
}

export function localName(el: FiElement): string {
  return el.name.localName;
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

export function setAttr(el: FiElement, name: string, value: string): void {
  const i = el.attributes.findIndex((a) => a.name.localName === name && a.name.prefix === "");
  const attribute = { name: i < 0 ? createQualifiedName(name) : el.attributes[i]!.name, value };
  el.attributes = i < 0 ? [...el.attributes, attribute] : el.attributes.map((a, k) => (k === i ? attribute : a));
}

export function removeAttr(el: FiElement, name: string): void {
  el.attributes = el.attributes.filter((a) => !(a.name.localName === name && a.name.prefix === ""));
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
