/**
 * A stream read from `.str`, made fit for the open JSON format: SuperNodes and their
 * connectors (structure only; the links are already flattened through them) are left out,
 * and the inner nodes keep `superNode`. A node of a type with no evaluator cannot be written
 * in JSON (the format lists node types), so it is an error naming every such node.
 */
import type { NodeRegistry } from "../../nodes/registry.js";
import type { Stream } from "../../stream/model.js";
import { StrWriteError } from "../errors.js";

const STRUCTURE_CLASSES = new Set(["MutableSuperNode", "SuperNodeInputConnectorNode", "SuperNodeOutputConnectorNode"]);

export function streamForJson(stream: Stream, registry: NodeRegistry): { stream: Stream; notes: string[] } {
  const notes: string[] = [];
  const structure = stream.nodes.filter((n) => n.modeler && STRUCTURE_CLASSES.has(n.modeler.modelerClass));
  const rest = stream.nodes.filter((n) => !structure.includes(n));
  const unsupported = rest.filter((n) => !registry.has(n.type));
  if (unsupported.length > 0) {
    throw new StrWriteError(
      `the open JSON format holds only node types the engine runs; these nodes have none: ${unsupported.map((n) => `${n.id} (${n.modeler?.modelerClass ?? n.type})`).join(", ")}`,
      { nodes: unsupported.map((n) => n.id) },
    );
  }
  if (structure.length > 0) notes.push(`${structure.length} SuperNode and connector node(s) are left out; the nodes inside keep "superNode" and the links run through`);
  if (stream.nodes.some((n) => n.modeler?.xml)) notes.push("the nodes' original Modeler XML (settings no property carries) is not part of the JSON format");
  const ids = new Set(structure.map((n) => n.id));
  return {
    stream: {
      ...stream,
      nodes: rest,
      links: stream.links.filter((l) => !ids.has(l.from) && !ids.has(l.to)),
      ...(stream.scoringBranch && ids.has(stream.scoringBranch) ? { scoringBranch: undefined } : {}),
      ...(stream.terminalOrder && { terminalOrder: stream.terminalOrder.filter((id) => !ids.has(id)) }),
    },
    notes,
  };
}
