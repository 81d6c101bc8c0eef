/** Small files and one-source streams for the file-source tests. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runStream, type RunReport } from "../../../src/engine/index.js";
import { StreamBuilder } from "../../../src/stream/index.js";
import { createRegistry } from "../../../src/nodes/registry.js";
import { defineNode } from "../../../src/nodes/definition.js";
import type { Field } from "../../../src/data/field.js";
import type { Value } from "../../../src/data/values.js";

const dir = mkdtempSync(join(tmpdir(), "mb-sources-"));
let counter = 0;

/** Writes `content` (text as UTF-8, or bytes) to a new temporary file and returns its path. */
export function tempFile(content: string | Buffer, name = "data.txt"): string {
  const path = join(dir, `${++counter}-${name}`);
  writeFileSync(path, content);
  return path;
}

export function tempPath(name: string): string {
  return join(dir, `${++counter}-${name}`);
}

export interface SourceResult {
  /** Names and storages, the common case of assertions. */
  fields: Array<{ name: string; storage: string }>;
  /** The full fields the terminal received (measure, role, values, blanks, ...). */
  schema: readonly Field[];
  rows: Value[][];
  /** Rows per batch received, to see batching. */
  batches: number[];
  warnings: readonly string[];
  report: RunReport;
}

/** A terminal that keeps what it receives. */
function captureRegistry(sink: { schema?: readonly Field[]; rows: Value[][]; batches: number[] }) {
  return createRegistry().register(
    defineNode({
      type: "capture",
      label: "Capture",
      palette: "output",
      inputs: { min: 1, max: 1 },
      properties: [],
      async execute(ctx, [input]) {
        sink.schema = ctx.inputSchemas[0]!.fields;
        for await (const batch of input!) {
          sink.batches.push(batch.length);
          for (let r = 0; r < batch.length; r++) sink.rows.push(batch.columns.map((c) => c[r]!));
        }
        return {};
      },
    }),
  );
}

/** Runs a source of `type` with `properties` and returns what reached the terminal. */
export async function readSource(type: string, properties: Record<string, unknown>, streamOptions: Record<string, unknown> = {}): Promise<SourceResult> {
  const sink: { schema?: readonly Field[]; rows: Value[][]; batches: number[] } = { rows: [], batches: [] };
  const b = new StreamBuilder("test");
  for (const [k, v] of Object.entries(streamOptions)) b.option(k, v);
  b.add(type, properties, { id: "src" }).then("capture", {}, { id: "t" });
  const report = await runStream(b.build(), { seed: 1, registry: captureRegistry(sink) });
  const schema = sink.schema ?? [];
  return { fields: schema.map((f) => ({ name: f.name, storage: f.storage })), schema, rows: sink.rows, batches: sink.batches, warnings: report.warnings, report };
}

/** Var. File reading `text` with `properties`. */
export function readVarFile(text: string | Buffer, properties: Record<string, unknown> = {}, streamOptions: Record<string, unknown> = {}): Promise<SourceResult> {
  return readSource("variablefile", { full_filename: tempFile(text, "data.csv"), ...properties }, streamOptions);
}
