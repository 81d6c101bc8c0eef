/**
 * Helpers for the Database node tests: a registry with both nodes, a terminal that keeps
 * what it receives (schema, rows, batch count), and a source that fails after some batches.
 */
import { makeBatch, type RecordBatch } from "../../src/data/batch.js";
import type { Schema } from "../../src/data/schema.js";
import type { Value } from "../../src/data/values.js";
import { defineNode } from "../../src/nodes/definition.js";
import { createRegistry } from "../../src/nodes/registry.js";
import { databaseNode } from "../../src/nodes/sources/database.js";
import { databaseExportNode } from "../../src/nodes/exports/databaseexport.js";
import { makeField } from "../../src/data/field.js";
import { Schema as SchemaClass } from "../../src/data/schema.js";

export interface Captured {
  schema?: Schema;
  rows: Value[][];
  batches: number;
}

export function captureNode(into: Captured) {
  return defineNode({
    type: "capture",
    label: "Capture",
    palette: "output",
    inputs: { min: 1, max: 1 },
    properties: [],
    async execute(ctx, [input]) {
      into.schema = ctx.inputSchemas[0];
      for await (const b of input!) {
        into.batches++;
        for (let r = 0; r < b.length; r++) into.rows.push(b.columns.map((c) => c[r]!));
      }
      return {};
    },
  });
}

/** Integer rows 1..n in batches of `size`; fails before batch `failAt` when given. */
export function numbersNode(n: number, size: number, failAt?: number) {
  return defineNode({
    type: "numbers",
    label: "Numbers",
    palette: "source",
    inputs: { min: 0, max: 0 },
    properties: [],
    schema: () => new SchemaClass([makeField("id", "integer"), makeField("label", "string")]),
    async *run(ctx): AsyncGenerator<RecordBatch> {
      for (let start = 1, i = 0; start <= n; start += size, i++) {
        if (i === failAt) throw new Error("the upstream node broke");
        const ids = Array.from({ length: Math.min(size, n - start + 1) }, (_, k) => start + k);
        yield makeBatch(ctx.outputSchema, [ids, ids.map((x) => `row ${x}`)]);
      }
    },
  });
}

export function dbRegistry(...extra: Parameters<ReturnType<typeof createRegistry>["register"]>[0][]) {
  const r = createRegistry().register(databaseNode).register(databaseExportNode);
  for (const d of extra) r.register(d);
  return r;
}
