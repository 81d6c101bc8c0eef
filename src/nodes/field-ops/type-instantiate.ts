/**
 * Instantiation: reading a field's values from data (Modeler's "Read Values", value modes
 * `Read` / `Read+`). A schema computed before data cannot know them, so the Type node leaves
 * them undefined and the nodes that need them (modelling, anything that must list categories)
 * read them while they consume their input, with this reader, so that every node
 * auto-types the same way:
 *
 * - numbers, dates, times and timestamps: `[min, max]` of the non-null values;
 * - Categorical (strings not yet typed): one or two distinct values make a Flag, more a
 *   Nominal field; declared Flag / Nominal / Ordinal fields keep their measure;
 * - values are sorted (numbers numerically, strings by character code), so a flag read from
 *   data has the smaller value as its false value and the larger as its true value (`F`/`T`,
 *   `N`/`Y`, `0`/`1`, as Modeler's saved streams show);
 * - a categorical field with more distinct values than the stream's `max_set_size` becomes
 *   Typeless, and a Typeless field's role becomes None (Modeler's "Limit members for nominal
 *   fields");
 * - `$null$` is not a value; with `extend` (`Read+`) the values already declared are kept
 *   and the new ones added.
 */
import type { RecordBatch } from "../../data/batch.js";
import type { Field } from "../../data/field.js";
import { isDateTimeStorage, isNumericStorage } from "../../data/storage.js";
import { compareValues, groupKey, type Value } from "../../data/values.js";

export interface ValueReaderOptions {
  /** The stream's `max_set_size` (0: no limit). */
  readonly maxSetSize: number;
  /** Keep the fields' current values and add the ones read (`Read+`). */
  readonly extend?: boolean;
}

interface Accumulator {
  readonly field: Field;
  readonly continuous: boolean;
  min: Value;
  max: Value;
  readonly distinct: Map<string, Value>;
  overflow: boolean;
}

export class FieldValueReader {
  private readonly acc: Accumulator[];

  constructor(fields: readonly Field[], private readonly options: ValueReaderOptions) {
    this.acc = fields.map((field) => {
      const continuous = field.measure === "continuous" || ((field.measure === "default") && (isNumericStorage(field.storage) || isDateTimeStorage(field.storage)));
      const a: Accumulator = { field, continuous, min: null, max: null, distinct: new Map(), overflow: false };
      if (options.extend && field.values) {
        if (continuous && field.values.length === 2) [a.min, a.max] = [field.values[0]!, field.values[1]!];
        else if (!continuous) for (const v of field.values) a.distinct.set(groupKey(v), v);
      }
      return a;
    });
  }

  /** Reads the values of one batch (fields are found by name in the batch's schema). */
  add(batch: RecordBatch): void {
    for (const a of this.acc) {
      if (a.field.measure === "typeless" || a.overflow) continue;
      const i = batch.schema.indexOf(a.field.name);
      if (i < 0) continue;
      const col = batch.columns[i]!;
      if (a.continuous) {
        let { min, max } = a;
        for (let r = 0; r < batch.length; r++) {
          const v = col[r]!;
          if (v === null) continue;
          if (min === null || compareValues(v, min) < 0) min = v;
          if (max === null || compareValues(v, max) > 0) max = v;
        }
        a.min = min;
        a.max = max;
        continue;
      }
      const limit = this.options.maxSetSize > 0 && a.field.measure !== "flag" ? this.options.maxSetSize : Infinity;
      for (let r = 0; r < batch.length; r++) {
        const v = col[r]!;
        if (v === null) continue;
        const k = groupKey(v);
        if (a.distinct.has(k)) continue;
        a.distinct.set(k, v);
        if (a.distinct.size > limit) {
          a.overflow = true;
          a.distinct.clear();
          break;
        }
      }
    }
  }

  /** The fields with their values (and, for Categorical, their resolved measure). */
  fields(): Field[] {
    return this.acc.map((a) => {
      const f = a.field;
      if (f.measure === "typeless") return f;
      if (a.continuous) {
        const { values: _old, ...rest } = f;
        return a.min === null ? { ...rest, measure: "continuous" } : { ...rest, measure: "continuous", values: [a.min, a.max!] };
      }
      if (a.overflow) {
        const { values: _old, ...rest } = f;
        return { ...rest, measure: "typeless", role: f.role === "input" || f.role === "target" || f.role === "both" ? "none" : f.role };
      }
      const values = [...a.distinct.values()];
      if (f.measure !== "ordinal" || !this.options.extend) values.sort(compareValues);
      const measure = f.measure === "categorical" || f.measure === "default" ? (values.length <= 2 && values.length > 0 ? "flag" : "nominal") : f.measure;
      return { ...f, measure, values };
    });
  }
}
