/**
 * Writing the stream's graph into the (copied) diagrams: nodes removed, changed or added,
 * links as drawn kept where the executed graph did not change and edited where it did,
 * Merge/Append tags, and terminal order.
 *
 * The stream holds the links the engine runs (flattened through SuperNodes). Writing adds
 * or removes drawn links only inside one diagram; an edit that would cross a SuperNode
 * boundary is an error, since the connectors it would need are not guessed.
 */
import type { FiElement } from "../fastinfoset/types.js";
import type { NodeRegistry } from "../../nodes/registry.js";
import type { Stream, StreamNode } from "../../stream/model.js";
import { StrWriteError } from "../errors.js";
import { appendChild, attr, child, elements, ensureChild, makeElement, replaceChild } from "../xml/dom.js";
import { flattenLinks, scanDiagram, type DiagramScan, type DrawnLink } from "../import/diagram.js";
import { generateNodeElement, importedState, nodeChanged, patchNodeElement } from "./node-xml.js";
import { writeNuggetModel, type MemberPlan } from "./members.js";
import { sameJson } from "./same-json.js";
import { writeTags } from "./tags-xml.js";
import type { StrOrigin } from "../import/index.js";

export interface DiagramWrite {
  readonly stream: Stream;
  readonly before: StrOrigin["imported"];
  readonly registry: NodeRegistry;
  readonly members: MemberPlan;
  readonly origin?: StrOrigin;
  readonly warnings: string[];
}

const pairKey = (l: { from: string; to: string }) => `${l.from}\u0000${l.to}`;

export function patchDiagrams(top: FiElement, w: DiagramWrite): void {
  const scan = scanDiagram(top, () => {});
  const diagramOf = (key: string): FiElement => (key === "" ? top : child(scan.nodes.find((n) => n.uid === key)!.element, "diagram")!);
  const streamNodes = new Map(w.stream.nodes.map((n) => [n.id, n]));
  const keyOf = new Map<string, string>();
  const localIds = new Map<string, string>();
  for (const n of scan.nodes) {
    keyOf.set(n.uid, n.superNode ?? "");
    localIds.set(n.uid, n.localId);
  }

  // Nodes: removed, patched, added.
  const removed = new Set(scan.nodes.filter((n) => !streamNodes.has(n.uid)).map((n) => n.uid));
  for (const n of scan.nodes) {
    const parentRemoved = n.superNode !== undefined && removed.has(n.superNode);
    if (parentRemoved && streamNodes.has(n.uid)) {
      throw new StrWriteError(`node "${n.uid}" is inside SuperNode "${n.superNode}", which the stream no longer has; remove the node too, or keep the SuperNode`, { node: n.uid, superNode: n.superNode });
    }
    if (removed.has(n.uid) || parentRemoved) {
      if (!parentRemoved) {
        const nodesEl = child(diagramOf(n.superNode ?? ""), "nodes")!;
        nodesEl.children = nodesEl.children.filter((c) => c !== n.element);
      }
      removed.add(n.uid);
      continue;
    }
    const node = streamNodes.get(n.uid)!;
    if ((node.superNode ?? "") !== (n.superNode ?? "")) {
      throw new StrWriteError(`node "${n.uid}" moved ${node.superNode ? `into SuperNode "${node.superNode}"` : "out of its SuperNode"}; moving nodes between diagrams is not written to .str`, { node: n.uid });
    }
    const before = importedState(node);
    if (before && nodeChanged(node, before)) patchNodeElement(node, n.element, before, w.registry, w.warnings, { plan: w.members, ...(w.origin && { container: w.origin.container }) });
    else if (!before) throw new StrWriteError(`node "${node.id}" has the uid of a node of the original stream but no record of it; give it a new id`, { node: node.id });
    if (node.model) writeNuggetModel(node, n.element, w.stream, before, w.members, w.origin?.container, w.warnings);
  }
  for (const node of w.stream.nodes) {
    if (keyOf.has(node.id)) continue;
    const key = superNodeKey(node, scan, w.warnings);
    const diagram = diagramOf(key);
    const localId = nextLocalId(diagram);
    const element = generateNodeElement(node, localId, w.registry, w.warnings);
    if (node.model) writeNuggetModel(node, element, w.stream, undefined, w.members, w.origin?.container, w.warnings);
    appendChild(ensureChild(diagram, "nodes"), element);
    keyOf.set(node.id, key);
    localIds.set(node.id, localId);
  }

  // Links: edit the drawn links until they flatten to the stream's links.
  const drawn: DrawnLink[] = scan.links.filter((l) => !removed.has(l.from) && !removed.has(l.to)).map((l) => ({ ...l }));
  const supers = new Map([...scan.superNodes].filter(([uid]) => !removed.has(uid)));
  const changed = new Set<string>(scan.links.filter((l) => removed.has(l.from) || removed.has(l.to)).map((l) => l.diagram));
  const flat = flattenLinks(drawn, supers, () => {});
  const want = counts(w.stream.links);
  const have = counts(flat);
  for (const [k, n] of have) {
    for (let extra = n - (want.get(k) ?? 0); extra > 0; extra--) {
      const [from, to] = k.split("\u0000") as [string, string];
      const i = drawn.findIndex((l) => l.from === from && l.to === to);
      if (i < 0) throw new StrWriteError(`the link ${from} -> ${to} runs through a SuperNode's connectors; removing it is not supported (edit the SuperNode's inside instead)`, { from, to });
      changed.add(drawn[i]!.diagram);
      drawn.splice(i, 1);
    }
  }
  for (const [k, n] of want) {
    for (let missing = n - (have.get(k) ?? 0); missing > 0; missing--) {
      const [from, to] = k.split("\u0000") as [string, string];
      const key = keyOf.get(from);
      if (key === undefined || key !== keyOf.get(to)) {
        throw new StrWriteError(`the new link ${from} -> ${to} would cross a SuperNode boundary; link nodes of the same diagram (or the SuperNode itself)`, { from, to });
      }
      drawn.push({ from, to, diagram: key });
      changed.add(key);
    }
  }
  if (!sameCounts(counts(flattenLinks(drawn, supers, () => {})), want)) {
    throw new StrWriteError("the stream's links cannot be drawn in its diagrams (they do not flatten back to the stream's links)");
  }
  for (const key of changed) writeLinks(diagramOf(key), drawn.filter((l) => l.diagram === key), localIds);

  writeTags({ stream: w.stream, before: w.before.links, drawn, supers, nodes: scan, elementOf: (uid) => elementFor(uid, scan, diagramOf, keyOf, localIds), warnings: w.warnings }, top);
  if (!sameJson(w.stream.terminalOrder ?? [], w.before.terminalOrder)) writeTerminalOrder(w.stream.terminalOrder ?? [], keyOf, localIds, diagramOf, scan);
}

