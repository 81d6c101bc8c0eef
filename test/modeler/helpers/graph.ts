/** What "the same graph" means in the round-trip tests: everything the engine and a job see. */
import type { Stream } from "../../../src/stream/model.js";
import { streamToJsonDocument, type JsonStream } from "../../../src/stream/json-format.js";

/** A nugget's model as text, or the (typed) reason it has none: reading it may fail by design. */
function modelView(model: Stream["nodes"][number]["model"]): string | undefined {
  if (!model) return undefined;
  if ("pmml" in model) return `file:${model.pmml}`;
  try {
    return model.pmmlText;
  } catch (err) {
    return `error:${(err as Error).message}`;
  }
}

export function graphView(s: Stream) {
  return {
    name: s.name,
    parameters: s.parameters,
    properties: s.properties,
    nodes: s.nodes.map((n) => ({
      id: n.id,
      type: n.type,
      name: n.name,
      label: n.label,
      enabled: n.enabled,
      properties: n.properties,
      builder: n.builder,
      model: modelView(n.model),
      superNode: n.superNode,
      position: n.position,
      modelerClass: n.modeler?.modelerClass,
    })),
    links: s.links,
    scoringBranch: s.scoringBranch,
    modelBuildNode: s.modelBuildNode,
    script: s.script,
    terminalOrder: s.terminalOrder,
  };
}

/**
 * The open-format document of a stream, for JSON → .str → JSON comparisons: without the
 * `modeler` origin (which only the .str side has), and with the tags a Merge/Append input
 * gets by position when the JSON leaves them out ("1", "2", … as the engine assigns them).
 */
export function jsonView(s: Stream): JsonStream {
  const doc = streamToJsonDocument(s);
  for (const n of doc.nodes) delete n.modeler;
  const tagged = new Set(s.nodes.filter((n) => n.type === "merge" || n.type === "append").map((n) => n.id));
  const seen = new Map<string, number>();
  doc.links = (doc.links ?? []).map((l) => {
    const link = Array.isArray(l) ? { from: l[0], to: l[1] } : l;
    if (!tagged.has(link.to)) return l;
    const k = (seen.get(link.to) ?? 0) + 1;
    seen.set(link.to, k);
    return { from: link.from, to: link.to, tag: "tag" in link && link.tag !== undefined ? link.tag : String(k) };
  });
  return doc;
}
