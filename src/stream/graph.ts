/**
 * Graph queries over a stream: inputs in order, outputs, upstream closure, sinks,
 * topological order with cycles refused (naming the nodes on the cycle), and node lookup
 * by id, Modeler uid, name or label.
 */
import type { Stream, StreamLink, StreamNode } from "./model.js";
import { NodeReferenceError, StreamGraphError } from "./errors.js";

export class StreamGraph {
  private readonly byId = new Map<string, StreamNode>();
  private readonly incoming = new Map<string, StreamLink[]>();
  private readonly outgoing = new Map<string, StreamLink[]>();

  constructor(readonly stream: Stream) {
    for (const n of stream.nodes) {
      if (this.byId.has(n.id)) throw new StreamGraphError(`two nodes have the id "${n.id}"`, { node: n.id });
      this.byId.set(n.id, n);
      this.incoming.set(n.id, []);
      this.outgoing.set(n.id, []);
    }
    stream.links.forEach((l, i) => {
      for (const end of [l.from, l.to]) {
        if (!this.byId.has(end)) throw new StreamGraphError(`link ${i} (${l.from} -> ${l.to}) names no node "${end}"`, { link: i, node: end });
      }
      this.outgoing.get(l.from)!.push(l);
      this.incoming.get(l.to)!.push(l);
    });
  }

  get nodes(): readonly StreamNode[] {
    return this.stream.nodes;
  }

  node(id: string): StreamNode {
    const n = this.byId.get(id);
    if (!n) throw new StreamGraphError(`no node has the id "${id}"`, { node: id });
    return n;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** Incoming links in input order. */
  inputLinks(id: string): readonly StreamLink[] {
    return this.incoming.get(id) ?? [];
  }

  /** Ids of the nodes feeding `id`, in input order. */
  inputs(id: string): string[] {
    return this.inputLinks(id).map((l) => l.from);
  }

  /** Ids of the nodes `id` feeds, in link order. */
  outputs(id: string): string[] {
    return (this.outgoing.get(id) ?? []).map((l) => l.to);
  }

  /** Nodes with no outgoing link, in stream order. */
  sinks(): StreamNode[] {
    return this.stream.nodes.filter((n) => this.outputs(n.id).length === 0);
  }

  /** Nodes with no incoming link, in stream order. */
  roots(): StreamNode[] {
    return this.stream.nodes.filter((n) => this.inputs(n.id).length === 0);
  }

  /** Every node `ids` depend on, the nodes themselves included. */
  upstreamClosure(ids: Iterable<string>): Set<string> {
    const seen = new Set<string>();
    const stack = [...ids];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      this.node(id);
      seen.add(id);
      for (const from of this.inputs(id)) stack.push(from);
    }
    return seen;
  }

  /** Every node downstream of `id` (not including it). */
  downstream(id: string): Set<string> {
    const seen = new Set<string>();
    const stack = this.outputs(id);
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (seen.has(n)) continue;
      seen.add(n);
      stack.push(...this.outputs(n));
    }
    return seen;
  }

  /**
   * Topological order (inputs before the nodes they feed) of the given nodes, or of all.
   * Ties keep stream order, so the result is deterministic. A cycle is an error that names
   * the nodes on it.
   */
  topologicalOrder(subset?: Iterable<string>): string[] {
    const members = new Set(subset ?? this.stream.nodes.map((n) => n.id));
    const indegree = new Map<string, number>();
    for (const id of members) indegree.set(id, this.inputs(id).filter((f) => members.has(f)).length);
    const position = new Map(this.stream.nodes.map((n, i) => [n.id, i]));
    const ready = [...members].filter((id) => indegree.get(id) === 0).sort((a, b) => position.get(a)! - position.get(b)!);
    const order: string[] = [];
    while (ready.length > 0) {
      const id = ready.shift()!;
      order.push(id);
      const released: string[] = [];
      for (const to of this.outputs(id)) {
        if (!members.has(to)) continue;
        const d = indegree.get(to)! - 1;
        indegree.set(to, d);
        if (d === 0) released.push(to);
      }
      ready.push(...released);
      ready.sort((a, b) => position.get(a)! - position.get(b)!);
    }
    if (order.length < members.size) {
      const cycle = this.findCycle([...members].filter((id) => !order.includes(id)));
      throw new StreamGraphError(`the stream has a cycle: ${cycle.join(" -> ")}; remove one of these links`, { cycle });
    }
    return order;
  }

  /** Throws when the whole graph has a cycle. */
  assertAcyclic(): void {
    this.topologicalOrder();
  }

  private findCycle(candidates: string[]): string[] {
    const inSet = new Set(candidates);
    const state = new Map<string, 1 | 2>();
    const path: string[] = [];
    const visit = (id: string): string[] | undefined => {
      state.set(id, 1);
      path.push(id);
      for (const to of this.outputs(id)) {
        if (!inSet.has(to)) continue;
        if (state.get(to) === 1) return [...path.slice(path.indexOf(to)), to];
        if (!state.has(to)) {
          const found = visit(to);
          if (found) return found;
        }
      }
      path.pop();
      state.set(id, 2);
      return undefined;
    };
    for (const id of candidates) {
      if (!state.has(id)) {
        const c = visit(id);
        if (c) return c;
      }
    }
    return candidates;
  }
}

/**
 * Finds the nodes a user means by `ref`: an id, a Modeler uid, a name (custom or automatic,
 * through `displayName`) or a label. Exactly one match is required; none or several is an
 * error that lists the candidates.
 */
export function resolveNodeRef(
  stream: Stream,
  ref: string,
  displayName: (node: StreamNode) => string = (n) => n.name ?? n.type,
  filter: (node: StreamNode) => boolean = () => true,
  what = "node",
): StreamNode {
  const candidates = stream.nodes.filter(filter);
  const tiers: Array<(n: StreamNode) => boolean> = [
    (n) => n.id === ref,
    (n) => n.modeler?.uid === ref,
    (n) => n.name === ref || displayName(n) === ref,
    (n) => n.label === ref,
  ];
  for (const matches of tiers) {
    const found = candidates.filter(matches);
    if (found.length === 1) return found[0]!;
    if (found.length > 1) {
      throw new NodeReferenceError(
        `"${ref}" matches ${found.length} ${what}s: ${found.map((n) => describeNode(n, displayName)).join(", ")}; refer to one by its id`,
        { ref, matches: found.map((n) => n.id) },
      );
    }
  }
  throw new NodeReferenceError(
    `no ${what} is called "${ref}"; candidates: ${candidates.map((n) => describeNode(n, displayName)).join(", ") || "none"}`,
    { ref, candidates: candidates.map((n) => n.id) },
  );
}

function describeNode(n: StreamNode, displayName: (node: StreamNode) => string): string {
  const name = displayName(n);
  return name === n.id ? `${n.id} (${n.type})` : `"${name}" (id ${n.id}, ${n.type})`;
}
