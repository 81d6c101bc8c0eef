/**
 * Merge by Keys and by Order.
 *
 * Keys is a hash join: every input but one is held in memory, indexed by key; the remaining
 * (primary) input streams through. For each primary record the matching records of the other
 * inputs are combined as a Cartesian product (inputs in input order, the last varying
 * fastest); an input without the key contributes one all-`$null$` record where the join keeps
 * the combination. After the primary input, Full and Partial outer joins emit the keys the
 * primary input never had, in order of first appearance. `$null$` keys match each other.
 *
 * Order pairs the i-th records of all inputs and stops with the shortest input.
 */
import { DEFAULT_BATCH_SIZE, type Column, type RecordBatch } from "../../data/batch.js";
import type { Schema } from "../../data/schema.js";
import type { BatchStream, RunContext } from "../definition.js";
import type { FieldSource, MergedFields } from "./merge-fields.js";
import { collectInput, rowKeyFunction, type RowKey } from "./rows.js";

export type JoinType = "Inner" | "FullOuter" | "PartialOuter" | "Anti";

/** Accumulates merged rows (one row index per input, −1 for "no record") into output batches. */
export class MergedRowWriter {
  private columns: Column[];
  private count = 0;

  constructor(
    private readonly schema: Schema,
    private readonly sources: readonly FieldSource[],
    private readonly keyColumns: readonly (readonly number[])[],
  ) {
    this.columns = sources.map(() => []);
  }

  get full(): boolean {
    return this.count >= DEFAULT_BATCH_SIZE;
  }

  get length(): number {
    return this.count;
  }

  push(tables: readonly (RecordBatch | undefined)[], rows: ArrayLike<number>): void {
    const i = this.count++;
    for (let c = 0; c < this.sources.length; c++) {
      const s = this.sources[c]!;
      let v = null;
      if (s.kind === "field") {
        const r = rows[s.input]!;
        if (r >= 0) v = tables[s.input]!.columns[s.column]![r]!;
      } else {
        for (let t = 0; t < rows.length; t++) {
          const r = rows[t]!;
          if (r >= 0) {
            v = tables[t]!.columns[this.keyColumns[t]![s.key]!]![r]!;
            break;
          }
        }
      }
      this.columns[c]![i] = v;
    }
  }

  flush(): RecordBatch {
    const batch = { schema: this.schema, columns: this.columns, length: this.count };
    this.columns = this.sources.map(() => []);
    this.count = 0;
    return batch;
  }
}

export interface KeyJoinPlan {
  readonly fields: MergedFields;
  readonly join: JoinType;
  /** PartialOuter: inputs whose records are all kept. */
  readonly outer: readonly boolean[];
  /** The input that streams; the others are held. */
  readonly primary: number;
}

interface HeldInput {
  readonly batch: RecordBatch;
  readonly rowsByKey: Map<RowKey, number[]>;
}

