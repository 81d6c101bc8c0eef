/**
 * Test helpers for the Record Ops nodes: a source of literal rows (any storage, nulls, split
 * into small batches so that batch boundaries are exercised) and a runner that returns what a
 * Table node at the end received.
 */
import { batchFromRows } from "../../../src/data/batch.js";
import { makeField } from "../../../src/data/field.js";
import { Schema } from "../../../src/data/schema.js";
import type { Storage } from "../../../src/data/storage.js";
import type { Value } from "../../../src/data/values.js";
import { runStream, type RunOptions, type RunReport } from "../../../src/engine/index.js";
import { defineNode } from "../../../src/nodes/definition.js";
import { json, prop } from "../../../src/nodes/properties.js";
import { createRegistry } from "../../../src/nodes/registry.js";
import type { TableContent } from "../../../src/reports/document.js";
import { StreamBuilder, type NodeHandle } from "../../../src/stream/index.js";

/** Counts the batches a `rows` source has emitted, to check that nodes stop reading early. */
export const sourceReads = { batches: 0 };

const rowsSource = defineNode({
  type: "rows",
  label: "Rows",
  palette: "source",
  inputs: { min: 0, max: 0 },
  properties: [
    prop("fields", json({}, "[[name, storage, extra?], ...]"), []),
    prop("rows", json({}, "rows"), []),
    prop("batch", json({}, "batch size"), 2),
  ],
  schema(ctx) {
    return new Schema(ctx.props.list<[string, Storage, object?]>("fields").map(([n, s, extra]) => makeField(n, s, extra ?? {})));
  },
  async *run(ctx) {
    const rows = ctx.props.list<Value[]>("rows");
    const size = ctx.props.num("batch", 2);
    for (let i = 0; i < rows.length; i += size) {
      sourceReads.batches++;
      yield batchFromRows(ctx.outputSchema, rows.slice(i, i + size));
    }
  },
});

export const registry = createRegistry().register(rowsSource);

export type FieldSpec = [string, Storage] | [string, Storage, Record<string, unknown>];

export function rows(b: StreamBuilder, fields: FieldSpec[], data: Value[][], options: { id?: string; batch?: number } = {}): NodeHandle {
  return b.add("rows", { fields, rows: data, batch: options.batch ?? 2 }, { ...(options.id !== undefined && { id: options.id }) });
}

export interface TableResult {
  readonly names: string[];
  readonly storages: Storage[];
  readonly rows: Value[][];
  readonly report: RunReport;
}

/** Runs a stream whose node `last` feeds a Table added here; returns the table's contents. */
export async function runToTable(b: StreamBuilder, last: NodeHandle, options: RunOptions = {}): Promise<TableResult> {
  last.then("table", {}, { id: "out" });
  const report = await runStream(b.build(), { registry, seed: 42, ...options, terminals: ["out"] });
  const doc = report.documents.find((d) => d.nodeId === "out")!;
  const content = doc.content as TableContent;
  return { names: content.columns.map((c) => c.name), storages: content.columns.map((c) => c.storage), rows: content.rows.map((r) => [...r]), report };
}

/** One source, one node of `type`, a table: the common shape of these tests. */
export async function runNode(type: string, properties: Record<string, unknown>, fields: FieldSpec[], data: Value[][], options: RunOptions & { batch?: number } = {}): Promise<TableResult> {
  const { batch, ...run } = options;
  const b = new StreamBuilder("t");
  const node = rows(b, fields, data, { ...(batch !== undefined && { batch }) }).then(type, properties, { id: "node" });
  return runToTable(b, node, run);
}
