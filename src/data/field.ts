/**
 * A field: name, storage and the Type-node metadata Modeler carries along with it
 * (measure, role, values, user-missing "blank" definitions, check action).
 */
import type { Measure, Role, Storage } from "./storage.js";
import { compareValues, valuesEqual, type Value } from "./values.js";

/** What the Type node does with a value outside the declared values. */
export type CheckAction = "None" | "Nullify" | "Coerce" | "Discard" | "Warn" | "Abort";

/**
 * User-missing ("blank") definitions. A blank is still a real value; the declaration only
 * changes how `@BLANK`, Filler's Blank mode and modelling treat it.
 */
export interface BlankSpec {
  /** Specific values that count as blank. */
  values?: readonly Value[];
  /** An inclusive range that counts as blank. */
  range?: readonly [Value, Value];
  /** `$null$` counts as blank (`null_missing`). */
  nulls?: boolean;
  /** Empty or white-space-only strings count as blank (`whitespace_missing`). */
  whitespace?: boolean;
}

export interface Field {
  readonly name: string;
  readonly storage: Storage;
  readonly measure: Measure;
  readonly role: Role;
  /**
   * Declared or instantiated values: `[min, max]` for continuous, every value for
   * nominal/ordinal, `[false, true]` for a flag. Absent until known.
   */
  readonly values?: readonly Value[];
  readonly blanks?: BlankSpec;
  readonly check?: CheckAction;
  /** Field label (`description`) and value labels, carried for documents. */
  readonly label?: string;
  readonly valueLabels?: ReadonlyArray<readonly [Value, string]>;
}

export function makeField(name: string, storage: Storage, extra: Partial<Omit<Field, "name" | "storage">> = {}): Field {
  return { measure: defaultMeasureFor(storage), role: "input", ...extra, name, storage };
}

/** Modeler's auto-typing from storage before values are read: numbers continuous, strings categorical. */
export function defaultMeasureFor(storage: Storage): Measure {
  switch (storage) {
    case "integer":
    case "real":
    case "date":
    case "time":
    case "timestamp":
      return "continuous";
    case "string":
      return "categorical";
    default:
      return "default";
  }
}

/** True when `v` is blank for this field (user-missing definitions; `$null$` only if declared). */
export function isBlank(field: Field, v: Value): boolean {
  const b = field.blanks;
  if (v === null) return b?.nulls === true;
  if (!b) return false;
  if (b.whitespace && typeof v === "string" && v.trim() === "") return true;
  if (b.values && b.values.some((x) => valuesEqual(x, v) || x === v)) return true;
  if (b.range) {
    const [lo, hi] = b.range;
    if (compareValues(v, lo) >= 0 && compareValues(v, hi) <= 0) return true;
  }
  return false;
}

/** Compiles a blank test for one field once, for use per row. */
export function blankTester(field: Field): (v: Value) => boolean {
  const b = field.blanks;
  if (!b) return () => false;
  return (v) => isBlank(field, v);
}

/** The flag's `[false, true]` values, defaulting to Modeler's `F`/`T`. */
export function flagValues(field: Field): readonly [Value, Value] {
  if (field.measure === "flag" && field.values && field.values.length === 2) {
    return [field.values[0]!, field.values[1]!];
  }
  return ["F", "T"];
}
