/**
 * The stream's diagrams: every node (SuperNode contents included) with its uid, the links as
 * drawn (local `srcId`/`dstId` ids turned into uids), terminal order, and SuperNode
 * connectors. `node@id` is local to its `<diagram>`; the uid is what the rest of the stream
 * (scoring branch, builder references, scripts) and this project use as node id.
 */
import type { FiElement } from "../fastinfoset/types.js";
import { attr, child, childText, elements, localName } from "../xml/dom.js";
import { shortClassName } from "./class-types.js";

export interface DiagramNode {
  readonly uid: string;
  readonly localId: string;
  readonly element: FiElement;
  readonly cls: string;
  /** Uid of the SuperNode whose diagram holds the node; undefined at top level. */
  readonly superNode?: string;
}

export interface DrawnLink {
  from: string;
  to: string;
  tag?: string;
  /** SuperNode uid of the diagram that draws the link ("" at top level). */
  readonly diagram: string;
}

export interface SuperNodeInfo {
  readonly uid: string;
  readonly input?: string;
  readonly output?: string;
  /** Terminal order of its diagram (uids). */
  readonly terminalOrder: readonly string[];
}

export interface DiagramScan {
  readonly nodes: DiagramNode[];
  readonly links: DrawnLink[];
  readonly superNodes: Map<string, SuperNodeInfo>;
  readonly terminalOrder: string[];
  /** Local id → uid, per diagram key. */
  readonly localIds: Map<string, Map<string, string>>;
}

const INPUT_CONNECTOR = "SuperNodeInputConnectorNode";
const OUTPUT_CONNECTOR = "SuperNodeOutputConnectorNode";

export function scanDiagram(root: FiElement, warn: (m: string) => void): DiagramScan {
  const scan: DiagramScan = { nodes: [], links: [], superNodes: new Map(), terminalOrder: [], localIds: new Map() };
  const used = new Set<string>();
  const top = walk(root, undefined, scan, used, warn);
  scan.terminalOrder.push(...expandTerminals(top, scan.superNodes));
  return scan;
}

/** Scans one `<diagram>`; returns its terminal order (uids). */
function walk(diagram: FiElement, superNode: string | undefined, scan: DiagramScan, used: Set<string>, warn: (m: string) => void): string[] {
  const key = superNode ?? "";
  const ids = new Map<string, string>();
  scan.localIds.set(key, ids);
  const where = superNode ? ` in SuperNode ${superNode}` : "";
  for (const el of elements(child(diagram, "nodes") ?? diagram).filter((e) => localName(e) === "node")) {
    const localId = attr(el, "id") ?? "";
    const cls = shortClassName(attr(el, "class") ?? "");
    let uid = attr(el, "uid") ?? "";
    if (!/^[A-Za-z0-9_.-]+$/.test(uid) || used.has(uid)) {
      const replacement = uniqueId(/^[A-Za-z0-9_.-]+$/.test(uid) ? uid : `node${key ? `.${key}` : ""}.${localId.replace(/[^A-Za-z0-9_.-]/g, "_")}`, used);
      warn(`node ${localId || "?"} (${cls})${where} has ${uid ? `the ${used.has(uid) ? "duplicate" : "unusable"} uid "${uid}"` : "no uid"}; it is known as "${replacement}"`);
      uid = replacement;
    }
    used.add(uid);
    if (ids.has(localId)) warn(`diagram${where} has two nodes with the local id "${localId}"; links to it reach the first`);
    else ids.set(localId, uid);
    scan.nodes.push({ uid, localId, element: el, cls, ...(superNode !== undefined && { superNode }) });
    const inner = cls === "MutableSuperNode" ? child(el, "diagram") : undefined;
    if (inner) {
      const order = walk(inner, uid, scan, used, warn);
      const members = scan.nodes.filter((n) => n.superNode === uid);
      scan.superNodes.set(uid, {
        uid,
        ...optional("input", members.find((n) => n.cls === INPUT_CONNECTOR)?.uid),
        ...optional("output", members.find((n) => n.cls === OUTPUT_CONNECTOR)?.uid),
        terminalOrder: order,
      });
    }
  }
  for (const l of elements(child(diagram, "links") ?? diagram).filter((e) => localName(e) === "link")) {
    const from = ids.get(attr(l, "srcId") ?? "");
    const to = ids.get(attr(l, "dstId") ?? "");
    if (from === undefined || to === undefined) {
      warn(`a link${where} from "${attr(l, "srcId")}" to "${attr(l, "dstId")}" names a node the diagram does not have; it is ignored`);
      continue;
    }
    scan.links.push({ from, to, diagram: key });
  }
  const order: string[] = [];
  for (const n of elements(child(diagram, "terminalNodeOrder") ?? diagram).filter((e) => localName(e) === "node")) {
    const uid = ids.get(attr(n, "id") ?? "");
    if (uid) order.push(uid);
  }
  return order;
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

function uniqueId(base: string, used: Set<string>): string {
  let id = base;
  for (let i = 2; used.has(id); i++) id = `${base}.${i}`;
  return id;
}

function expandTerminals(order: readonly string[], superNodes: ReadonlyMap<string, SuperNodeInfo>): string[] {
  return order.flatMap((uid) => {
    const s = superNodes.get(uid);
    return s ? expandTerminals(s.terminalOrder, superNodes) : [uid];
  });
}

/**
 * The links the engine runs: a link into a SuperNode goes to what its input connector
 * feeds, a link out of it comes from what feeds its output connector, nested SuperNodes
 * likewise. The connectors and SuperNodes themselves end up with no links. Tags stay on the
 * link into the node that uses them.
 */
export function flattenLinks<L extends DrawnLink>(links: readonly L[], superNodes: ReadonlyMap<string, SuperNodeInfo>, warn: (m: string) => void): L[] {
  let current: L[] = [];
  for (const l of links) {
    let { from, to } = l;
    const into = superNodes.get(to);
    if (into) {
      if (!into.input) {
        warn(`a link into SuperNode ${to}, which has no input connector, is ignored`);
        continue;
      }
      to = into.input;
    }
    const outOf = superNodes.get(from);
    if (outOf) {
      if (!outOf.output) {
        warn(`a link out of SuperNode ${from}, which has no output connector, is ignored`);
        continue;
      }
      from = outOf.output;
    }
    current.push({ ...l, from, to });
  }
  const connectors = new Set([...superNodes.values()].flatMap((s) => [s.input, s.output].filter((x): x is string => x !== undefined)));
  for (const c of connectors) {
    const ins = current.filter((l) => l.to === c);
    const next: L[] = [];
    for (const l of current) {
      if (l.to === c) continue;
      if (l.from === c) for (const i of ins) next.push({ ...l, from: i.from });
      else next.push(l);
    }
    current = next;
  }
  return current;
}

/** Names of the fields a source produced when saved (`importedFields/field/name`). */
export function importedFieldNames(node: FiElement): Set<string> | undefined {
  const fields = child(node, "importedFields");
  if (!fields) return undefined;
  return new Set(elements(fields).map((f) => childText(f, "name") ?? ""));
}
