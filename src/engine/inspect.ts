/**
 * A description of a stream for people and tools (`modeler-batch inspect --json`): every
 * node (SuperNode contents included) with whether the engine can run it, every link,
 * parameters, scoring branch, model build node, script and the reader's warnings.
 */
import type { NodeRegistry } from "../nodes/registry.js";
import type { Stream, StreamNode } from "../stream/model.js";

export interface StreamInspection {
  readonly name: string;
  readonly modelerVersion: string | null;
  readonly format: "str" | "json";
  readonly parameters: ReadonlyArray<{ name: string; storage: string; value: unknown }>;
  readonly nodes: ReadonlyArray<{
    id: string;
    uid: string | null;
    type: string;
    modelerClass: string | null;
    name: string;
    label: string | null;
    enabled: boolean;
    supported: boolean;
    reason: string | null;
    superNode: string | null;
  }>;
  readonly links: ReadonlyArray<readonly [string, string]>;
  readonly scoringBranch: string | null;
  readonly modelBuildNode: string | null;
  readonly script: { language: string; runByDefault: boolean } | null;
  readonly warnings: readonly string[];
}

export function inspectStream(stream: Stream, registry: NodeRegistry): StreamInspection {
  const extraLinks = (stream.extra?.inspectLinks as ReadonlyArray<readonly [string, string]> | undefined) ?? undefined;
  return {
    name: stream.name,
    modelerVersion: stream.source?.modelerVersion ?? null,
    format: stream.source?.format === "str" ? "str" : "json",
    parameters: stream.parameters.map((p) => ({ name: p.name, storage: p.storage, value: p.value })),
    nodes: stream.nodes.map((n) => {
      const supported = registry.has(n.type);
      return {
        id: n.id,
        uid: n.modeler?.uid ?? null,
        type: n.type,
        modelerClass: n.modeler?.modelerClass ?? null,
        name: registry.displayName(n),
        label: n.label ?? null,
        enabled: n.enabled,
        supported,
        reason: supported ? null : n.modeler ? `no evaluator for the Modeler class ${n.modeler.modelerClass}${extensionOf(n)}` : `no evaluator for the node type "${n.type}"`,
        superNode: n.superNode ?? null,
      };
    }),
    // A reader that flattens SuperNodes for execution can keep the links as drawn for inspection.
    links: extraLinks ?? stream.links.map((l) => [l.from, l.to] as const),
    scoringBranch: stream.scoringBranch ?? null,
    modelBuildNode: stream.modelBuildNode ?? null,
    script: stream.script ? { language: stream.script.language, runByDefault: stream.script.runByDefault } : null,
    warnings: stream.warnings ?? [],
  };
}

/** " with extension spss.xgboost/xgboosttree" for extension nodes, which share one class. */
function extensionOf(n: StreamNode): string {
  const ext = n.modeler?.extensionId;
  if (ext === undefined) return "";
  return ` with extension ${ext}${n.modeler?.extensionObjectId !== undefined ? `/${n.modeler.extensionObjectId}` : ""}`;
}
