/**
 * TRAINING and AUTO_REFRESH: put the models the builders just trained into the stream.
 *
 * Each builder's model replaces the PMML of every nugget linked to that builder — through
 * the nugget's `builder` (Modeler's `builderNodeId`) or a link from the builder to the
 * nugget — in scoring and evaluation branches alike. The nugget is of the builder's nugget
 * type, or the generic `applymodel`, which scores any PMML: Modeler's extension nuggets
 * (`CFApplyModelNode`: the Neural Net, C&R Tree, CHAID, Linear nuggets of Modeler 16+) load as
 * that type, and their `builderNodeId` names the builder. A builder with no nugget gets a new,
 * unlinked nugget (as Modeler adds one to the canvas), so no trained model is lost.
 */
import type { BuiltModel } from "../../nodes/definition.js";
import type { RunReport } from "../../engine/run.js";
import type { Stream, StreamNode } from "../../stream/model.js";
import { applyModelNode } from "../../nodes/models/applymodel.js";
import { JobActionError } from "./terminals.js";

/** The nugget type that scores any PMML (`CFApplyModelNode`, `ExtensionApplyModelNode` of a .str). */
const GENERIC_NUGGET = applyModelNode.type;

export interface RefreshedModel {
  readonly builder: string;
  readonly nuggets: readonly string[];
  readonly model: BuiltModel;
  /** True when no nugget existed and one was added. */
  readonly added: boolean;
}

export function refreshModels(stream: Stream, report: RunReport): { stream: Stream; refreshed: RefreshedModel[] } {
  let nodes = stream.nodes.slice();
  const refreshed: RefreshedModel[] = [];
  for (const outcome of report.terminals) {
    const models = outcome.result.models ?? [];
    if (models.length === 0) continue;
    if (models.length > 1) {
      throw new JobActionError(`builder "${outcome.name}" (id ${outcome.node}) produced ${models.length} models; one nugget per builder is supported`, { node: outcome.node });
    }
    const model = models[0]!;
    const linked = new Set(stream.links.filter((l) => l.from === outcome.node).map((l) => l.to));
    const ofBuilder = (n: StreamNode) => (n.type === model.nuggetType && (n.builder === outcome.node || linked.has(n.id))) || (n.type === GENERIC_NUGGET && n.builder === outcome.node);
    const nuggetIds = nodes.filter(ofBuilder).map((n) => n.id);
    if (nuggetIds.length > 0) {
      nodes = nodes.map((n) => (nuggetIds.includes(n.id) ? withModel(n, model, outcome.node) : n));
      refreshed.push({ builder: outcome.node, nuggets: nuggetIds, model, added: false });
    } else {
      const id = uniqueId(nodes, `${outcome.node}_model`);
      nodes.push({ id, type: model.nuggetType, name: model.name, enabled: true, properties: {}, builder: outcome.node, model: { pmmlText: model.pmmlText } });
      refreshed.push({ builder: outcome.node, nuggets: [id], model, added: true });
    }
  }
  return { stream: { ...stream, nodes }, refreshed };
}

function withModel(node: StreamNode, model: BuiltModel, builder: string): StreamNode {
  return { ...node, builder, model: { pmmlText: model.pmmlText } };
}

function uniqueId(nodes: readonly StreamNode[], base: string): string {
  let id = base.replace(/[^A-Za-z0-9_.-]/g, "_");
  for (let i = 2; nodes.some((n) => n.id === id); i++) id = `${base}_${i}`;
  return id;
}
