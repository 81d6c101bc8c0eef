/**
 * The per-row working memory of a compiled model.
 *
 * Every field the model can see (prepared inputs, derived fields, output fields) owns a slot.
 * A slot is filled on first use in a row and then reused: `stamps[slot] === gen` says it holds
 * this row's value. Starting a row is `gen++`, so nothing is cleared or allocated per row, and
 * fields a row never needs (a branch not taken, a segment not selected) are never computed.
 *
 * Inputs are read straight from the caller's columns (`columns[input][row]`), which is what makes
 * the columnar API allocation-free: a single-record call simply binds one-element columns.
 *
 * A batch (one scoreColumns call) has an id and a length, so that numeric fields can also be
 * prepared a whole column at a time (see numeric-column.ts); an invalid input met while doing so
 * is recorded against its row in `rowErrors`.
 */
import type { Value } from "../types/values.js";

export type Getter = (f: Frame) => Value;

const NO_COLUMN: readonly unknown[] = [];

export class Frame {
  readonly values: Value[];
  readonly stamps: Float64Array;
  gen = 0;
  row = 0;
  readonly columns: ArrayLike<unknown>[];
  /** Identifies the bound columns; changes with every bind of a new batch. */
  batch = 0;
  /** Rows in the current batch. */
  length = 0;
  /** Errors found for rows while preparing whole columns (sparse; null when none). */
  rowErrors: unknown[] | null = null;

  constructor(readonly layout: FrameLayout) {
    this.values = new Array<Value>(layout.slotCount).fill(null);
    this.stamps = new Float64Array(layout.slotCount);
    this.columns = new Array<ArrayLike<unknown>>(layout.inputNames.length).fill(NO_COLUMN);
  }

  /** Points input `i` at a column; absent columns read as missing. */
  bind(i: number, column: ArrayLike<unknown> | undefined): void {
    this.columns[i] = column ?? NO_COLUMN;
  }

  /** Starts a batch of `length` rows (call after binding its columns). */
  startBatch(length: number): void {
    this.batch++;
    this.length = length;
    this.rowErrors = null;
  }

  /** Starts scoring row `row` of the bound columns. */
  next(row: number): void {
    this.row = row;
    this.gen++;
  }
}

/** Compile-time allocator of slots and input columns, shared by all (nested) models of a document. */
export class FrameLayout {
  slotCount = 0;
  readonly inputNames: string[] = [];
  private readonly inputIndex = new Map<string, number>();

  allocateSlot(): number {
    return this.slotCount++;
  }

  /** The column index of outside field `name` (allocated on first request). */
  input(name: string): number {
    let i = this.inputIndex.get(name);
    if (i === undefined) {
      i = this.inputNames.length;
      this.inputNames.push(name);
      this.inputIndex.set(name, i);
    }
    return i;
  }
}

/** A getter that computes `compute` at most once per row and keeps the value in `slot`. */
export function cachedSlot(slot: number, compute: Getter): Getter {
  return (f) => {
    if (f.stamps[slot] === f.gen) return f.values[slot] as Value;
    const v = compute(f);
    f.values[slot] = v;
    f.stamps[slot] = f.gen;
    return v;
  };
}
