/**
 * A nugget's model, loaded and compiled once per run: the nugget's `schema()` (planning) and
 * `run()` share it through a cache keyed by the run's abort signal, which is the same object in
 * both contexts and different in every run.
 *
 * The PMML is compiled twice, without the outputs it declares (`pmml-text.ts`): once as it is,
 * to learn its model element and targets (their categories decide the probability fields),
 * and once with the extra output fields the nugget's plan asks for (`scoring-plan.ts`).
 */
import type { Schema } from "../../../data/schema.js";
import { loadPmml, type PmmlModel } from "../../../pmml/index.js";
import type { NodeContext } from "../../definition.js";
import { NuggetModelError } from "../../modeling/common/errors.js";
import type { Flavour } from "./flavours.js";
import { modelElementInfo, withoutDeclaredOutputs, type ModelElementInfo } from "./pmml-text.js";
import { nuggetPmmlText } from "./model-source.js";
import { planScoring, type PlannedOutput, type ScoringOptions } from "./scoring-plan.js";

export interface PreparedNugget {
  readonly model: PmmlModel;
  readonly flavour: Flavour;
  /** Fields the model reads (all present in the input). */
  readonly inputNames: readonly string[];
  readonly outputs: readonly PlannedOutput[];
}

export interface NuggetBehaviour {
  flavour(ctx: NodeContext, info: ModelElementInfo, probe: PmmlModel): Flavour;
  options(ctx: NodeContext): ScoringOptions;
}

const perRun = new WeakMap<AbortSignal, Map<string, Promise<PreparedNugget>>>();

export function prepareNugget(ctx: NodeContext, input: Schema, behaviour: NuggetBehaviour): Promise<PreparedNugget> {
  let nuggets = perRun.get(ctx.signal);
  if (!nuggets) perRun.set(ctx.signal, (nuggets = new Map()));
  let prepared = nuggets.get(ctx.node.id);
  if (!prepared) {
    prepared = prepare(ctx, input, behaviour);
    nuggets.set(ctx.node.id, prepared);
    // A failed preparation is not cached: the error is reported once, by the caller that met it.
    prepared.catch(() => nuggets!.delete(ctx.node.id));
  }
  return prepared;
}

async function prepare(ctx: NodeContext, input: Schema, behaviour: NuggetBehaviour): Promise<PreparedNugget> {
  const node = ctx.node;
  const describe = `node "${node.name ?? node.id}" (id ${node.id}, ${node.type})`;
  const original = await nuggetPmmlText(ctx);
  const options = behaviour.options(ctx);
  const info0 = modelElementInfo(original);
  const text = withoutDeclaredOutputs(original);
  const probe = loadPmml(text);
  const info = info0 ?? { element: probe.modelElement, functionName: probe.functionName };
  const flavour = behaviour.flavour(ctx, info, probe);
  const missing = probe.inputFields.map((f) => f.name).filter((n) => !input.has(n));
  if (missing.length > 0) {
    throw new NuggetModelError(
      `${describe}: its model (${info.element}) reads ${missing.length === 1 ? "field" : "fields"} ${missing.map((m) => `"${m}"`).join(", ")}, which the input does not have (it has ${input.names.map((n) => `"${n}"`).join(", ")})`,
      { node: node.id, nodeType: node.type, fields: missing },
    );
  }
  const neighbours = info.element === "NearestNeighborModel" ? Number(/\bnumberOfNeighbors\s*=\s*["'](\d+)["']/.exec(text)?.[1] ?? 0) : undefined;
  const plan = planScoring({ flavour, options, probe, info, input, ...(neighbours !== undefined && { neighbours }), warn: (m) => ctx.warn(m) });
  const model = loadPmml(text, { extraOutputs: plan.extras });
  return { model, flavour, inputNames: probe.inputFields.map((f) => f.name), outputs: plan.outputs };
}
