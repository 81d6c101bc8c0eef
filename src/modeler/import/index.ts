/**
 * A Modeler `.str` file → `Stream`.
 *
 * Every node loads (SuperNodes and their contents included; uids are the node ids), links
 * are flattened through SuperNodes for execution while the links as drawn are kept for
 * `inspect` (`extra.inspectLinks`), Merge/Append inputs get their tags and order, and the
 * original document and members are kept (`extra.str`) so that writing back loses nothing.
 * Anything the reader cannot map is reported in `warnings`, never dropped.
 */
import { dirname, resolve } from "node:path";
import { documentElement } from "../fastinfoset/index.js";
import type { FiDocument } from "../fastinfoset/types.js";
import type { NodeRegistry } from "../../nodes/registry.js";
import type { Stream, StreamLink, StreamParameter, StreamScript } from "../../stream/model.js";
import { StrContainer, type MainEncoding } from "../container/str-file.js";
import { StrFormatError } from "../errors.js";
import type { StrLimits } from "../limits.js";
import { attr, child, childText, localName } from "../xml/dom.js";
import { flattenLinks, scanDiagram, type DrawnLink } from "./diagram.js";
import { buildNode } from "./nodes.js";
import { readParameters, readScript, readStreamOptions } from "./stream-options.js";
import { assignTags, orderInputs, originLabel, tagOrder } from "./tags.js";

export interface ImportStrOptions {
  readonly path?: string;
  readonly registry: NodeRegistry;
  readonly limits?: Partial<StrLimits>;
}

/** What the `.str` writer needs besides the `Stream`: the original file, and what was read from it. */
export interface StrOrigin {
  readonly container: StrContainer;
  /** The decoded main document as read (never changed). */
  readonly document: FiDocument;
  readonly encoding: MainEncoding;
  readonly imported: {
    readonly name: string;
    readonly parameters: readonly StreamParameter[];
    readonly properties: Readonly<Record<string, unknown>>;
    readonly script?: StreamScript;
    readonly scoringBranch?: string;
    readonly modelBuildNode?: string;
    readonly terminalOrder: readonly string[];
    readonly links: readonly StreamLink[];
    /** Links as drawn, per diagram ("" top level, else the SuperNode uid). */
    readonly drawn: readonly DrawnLink[];
  };
}

export function importStr(bytes: Uint8Array, options: ImportStrOptions): Stream {
  const container = StrContainer.open(bytes, options.limits);
  const { document, encoding } = container.document();
  const root = documentElement(document);
  if (!root || localName(root) !== "clementineStream") {
    throw new StrFormatError(`the main member "${container.main.name}" is not a Modeler stream (its root is <${root ? localName(root) : "nothing"}>, not <clementineStream>)`, { member: container.main.name });
  }
  const streamEl = child(root, "stream");
  const diagramEl = child(streamEl, "diagram");
  if (!streamEl || !diagramEl) throw new StrFormatError(`the stream document has no ${streamEl ? "<diagram>" : "<stream>"} element`, { member: container.main.name });
  const warnings: string[] = [];
  const warn = (m: string) => warnings.push(m);
  const props = child(streamEl, "properties");

  const scan = scanDiagram(diagramEl, warn);
  const uids = new Set(scan.nodes.map((n) => n.uid));
  const nodes = scan.nodes.map((n) => buildNode(n, options.registry, container, uids, warn));
  const byUid = new Map(scan.nodes.map((n) => [n.uid, n]));
  assignTags(scan.nodes, scan.links, (uid) => originLabel(uid, byUid, scan.links), warn);
  const flat = flattenLinks(scan.links, scan.superNodes, warn);
  const orders = new Map(scan.nodes.flatMap((n) => (child(n.element, "tags") ? [[n.uid, tagOrder(n.element) ?? []] as const] : [])));
  const links: StreamLink[] = orderInputs(flat, orders).map((l) => ({ from: l.from, to: l.to, ...(l.tag !== undefined && { tag: l.tag }) }));

  const reference = (tag: string, what: string): string | undefined => {
    const uid = childText(props, tag) ?? "";
    if (uid === "") return undefined;
    if (uids.has(uid)) return uid;
    warn(`the stream's ${what} (${tag}) is ${uid}, which is not a node of the stream; it is ignored`);
    return undefined;
  };
  const scoringBranch = reference("scnScoringTerminalNode", "scoring branch");
  const modelBuildNode = reference("scnModelBuildNode", "model build node");
  const parameters = readParameters(props, warn);
  const properties = readStreamOptions(props, warn);
  const script = readScript(props);
  const name = childText(props, "name") || container.main.name.replace(/\.xml$/i, "");
  const origin: StrOrigin = {
    container,
    document,
    encoding,
    imported: { name, parameters, properties, ...(script && { script }), ...(scoringBranch && { scoringBranch }), ...(modelBuildNode && { modelBuildNode }), terminalOrder: scan.terminalOrder, links, drawn: scan.links },
  };
  container.forget();
  const version = attr(root, "version");
  return {
    name,
    parameters,
    properties,
    nodes,
    links,
    ...(scoringBranch !== undefined && { scoringBranch }),
    ...(modelBuildNode !== undefined && { modelBuildNode }),
    ...(script !== undefined && { script }),
    ...(scan.terminalOrder.length > 0 && { terminalOrder: scan.terminalOrder }),
    ...(options.path !== undefined && { baseDir: dirname(resolve(options.path)) }),
    source: { format: "str", ...(options.path !== undefined && { path: resolve(options.path) }), ...(version !== undefined && { modelerVersion: version }) },
    warnings,
    extra: { inspectLinks: scan.links.map((l) => [l.from, l.to] as const), str: origin },
  };
}