export async function* keyJoin(ctx: RunContext, plan: KeyJoinPlan, inputs: readonly BatchStream[]): AsyncGenerator<RecordBatch> {
  const { fields, join, primary } = plan;
  const n = inputs.length;
  const held: (HeldInput | undefined)[] = [];
  for (let j = 0; j < n; j++) {
    if (j === primary) {
      held.push(undefined);
      continue;
    }
    const batch = await collectInput(ctx, inputs[j]!, ctx.inputSchemas[j]!, `holding merge input ${j + 1}`);
    const keyOf = rowKeyFunction(fields.keyColumns[j]!.map((c) => batch.columns[c]!));
    const rowsByKey = new Map<RowKey, number[]>();
    for (let r = 0; r < batch.length; r++) {
      const k = keyOf(r);
      const list = rowsByKey.get(k);
      if (list) list.push(r);
      else rowsByKey.set(k, [r]);
    }
    held.push({ batch, rowsByKey });
  }
  const writer = new MergedRowWriter(ctx.outputSchema, fields.sources, fields.keyColumns);
  const tables: (RecordBatch | undefined)[] = held.map((h) => h?.batch);
  const lists: (readonly number[])[] = new Array(n);
  const NONE = [-1];
  const keysOfPrimary = join === "FullOuter" || join === "PartialOuter" ? new Set<RowKey>() : undefined;
  const someOuterHeld = (k: RowKey) => held.some((h, j) => h !== undefined && plan.outer[j] && h.rowsByKey.has(k));

  for await (const batch of inputs[primary]!) {
    ctx.throwIfAborted();
    tables[primary] = batch;
    const keyOf = rowKeyFunction(fields.keyColumns[primary]!.map((c) => batch.columns[c]!));
    for (let r = 0; r < batch.length; r++) {
      const k = keyOf(r);
      keysOfPrimary?.add(k);
      let found = 0;
      for (let j = 0; j < n; j++) {
        if (j === primary) {
          lists[j] = [r];
          continue;
        }
        const rows = held[j]!.rowsByKey.get(k);
        if (rows) found++;
        lists[j] = rows ?? NONE;
      }
      const keep =
        join === "Inner" ? found === n - 1 :
        join === "Anti" ? found === 0 :
        join === "FullOuter" ? true :
        plan.outer[primary] || someOuterHeld(k);
      if (!keep) continue;
      if (join === "Anti") lists.fill(NONE, 1);
      yield* product(writer, tables, lists);
    }
  }
  if (keysOfPrimary) {
    // Keys the primary input never had: only outer joins keep them.
    const done = new Set(keysOfPrimary);
    for (let j = 0; j < n; j++) {
      const h = held[j];
      if (!h) continue;
      for (const k of h.rowsByKey.keys()) {
        if (done.has(k)) continue;
        done.add(k);
        if (join === "PartialOuter" && !someOuterHeld(k)) continue;
        for (let i = 0; i < n; i++) lists[i] = i === primary ? NONE : held[i]!.rowsByKey.get(k) ?? NONE;
        yield* product(writer, tables, lists);
      }
      ctx.throwIfAborted();
    }
  }
  if (writer.length > 0) yield writer.flush();
}

/** Writes the Cartesian product of the row lists (last input fastest); yields full batches. */
function* product(writer: MergedRowWriter, tables: readonly (RecordBatch | undefined)[], lists: readonly (readonly number[])[]): Generator<RecordBatch> {
  const n = lists.length;
  const at = new Array<number>(n).fill(0);
  const rows = new Array<number>(n);
  for (;;) {
    for (let i = 0; i < n; i++) rows[i] = lists[i]![at[i]!]!;
    writer.push(tables, rows);
    if (writer.full) yield writer.flush();
    let i = n - 1;
    for (; i >= 0; i--) {
      at[i] = at[i]! + 1;
      if (at[i]! < lists[i]!.length) break;
      at[i] = 0;
    }
    if (i < 0) return;
  }
}

/** Merge by Order: the i-th records of every input side by side, until one input ends. */
export async function* orderJoin(ctx: RunContext, fields: MergedFields, inputs: readonly BatchStream[]): AsyncGenerator<RecordBatch> {
  const iterators = inputs.map((s) => s[Symbol.asyncIterator]());
  const current: (RecordBatch | undefined)[] = inputs.map(() => undefined);
  const offset = inputs.map(() => 0);
  try {
    for (;;) {
      ctx.throwIfAborted();
      for (let i = 0; i < iterators.length; i++) {
        while (!current[i] || offset[i]! >= current[i]!.length) {
          const next = await iterators[i]!.next();
          if (next.done) return;
          current[i] = next.value;
          offset[i] = 0;
        }
      }
      const take = Math.min(...current.map((b, i) => b!.length - offset[i]!));
      const columns = fields.sources.map((s) => {
        if (s.kind !== "field") throw new Error("merge by order has no common keys");
        const b = current[s.input]!;
        const o = offset[s.input]!;
        const col = b.columns[s.column]!;
        return o === 0 && take === b.length ? col : col.slice(o, o + take);
      });
      for (let i = 0; i < offset.length; i++) offset[i] = offset[i]! + take;
      yield { schema: ctx.outputSchema, columns, length: take };
    }
  } finally {
    // Stop the inputs that still have records: nothing more is needed from them.
    await Promise.all(iterators.map((it) => it.return?.()));
  }
}
