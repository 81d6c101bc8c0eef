/**
 * Predicates as data, for the hot loops of trees and rule sets.
 *
 * A SimplePredicate comparing a pure numeric field with a number becomes a `ColumnTest`: the
 * index of the field's batch column in the model's ColumnTable, an operator code and the
 * constant. The tree walk then evaluates it inline (`x = cols[c][row]`, NaN = missing) instead
 * of calling closures. Anything else keeps its compiled closure (`kind` GENERIC).
 */
import type { Scope } from "../fields/scope.js";
import type { Frame } from "../runtime/frame.js";
import { numericColumn, prepareColumns, type NumericColumn } from "../runtime/numeric-column.js";
import { parseTypedText, toTypedValue } from "../types/values.js";
import type { XmlElement } from "../xml/xml-element.js";
import { compilePredicate, TRUTH, type Predicate, type Truth } from "./compile-predicate.js";

const { TRUE, FALSE, UNKNOWN } = TRUTH;

export const KIND_TRUE = 0;
export const KIND_FALSE = 1;
export const KIND_COLUMN = 2;
export const KIND_GENERIC = 3;

export const OP_LT = 0;
export const OP_LE = 1;
export const OP_GT = 2;
export const OP_GE = 3;
export const OP_EQ = 4;
export const OP_NE = 5;
export const OP_MISSING = 6;
export const OP_NOT_MISSING = 7;

const OPS: Record<string, number> = {
  lessThan: OP_LT,
  lessOrEqual: OP_LE,
  greaterThan: OP_GT,
  greaterOrEqual: OP_GE,
  equal: OP_EQ,
  notEqual: OP_NE,
  isMissing: OP_MISSING,
  isNotMissing: OP_NOT_MISSING,
};

export interface Test {
  readonly kind: number;
  readonly column: number;
  readonly op: number;
  readonly value: number;
  readonly predicate: Predicate;
}

/** The batch columns a model reads, fetched lazily once per batch. */
export class ColumnTable {
  private readonly providers: NumericColumn[] = [];
  private readonly index = new Map<NumericColumn, number>();
  /** Column arrays of the current batch (valid where `batches[i] === frame.batch`). */
  readonly cols: Float64Array[] = [];
  readonly batches: number[] = [];

  add(p: NumericColumn): number {
    let i = this.index.get(p);
    if (i === undefined) {
      i = this.providers.length;
      this.providers.push(p);
      this.index.set(p, i);
      this.cols.push(new Float64Array(0));
      this.batches.push(-1);
    }
    return i;
  }

  get size(): number {
    return this.providers.length;
  }

  /** All columns for the frame's batch (for models that read every column of every row). */
  all(f: Frame): Float64Array[] {
    if (this.batches[0] !== f.batch) prepareColumns(this.providers, f);
    for (let i = 0; i < this.providers.length; i++) {
      if (this.batches[i] !== f.batch) {
        this.batches[i] = f.batch;
        this.cols[i] = this.providers[i]!(f);
      }
    }
    return this.cols;
  }

  /** The column `i` for the frame's batch. */
  column(i: number, f: Frame): Float64Array {
    if (this.batches[i] === f.batch) return this.cols[i]!;
    this.batches[i] = f.batch;
    return (this.cols[i] = this.providers[i]!(f));
  }
}

export function compileTest(el: XmlElement, scope: Scope, table: ColumnTable): Test {
  const predicate = compilePredicate(el, scope);
  if (el.name === "True") return { kind: KIND_TRUE, column: -1, op: -1, value: 0, predicate };
  if (el.name === "False") return { kind: KIND_FALSE, column: -1, op: -1, value: 0, predicate };
  const generic: Test = { kind: KIND_GENERIC, column: -1, op: -1, value: 0, predicate };
  if (el.name !== "SimplePredicate") return generic;
  const b = scope.lookup(el.attr("field") ?? "");
  const op = OPS[el.attr("operator") ?? ""];
  if (!b || op === undefined || b.optype === "ordinal") return generic;
  const provider = numericColumn(b);
  if (!provider) return generic;
  let value = 0;
  if (op !== OP_MISSING && op !== OP_NOT_MISSING) {
    const text = el.attr("value") ?? "";
    let v = parseTypedText(text, b.dataType);
    if (typeof v !== "number") v = toTypedValue(text, "double");
    if (typeof v !== "number") return generic;
    value = v;
  }
  return { kind: KIND_COLUMN, column: table.add(provider), op, value, predicate };
}

/** Evaluates a test for the frame's row. */
export function runTest(t: Test, table: ColumnTable, f: Frame): Truth {
  switch (t.kind) {
    case KIND_COLUMN: {
      const x = table.column(t.column, f)[f.row]!;
      if (x !== x) return t.op === OP_MISSING ? TRUE : t.op === OP_NOT_MISSING ? FALSE : UNKNOWN;
      switch (t.op) {
        case OP_LT:
          return x < t.value ? TRUE : FALSE;
        case OP_LE:
          return x <= t.value ? TRUE : FALSE;
        case OP_GT:
          return x > t.value ? TRUE : FALSE;
        case OP_GE:
          return x >= t.value ? TRUE : FALSE;
        case OP_EQ:
          return x === t.value ? TRUE : FALSE;
        case OP_NE:
          return x !== t.value ? TRUE : FALSE;
        case OP_MISSING:
          return FALSE;
        default:
          return TRUE;
      }
    }
    case KIND_TRUE:
      return TRUE;
    case KIND_FALSE:
      return FALSE;
    default:
      return t.predicate(f);
  }
}
