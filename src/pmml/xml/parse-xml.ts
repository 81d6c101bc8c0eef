/**
 * XML text → `XmlElement` tree, with namespace prefixes resolved.
 *
 * fast-xml-parser does the tokenising; this file keeps document order (Apply arguments, tree
 * nodes and table rows are ordered), keeps character data untrimmed (an InlineTable cell may be
 * a single space) and maps every element to its namespace so that `<pmml:Node>` and `<Node>` in
 * the default PMML namespace read the same.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { PmmlError } from "../errors.js";
import { XmlElement } from "./xml-element.js";

type OrderedNode = Record<string, unknown> & { ":@"?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  htmlEntities: true,
  // Deep trees (gradient boosting) nest Node elements far beyond the library's default of 100.
  maxNestedTags: 1_000_000,
  processEntities: { enabled: true, maxExpandedLength: 1e9, maxEntityCount: 100_000 },
});

export interface ParsedXml {
  root: XmlElement;
}

export function parseXml(text: string): ParsedXml {
  const check = XMLValidator.validate(text);
  if (check !== true) {
    const e = check.err;
    throw new PmmlError("PMML_PARSE", `not well-formed XML: ${e.msg} (line ${e.line}, column ${e.col})`, {
      line: e.line,
      column: e.col,
    });
  }
  const nodes = parser.parse(text) as OrderedNode[];
  const roots: XmlElement[] = [];
  for (const node of nodes) {
    const el = convert(node, new Map([["xml", "http://www.w3.org/XML/1998/namespace"]]));
    if (el) roots.push(el);
  }
  if (roots.length !== 1) throw new PmmlError("PMML_PARSE", `expected one root element, found ${roots.length}`);
  return { root: roots[0]! };
}

function tagOf(node: OrderedNode): string | undefined {
  for (const key of Object.keys(node)) if (key !== ":@") return key;
  return undefined;
}

function convert(node: OrderedNode, inherited: Map<string, string>): XmlElement | undefined {
  const tag = tagOf(node);
  if (tag === undefined || tag === "#text" || tag.startsWith("?") || tag === "#comment") return undefined;
  const attrs = node[":@"] ?? {};
  let namespaces = inherited;
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "xmlns" || k.startsWith("xmlns:")) {
      if (namespaces === inherited) namespaces = new Map(inherited);
      namespaces.set(k === "xmlns" ? "" : k.slice(6), v);
    }
  }
  const colon = tag.indexOf(":");
  const prefix = colon >= 0 ? tag.slice(0, colon) : "";
  const localName = colon >= 0 ? tag.slice(colon + 1) : tag;
  const namespace = namespaces.get(prefix) ?? "";
  const name = isPmmlNamespace(namespace) || (namespace === "" && prefix === "") ? localName : tag;
  const own: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "xmlns" || k.startsWith("xmlns:")) continue;
    own[k] = v;
  }
  const el = new XmlElement(name, localName, own, "", namespace);
  const content = (node[tag] as OrderedNode[] | undefined) ?? [];
  let text = "";
  const counts = new Map<string, number>();
  for (const c of content) {
    const ctag = tagOf(c);
    if (ctag === "#text") {
      text += String(c["#text"]);
      continue;
    }
    const child = convert(c, namespaces);
    if (!child) continue;
    const n = (counts.get(child.name) ?? 0) + 1;
    counts.set(child.name, n);
    child.position = n;
    child.parent = el;
    el.children.push(child);
  }
  el.text = text;
  return el;
}

/** `http://www.dmg.org/PMML-4_4` and every other version's namespace. */
export function isPmmlNamespace(uri: string): boolean {
  return /^https?:\/\/www\.dmg\.org\/PMML-\d_\d$/.test(uri);
}
