/**
 * Building an output batch from an input batch plus new or replaced columns, sharing every
 * untouched column with the input (no copies).
 */
import { concatBatches, makeBatch, sliceBatch, type Column, type RecordBatch } from "../../data/batch.js";
import type { Schema } from "../../data/schema.js";

/**
 * Maps each output field to where its column comes from: a new column (by name in `added`)
 * or an input column (by index). Compute once per run, apply per batch.
 */
export function columnPlan(output: Schema, input: Schema, added: ReadonlySet<string>): Array<{ added: string } | { input: number }> {
  return output.fields.map((f) => (added.has(f.name) ? { added: f.name } : { input: input.indexOf(f.name) }));
}

export function withColumns(
  output: Schema,
  plan: ReadonlyArray<{ added: string } | { input: number }>,
  batch: RecordBatch,
  added: ReadonlyMap<string, Column>,
): RecordBatch {
  const columns = plan.map((p) => ("added" in p ? added.get(p.added)! : batch.columns[p.input]!));
  return makeBatch(output, columns, batch.length);
}

/**
 * Pairs each batch with the rows that follow it (at least `rows` of them, fewer only at the
 * end of the data), for CLEM expressions that look ahead (`@OFFSET(F, -k)`). With `rows` = 0
 * batches pass straight through without being held back.
 */
export async function* batchesWithLookahead(input: AsyncIterable<RecordBatch>, rows: number): AsyncGenerator<[RecordBatch, RecordBatch | undefined]> {
  if (rows <= 0) {
    for await (const b of input) yield [b, undefined];
    return;
  }
  const queue: RecordBatch[] = [];
  let queued = 0;
  const ahead = (): RecordBatch => {
    const rest = queue.slice(1);
    const cut: RecordBatch[] = [];
    let n = 0;
    for (const b of rest) {
      if (n >= rows) break;
      cut.push(n + b.length > rows ? sliceBatch(b, 0, rows - n) : b);
      n += Math.min(b.length, rows - n);
    }
    return cut.length === 1 ? cut[0]! : concatBatches(rest[0]!.schema, cut);
  };
  for await (const b of input) {
    queue.push(b);
    queued += b.length;
    while (queue.length > 1 && queued - queue[0]!.length >= rows) {
      const head = queue[0]!;
      yield [head, ahead()];
      queue.shift();
      queued -= head.length;
    }
  }
  while (queue.length > 0) {
    const head = queue[0]!;
    yield [head, queue.length > 1 ? ahead() : undefined];
    queue.shift();
  }
}
