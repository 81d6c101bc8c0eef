import { TextSink } from "./text-sink.js";
import { NamespaceScope, escapeAttribute, escapeText, rawName } from "./xml-escape.js";
import { parseFastInfoset } from "./decoder.js";
import type {
  FiAttribute,
  FiContentHandler,
  FiDecodeOptions,
  FiDocument,
  FiDocumentProperties,
  FiDocumentTypeDeclaration,
  FiElement,
  FiNamespaceDeclaration,
  FiNode,
  FiQualifiedName,
  FiUnexpandedEntityReference,
} from "./types.js";

export interface FiXmlOptions {
  /** Start with `<?xml version="…" encoding="UTF-8"?>` (default true). */
  declaration?: boolean;
}

/** Serialises a document as XML 1.0 text (UTF-8 declared). */
export function fiDocumentToXml(document: FiDocument, options: FiXmlOptions = {}): string {
  const writer = new XmlWriter(options);
  writer.startDocument(document);
  for (const child of document.children) {
    if (child.kind === "element") emitElement(child, writer);
    else if (child.kind === "documentType") writer.documentType(child);
    else emitLeaf(child, writer);
  }
  writer.endDocument();
  return writer.text();
}

/** Decodes Fast Infoset straight to XML text, without building a tree. */
export function fastInfosetToXml(input: Uint8Array, options: FiXmlOptions & FiDecodeOptions = {}): string {
  const writer = new XmlWriter(options);
  parseFastInfoset(input, writer, options);
  return writer.text();
}

/** Iterative, so any depth the decoder accepts can be written. */
function emitElement(top: FiElement, writer: XmlWriter): void {
  const stack: { element: FiElement; next: number }[] = [{ element: top, next: 0 }];
  writer.startElement(top.name, top.attributes, top.namespaceDeclarations);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const child = frame.element.children[frame.next++];
    if (child === undefined) {
      writer.endElement();
      stack.pop();
    } else if (child.kind === "element") {
      writer.startElement(child.name, child.attributes, child.namespaceDeclarations);
      stack.push({ element: child, next: 0 });
    } else {
      emitLeaf(child, writer);
    }
  }
}

function emitLeaf(node: Exclude<FiNode, FiElement>, writer: XmlWriter): void {
  switch (node.kind) {
    case "text":
      return writer.characters(node.value, node.cdata === true);
    case "comment":
      return writer.comment(node.value);
    case "processingInstruction":
      return writer.processingInstruction(node.target, node.data);
    case "entityReference":
      return writer.entityReference(node);
  }
}

/**
 * Writes parser events as XML text. The document type declaration is held back until the
 * document element (Fast Infoset does not carry its name), together with any comments and PIs in
 * between; an element's start tag stays open until its first child, to write `<a/>` when empty.
 */
class XmlWriter implements FiContentHandler {
  private readonly out = new TextSink();
  private readonly scope = new NamespaceScope();
  private readonly open: { tag: string; mark: number }[] = [];
  private startTagOpen = false;
  private properties: FiDocumentProperties | undefined;
  private heldDoctype: FiDocumentTypeDeclaration | undefined;
  private heldLeaves: string[] = [];
  private rootName: string | undefined;

  constructor(private readonly options: FiXmlOptions) {}

  text(): string {
    return this.out.text();
  }

  startDocument(properties: FiDocumentProperties): void {
    this.properties = properties;
    if (this.options.declaration ?? true) {
      const standalone = properties.standalone === undefined ? "" : ` standalone="${properties.standalone ? "yes" : "no"}"`;
      this.out.push(`<?xml version="${escapeAttribute(properties.version ?? "1.0")}" encoding="UTF-8"${standalone}?>`);
    }
    if (properties.notations.length > 0 || properties.unparsedEntities.length > 0) {
      this.heldDoctype = { kind: "documentType", processingInstructions: [] };
    }
  }

  documentType(declaration: FiDocumentTypeDeclaration): void {
    this.heldDoctype = declaration;
    // Out of XML's order (after the document element): written where it occurs.
    if (this.rootName !== undefined) this.releaseDoctype(this.rootName);
  }

