/**
 * A minimal XML element model for writing PMML: elements are plain objects, serialised with
 * two-space indentation. Attribute values and text are escaped, so field names with `&`, `<`,
 * quotes, `$` or spaces are written safely. Attribute order is insertion order, which keeps
 * output byte-for-byte repeatable.
 */

export interface XmlNode {
  readonly name: string;
  readonly attrs: ReadonlyArray<readonly [string, string]>;
  readonly children: readonly XmlNode[];
  /** Character content (used by `<Array>`); an element has text or children, not both. */
  readonly text?: string;
}

type AttrValue = string | number | boolean | undefined | null;

/** An element; attributes whose value is `undefined`/`null` are left out. */
export function el(name: string, attrs: Record<string, AttrValue> = {}, children: readonly (XmlNode | null | undefined | false)[] = []): XmlNode {
  const list: [string, string][] = [];
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null) continue;
    list.push([k, typeof v === "number" ? formatNumber(v) : String(v)]);
  }
  return { name, attrs: list, children: children.filter((c): c is XmlNode => !!c) };
}

/** Numbers in their shortest round-trip form; integers without a fraction. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`cannot write ${x} to PMML`);
  return Object.is(x, -0) ? "0" : String(x);
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&apos;"))
    // Characters XML 1.0 cannot hold at all are dropped rather than producing an unreadable file.
    // eslint-disable-next-line no-control-regex -- these are exactly the characters to drop
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, "")
    .replace(/[\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Character content: quotes may stay, markup characters may not. */
function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function serializeXml(root: XmlNode): string {
  const parts: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  write(root, 0, parts);
  return parts.join("");
}

function write(node: XmlNode, depth: number, out: string[]): void {
  const indent = "  ".repeat(depth);
  let open = `${indent}<${node.name}`;
  for (const [k, v] of node.attrs) open += ` ${k}="${escapeXml(v)}"`;
  if (node.text !== undefined) {
    out.push(`${open}>${escapeText(node.text)}</${node.name}>\n`);
    return;
  }
  if (node.children.length === 0) {
    out.push(open + "/>\n");
    return;
  }
  out.push(open + ">\n");
  for (const c of node.children) write(c, depth + 1, out);
  out.push(`${indent}</${node.name}>\n`);
}
