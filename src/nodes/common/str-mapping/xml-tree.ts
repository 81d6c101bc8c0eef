/**
 * The element tree of a Modeler stream document as node mappings see it (`<node>`,
 * `<properties>`, table rows), and the few helpers they read and change it with.
 *
 * The shapes are those of the Fast Infoset decoder's tree (`modeler/fastinfoset/types.ts`,
 * which keeps its own copy so that the codec stays self-contained). `modeler/xml/dom.ts`
 * re-exports these helpers and stops compiling if the two copies drift apart, so a tree the
 * decoder built can be handed to a mapping and back without conversion.
 *
 * Modeler's stream XML uses no namespaces in the main document, so elements are found by
 * local name. The child arrays of decoded elements are read-only (the decoder shares one
 * frozen empty array), so every change here assigns a new array.
 */

/** A qualified name; empty strings mean "no prefix" / "no namespace". */
export interface XmlName {
  readonly prefix: string;
  readonly namespaceName: string;
  readonly localName: string;
}

export interface XmlAttribute {
  name: XmlName;
  value: string;
}

export interface XmlNamespaceDeclaration {
  prefix: string;
  namespaceName: string;
}

export interface XmlElement {
  kind: "element";
  name: XmlName;
  attributes: readonly XmlAttribute[];
  namespaceDeclarations: readonly XmlNamespaceDeclaration[];
  children: readonly XmlNode[];
}

export interface XmlText {
  kind: "text";
  value: string;
  cdata?: boolean;
}

export interface XmlComment {
  kind: "comment";
  value: string;
}

export interface XmlProcessingInstruction {
  kind: "processingInstruction";
  target: string;
  data: string;
}

export interface XmlEntityReference {
  kind: "entityReference";
  name: string;
  systemId?: string;
  publicId?: string;
}

export type XmlNode = XmlElement | XmlText | XmlComment | XmlProcessingInstruction | XmlEntityReference;

/** A name without prefix or namespace, as every element of the stream document has. */
export function xmlName(localName: string): XmlName {
  return { prefix: "", namespaceName: "", localName };
}

/** Child elements in document order. */
export function elements(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) if (c.kind === "element") out.push(c);
  return out;
}

/** The first child element with this local name. */
export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  if (!el) return undefined;
  for (const c of el.children) if (c.kind === "element" && c.name.localName === name) return c;
  return undefined;
}

/** Character content of an element (its text children joined; nested elements ignored). */
export function text(el: XmlElement | undefined): string {
  if (!el) return "";
  let s = "";
  for (const c of el.children) if (c.kind === "text") s += c.value;
  return s;
}

/** Text of a child element, or undefined when the child is absent. */
export function childText(el: XmlElement | undefined, name: string): string | undefined {
  const c = child(el, name);
  return c ? text(c) : undefined;
}

export function attr(el: XmlElement | undefined, name: string): string | undefined {
  if (!el) return undefined;
  for (const a of el.attributes) if (a.name.localName === name && a.name.prefix === "") return a.value;
  return undefined;
}

/** Adds `node` as the last child. */
export function appendChild(parent: XmlElement, node: XmlNode): void {
  parent.children = [...parent.children, node];
}

/** A new element; string children become text. */
export function makeElement(name: string, attributes: Record<string, string> = {}, content: ReadonlyArray<XmlElement | string> = []): XmlElement {
  return {
    kind: "element",
    name: xmlName(name),
    attributes: Object.entries(attributes).map(([k, v]) => ({ name: xmlName(k), value: v })),
    namespaceDeclarations: [],
    children: content.filter((c) => c !== "").map((c): XmlNode => (typeof c === "string" ? textNode(c) : c)),
  };
}

function textNode(value: string): XmlText {
  return { kind: "text", value };
}

/** Replaces an element's content by one text node (none for ""). */
export function setText(el: XmlElement, value: string): void {
  el.children = value === "" ? [] : [textNode(value)];
}

/** Sets the text of a child element, adding the child at the end when absent. */
export function setChildText(parent: XmlElement, name: string, value: string): XmlElement {
  const c = ensureChild(parent, name);
  setText(c, value);
  return c;
}

/** Replaces the first child with this name (or appends) by `replacement`. */
export function replaceChild(parent: XmlElement, name: string, replacement: XmlElement): void {
  const i = parent.children.findIndex((c) => c.kind === "element" && c.name.localName === name);
  parent.children = i < 0 ? [...parent.children, replacement] : parent.children.map((c, k) => (k === i ? replacement : c));
}

export function removeChildren(parent: XmlElement, name: string): void {
  parent.children = parent.children.filter((c) => !(c.kind === "element" && c.name.localName === name));
}

/** The child with this name, created (appended) when absent. */
export function ensureChild(parent: XmlElement, name: string): XmlElement {
  let c = child(parent, name);
  if (!c) {
    c = makeElement(name);
    appendChild(parent, c);
  }
  return c;
}
