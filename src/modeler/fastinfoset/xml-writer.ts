import { XML_NAMESPACE, XML_PREFIX } from "./constants.js";
import { TextSink } from "./text-sink.js";
import type { FiDocument, FiDocumentTypeDeclaration, FiElement, FiNode, FiQualifiedName } from "./types.js";

export interface FiXmlOptions {
  /** Start with `<?xml version="…" encoding="UTF-8"?>` (default true). */
  declaration?: boolean;
}

const TEXT_SPECIAL = /[&<>\r]/;
const ATTRIBUTE_SPECIAL = /[&<>"\t\n\r]/;
const ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "\t": "&#9;",
  "\n": "&#10;",
  "\r": "&#13;",
};

function escapeText(text: string): string {
  return TEXT_SPECIAL.test(text) ? text.replace(/[&<>\r]/g, (c) => ESCAPES[c]!) : text;
}

function escapeAttribute(text: string): string {
  return ATTRIBUTE_SPECIAL.test(text) ? text.replace(/[&<>"\t\n\r]/g, (c) => ESCAPES[c]!) : text;
}

function rawName(prefix: string, localName: string): string {
  return prefix ? `${prefix}:${localName}` : localName;
}

/**
 * In-scope namespace bindings while writing. Fast Infoset names carry their namespace name, so a
 * name whose prefix is not bound to it in the XML text gets a declaration added (namespace fixup).
 */
class NamespaceScope {
  private readonly bindings: { prefix: string; namespaceName: string }[] = [];
  private generated = 0;

  mark(): number {
    return this.bindings.length;
  }

  release(mark: number): void {
    this.bindings.length = mark;
  }

  lookup(prefix: string): string | undefined {
    if (prefix === XML_PREFIX) return XML_NAMESPACE;
    for (let i = this.bindings.length - 1; i >= 0; i--) {
      if (this.bindings[i]!.prefix === prefix) return this.bindings[i]!.namespaceName;
    }
    return prefix === "" ? "" : undefined;
  }

  /** Binds `prefix` to `namespaceName` if needed; returns the declaration to write ("" when none). */
  ensure(prefix: string, namespaceName: string): string {
    if (this.lookup(prefix) === namespaceName) return "";
    this.bindings.push({ prefix, namespaceName });
    return ` ${prefix ? `xmlns:${prefix}` : "xmlns"}="${escapeAttribute(namespaceName)}"`;
  }

  declare(prefix: string, namespaceName: string): void {
    this.bindings.push({ prefix, namespaceName });
  }

  /** A prefix for a namespaced attribute that has none (XML needs one): an existing binding or a fresh `nsN`. */
  prefixFor(namespaceName: string): string {
    for (let i = this.bindings.length - 1; i >= 0; i--) {
      const b = this.bindings[i]!;
      if (b.namespaceName === namespaceName && b.prefix !== "" && this.lookup(b.prefix) === namespaceName) return b.prefix;
    }
    let prefix: string;
    do prefix = `ns${++this.generated}`;
    while (this.lookup(prefix) !== undefined);
    return prefix;
  }
}

/** Serialises a document as XML 1.0 text (UTF-8 declared); CR, tab and newline in attributes are escaped. */
export function fiDocumentToXml(document: FiDocument, options: FiXmlOptions = {}): string {
  const parts = new TextSink();
  if (options.declaration ?? true) {
    const standalone = document.standalone === undefined ? "" : ` standalone="${document.standalone ? "yes" : "no"}"`;
    parts.push(`<?xml version="${escapeAttribute(document.version ?? "1.0")}" encoding="UTF-8"${standalone}?>`);
  }
  const root = document.children.find((c): c is FiElement => c.kind === "element");
  const hasDeclarations = document.notations.length > 0 || document.unparsedEntities.length > 0;
  let doctypeWritten = false;
  for (const child of document.children) {
    if (child.kind === "documentType") {
      parts.push(doctype(document, child, root));
      doctypeWritten = true;
    } else if (child.kind === "element") {
      if (hasDeclarations && !doctypeWritten) {
        parts.push(doctype(document, { kind: "documentType", processingInstructions: [] }, root));
        doctypeWritten = true;
      }
      writeElement(child, parts);
    } else {
      writeLeaf(child, parts);
    }
  }
  return parts.text();
}

function doctype(document: FiDocument, declaration: FiDocumentTypeDeclaration, root: FiElement | undefined): string {
  const name = root ? rawName(root.name.prefix, root.name.localName) : "document";
  let text = `<!DOCTYPE ${name}`;
  if (declaration.publicId !== undefined) text += ` PUBLIC ${quote(declaration.publicId)} ${quote(declaration.systemId ?? "")}`;
  else if (declaration.systemId !== undefined) text += ` SYSTEM ${quote(declaration.systemId)}`;
  const subset: string[] = [];
  for (const n of document.notations) {
    const id = n.publicId !== undefined ? `PUBLIC ${quote(n.publicId)}${n.systemId !== undefined ? ` ${quote(n.systemId)}` : ""}` : `SYSTEM ${quote(n.systemId ?? "")}`;
    subset.push(`<!NOTATION ${n.name} ${id}>`);
  }
  for (const e of document.unparsedEntities) {
    const id = e.publicId !== undefined ? `PUBLIC ${quote(e.publicId)} ${quote(e.systemId)}` : `SYSTEM ${quote(e.systemId)}`;
    subset.push(`<!ENTITY ${e.name} ${id} NDATA ${e.notationName}>`);
  }
  for (const pi of declaration.processingInstructions) subset.push(`<?${pi.target}${pi.data ? ` ${pi.data}` : ""}?>`);
  return subset.length ? `${text} [${subset.join("")}]>` : `${text}>`;
}

function quote(value: string): string {
  return value.includes('"') ? `'${value}'` : `"${value}"`;
}

function writeLeaf(node: Exclude<FiNode, FiElement>, parts: TextSink): void {
  switch (node.kind) {
    case "text":
      parts.push(node.cdata ? `<![CDATA[${node.value.replaceAll("]]>", "]]]]><![CDATA[>")}]]>` : escapeText(node.value));
      break;
    case "comment":
      parts.push(`<!--${node.value}-->`);
      break;
    case "processingInstruction":
      parts.push(`<?${node.target}${node.data ? ` ${node.data}` : ""}?>`);
      break;
    case "entityReference":
      parts.push(`&${node.name};`);
      break;
  }
}

/** Iterative, so any depth the decoder accepts can be written. */
function writeElement(top: FiElement, parts: TextSink): void {
  const scope = new NamespaceScope();
  const stack: { element: FiElement; next: number; mark: number; tag: string }[] = [];
  const open = (element: FiElement): void => {
    const mark = scope.mark();
    const { name } = element;
    let start = "";
    for (const d of element.namespaceDeclarations) {
      scope.declare(d.prefix, d.namespaceName);
      start += ` ${d.prefix ? `xmlns:${d.prefix}` : "xmlns"}="${escapeAttribute(d.namespaceName)}"`;
    }
    if (name.prefix === "" || name.namespaceName !== "") start += scope.ensure(name.prefix, name.namespaceName);
    let attributes = "";
    for (const { name: a, value } of element.attributes) {
      const written = attributeName(a, scope, (declaration) => (start += declaration));
      attributes += ` ${written}="${escapeAttribute(value)}"`;
    }
    start += attributes;
    const tag = rawName(name.prefix, name.localName);
    if (element.children.length === 0) {
      scope.release(mark);
      parts.push(`<${tag}${start}/>`);
      return;
    }
    parts.push(`<${tag}${start}>`);
    stack.push({ element, next: 0, mark, tag });
  };
  open(top);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const child = frame.element.children[frame.next++];
    if (child === undefined) {
      parts.push(`</${frame.tag}>`);
      scope.release(frame.mark);
      stack.pop();
    } else if (child.kind === "element") {
      open(child);
    } else {
      writeLeaf(child, parts);
    }
  }
}

function attributeName(name: FiQualifiedName, scope: NamespaceScope, declare: (declaration: string) => void): string {
  if (name.namespaceName === "") return name.localName;
  const prefix = name.prefix || scope.prefixFor(name.namespaceName);
  const declaration = scope.ensure(prefix, name.namespaceName);
  if (declaration) declare(declaration);
  return rawName(prefix, name.localName);
}