  startElement(name: FiQualifiedName, attributes: readonly FiAttribute[], namespaceDeclarations: readonly FiNamespaceDeclaration[]): void {
    if (this.rootName === undefined) {
      this.rootName = rawName(name.prefix, name.localName);
      this.releaseDoctype(this.rootName);
    }
    this.closeStartTag();
    const scope = this.scope;
    const mark = scope.mark();
    let start = "";
    for (const d of namespaceDeclarations) {
      scope.declare(d.prefix, d.namespaceName);
      start += ` ${d.prefix ? `xmlns:${d.prefix}` : "xmlns"}="${escapeAttribute(d.namespaceName)}"`;
    }
    if (name.prefix === "" || name.namespaceName !== "") start += scope.ensure(name.prefix, name.namespaceName);
    let written = "";
    for (const { name: a, value } of attributes) {
      let prefix = a.prefix;
      if (a.namespaceName !== "") {
        prefix ||= scope.prefixFor(a.namespaceName);
        start += scope.ensure(prefix, a.namespaceName);
      }
      written += ` ${a.namespaceName ? rawName(prefix, a.localName) : a.localName}="${escapeAttribute(value)}"`;
    }
    const tag = rawName(name.prefix, name.localName);
    this.out.push(`<${tag}${start}${written}`);
    this.open.push({ tag, mark });
    this.startTagOpen = true;
  }

  endElement(): void {
    const { tag, mark } = this.open.pop()!;
    if (this.startTagOpen) this.out.push("/>");
    else this.out.push(`</${tag}>`);
    this.startTagOpen = false;
    this.scope.release(mark);
  }

  characters(text: string, cdata: boolean): void {
    this.closeStartTag();
    this.out.push(cdata ? `<![CDATA[${text.replaceAll("]]>", "]]]]><![CDATA[>")}]]>` : escapeText(text));
  }

  comment(text: string): void {
    this.leaf(`<!--${text}-->`);
  }

  processingInstruction(target: string, data: string): void {
    this.leaf(pi(target, data));
  }

  entityReference(reference: FiUnexpandedEntityReference): void {
    this.leaf(`&${reference.name};`);
  }

  endDocument(): void {
    this.releaseDoctype("document");
  }

  private leaf(markup: string): void {
    if (this.heldDoctype && this.rootName === undefined) return void this.heldLeaves.push(markup);
    this.closeStartTag();
    this.out.push(markup);
  }

  private closeStartTag(): void {
    if (!this.startTagOpen) return;
    this.out.push(">");
    this.startTagOpen = false;
  }

  private releaseDoctype(rootName: string): void {
    const declaration = this.heldDoctype;
    if (!declaration) return;
    this.heldDoctype = undefined;
    this.out.push(doctype(declaration, this.properties, rootName));
    for (const markup of this.heldLeaves) this.out.push(markup);
    this.heldLeaves = [];
  }
}

function pi(target: string, data: string): string {
  return `<?${target}${data ? ` ${data}` : ""}?>`;
}

function doctype(declaration: FiDocumentTypeDeclaration, properties: FiDocumentProperties | undefined, rootName: string): string {
  let text = `<!DOCTYPE ${rootName}`;
  if (declaration.publicId !== undefined) text += ` PUBLIC ${quote(declaration.publicId)} ${quote(declaration.systemId ?? "")}`;
  else if (declaration.systemId !== undefined) text += ` SYSTEM ${quote(declaration.systemId)}`;
  const subset: string[] = [];
  for (const n of properties?.notations ?? []) {
    const system = n.systemId !== undefined ? ` ${quote(n.systemId)}` : "";
    subset.push(`<!NOTATION ${n.name} ${n.publicId !== undefined ? `PUBLIC ${quote(n.publicId)}${system}` : `SYSTEM${system || ' ""'}`}>`);
  }
  for (const e of properties?.unparsedEntities ?? []) {
    const id = e.publicId !== undefined ? `PUBLIC ${quote(e.publicId)} ${quote(e.systemId)}` : `SYSTEM ${quote(e.systemId)}`;
    subset.push(`<!ENTITY ${e.name} ${id} NDATA ${e.notationName}>`);
  }
  for (const p of declaration.processingInstructions) subset.push(pi(p.target, p.data));
  return subset.length ? `${text} [${subset.join("")}]>` : `${text}>`;
}

function quote(value: string): string {
  return value.includes('"') ? `'${value}'` : `"${value}"`;
}
