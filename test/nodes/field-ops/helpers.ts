/**
 * Test harness for Field Ops nodes: a source that emits given rows in batches of a chosen size
 * (to exercise state across batches), the node under test, and a terminal that captures the
 * schema it receives and every row.
 */
import { batchFromRows, rowsOf } from "../../../src/data/batch.js";
import { makeField, type Field } from "../../../src/data/field.js";
import { Schema } from "../../../src/data/schema.js";
import type { Storage } from "../../../src/data/storage.js";
import type { Value } from "../../../src/data/values.js";
import { runStream, type RunReport } from "../../../src/engine/index.js";
import { defineNode } from "../../../src/nodes/definition.js";
import { createRegistry } from "../../../src/nodes/registry.js";
import { StreamBuilder } from "../../../src/stream/index.js";
import type { StreamNode } from "../../../src/stream/model.js";

export interface Captured {
  schema: Schema;
  rows: Value[][];
  warnings: readonly string[];
  report: RunReport;
}

export type FieldSpec = readonly [string, Storage] | Field;

export function schemaOf(fields: readonly FieldSpec[]): Schema {
  return new Schema(fields.map((f) => ("storage" in f ? f : makeField(f[0], f[1]))));
}

export interface RunOptions {
  batchSize?: number;
  seed?: number;
  streamOptions?: Record<string, unknown>;
  /** Give the chain's nodes a Modeler origin, as if they had been read from a `.str` file. */
  fromStr?: boolean;
}

/** Runs `rows` through a chain of [type, properties] nodes; returns what reaches the end. */
export async function runChain(
  fields: readonly FieldSpec[],
  rows: readonly (readonly Value[])[],
  chain: ReadonlyArray<readonly [string, Record<string, unknown>]>,
  options: RunOptions = {},
): Promise<Captured> {
  const schema = schemaOf(fields);
  const size = options.batchSize ?? 1000;
  const out: { schema?: Schema; rows: Value[][] } = { rows: [] };
  const source = defineNode({
    type: "testrows",
    label: "Rows",
    palette: "source",
    inputs: { min: 0, max: 0 },
    properties: [],
    schema: () => schema,
    async *run() {
      for (let i = 0; i < rows.length; i += size) yield batchFromRows(schema, rows.slice(i, i + size));
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
  const registry = createRegistry().register(source).register(capture);
  const b = new StreamBuilder("test");
  for (const [k, v] of Object.entries(options.streamOptions ?? {})) b.option(k, v);
  let h = b.add("testrows", {}, { id: "src" });
  chain.forEach(([type, props], i) => {
    h = h.then(type, props, { id: `n${i + 1}` });
  });
  h.then("capture", {}, { id: "out" });
  let stream = b.build();
  if (options.fromStr) {
    const origin = (n: StreamNode): StreamNode => ({ ...n, modeler: { uid: n.id, modelerClass: registry.get(n.type)?.modelerClasses?.[0] ?? n.type } });
    stream = { ...stream, nodes: stream.nodes.map((n) => (/^n\d+$/.test(n.id) ? origin(n) : n)) };
  }
  const report = await runStream(stream, { registry, seed: options.seed ?? 1 });
  return { schema: out.schema!, rows: out.rows, warnings: report.warnings, report };
}

/** One node. */
export function runNode(
  fields: readonly FieldSpec[],
  rows: readonly (readonly Value[])[],
  type: string,
  props: Record<string, unknown>,
  options: RunOptions = {},
): Promise<Captured> {
  return runChain(fields, rows, [[type, props]], options);
}

/** The values of one output column. */
export function column(c: Captured, name: string): Value[] {
  const i = c.schema.indexOf(name);
  if (i < 0) throw new Error(`no field ${name} in ${c.schema.names.join(", ")}`);
  return c.rows.map((r) => r[i]!);
}
