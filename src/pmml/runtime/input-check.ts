/**
 * The top-level model's check of its active inputs, once per batch.
 *
 * Fields are read lazily (a tree reads only the fields on its path), but an invalid value of any
 * active field under `returnInvalid` makes the whole result invalid, whether or not this row's
 * path reads it. So every active field that can be invalid is prepared for the whole batch ahead
 * of the row loop, and an invalid value is recorded against its row in `frame.rowErrors` (the
 * scoring loop reports it). Numeric fields use their batch column, which the models then reuse; a
 * plain double field given a Float64Array costs nothing.
 */
import type { DataFieldDef } from "../fields/data-field.js";
import type { MiningFieldDef } from "../fields/mining-field.js";
import type { FieldBinding } from "../fields/scope.js";
import type { Frame } from "./frame.js";
import { numericColumn, recordError } from "./numeric-column.js";

export type BatchCheck = (f: Frame) => void;

/** Whether preparing a value of this field can throw an invalid-value error. */
export function canBeInvalid(df: DataFieldDef, mf: MiningFieldDef): boolean {
  if (mf.missingValueTreatment === "returnInvalid" && mf.missingValueReplacement === undefined) return true;
  if (mf.invalidValueTreatment !== "returnInvalid") return false;
  // Any text can be a string; other types can fail to parse, and declared values exclude others.
  return df.dataType !== "string" || df.validValues.length > 0 || df.intervals.length > 0 || df.invalidValues.size > 0;
}

export function compileInputCheck(bindings: readonly FieldBinding[]): BatchCheck | undefined {
  const checks: BatchCheck[] = [];
  for (const b of bindings) {
    const source = b.source;
    if (!source) continue;
    const column = numericColumn(b);
    if (column) {
      checks.push((f) => void column(f));
      continue;
    }
    const { column: index, prepare } = source;
    checks.push((f) => {
      const raw = f.columns[index]!;
      for (let r = 0; r < f.length; r++) {
        try {
          prepare(raw[r]);
        } catch (e) {
          recordError(f, r, e);
        }
      }
    });
  }
  if (checks.length === 0) return undefined;
  return (f) => {
    for (const check of checks) check(f);
  };
}
