/**
 * Test harness for builders and nuggets: a source emitting given rows, the nodes under test,
 * and a terminal capturing what reaches it; the registry is the built-in one plus the
 * modelling palettes (registered here until `src/nodes/builtins.ts` lists them).
 */
import { batchFromRows, rowsOf } from "../../../src/data/batch.js";
import { makeField, type Field } from "../../../src/data/field.js";
import { Schema } from "../../../src/data/schema.js";
import type { Storage } from "../../../src/data/storage.js";
import type { Value } from "../../../src/data/values.js";
import { runStream, type RunReport } from "../../../src/engine/index.js";
import { defineNode, type BuiltModel } from "../../../src/nodes/definition.js";
import { MODELING_NODES } from "../../../src/nodes/modeling/index.js";
import { MODEL_NODES } from "../../../src/nodes/models/index.js";
import { createRegistry, type NodeRegistry } from "../../../src/nodes/registry.js";
import { StreamBuilder } from "../../../src/stream/index.js";

export type FieldSpec = readonly [string, Storage] | Field;
export type Chain = ReadonlyArray<readonly [string, Record<string, unknown>]>;

export function schemaOf(fields: readonly FieldSpec[]): Schema {
  return new Schema(fields.map((f) => ("storage" in f ? f : makeField(f[0], f[1]))));
}

/** The built-in registry with the builders and nuggets. */
export function modellingRegistry(): NodeRegistry {
  const registry = createRegistry();
  for (const d of [...MODELING_NODES, ...MODEL_NODES]) if (!registry.has(d.type)) registry.register(d);
  return registry;
}

interface Captured {
  schema?: Schema;
  rows: Value[][];
}

function harness(fields: readonly FieldSpec[], rows: readonly (readonly Value[])[] | "refuse to be read", batchSize: number) {
  const schema = schemaOf(fields);
  const out: Captured = { rows: [] };
  const source = defineNode({
    type: "testrows",
    label: "Rows",
    palette: "source",
    inputs: { min: 0, max: 0 },
    properties: [],
    schema: () => schema,
    async *run() {
      if (rows === "refuse to be read") throw new Error("the source was read");
      for (let i = 0; i < rows.length; i += batchSize) yield batchFromRows(schema, rows.slice(i, i + batchSize));
    },
  });
  const capture = defineNode({
    type: "capture",
    label: "Capture",
    palette: "output",
    inputs: { min: 1, max: 1 },
    properties: [],
    async execute(ctx, [input]) {
      out.schema = ctx.inputSchemas[0]!;
      for await (const b of input!) out.rows.push(...rowsOf(b));
      return {};
    },
  });
  const registry = modellingRegistry().register(source).register(capture);
  return { registry, out };
}

export interface BuildResult {
  readonly model: BuiltModel;
  readonly report: RunReport;
}

/** Runs rows through `chain` into a builder; returns the model it built. */
export async function buildModel(
  fields: readonly FieldSpec[],
  rows: readonly (readonly Value[])[] | "refuse to be read",
  chain: Chain,
  builder: readonly [string, Record<string, unknown>],
  options: { seed?: number; batchSize?: number } = {},
): Promise<BuildResult> {
  const { registry } = harness(fields, rows, options.batchSize ?? 1000);
  const b = new StreamBuilder("build");
  let h = b.add("testrows", {}, { id: "src" });
  chain.forEach(([type, props], i) => (h = h.then(type, props, { id: `n${i + 1}` })));
  h.then(builder[0], builder[1], { id: "builder" });
  const report = await runStream(b.build(), { registry, seed: options.seed ?? 1 });
  const models = report.terminals.find((t) => t.node === "builder")!.result.models!;
  return { model: models[0]!, report };
}

export interface ScoreResult {
  readonly schema: Schema;
  readonly rows: Value[][];
  readonly report: RunReport;
}

/** Runs rows through `chain`, then a nugget of `type` holding `pmmlText`, into a capture. */
export async function scoreRows(
  fields: readonly FieldSpec[],
  rows: readonly (readonly Value[])[],
  nugget: readonly [string, Record<string, unknown>],
  pmmlText: string,
  options: { chain?: Chain; seed?: number; batchSize?: number } = {},
): Promise<ScoreResult> {
  const { registry, out } = harness(fields, rows, options.batchSize ?? 1000);
  const b = new StreamBuilder("score");
  let h = b.add("testrows", {}, { id: "src" });
  (options.chain ?? []).forEach(([type, props], i) => (h = h.then(type, props, { id: `n${i + 1}` })));
  h.then(nugget[0], nugget[1], { id: "nugget", model: { pmmlText } }).then("capture", {}, { id: "out" });
  const report = await runStream(b.build(), { registry, seed: options.seed ?? 1 });
  return { schema: out.schema!, rows: out.rows, report };
}

/** The values of one column. */
export function column(result: { schema: Schema; rows: Value[][] }, name: string): Value[] {
  const i = result.schema.indexOf(name);
  if (i < 0) throw new Error(`no field ${name} in ${result.schema.names.join(", ")}`);
  return result.rows.map((r) => r[i]!);
}
