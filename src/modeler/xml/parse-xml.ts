/**
 * Plain XML text → the same `FiDocument` tree the Fast Infoset decoder produces, so that
 * Modeler 14.2 streams (plain XML main member, up to 16 MB) and the XML members of a `.str`
 * (`Parameters`, PMML) are read by the same code as Fast Infoset ones.
 *
 * A small non-validating parser: elements, attributes, text, CDATA, comments, the five
 * predefined entities and character references, namespaces. DTD internal subsets are skipped
 * (Modeler writes none); an undefined entity is an error, never expanded. It is written here
 * rather than taken from fast-xml-parser because that library needs ~11 s for the largest
 * 14.2 stream; this one reads it in well under a second. Malformed text is a
 * `StrFormatError` with line and column.
 */
import type { FiAttribute, FiDocument, FiElement, FiNamespaceDeclaration, FiNode } from "../fastinfoset/types.js";
import { StrFormatError } from "../errors.js";

export interface ParseXmlOptions {
  /** What the text is, for messages (`main member "x.xml"`, `member data/0001.dat`). */
  readonly what: string;
  readonly maxDepth?: number;
}

const XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace";
const NAME = /[^\s/>=]+/y;
const ATTRIBUTE = /\s*([^\s/>=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;
const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z_][\w.-]*);/g;
const PREDEFINED: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Namespace bindings in force, with the qualified names already made under them (by raw name). */
interface Scope {
  readonly bindings: Map<string, string>;
  readonly names: Map<string, FiElement["name"]>;
}

interface Open {
  element: FiElement;
  rawName: string;
  scope: Scope;
}

const NO_ATTRIBUTES = Object.freeze([]) as unknown as FiAttribute[];
const NO_CHILDREN = Object.freeze([]) as unknown as FiNode[];

/** Shared by every element without declarations (nothing adds declarations to a parsed tree). */
const NO_DECLARATIONS = Object.freeze([]) as unknown as FiNamespaceDeclaration[];

