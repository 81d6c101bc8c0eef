/**
 * The Type node's value checking (keyed `check`; NODES.md §2.1), applied batch by batch to
 * the fields whose output schema carries a `check` action and declared values:
 *
 * - a continuous field's legal values are `min..max`; a flag's its two values; a nominal or
 *   ordinal field's its listed values;
 * - `Nullify` makes an illegal value `$null$`;
 * - `Coerce` replaces it: a flag gets its false value, a nominal/ordinal field its first value,
 *   a number above the maximum the maximum and below the minimum the minimum; `$null$` counts
 *   as illegal here only (Modeler's documented rule gives a range's nulls the midpoint; we read
 *   "any value other than true and false" and "unknown value" as including `$null$` too);
 * - `Discard` drops the record; `Warn` counts illegal values and reports them once at the end;
 *   `Abort` stops the run with an error naming field, value and record number.
 * For every action other than Coerce, `$null$` is system-missing, not an illegal value.
 */
import { makeBatch, takeRows, type Column, type RecordBatch } from "../../data/batch.js";
import type { CheckAction, Field } from "../../data/field.js";
import type { Schema } from "../../data/schema.js";
import { compareValues, formatValue, groupKey, type Value } from "../../data/values.js";
import { ModelerBatchError } from "../../errors.js";
import type { BatchStream } from "../definition.js";

/** An illegal value under check `Abort`. */
export class TypeCheckError extends ModelerBatchError {
  constructor(message: string, details: Record<string, unknown>) {
    super("TYPE_CHECK", message, details);
  }
}

interface FieldCheck {
  readonly index: number;
  readonly field: Field;
  readonly action: Exclude<CheckAction, "None">;
  readonly legal: (v: Value) => boolean;
  /** Coerce's replacement for an illegal value (`$null$` included). */
  readonly coerce: (v: Value) => Value;
  illegal: number;
}

export interface TypeChecker {
  /** The checked batch, in `schema` (values changed, records dropped, or an error thrown). */
  check(batch: RecordBatch): RecordBatch;
  /** Reports the counts of `Warn` checks; call once after the last batch. */
  finish(): void;
}

/**
 * A checker for the fields of `schema` that carry a check, or `undefined` when there is
 * nothing to check (then batches only need re-labelling with `schema`).
 */
export function createTypeChecker(schema: Schema, warn: (message: string) => void): TypeChecker | undefined {
  const checks: FieldCheck[] = [];
  schema.fields.forEach((field, index) => {
    const action = field.check;
    if (action === undefined || action === "None" || field.values === undefined) return;
    const rules = rulesFor(field);
    if (rules) checks.push({ index, field, action, ...rules, illegal: 0 });
  });
  if (checks.length === 0) return undefined;
  let seen = 0;
  return {
    check(batch) {
      const columns = batch.columns.slice();
      let keep: Uint8Array | undefined;
      for (const c of checks) {
        const src = batch.columns[c.index]!;
        let out: Column | undefined;
        for (let r = 0; r < batch.length; r++) {
          const v = src[r]!;
          if (v === null && c.action !== "Coerce") continue;
          if (c.legal(v)) continue;
          c.illegal++;
          switch (c.action) {
            case "Nullify":
              (out ??= src.slice())[r] = null;
              break;
            case "Coerce":
              (out ??= src.slice())[r] = c.coerce(v);
              break;
            case "Discard":
              (keep ??= new Uint8Array(batch.length).fill(1))[r] = 0;
              break;
            case "Abort":
              throw new TypeCheckError(
                `value ${formatValue(v, c.field.storage)} of field "${c.field.name}" in record ${seen + r + 1} is outside its declared values (check Abort)`,
                { field: c.field.name, record: seen + r + 1 },
              );
            case "Warn":
              break;
          }
        }
        if (out) columns[c.index] = out;
      }
      seen += batch.length;
      const checked = makeBatch(schema, columns, batch.length);
      if (!keep) return checked;
      const rows: number[] = [];
      for (let r = 0; r < keep.length; r++) if (keep[r]) rows.push(r);
      return takeRows(checked, rows);
    },
    finish() {
      for (const c of checks) {
        if (c.action === "Warn" && c.illegal > 0) warn(`${c.illegal} value(s) of field "${c.field.name}" are outside its declared values (check Warn)`);
      }
    },
  };
}

function rulesFor(field: Field): Pick<FieldCheck, "legal" | "coerce"> | undefined {
  const values = field.values!;
  switch (field.measure) {
    case "continuous": {
      if (values.length !== 2) return undefined;
      const [lo, hi] = values as [Value, Value];
      const mid = midpoint(lo, hi, field.storage === "integer" || field.storage === "date");
      return {
        legal: (v) => v !== null && compareValues(v, lo) >= 0 && compareValues(v, hi) <= 0,
        coerce: (v) => (v === null ? mid : compareValues(v, lo) < 0 ? lo : hi),
      };
    }
    case "flag":
    case "nominal":
    case "ordinal":
    case "categorical": {
      if (values.length === 0) return undefined;
      const members = new Set(values.map(groupKey));
      // A flag's false value is its first declared value, as is a set's first member.
      const first = values[0]!;
      return { legal: (v) => v !== null && members.has(groupKey(v)), coerce: () => first };
    }
    default:
      return undefined;
  }
}

/** Midpoint of a range; whole-number storages round half up. */
function midpoint(lo: Value, hi: Value, whole: boolean): Value {
  const m = (Number(lo) + Number(hi)) / 2;
  return whole ? Math.floor(m + 0.5) : m;
}

/** The Type node's run: every batch re-labelled with `schema` and checked. */
export async function* typeCheckBatches(schema: Schema, input: BatchStream, warn: (message: string) => void, throwIfAborted: () => void = () => {}): BatchStream {
  const checker = createTypeChecker(schema, warn);
  for await (const batch of input) {
    throwIfAborted();
    const out = checker ? checker.check(batch) : makeBatch(schema, batch.columns, batch.length);
    if (out.length > 0 || batch.length === 0) yield out;
  }
  checker?.finish();
}

/** Applies a checker to one batch (sources call this per batch they read). */
export function typeCheckBatch(checker: TypeChecker | undefined, schema: Schema, batch: RecordBatch): RecordBatch {
  return checker ? checker.check(batch) : makeBatch(schema, batch.columns, batch.length);
}
