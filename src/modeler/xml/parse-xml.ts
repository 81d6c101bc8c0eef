/**
 * Plain XML text → the same `FiDocument` tree the Fast Infoset decoder produces, so that
 * Modeler 14.2 streams (plain XML main member) and the XML members of a `.str` (`Parameters`,
 * PMML) are read by the same code as Fast Infoset ones.
 *
 * fast-xml-parser tokenises; document order, untrimmed text, CDATA and namespace names are
 * kept. Malformed text is a `StrFormatError` with line and column.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { FiAttribute, FiDocument, FiElement, FiNamespaceDeclaration, FiNode } from "../fastinfoset/types.js";
import { StrFormatError } from "../errors.js";

type Ordered = Record<string, unknown> & { ":@"?: Record<string, string> };

const XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace";
const CDATA = "#cdata";
const COMMENT = "#comment";

function makeParser(maxDepth: number): XMLParser {
  return new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: "",
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    cdataPropName: CDATA,
    commentPropName: COMMENT,
    htmlEntities: false,
    maxNestedTags: maxDepth,
    processEntities: { enabled: true, maxExpandedLength: 1e8, maxEntityCount: 100_000 },
  });
}

export interface ParseXmlOptions {
  /** What the text is, for messages (`main member "x.xml"`, `member data/0001.dat`). */
  readonly what: string;
  readonly maxDepth?: number;
}

export function parseXmlDocument(text: string, options: ParseXmlOptions): FiDocument {
  const check = XMLValidator.validate(text);
  if (check !== true) {
    const e = check.err;
    throw new StrFormatError(`${options.what} is not well-formed XML: ${e.msg} (line ${e.line}, column ${e.col})`, { line: e.line, column: e.col });
  }
  let nodes: Ordered[];
  try {
    nodes = makeParser(options.maxDepth ?? 10_000).parse(text) as Ordered[];
  } catch (err) {
    throw new StrFormatError(`${options.what} cannot be read as XML: ${(err as Error).message}`, {}, { cause: err });
  }
  const children: FiDocument["children"] = [];
  const scope = new Map([["xml", XML_NAMESPACE]]);
  for (const n of nodes) {
    const converted = convert(n, scope, options.what);
    if (converted && converted.kind === "element") children.push(converted);
  }
  if (!children.some((c) => c.kind === "element")) throw new StrFormatError(`${options.what} has no root element`);
  const declaration = /^\s*<\?xml[^?]*\?>/.exec(text)?.[0];
  const version = declaration ? /version\s*=\s*["']([^"']+)["']/.exec(declaration)?.[1] : undefined;
  return { kind: "document", children, additionalData: [], notations: [], unparsedEntities: [], ...(version !== undefined && { version }) };
}

function tagOf(node: Ordered): string | undefined {
  for (const key of Object.keys(node)) if (key !== ":@") return key;
  return undefined;
}

function textValue(node: Ordered, key: string): string {
  const v = node[key];
  if (typeof v === "string") return v;
  if (Array.isArray(v)) return v.map((x) => (x && typeof x === "object" ? String((x as Record<string, unknown>)["#text"] ?? "") : String(x))).join("");
  return v === undefined || v === null ? "" : String(v);
}

function convert(node: Ordered, inherited: Map<string, string>, what: string): FiNode | undefined {
  const tag = tagOf(node);
  if (tag === undefined || tag.startsWith("?")) return undefined;
  if (tag === "#text") return { kind: "text", value: textValue(node, tag) };
  if (tag === CDATA) return { kind: "text", value: textValue(node, tag), cdata: true };
  if (tag === COMMENT) return { kind: "comment", value: textValue(node, tag) };
  const attrs = node[":@"] ?? {};
  let scope = inherited;
  const namespaceDeclarations: FiNamespaceDeclaration[] = [];
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "xmlns" || k.startsWith("xmlns:")) {
      if (scope === inherited) scope = new Map(inherited);
      const prefix = k === "xmlns" ? "" : k.slice(6);
      scope.set(prefix, v);
      namespaceDeclarations.push({ prefix, namespaceName: v });
    }
  }
  const attributes: FiAttribute[] = [];
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "xmlns" || k.startsWith("xmlns:")) continue;
    const [prefix, local] = split(k);
    const namespaceName = prefix ? scope.get(prefix) : "";
    if (namespaceName === undefined) throw new StrFormatError(`${what}: attribute ${k} uses the undeclared prefix "${prefix}"`);
    attributes.push({ name: { prefix, namespaceName, localName: local }, value: v });
  }
  const [prefix, local] = split(tag);
  const namespaceName = scope.get(prefix) ?? "";
  if (prefix && !scope.has(prefix)) throw new StrFormatError(`${what}: element <${tag}> uses the undeclared prefix "${prefix}"`);
  const el: FiElement = { kind: "element", name: { prefix, namespaceName, localName: local }, attributes, namespaceDeclarations, children: [] };
  for (const c of (node[tag] as Ordered[] | undefined) ?? []) {
    const converted = convert(c, scope, what);
    if (!converted) continue;
    const last = el.children[el.children.length - 1];
    // fast-xml-parser splits text around entity references; the decoder's trees hold one chunk.
    if (converted.kind === "text" && !converted.cdata && last?.kind === "text" && !last.cdata) last.value += converted.value;
    else el.children.push(converted);
  }
  return el;
}

function split(name: string): [string, string] {
  const colon = name.indexOf(":");
  return colon < 0 ? ["", name] : [name.slice(0, colon), name.slice(colon + 1)];
}
