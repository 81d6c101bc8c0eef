/**
 * Record batches: the unit that flows between nodes.
 *
 * A batch is columnar: one plain array per field, all of the same length. Columnar layout
 * lets a node that adds a field share every other column with its input untouched (no row
 * copies), and keeps numeric columns as packed arrays that V8 iterates fast. Batches are
 * immutable once emitted: a node that changes a column makes a new array for that column.
 */
import type { Schema } from "./schema.js";
import type { Value } from "./values.js";

/** Rows per batch a source emits by default: large enough to amortise per-batch overhead. */
export const DEFAULT_BATCH_SIZE = 8192;

export type Column = Value[];

export interface RecordBatch {
  readonly schema: Schema;
  readonly length: number;
  readonly columns: readonly Column[];
}

export function makeBatch(schema: Schema, columns: readonly Column[], length?: number): RecordBatch {
  const n = length ?? (columns.length > 0 ? columns[0]!.length : 0);
  return { schema, columns, length: n };
}

export function emptyBatch(schema: Schema): RecordBatch {
  return { schema, columns: schema.fields.map(() => []), length: 0 };
}

/** Builds a batch from row arrays (tests, small inputs). */
export function batchFromRows(schema: Schema, rows: readonly (readonly Value[])[]): RecordBatch {
  const columns: Column[] = schema.fields.map(() => new Array(rows.length));
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    for (let c = 0; c < columns.length; c++) columns[c]![r] = row[c] ?? null;
  }
  return { schema, columns, length: rows.length };
}

/** Row arrays of a batch (tests, documents). */
export function rowsOf(batch: RecordBatch): Value[][] {
  const rows: Value[][] = new Array(batch.length);
  for (let r = 0; r < batch.length; r++) {
    const row: Value[] = new Array(batch.columns.length);
    for (let c = 0; c < batch.columns.length; c++) row[c] = batch.columns[c]![r]!;
    rows[r] = row;
  }
  return rows;
}

/** Rows as objects keyed by field name (tests, JSON output). */
export function recordsOf(batch: RecordBatch): Record<string, Value>[] {
  const names = batch.schema.names;
  return rowsOf(batch).map((row) => Object.fromEntries(names.map((n, i) => [n, row[i]!])));
}

/** Keeps the rows whose index is listed (ascending), sharing nothing with the input. */
export function takeRows(batch: RecordBatch, indices: ArrayLike<number>, count = indices.length): RecordBatch {
  const columns = batch.columns.map((col) => {
    const out: Column = new Array(count);
    for (let i = 0; i < count; i++) out[i] = col[indices[i]!]!;
    return out;
  });
  return { schema: batch.schema, columns, length: count };
}

export function sliceBatch(batch: RecordBatch, start: number, end = batch.length): RecordBatch {
  const s = Math.max(0, start);
  const e = Math.min(batch.length, end);
  if (s === 0 && e === batch.length) return batch;
  return { schema: batch.schema, columns: batch.columns.map((c) => c.slice(s, e)), length: Math.max(0, e - s) };
}

/** Concatenates batches of one schema into one. */
export function concatBatches(schema: Schema, batches: readonly RecordBatch[]): RecordBatch {
  if (batches.length === 1 && batches[0]!.schema === schema) return batches[0]!;
  let total = 0;
  for (const b of batches) total += b.length;
  // Native `concat` per column is 2–3× faster than an element loop, whose loads and stores go
  // megamorphic across columns of different element kinds (integers, doubles, strings).
  const columns: Column[] = schema.fields.map((_f, c) => concatColumn(batches.map((b) => (b.columns[c]!.length === b.length ? b.columns[c]! : b.columns[c]!.slice(0, b.length)))));
  return { schema, columns, length: total };
}

/** Concatenates column parts; spread arguments are chunked to stay under the engine's argument limit. */
function concatColumn(parts: readonly Column[]): Column {
  const CHUNK = 4096;
  let out: Column = [];
  for (let i = 0; i < parts.length; i += CHUNK) out = out.concat(...parts.slice(i, i + CHUNK));
  return out;
}

/**
 * Accumulates rows and emits fixed-size batches; nodes that produce rows one at a time
 * (merge, aggregate, distinct) use it so that downstream still sees large batches.
 */
export class BatchBuilder {
  private columns: Column[];
  private count = 0;

  constructor(readonly schema: Schema, readonly capacity = DEFAULT_BATCH_SIZE) {
    this.columns = this.fresh();
  }

  get length(): number {
    return this.count;
  }

  get full(): boolean {
    return this.count >= this.capacity;
  }

  /** Appends one row given as an array in schema order. */
  push(row: readonly Value[]): void {
    const i = this.count++;
    for (let c = 0; c < this.columns.length; c++) this.columns[c]![i] = row[c] ?? null;
  }

  /** Appends row `r` of `batch`, whose columns map to ours one to one. */
  pushFrom(batch: RecordBatch, r: number): void {
    const i = this.count++;
    for (let c = 0; c < this.columns.length; c++) this.columns[c]![i] = batch.columns[c]![r]!;
  }

  /** Emits what has accumulated and starts again. */
  flush(): RecordBatch {
    const n = this.count;
    const columns = this.columns;
    for (const col of columns) col.length = n;
    this.columns = this.fresh();
    this.count = 0;
    return { schema: this.schema, columns, length: n };
  }

  private fresh(): Column[] {
    return this.schema.fields.map(() => []);
  }
}
