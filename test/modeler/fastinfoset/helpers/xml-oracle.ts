/**
 * Compares decoded documents with XML text written by the Java reference decoder. The reference
 * output is simple, well-formed XML; this tiny reader keeps exactly what is compared (elements,
 * attributes in order, text with references resolved, CDATA, comments, processing instructions)
 * and applies no whitespace or line-end normalisation, so text must match character for character.
 */
import type { FiDocument, FiNode } from "../../../../src/modeler/fastinfoset/index.js";

export type XNode =
  | { type: "element"; name: string; attributes: [string, string][]; children: XNode[] }
  | { type: "text"; value: string }
  | { type: "cdata"; value: string }
  | { type: "comment"; value: string }
  | { type: "pi"; target: string; data: string }
  /** Only from decoded documents: the reference's XML output never carries these. */
  | { type: "doctype"; systemId?: string; publicId?: string; processingInstructions: string }
  | { type: "entity"; name: string; systemId?: string; publicId?: string };

const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function resolveReferences(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith("#x")) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith("#")) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    const named = NAMED[ref];
    if (named === undefined) throw new Error(`unknown entity ${whole}`);
    return named;
  });
}

/** Parses XML text into document-level nodes (the XML declaration and DOCTYPE are skipped). */
export function parseXml(xml: string): XNode[] {
  const top: XNode[] = [];
  const stack: Extract<XNode, { type: "element" }>[] = [];
  const add = (node: XNode) => (stack.length ? stack[stack.length - 1]!.children : top).push(node);
  let i = 0;
  const expect = (token: string, from: number) => {
    const at = xml.indexOf(token, from);
    if (at < 0) throw new Error(`unterminated markup at ${from}`);
    return at;
  };
  while (i < xml.length) {
    if (xml[i] !== "<") {
      const end = xml.indexOf("<", i);
      const stop = end < 0 ? xml.length : end;
      add({ type: "text", value: resolveReferences(xml.slice(i, stop)) });
      i = stop;
    } else if (xml.startsWith("<!--", i)) {
      const end = expect("-->", i + 4);
      add({ type: "comment", value: xml.slice(i + 4, end) });
      i = end + 3;
    } else if (xml.startsWith("<![CDATA[", i)) {
      const end = expect("]]>", i + 9);
      add({ type: "cdata", value: xml.slice(i + 9, end) });
      i = end + 3;
    } else if (xml.startsWith("<?", i)) {
      const end = expect("?>", i + 2);
      const body = xml.slice(i + 2, end);
      const space = body.search(/\s/);
      const target = space < 0 ? body : body.slice(0, space);
      if (target !== "xml") add({ type: "pi", target, data: space < 0 ? "" : body.slice(space).replace(/^\s+/, "") });
      i = end + 2;
    } else if (xml.startsWith("<!DOCTYPE", i)) {
      const bracket = xml.indexOf("[", i);
      const close = xml.indexOf(">", i);
      i = (bracket >= 0 && bracket < close ? expect("]>", bracket) + 1 : close) + 1;
    } else if (xml.startsWith("</", i)) {
      const end = expect(">", i);
      const name = xml.slice(i + 2, end).trim();
      const open = stack.pop();
      if (!open || open.name !== name) throw new Error(`mismatched </${name}> at ${i}`);
      i = end + 1;
    } else {
      const tag = /^<([^\s/>]+)/.exec(xml.slice(i, i + 512));
      if (!tag) throw new Error(`bad markup at ${i}`);
      const element: Extract<XNode, { type: "element" }> = { type: "element", name: tag[1]!, attributes: [], children: [] };
      i += tag[0].length;
      const attribute = /\s*([^\s=/>]+)\s*=\s*("([^"]*)"|'([^']*)')/y;
      for (;;) {
        attribute.lastIndex = i;
        const m = attribute.exec(xml);
        if (!m) break;
        element.attributes.push([m[1]!, resolveReferences(m[3] ?? m[4] ?? "")]);
        i = attribute.lastIndex;
      }
      while (/\s/.test(xml[i] ?? "")) i++;
      add(element);
      if (xml.startsWith("/>", i)) i += 2;
      else if (xml[i] === ">") {
        stack.push(element);
        i += 1;
      } else throw new Error(`bad start tag at ${i}`);
    }
  }
  if (stack.length) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  return normalise(top);
}

