/**
 * Rows as a driver streams them (one array per row) → column batches of the engine, shared
 * by the dialects whose drivers stream rows (PostgreSQL cursors, MySQL, Oracle). The driver's
 * stream is closed however the consumer stops: done, failed or cancelled.
 */
import type { Column } from "../data/batch.js";
import type { Value } from "../data/values.js";
import { CancelledError } from "../errors.js";

export async function* columnBatches(
  rows: AsyncIterable<readonly unknown[]>,
  decode: ReadonlyArray<(raw: unknown) => Value>,
  size: number,
  close: () => void,
  signal?: AbortSignal,
): AsyncGenerator<Column[]> {
  const width = decode.length;
  let out: Column[] = decode.map(() => new Array<Value>(size));
  let n = 0;
  try {
    for await (const row of rows) {
      if (signal?.aborted) throw new CancelledError();
      for (let c = 0; c < width; c++) out[c]![n] = decode[c]!(row[c]);
      if (++n === size) {
        yield out;
        out = decode.map(() => new Array<Value>(size));
        n = 0;
      }
    }
    if (n > 0) {
      for (const col of out) col.length = n;
      yield out;
    }
  } finally {
    close();
  }
}
