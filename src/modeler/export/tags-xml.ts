/**
 * Merge and Append tags, written only where a node's inputs changed: `tags/tag{@id, label}`
 * in the reverse of the drawn links' order with each input's origin label (the layout the
 * reader relies on, see import/tags.ts), and `tagTable/tagNames` in the stream's input order.
 * Inputs without a tag get the lowest free numbers, as the engine's defaults do.
 */
import type { FiElement } from "../fastinfoset/types.js";
import type { Stream, StreamLink } from "../../stream/model.js";
import { ensureChild, makeElement, replaceChild } from "../xml/dom.js";
import { flattenLinks, scanDiagram, type DiagramScan, type DrawnLink, type SuperNodeInfo } from "../import/diagram.js";
import { originLabel } from "../import/tags.js";
import { sameJson } from "./same-json.js";

export interface TagWrite {
  readonly stream: Stream;
  readonly before: readonly StreamLink[];
  readonly drawn: readonly DrawnLink[];
  readonly supers: ReadonlyMap<string, SuperNodeInfo>;
  readonly nodes: DiagramScan;
  readonly elementOf: (uid: string) => FiElement | undefined;
  readonly warnings: string[];
}

const TAGGED_TYPES = new Set(["merge", "append"]);

/** `top` is the written top diagram, re-read for origin labels. */
export function writeTags(w: TagWrite, top: FiElement): void {
  const marked = w.drawn.map((l, mark) => ({ ...l, mark }));
  const flat = flattenLinks(marked, w.supers, () => {});
  let labels: ((uid: string) => string | undefined) | undefined;
  for (const node of w.stream.nodes) {
    const incoming = w.stream.links.filter((l) => l.to === node.id);
    const tagged = TAGGED_TYPES.has(node.type) || incoming.some((l) => l.tag !== undefined);
    if (!tagged || sameJson(incoming, w.before.filter((l) => l.to === node.id))) continue;
    const element = w.elementOf(node.id);
    if (!element) continue;
    const tags = assignMissing(incoming.map((l) => l.tag));
    const tagOfDrawn = new Map<number, string>();
    const used = new Set<number>();
    incoming.forEach((l, k) => {
      const f = flat.find((x) => x.to === node.id && x.from === l.from && !used.has(x.mark));
      if (!f) return;
      used.add(f.mark);
      tagOfDrawn.set(f.mark, tags[k]!);
    });
    if (!labels) labels = labelFinder(top);
    const drawnIn = marked.filter((l) => l.to === node.id);
    const tagElements = drawnIn
      .reverse()
      .filter((l) => tagOfDrawn.has(l.mark))
      .map((l) => makeElement("tag", { id: tagOfDrawn.get(l.mark)! }, [makeElement("label", {}, [labels!(l.from) ?? ""])]));
    replaceChild(element, "tags", makeElement("tags", {}, tagElements));
    const props = ensureChild(element, "properties");
    const numeric = tags.map(Number).filter(Number.isInteger);
    replaceChild(
      props,
      "tagTable",
      makeElement("tagTable", {}, [
        makeElement("tagNames", {}, tags.map((t) => makeElement("tag", { id: t }, [makeElement("name", {}, [t])]))),
        makeElement("lastTagName", {}, [String(numeric.length > 0 ? Math.max(...numeric) : tags.length)]),
      ]),
    );
  }
}

function assignMissing(tags: ReadonlyArray<string | undefined>): string[] {
  const taken = new Set(tags.filter((t): t is string => t !== undefined));
  let next = 1;
  return tags.map((t) => {
    if (t !== undefined) return t;
    while (taken.has(String(next))) next++;
    taken.add(String(next));
    return String(next);
  });
}

/** Origin labels as the reader computes them, on the diagram as written. */
function labelFinder(top: FiElement): (uid: string) => string | undefined {
  const scan = scanDiagram(top, () => {});
  const byUid = new Map(scan.nodes.map((n) => [n.uid, n]));
  return (uid) => originLabel(uid, byUid, scan.links);
}