/**
 * CDATA sections as plain text, merged with their neighbours. The Java reference's XML writer
 * cannot keep characters outside the BMP inside a CDATA section (it closes the section and writes
 * a character reference), so comparisons with its output treat CDATA as text.
 */
export function cdataAsText(nodes: XNode[]): XNode[] {
  const convert = (node: XNode): XNode =>
    node.type === "cdata" ? { type: "text", value: node.value } : node.type === "element" ? { ...node, children: node.children.map(convert) } : node;
  return normalise(nodes.map(convert));
}

/** Merges adjacent text (and adjacent CDATA) and drops empty text, recursively. */
function normalise(nodes: XNode[]): XNode[] {
  const out: XNode[] = [];
  for (const node of nodes) {
    const last = out[out.length - 1];
    if (node.type === "text" || node.type === "cdata") {
      if (node.value === "") continue;
      if (last && last.type === node.type) {
        last.value += node.value;
        continue;
      }
      out.push({ ...node });
    } else if (node.type === "element") {
      out.push({ ...node, children: normalise(node.children) });
    } else out.push(node);
  }
  return out;
}

/** The same view of a decoded document: namespace declarations become `xmlns` attributes, first. */
export function documentToXNodes(document: FiDocument): XNode[] {
  const convert = (node: FiNode | FiDocument["children"][number]): XNode => {
    switch (node.kind) {
      case "element": {
        const q = (p: string, l: string) => (p ? `${p}:${l}` : l);
        const attributes: [string, string][] = node.namespaceDeclarations.map((d) => [d.prefix ? `xmlns:${d.prefix}` : "xmlns", d.namespaceName]);
        for (const a of node.attributes) attributes.push([q(a.name.prefix, a.name.localName), a.value]);
        const children = node.children.map(convert);
        return { type: "element", name: q(node.name.prefix, node.name.localName), attributes, children };
      }
      case "text":
        return { type: node.cdata ? "cdata" : "text", value: node.value };
      case "comment":
        return { type: "comment", value: node.value };
      case "processingInstruction":
        return { type: "pi", target: node.target, data: node.data };
      case "documentType":
        return {
          type: "doctype",
          systemId: node.systemId,
          publicId: node.publicId,
          processingInstructions: JSON.stringify(node.processingInstructions),
        };
      case "entityReference":
        return { type: "entity", name: node.name, systemId: node.systemId, publicId: node.publicId };
    }
  };
  return normalise(document.children.map(convert));
}

/** A description of the first difference between two node lists, or undefined when they are equal. */
export function firstDifference(actual: XNode[], expected: XNode[], where = ""): string | undefined {
  const count = Math.max(actual.length, expected.length);
  for (let i = 0; i < count; i++) {
    const a = actual[i];
    const e = expected[i];
    const here = `${where}/${i}`;
    if (!a || !e) return `${here}: ${a ? "extra" : "missing"} ${JSON.stringify(a ?? e).slice(0, 200)}`;
    if (a.type !== e.type) return `${here}: ${a.type} instead of ${e.type} ${JSON.stringify(e).slice(0, 200)}`;
    if (a.type === "element" && e.type === "element") {
      if (a.name !== e.name) return `${here}: <${a.name}> instead of <${e.name}>`;
      if (JSON.stringify(a.attributes) !== JSON.stringify(e.attributes)) {
        return `${here} <${a.name}>: attributes ${JSON.stringify(a.attributes)} instead of ${JSON.stringify(e.attributes)}`;
      }
      const inner = firstDifference(a.children, e.children, `${here}<${a.name}>`);
      if (inner) return inner;
    } else if (JSON.stringify(a) !== JSON.stringify(e)) {
      return `${here}: ${JSON.stringify(a).slice(0, 300)} instead of ${JSON.stringify(e).slice(0, 300)}`;
    }
  }
  return undefined;
}
