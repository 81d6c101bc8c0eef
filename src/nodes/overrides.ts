/**
 * Node property overrides from outside the stream, like Modeler batch mode's `-P`:
 * `--set <node>.<property>=<value>`, the node found by id, uid, name or label, the value
 * converted to the property's type.
 */
import { UsageError } from "../errors.js";
import { resolveNodeRef } from "../stream/graph.js";
import type { Stream } from "../stream/model.js";
import { NodePropertyError, parsePropertyText } from "./properties.js";
import type { NodeRegistry } from "./registry.js";

export interface PropertyOverride {
  /** Node id, Modeler uid, name or label. */
  readonly node: string;
  readonly property: string;
  /** Text as given on the command line (JSON for lists and keyed properties). */
  readonly value: string;
}

/** Parses `node.property=value` (the property is the part after the last dot before `=`). */
export function parsePropertyOverride(text: string): PropertyOverride {
  const eq = text.indexOf("=");
  const left = eq < 0 ? "" : text.slice(0, eq);
  const dot = left.lastIndexOf(".");
  if (eq < 0 || dot <= 0 || dot === left.length - 1) {
    throw new UsageError(`--set takes <node>.<property>=<value> (got "${text}")`, { value: text });
  }
  return { node: left.slice(0, dot), property: left.slice(dot + 1), value: text.slice(eq + 1) };
}

/** Returns a new stream with the overrides applied, in order. */
export function applyPropertyOverrides(stream: Stream, overrides: readonly PropertyOverride[], registry: NodeRegistry): Stream {
  let result = stream;
  for (const o of overrides) {
    const node = resolveNodeRef(result, o.node, (n) => registry.displayName(n));
    const def = registry.get(node.type);
    if (!def) {
      throw new NodePropertyError(`cannot set "${o.property}" on node "${o.node}" (id ${node.id}): its type "${node.type}" has no evaluator`, { node: node.id, property: o.property });
    }
    const spec = def.properties.find((p) => p.name === o.property);
    if (!spec) {
      throw new NodePropertyError(
        `node "${o.node}" (id ${node.id}, ${node.type}) has no property "${o.property}"; its properties are: ${def.properties.map((p) => p.name).join(", ")}`,
        { node: node.id, property: o.property },
      );
    }
    let value: unknown;
    try {
      value = parsePropertyText(spec, o.value);
    } catch (err) {
      if (err instanceof NodePropertyError) err.message = `node "${o.node}" (id ${node.id}): ${err.message}`;
      throw err;
    }
    result = { ...result, nodes: result.nodes.map((n) => (n.id === node.id ? { ...n, properties: { ...n.properties, [o.property]: value } } : n)) };
  }
  return result;
}
