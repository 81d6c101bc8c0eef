/**
 * Planning a run: which terminals, which nodes they need (the upstream closure), in which
 * order, and every node's output schema — all before a record is read, so a misspelt field
 * fails in milliseconds rather than after an hour.
 */
import { Schema } from "../data/schema.js";
import { ModelerBatchError } from "../errors.js";
import type { NodeContext, NodeDefinition } from "../nodes/definition.js";
import { UnsupportedNodeError } from "../nodes/errors.js";
import { resolveProperties } from "../nodes/properties.js";
import type { NodeRegistry } from "../nodes/registry.js";
import { StreamGraph, resolveNodeRef } from "../stream/graph.js";
import { StreamGraphError } from "../stream/errors.js";
import type { Stream, StreamNode } from "../stream/model.js";
import { makeNodeContext, type ContextShared } from "./context.js";

export interface PlannedNode {
  readonly node: StreamNode;
  /** Undefined only for a disabled node of a type with no evaluator (it passes records through). */
  readonly def?: NodeDefinition;
  readonly ctx: NodeContext;
  readonly inputs: readonly string[];
  readonly inputSchemas: readonly Schema[];
  readonly schema: Schema;
  /** How many planned nodes read this node's output. */
  readonly consumers: number;
  readonly terminal: boolean;
}

export interface RunPlan {
  readonly graph: StreamGraph;
  /** Topological order of every planned node. */
  readonly order: readonly string[];
  readonly terminals: readonly string[];
  readonly nodes: ReadonlyMap<string, PlannedNode>;
}

/**
 * True when the node is a terminal: its type executes, or (unknown type) nothing reads it
 * but something feeds it. An unknown node with no links at all is not one: SuperNodes and
 * their connectors of a `.str` keep no links once the graph is flattened for execution.
 */
export function isTerminalNode(node: StreamNode, registry: NodeRegistry, graph: StreamGraph): boolean {
  const def = registry.get(node.type);
  return def ? def.execute !== undefined : graph.outputs(node.id).length === 0 && graph.inputs(node.id).length > 0;
}

/**
 * The terminals to run: the ones named (by id, uid, name or label), or every enabled
 * terminal in Modeler's saved terminal order, then stream order.
 */
export function selectTerminals(stream: Stream, registry: NodeRegistry, refs?: readonly string[]): string[] {
  const graph = new StreamGraph(stream);
  const name = (n: StreamNode) => registry.displayName(n);
  if (refs && refs.length > 0) return refs.map((r) => resolveNodeRef(stream, r, name).id);
  const terminals = stream.nodes.filter((n) => n.enabled && isTerminalNode(n, registry, graph)).map((n) => n.id);
  const order = stream.terminalOrder ?? [];
  const rank = (id: string) => {
    const i = order.indexOf(id);
    return i < 0 ? order.length + terminals.indexOf(id) : i;
  };
  return terminals.sort((a, b) => rank(a) - rank(b));
}

export async function planRun(stream: Stream, registry: NodeRegistry, terminals: readonly string[], shared: ContextShared): Promise<RunPlan> {
  const graph = new StreamGraph(stream);
  const needed = graph.upstreamClosure(terminals);
  const order = graph.topologicalOrder(needed);
  const terminalSet = new Set(terminals);
  const nodes = new Map<string, PlannedNode>();
  for (const id of order) {
    const node = graph.node(id);
    const def = registry.get(node.type);
    if (!def && node.enabled) throw new UnsupportedNodeError(node);
    const inputs = graph.inputs(id);
    for (const from of inputs) {
      const up = nodes.get(from)!;
      if (up.terminal && up.def?.execute) {
        throw new StreamGraphError(`node "${registry.displayName(node)}" (id ${id}) takes records from terminal node "${registry.displayName(up.node)}" (id ${from}), which produces none`, { node: id, input: from });
      }
    }
    if (def && node.enabled) {
      if (inputs.length < def.inputs.min || inputs.length > def.inputs.max) {
        const want = def.inputs.min === def.inputs.max ? `${def.inputs.min}` : def.inputs.max === Infinity ? `at least ${def.inputs.min}` : `${def.inputs.min} to ${def.inputs.max}`;
        throw new StreamGraphError(`node "${registry.displayName(node)}" (id ${id}, ${node.type}) has ${inputs.length} input(s); it takes ${want}`, { node: id, inputs: inputs.length });
      }
    }
    const values = def ? withNodeDetails(node, () => resolveProperties(def.properties, node)) : {};
    const ctx = makeNodeContext(shared, node, values);
    const inputSchemas = inputs.map((from) => nodes.get(from)!.schema);
    const terminal = terminalSet.has(id);
    let schema: Schema;
    if (!node.enabled || !def) schema = inputSchemas[0] ?? Schema.empty;
    else if (def.schema) schema = await withNodeDetailsAsync(node, () => def.schema!(ctx, inputSchemas));
    else schema = inputSchemas[0] ?? Schema.empty;
    nodes.set(id, { node, def, ctx, inputs, inputSchemas, schema, consumers: 0, terminal });
  }
  for (const id of order) {
    for (const from of graph.inputs(id)) {
      const p = nodes.get(from)!;
      nodes.set(from, { ...p, consumers: p.consumers + 1 });
    }
  }
  return { graph, order, terminals, nodes };
}

/**
 * Errors a node raises get the node's identity added (message and details) unless they
 * already name a node; the error keeps its class and code.
 */
export function attachNode(node: StreamNode, err: unknown): unknown {
  if (err instanceof ModelerBatchError && err.details.node === undefined && err.code !== "CANCELLED") {
    const label = node.name ?? node.id;
    err.message = `node "${label}" (id ${node.id}, ${node.type}): ${err.message}`;
    (err as { details: Record<string, unknown> }).details = { ...err.details, node: node.id, nodeType: node.type };
  }
  return err;
}

function withNodeDetails<T>(node: StreamNode, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw attachNode(node, err);
  }
}

async function withNodeDetailsAsync<T>(node: StreamNode, fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw attachNode(node, err);
  }
}