function superNodeKey(node: StreamNode, scan: DiagramScan, warnings: string[]): string {
  if (node.superNode === undefined) return "";
  if (scan.superNodes.has(node.superNode)) return node.superNode;
  warnings.push(`node "${node.id}" belongs to SuperNode "${node.superNode}", which the stream does not have; it is written at the top level`);
  return "";
}

function nextLocalId(diagram: FiElement): string {
  const ids = elements(child(diagram, "nodes") ?? diagram).map((e) => Number(attr(e, "id"))).filter((n) => Number.isInteger(n));
  return String(ids.length === 0 ? 0 : Math.max(...ids) + 1);
}

function counts(links: ReadonlyArray<{ from: string; to: string }>): Map<string, number> {
  const m = new Map<string, number>();
  for (const l of links) m.set(pairKey(l), (m.get(pairKey(l)) ?? 0) + 1);
  return m;
}

function sameCounts(a: Map<string, number>, b: Map<string, number>): boolean {
  return a.size === b.size && [...a].every(([k, n]) => b.get(k) === n);
}

function writeLinks(diagram: FiElement, links: readonly DrawnLink[], localIds: ReadonlyMap<string, string>): void {
  replaceChild(diagram, "links", makeElement("links", {}, links.map((l) => makeElement("link", { srcId: localIds.get(l.from)!, dstId: localIds.get(l.to)! }))));
}

function elementFor(uid: string, scan: DiagramScan, diagramOf: (key: string) => FiElement, keyOf: ReadonlyMap<string, string>, localIds: ReadonlyMap<string, string>): FiElement | undefined {
  const scanned = scan.nodes.find((n) => n.uid === uid)?.element;
  if (scanned) return scanned;
  const key = keyOf.get(uid);
  if (key === undefined) return undefined;
  return elements(child(diagramOf(key), "nodes")!).find((e) => attr(e, "id") === localIds.get(uid));
}

/** Terminal order per diagram: a terminal inside a SuperNode is listed in its diagram, and its top-level SuperNode at the top. */
function writeTerminalOrder(order: readonly string[], keyOf: ReadonlyMap<string, string>, localIds: ReadonlyMap<string, string>, diagramOf: (key: string) => FiElement, scan: DiagramScan): void {
  const perDiagram = new Map<string, string[]>([["", []]]);
  for (const key of scan.superNodes.keys()) perDiagram.set(key, []);
  const add = (key: string, uid: string) => {
    const list = perDiagram.get(key);
    if (list && !list.includes(uid)) list.push(uid);
  };
  for (const uid of order) {
    let key = keyOf.get(uid);
    let current = uid;
    while (key !== undefined) {
      add(key, current);
      if (key === "") break;
      current = key;
      key = keyOf.get(key);
    }
  }
  for (const [key, uids] of perDiagram) {
    if (key !== "" && !scan.superNodes.has(key)) continue;
    replaceChild(diagramOf(key), "terminalNodeOrder", makeElement("terminalNodeOrder", {}, uids.map((u) => makeElement("node", { id: localIds.get(u)! }))));
  }
}