export function parseXmlDocument(text: string, options: ParseXmlOptions): FiDocument {
  // XML 1.0 §2.11: line breaks read as LF (a CR written as &#13; stays a CR).
  return new XmlParser(text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n"), options).parse();
}

class XmlParser {
  private pos = 0;
  private readonly stack: Open[] = [];
  private readonly roots: FiDocument["children"] = [];
  private version: string | undefined;
  private readonly maxDepth: number;
  /**
   * Children gathered per depth in reused arrays and copied to exact-size arrays when the
   * element ends, and names interned: hundreds of thousands of small elements otherwise cost
   * seconds of garbage collection (the Fast Infoset DOM builder does the same).
   */
  private readonly collectors: FiNode[][] = [];
  /** White space seen since the last child at each depth; kept only if no element child follows. */
  private readonly pendingSpace: string[] = [];
  private readonly rootScope: Scope = { bindings: new Map([["xml", XML_NAMESPACE]]), names: new Map() };

  constructor(
    private readonly s: string,
    private readonly options: ParseXmlOptions,
  ) {
    this.maxDepth = options.maxDepth ?? 10_000;
  }

  parse(): FiDocument {
    const s = this.s;
    while (this.pos < s.length) {
      const lt = s.indexOf("<", this.pos);
      const end = lt < 0 ? s.length : lt;
      if (end > this.pos) this.text(s.slice(this.pos, end));
      if (lt < 0) break;
      this.pos = lt;
      if (s.startsWith("<?", lt)) this.processingInstruction();
      else if (s.startsWith("<!--", lt)) this.comment();
      else if (s.startsWith("<![CDATA[", lt)) this.cdata();
      else if (s.startsWith("<!DOCTYPE", lt)) this.doctype();
      else if (s.startsWith("</", lt)) this.endTag();
      else this.startTag();
    }
    if (this.stack.length > 0) this.fail(`element <${this.stack[this.stack.length - 1]!.rawName}> is not closed`, s.length);
    if (!this.roots.some((c) => c.kind === "element")) this.fail("there is no root element", 0);
    return { kind: "document", children: this.roots, additionalData: [], notations: [], unparsedEntities: [], ...(this.version !== undefined && { version: this.version }) };
  }

  private fail(message: string, at: number): never {
    const before = this.s.slice(0, at);
    const line = before.split("\n").length;
    const column = at - before.lastIndexOf("\n");
    throw new StrFormatError(`${this.options.what} is not well-formed XML: ${message} (line ${line}, column ${column})`, { line, column });
  }

  private append(node: FiNode): void {
    const depth = this.stack.length;
    if (depth > 0) {
      const collector = (this.collectors[depth - 1] ??= []);
      const last = collector[collector.length - 1];
      if (node.kind === "text" && !node.cdata && last?.kind === "text" && !last.cdata) last.value += node.value;
      else collector.push(node);
    } else if (node.kind === "element" || node.kind === "comment") {
      if (node.kind === "element" && this.roots.some((c) => c.kind === "element")) this.fail("a second root element", this.pos);
      this.roots.push(node);
    }
  }

  private text(raw: string): void {
    const depth = this.stack.length;
    if (depth === 0) {
      if (raw.trim() !== "") this.fail("text outside the root element", this.pos);
      return;
    }
    if (/^\s*$/.test(raw)) {
      // Indentation between elements: no node unless the element turns out to hold only text.
      this.pendingSpace[depth - 1] = (this.pendingSpace[depth - 1] ?? "") + raw;
      return;
    }
    const space = this.takeSpace(depth);
    this.append({ kind: "text", value: space + this.decode(raw, this.pos) });
  }

  private takeSpace(depth: number): string {
    const space = this.pendingSpace[depth - 1] ?? "";
    this.pendingSpace[depth - 1] = "";
    return space;
  }

  private decode(raw: string, at: number): string {
    if (!raw.includes("&")) return raw;
    const decoded = raw.replace(ENTITY, (whole, ref: string) => {
      if (ref[0] === "#") {
        const code = ref[1] === "x" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
        if (!Number.isFinite(code) || code > 0x10ffff) this.fail(`invalid character reference ${whole}`, at);
        return String.fromCodePoint(code);
      }
      const v = PREDEFINED[ref];
      if (v === undefined) this.fail(`undefined entity ${whole}`, at);
      return v;
    });
    if (raw.replace(ENTITY, "").includes("&")) this.fail("a bare & (write &amp;)", at);
    return decoded;
  }

  private until(marker: string, what: string): number {
    const i = this.s.indexOf(marker, this.pos);
    if (i < 0) this.fail(`unterminated ${what}`, this.pos);
    return i;
  }

  private processingInstruction(): void {
    const end = this.until("?>", "processing instruction");
    const body = this.s.slice(this.pos + 2, end);
    if (body.startsWith("xml ") || body === "xml") this.version = /version\s*=\s*["']([^"']+)["']/.exec(body)?.[1] ?? this.version;
    else {
      const [target, ...rest] = body.split(/\s+/);
      this.append({ kind: "processingInstruction", target: target ?? "", data: rest.join(" ") });
    }
    this.pos = end + 2;
  }

  private comment(): void {
    const end = this.until("-->", "comment");
    this.append({ kind: "comment", value: this.s.slice(this.pos + 4, end) });
    this.pos = end + 3;
  }

  private cdata(): void {
    if (this.stack.length === 0) this.fail("CDATA outside the root element", this.pos);
    const end = this.until("]]>", "CDATA section");
    this.append({ kind: "text", value: this.s.slice(this.pos + 9, end), cdata: true });
    this.pos = end + 3;
  }

  private doctype(): void {
    let depth = 0;
    for (let i = this.pos; i < this.s.length; i++) {
      const c = this.s[i];
      if (c === "[") depth++;
      else if (c === "]") depth--;
      else if (c === ">" && depth <= 0) {
        this.pos = i + 1;
        return;
      }
    }
    this.fail("unterminated DOCTYPE", this.pos);
  }

  private endTag(): void {
    const open = this.stack.pop();
    const at = this.pos;
    const end = this.until(">", "end tag");
    if (!open) this.fail(`end tag </${this.s.slice(at + 2, end).trim()}> without a start tag`, at);
    if (!this.s.startsWith(open.rawName, at + 2) || this.s.slice(at + 2 + open.rawName.length, end).trim() !== "") {
      this.fail(`end tag </${this.s.slice(at + 2, end).trim()}> does not match <${open.rawName}>`, at);
    }
    this.pos = end + 1;
    const depth = this.stack.length;
    const collector = this.collectors[depth]!;
    const space = this.takeSpace(depth + 1);
    const hasElements = collector.some((c) => c.kind === "element");
    if (!hasElements && space !== "") {
      const last = collector[collector.length - 1];
      if (last?.kind === "text" && !last.cdata) last.value += space;
      else collector.push({ kind: "text", value: space });
    }
    // Indentation between child elements carries no meaning (Modeler 16+ files have none).
    open.element.children = collector.length === 0 ? NO_CHILDREN : hasElements ? collector.filter((c) => !(c.kind === "text" && !c.cdata && c.value.trim() === "")) : collector.slice();
    collector.length = 0;
    if (depth === 0) this.append(open.element);
  }

  private startTag(): void {
    const at = this.pos;
    NAME.lastIndex = at + 1;
    const m = NAME.exec(this.s);
    if (!m) this.fail("a tag without a name", at);
    const rawName = m[0];
    let p = at + 1 + rawName.length;
    let rawAttributes: Array<[string, string]> | undefined;
    if (this.s.charCodeAt(p) !== 0x3e) {
      for (;;) {
        ATTRIBUTE.lastIndex = p;
        const a = ATTRIBUTE.exec(this.s);
        if (!a) break;
        (rawAttributes ??= []).push([a[1]!, this.decode((a[2] ?? a[3]!).replace(/[\t\n\r]/g, " "), p)]);
        p = ATTRIBUTE.lastIndex;
      }
      while (p < this.s.length && /\s/.test(this.s[p]!)) p++;
    }
    const selfClosing = this.s.startsWith("/>", p);
    if (!selfClosing && this.s[p] !== ">") this.fail(`malformed start tag <${rawName}>`, p);
    this.pos = p + (selfClosing ? 2 : 1);
    const depth = this.stack.length;
    if (depth > 0) this.pendingSpace[depth - 1] = "";
    const element = this.element(rawName, rawAttributes, this.stack[depth - 1]?.scope ?? this.rootScope, at);
    if (selfClosing) {
      this.append(element.element);
      return;
    }
    if (depth >= this.maxDepth) this.fail(`elements nest deeper than ${this.maxDepth} levels`, at);
    if (depth > 0) this.append(element.element);
    this.stack.push(element);
    (this.collectors[depth] ??= []).length = 0;
    this.pendingSpace[depth] = "";
  }

  private element(rawName: string, rawAttributes: Array<[string, string]> | undefined, inherited: Scope, at: number): Open {
    let scope = inherited;
    let namespaceDeclarations: FiNamespaceDeclaration[] = NO_DECLARATIONS;
    for (const [k, v] of rawAttributes ?? []) {
      if (k !== "xmlns" && !k.startsWith("xmlns:")) continue;
      if (scope === inherited) scope = { bindings: new Map(inherited.bindings), names: new Map() };
      const prefix = k === "xmlns" ? "" : k.slice(6);
      scope.bindings.set(prefix, v);
      if (namespaceDeclarations === NO_DECLARATIONS) namespaceDeclarations = [];
      namespaceDeclarations.push({ prefix, namespaceName: v });
    }
    let attributes = NO_ATTRIBUTES;
    for (const [k, v] of rawAttributes ?? []) {
      if (k === "xmlns" || k.startsWith("xmlns:")) continue;
      const name = this.name(k, scope, true, at);
      if (attributes.some((x) => x.name === name)) this.fail(`duplicate attribute ${k}`, at);
      if (attributes === NO_ATTRIBUTES) attributes = [];
      attributes.push({ name, value: v });
    }
    const element: FiElement = { kind: "element", name: this.name(rawName, scope, false, at), attributes, namespaceDeclarations, children: NO_CHILDREN };
    return { element, rawName, scope };
  }

  /** The qualified name of a raw name under a scope; unprefixed attributes have no namespace. */
  private name(raw: string, scope: Scope, attribute: boolean, at: number): FiElement["name"] {
    const key = attribute ? `@${raw}` : raw;
    let n = scope.names.get(key);
    if (!n) {
      const [prefix, localName] = split(raw);
      const namespaceName = prefix ? scope.bindings.get(prefix) : attribute ? "" : (scope.bindings.get("") ?? "");
      if (namespaceName === undefined) this.fail(`${attribute ? "attribute" : "element"} ${raw} uses the undeclared prefix "${prefix}"`, at);
      n = { prefix, namespaceName, localName };
      scope.names.set(key, n);
    }
    return n;
  }
}

function split(name: string): [string, string] {
  const colon = name.indexOf(":");
  return colon < 0 ? ["", name] : [name.slice(0, colon), name.slice(colon + 1)];
}
