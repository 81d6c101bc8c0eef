/**
 * Helpers the Record Ops nodes share: gathering a whole input (for the nodes that need every
 * record), grouping keys over several columns, and emitting rows picked by index as batches of
 * the usual size.
 */
import { DEFAULT_BATCH_SIZE, concatBatches, type Column, type RecordBatch } from "../../data/batch.js";
import type { Schema } from "../../data/schema.js";
import { groupKey, type Value } from "../../data/values.js";
import type { BatchStream, NodeContext, RunContext } from "../definition.js";

/** Reads every batch of an input into one batch, checking for cancellation as it goes. */
export async function collectInput(ctx: RunContext, input: BatchStream, schema: Schema, what = "reading records"): Promise<RecordBatch> {
  const batches: RecordBatch[] = [];
  let count = 0;
  let reported = 0;
  for await (const batch of input) {
    ctx.throwIfAborted();
    if (batch.length > 0) batches.push(batch);
    count += batch.length;
    if (count - reported >= 1_000_000) {
      ctx.progress(`${what}: ${count} so far`);
      reported = count;
    }
  }
  if (batches.length === 0) return { schema, columns: schema.fields.map(() => []), length: 0 };
  return concatBatches(schema, batches.length === 1 && batches[0]!.schema !== schema ? [{ ...batches[0]!, schema }] : batches);
}

/**
 * A key per row for the given columns, for use in a `Map` or `Set`: equal exactly when every
 * column's values are equal (integer 3 and real 3.0 are equal; `$null$` equals `$null$`).
 * One column's values are their own key (no string is built per row: a column holds one
 * storage, and a bigint only ever holds a value beyond the range of numbers); several
 * columns give a text key whose parts are length-prefixed so no two value lists share one.
 */
export type RowKey = Value | string;

export function rowKeyFunction(columns: readonly Column[]): (row: number) => RowKey {
  if (columns.length === 0) return () => "";
  if (columns.length === 1) {
    const col = columns[0]!;
    return (r) => {
      const v = col[r]!;
      return typeof v === "object" && v !== null ? groupKey(v) : v;
    };
  }
  return (r) => {
    let key = "";
    for (let c = 0; c < columns.length; c++) {
      const part = groupKey(columns[c]![r]!);
      key += part.length + ":" + part;
    }
    return key;
  };
}

/** Batches (of the usual size) holding the given rows of `source`, in the given order. */
export function* gatherRows(source: RecordBatch, schema: Schema, rows: ArrayLike<number>, count = rows.length, batchSize = DEFAULT_BATCH_SIZE): Generator<RecordBatch> {
  for (let start = 0; start < count; start += batchSize) {
    const end = Math.min(count, start + batchSize);
    const columns: Column[] = source.columns.map((col) => {
      const out: Column = new Array(end - start);
      for (let i = start; i < end; i++) out[i - start] = col[rows[i]!]!;
      return out;
    });
    yield { schema, columns, length: end - start };
  }
}

/** A column of `n` nulls. */
export function nullColumn(n: number): Column {
  return new Array<null>(n).fill(null);
}

/**
 * The tag of each input of a node, in input order: the link's `tag`, else its 1-based
 * position ("1", "2", ...), as Modeler numbers the inputs of Merge and Append.
 */
export function inputTags(ctx: NodeContext): string[] {
  return ctx.stream.links.filter((l) => l.to === ctx.node.id).map((l, i) => l.tag ?? String(i + 1));
}

/**
 * Each batch with the records that follow it, for expressions that look ahead
 * (`@OFFSET(F, -k)`): `ahead` holds at least `lookahead` records, fewer only at the end of
 * the data. With `lookahead` 0 batches pass without delay.
 */
export async function* withLookahead(input: BatchStream, lookahead: number): AsyncGenerator<{ batch: RecordBatch; ahead?: RecordBatch }> {
  if (lookahead <= 0) {
    for await (const batch of input) yield { batch };
    return;
  }
  const queue: RecordBatch[] = [];
  let queued = 0;
  const release = function* (final: boolean): Generator<{ batch: RecordBatch; ahead?: RecordBatch }> {
    // The head batch can go once what follows it covers the look-ahead (or the data ended).
    while (queue.length > 0 && (final || queued - queue[0]!.length >= lookahead)) {
      const batch = queue.shift()!;
      queued -= batch.length;
      const following = queue.length === 0 ? undefined : queue.length === 1 ? queue[0]! : concatBatches(batch.schema, queue);
      yield following ? { batch, ahead: following } : { batch };
    }
  };
  for await (const batch of input) {
    if (batch.length === 0) continue;
    queue.push(batch);
    queued += batch.length;
    yield* release(false);
  }
  yield* release(true);
}
