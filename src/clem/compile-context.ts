/**
 * What compiled closures share at run time: the columns of the current batch (one slot per
 * field, re-pointed once per batch, so a field read is `slot.column[row]`), and the sequence
 * state that survives from batch to batch (`@INDEX`, steps that update `@OFFSET` buffers and
 * running statistics for every row, the outputs of the field being derived).
 */
import type { Column, RecordBatch } from "../data/batch.js";
import type { Schema } from "../data/schema.js";
import type { StreamSettings } from "../data/settings.js";
import type { Value } from "../data/values.js";
import type { BoundNode, Evaluator } from "./bound.js";
import { ClemRuntimeError } from "./errors.js";

export interface ColumnSlot {
  readonly name: string;
  column: Column;
}

/** Columns by field name for the batch being evaluated. */
export class FieldSlots {
  private readonly slots = new Map<string, ColumnSlot>();
  private boundSchema: Schema | null = null;
  private boundBatch: RecordBatch | null = null;

  slot(name: string): ColumnSlot {
    let s = this.slots.get(name);
    if (!s) {
      s = { name, column: [] };
      this.slots.set(name, s);
    }
    return s;
  }

  names(): string[] {
    return [...this.slots.keys()];
  }

  /** Points every slot at the batch's column of that name. */
  bind(batch: RecordBatch): void {
    if (batch === this.boundBatch) return;
    this.boundBatch = batch;
    const schema = batch.schema;
    for (const s of this.slots.values()) {
      const i = schema.indexOf(s.name);
      if (i < 0) {
        throw new ClemRuntimeError(`field "${s.name}" is not in the batch; it has: ${schema.names.map((n) => `"${n}"`).join(", ")}`, undefined, { field: s.name });
      }
      s.column = batch.columns[i]!;
    }
    this.boundSchema = schema;
  }

  get schema(): Schema | null {
    return this.boundSchema;
  }
}

/** One per compiled expression: record-order state of the sequence functions. */
export class SequenceState {
  /** `@INDEX` of the row being evaluated (1 for the first row of the run). */
  index = 0;
  /** Run for every row, in order, before the expression: sequence functions update their state. */
  readonly steps: Array<(row: number) => void> = [];
  readonly resets: Array<() => void> = [];
  /** Values the expression gave for earlier rows (only kept when `@OFFSET` reads the derived field). */
  readonly selfHistory: Value[] = [];
  keepSelfHistory = false;
  /** How far back `@OFFSET` reads the derived field (Infinity: keep every output). */
  selfCapacity = 0;
  /** Rows in the current batch, and the rows that follow it (constant look-ahead). */
  batchLength = 0;
  readonly ahead = new FieldSlots();
  aheadLength = 0;
  /** Largest constant look-ahead (`@OFFSET(F, -k)`). */
  lookahead = 0;

  reset(): void {
    this.index = 0;
    this.selfHistory.length = 0;
    for (const r of this.resets) r();
  }
}

export interface CompileContext {
  readonly settings: StreamSettings;
  readonly random: () => number;
  readonly now: () => Date;
  readonly state: SequenceState;
  readonly schema: Schema;
  /** Reads a field of the row being evaluated. */
  field(name: string): Evaluator;
  /** Inside the expression of `@SINCE`: reads a field of the current record (`@THIS`). */
  readonly thisField?: (name: string) => Evaluator;
  /** Compiles a bound node in this context (for implementations with `lazyArgs`). */
  compile(node: BoundNode): Evaluator;
  /** A context whose field reads (and `@THIS`) are redirected. */
  derive(overrides: { field: (name: string) => Evaluator; thisField?: (name: string) => Evaluator }): CompileContext;
}
