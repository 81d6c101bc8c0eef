/**
 * Merge and Append inputs: which drawn link carries which input tag, and the input order.
 *
 * Links carry no tag in the XML. The node's `tags/tag@id` elements list its inputs in the
 * reverse of their links' order, with tags of inputs removed since left at the front; each
 * tag's `label` names the data origin of its input (the source, or the nearest Merge/Append
 * upstream). Every Merge and Append of the corpus follows this; where an origin label
 * matches exactly one tag and disagrees, the label wins and the reader warns.
 * The input order is the order of `tagTable/tagNames/tag@id`.
 */
import type { FiElement } from "../fastinfoset/types.js";
import { attr, child, childText, elements } from "../xml/dom.js";
import type { DiagramNode, DrawnLink } from "./diagram.js";
import { describeXmlNode, readCommon } from "./nodes.js";

export function assignTags(nodes: readonly DiagramNode[], links: DrawnLink[], originLabel: (uid: string) => string | undefined, warn: (m: string) => void): void {
  for (const n of nodes) {
    const tagsEl = child(n.element, "tags");
    if (!tagsEl) continue;
    const tags = elements(tagsEl).map((t) => ({ id: attr(t, "id") ?? "", label: childText(t, "label") ?? "" }));
    const incoming = links.filter((l) => l.to === n.uid);
    const stale = Math.max(0, tags.length - incoming.length);
    const byPosition = tags.slice(stale).reverse();
    incoming.forEach((l, i) => {
      let tag = byPosition[i]?.id;
      const origin = originLabel(l.from);
      const matching = origin === undefined ? [] : tags.filter((t) => t.label === origin);
      if (matching.length === 1 && matching[0]!.id !== tag) {
        warn(`node ${n.uid} (${n.cls}): input from ${l.from} is tagged "${matching[0]!.id}" by its origin "${origin}" (its position says "${tag ?? "none"}")`);
        tag = matching[0]!.id;
      }
      if (tag === undefined) {
        tag = String(i + 1);
        warn(`node ${n.uid} (${n.cls}): input from ${l.from} has no tag in the XML; it is tagged "${tag}"`);
      }
      l.tag = tag;
    });
    const used = incoming.map((l) => l.tag);
    if (new Set(used).size !== used.length) warn(`node ${n.uid} (${n.cls}): two inputs have the same tag (${used.join(", ")})`);
  }
}

/** Tag ids in input order (`tagTable/tagNames/tag@id`), or undefined when the node has no tag table. */
export function tagOrder(node: FiElement): string[] | undefined {
  const names = child(child(child(node, "properties"), "tagTable"), "tagNames");
  return names ? elements(names).map((t) => attr(t, "id") ?? "") : undefined;
}

/**
 * Reorders each node's incoming links into its tag order, in place among the slots its
 * incoming links occupy (the engine takes inputs in link order).
 */
export function orderInputs<L extends { to: string; tag?: string }>(links: L[], orders: ReadonlyMap<string, readonly string[]>): L[] {
  const out = [...links];
  for (const [uid, order] of orders) {
    const slots = out.map((l, i) => (l.to === uid ? i : -1)).filter((i) => i >= 0);
    const rank = (l: L) => {
      const r = l.tag === undefined ? -1 : order.indexOf(l.tag);
      return r < 0 ? order.length : r;
    };
    const sorted = slots.map((i) => out[i]!).sort((a, b) => rank(a) - rank(b));
    slots.forEach((slot, k) => (out[slot] = sorted[k]!));
  }
  return out;
}

/**
 * The label Modeler gives an input's data: the custom name or file of the source it comes
 * from, or the name of the nearest node upstream that has several inputs or none.
 */
export function originLabel(uid: string, nodes: ReadonlyMap<string, DiagramNode>, links: readonly DrawnLink[]): string | undefined {
  const seen = new Set<string>();
  let current = uid;
  for (;;) {
    if (seen.has(current)) return undefined;
    seen.add(current);
    const inputs = links.filter((l) => l.to === current);
    if (inputs.length !== 1) break;
    current = inputs[0]!.from;
  }
  const n = nodes.get(current);
  if (!n) return undefined;
  const common = readCommon(n.element);
  if (common.name) return common.name;
  const file = childText(child(n.element, "properties"), "inputFileName");
  if (file) return file.split(/[\\/]/).pop();
  return describeXmlNode(n).replace(/^node "(.*)" \(.*$/, "$1");
}
