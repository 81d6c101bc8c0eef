/**
 * Training data for every model trainer in `src/models/` (trees today; regression, neural
 * nets, k-means and KNN later): a columnar, coded, immutable view of the rows a builder
 * node trains on.
 *
 * Why a separate abstraction from `RecordBatch`: trainers make many passes over the same
 * columns, so values are converted once into typed arrays:
 *
 * - a **continuous** column (measure `continuous`) is a `Float64Array`; a missing value
 *   (`$null$`, or a non-number) is `NaN`. Date, time and timestamp storages keep our numbers
 *   (days / seconds, see `src/data/values.ts`), so they are continuous like any number.
 * - a **categorical** column (`flag`, `nominal`, `ordinal`) is an `Int32Array` of codes into
 *   `categories`; a missing value is `-1`. For `ordinal` the category order *is* the order
 *   of the codes; for `flag` the categories are `[false value, true value]`.
 *
 * The caller decides which rows are training rows (partitions, holdout splits, folds): a
 * `TrainingData` holds exactly the rows to learn from. `subsetRows` makes such a view.
 *
 * Weights: `frequency` is an optional per-row frequency weight (Modeler's `frequency_field`):
 * a row with frequency 3 counts as three identical rows; 0 excludes the row. Trainers combine
 * it with their own weights (bootstrap counts, boosting weights) by multiplication.
 *
 * Randomness: `seed` is the only source of randomness; a trainer derives independent
 * generators with `randomFor(data, "label")`, so the same data and seed give the same model.
 */
import type { Field } from "../data/field.js";
import type { RecordBatch } from "../data/batch.js";
import { childSeed, seededRandom, type RandomSource } from "../data/random.js";
import type { Measure, Storage } from "../data/storage.js";
import { compareValues, type Value } from "../data/values.js";
import { TrainingError } from "./errors.js";

/** Measures a trainer can use. Modeler's `categorical` must be resolved to flag/nominal first. */
export type ColumnMeasure = "continuous" | "flag" | "nominal" | "ordinal";

/** A category: the value as stored (string or number), as it will be written to PMML. */
export type Category = string | number;

interface ColumnBase {
  /** Field name, as in the input schema (may contain spaces, `$`, non-ASCII). */
  readonly name: string;
  /** Storage of the original field; decides the PMML `dataType`. */
  readonly storage: Storage;
}

export interface ContinuousColumn extends ColumnBase {
  readonly measure: "continuous";
  /** One value per row; `NaN` = missing. */
  readonly values: Float64Array;
}

export interface CategoricalColumn extends ColumnBase {
  readonly measure: "flag" | "nominal" | "ordinal";
  /** The categories, in code order (declared order for ordinal, `[false, true]` for flags). */
  readonly categories: readonly Category[];
  /** One code per row, an index into `categories`; `-1` = missing. */
  readonly codes: Int32Array;
}

export type DataColumn = ContinuousColumn | CategoricalColumn;

export interface TrainingData {
  readonly rowCount: number;
  /** Predictors, in the order the caller gave them (PMML field order follows it). */
  readonly inputs: readonly DataColumn[];
  readonly target: DataColumn;
  /** Optional frequency weights (≥ 0), one per row. */
  readonly frequency?: Float64Array;
  /** Seed of every random choice a trainer makes. */
  readonly seed: number;
}

export function isCategorical(c: DataColumn): c is CategoricalColumn {
  return c.measure !== "continuous";
}

/** A continuous column from numbers; `null`, `NaN` and non-numbers become missing. */
export function continuousColumn(name: string, values: ArrayLike<Value>, storage: Storage = "real"): ContinuousColumn {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = typeof v === "number" ? v : typeof v === "bigint" ? Number(v) : NaN;
  }
  return { name, storage, measure: "continuous", values: out };
}

export interface CategoricalColumnOptions {
  measure?: "flag" | "nominal" | "ordinal";
  /** Declared categories in order; values outside them are an error. Default: the sorted distinct values. */
  categories?: readonly Category[];
  storage?: Storage;
}

/** A categorical column from values; `null` (and `undefined`) become missing. */
export function categoricalColumn(name: string, values: ArrayLike<Value | undefined>, options: CategoricalColumnOptions = {}): CategoricalColumn {
  const measure = options.measure ?? "nominal";
  let categories: Category[];
  if (options.categories) {
    categories = [...options.categories];
  } else {
    const distinct = new Set<Category>();
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v !== null && v !== undefined) distinct.add(asCategory(name, v));
    }
    categories = [...distinct].sort((a, b) => compareValues(a, b));
  }
  const index = new Map<Category, number>();
  categories.forEach((c, i) => index.set(c, i));
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) {
      codes[i] = -1;
      continue;
    }
    const code = index.get(asCategory(name, v));
    if (code === undefined) {
      throw new TrainingError(`field "${name}": value ${JSON.stringify(String(v))} is not one of its declared categories (${categories.join(", ")})`, { field: name });
    }
    codes[i] = code;
  }
  if (measure === "flag" && categories.length > 2) {
    throw new TrainingError(`field "${name}" is a flag but has ${categories.length} values (${categories.join(", ")})`, { field: name });
  }
  const storage = options.storage ?? (categories.every((c) => typeof c === "number") && categories.length > 0 ? "integer" : "string");
  return { name, storage, measure, categories, codes };
}

function asCategory(field: string, v: Value): Category {
  if (typeof v === "string" || typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "boolean") return v ? "T" : "F";
  throw new TrainingError(`field "${field}": a list value cannot be a category`, { field });
}

export interface TrainingDataSpec {
  inputs: readonly DataColumn[];
  target: DataColumn;
  frequency?: ArrayLike<number | null>;
  seed?: number;
}

/** Checks lengths, names and weights, and freezes the result into a `TrainingData`. */
/** A frequency field's values as weights: missing or non-finite → 0 (the row is dropped), negative → error. */
export function frequencyWeights(values: ArrayLike<number | null | undefined>, n: number): Float64Array {
  if (values.length !== n) throw new TrainingError(`the frequency field has ${values.length} values but there are ${n} rows`);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const w = values[i];
    if (w === null || w === undefined || !Number.isFinite(w)) weights[i] = 0;
    else if (w < 0) throw new TrainingError(`frequency weights must be ≥ 0; row ${i} has ${w}`);
    else weights[i] = w;
  }
  return weights;
}

export function makeTrainingData(spec: TrainingDataSpec): TrainingData {
  const n = columnLength(spec.target);
  if (spec.inputs.length === 0) throw new TrainingError("at least one input field is needed to train a model");
  const names = new Set<string>([spec.target.name]);
  for (const c of spec.inputs) {
    if (columnLength(c) !== n) throw new TrainingError(`input "${c.name}" has ${columnLength(c)} rows but the target has ${n}`, { field: c.name });
    if (names.has(c.name)) throw new TrainingError(`field "${c.name}" is listed twice (inputs and target must be distinct)`, { field: c.name });
    names.add(c.name);
  }
  const frequency = spec.frequency && frequencyWeights(spec.frequency, n);
  return { rowCount: n, inputs: [...spec.inputs], target: spec.target, frequency, seed: (spec.seed ?? 0) >>> 0 };
}

export function columnLength(c: DataColumn): number {
  return c.measure === "continuous" ? c.values.length : c.codes.length;
}

/** True when the column's value in `row` is missing. */
export function isMissingAt(c: DataColumn, row: number): boolean {
  return c.measure === "continuous" ? Number.isNaN(c.values[row]!) : c.codes[row]! < 0;
}

/**
 * Per-row base weights: the frequency (or 1), and 0 for rows whose target is missing, since
 * no trainer learns from a row without a target (Modeler ignores them too).
 */
export function baseWeights(data: TrainingData): Float64Array {
  const w = new Float64Array(data.rowCount);
  const t = data.target;
  for (let i = 0; i < data.rowCount; i++) {
    w[i] = isMissingAt(t, i) ? 0 : data.frequency ? data.frequency[i]! : 1;
  }
  return w;
}

/** An independent, repeatable generator for one purpose of one training run. */
export function randomFor(data: TrainingData, label: string): RandomSource {
  return seededRandom(childSeed(data.seed, label));
}

/** The same data restricted to `rows` (in that order): folds, holdouts, partitions. */
export function subsetRows(data: TrainingData, rows: ArrayLike<number>): TrainingData {
  const pick = (c: DataColumn): DataColumn => {
    if (c.measure === "continuous") {
      const v = new Float64Array(rows.length);
      for (let i = 0; i < rows.length; i++) v[i] = c.values[rows[i]!]!;
      return { ...c, values: v };
    }
    const codes = new Int32Array(rows.length);
    for (let i = 0; i < rows.length; i++) codes[i] = c.codes[rows[i]!]!;
    return { ...c, codes };
  };
  let frequency: Float64Array | undefined;
  if (data.frequency) {
    frequency = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) frequency[i] = data.frequency[rows[i]!]!;
  }
  return { rowCount: rows.length, inputs: data.inputs.map(pick), target: pick(data.target), frequency, seed: data.seed };
}

function resolveMeasure(field: Field, values: ArrayLike<Value>): ColumnMeasure {
  switch (field.measure) {
    case "continuous":
    case "flag":
    case "nominal":
    case "ordinal":
      return field.measure;
    case "categorical":
    case "default": {
      // Not yet instantiated: decide from the data as Modeler's auto-typing does.
      if (field.measure === "default" && (field.storage === "integer" || field.storage === "real" || field.storage === "date" || field.storage === "time" || field.storage === "timestamp")) return "continuous";
      const distinct = new Set<Value>();
      for (let i = 0; i < values.length && distinct.size < 3; i++) if (values[i] !== null) distinct.add(values[i]!);
      return distinct.size <= 2 ? "flag" : "nominal";
    }
    default:
      throw new TrainingError(`field "${field.name}" has measure ${field.measure} and cannot be used for modelling`, { field: field.name });
  }
}

/** A column from a schema field and its values, using the field's measure and declared values. */
export function columnFromField(field: Field, values: ArrayLike<Value>): DataColumn {
  const measure = resolveMeasure(field, values);
  if (measure === "continuous") return continuousColumn(field.name, values, field.storage);
  const declared = measure !== "flag" && field.values && field.values.length > 0 && (field.measure === "nominal" || field.measure === "ordinal")
    ? field.values.map((v) => asCategory(field.name, v))
    : measure === "flag" && field.values?.length === 2 ? field.values.map((v) => asCategory(field.name, v)) : undefined;
  return categoricalColumn(field.name, values, { measure, categories: declared, storage: field.storage });
}

export interface BatchTrainingSpec {
  target: string;
  inputs: readonly string[];
  frequency?: string;
  seed?: number;
}

/** Training data from one record batch (the builder node concatenates its input first). */
export function trainingDataFromBatch(batch: RecordBatch, spec: BatchTrainingSpec): TrainingData {
  const column = (name: string) => {
    const i = batch.schema.indexOf(name);
    if (i < 0) batch.schema.require(name, "model training");
    return columnFromField(batch.schema.fields[i]!, batch.columns[i]!);
  };
  let frequency: (number | null)[] | undefined;
  if (spec.frequency) {
    const i = batch.schema.indexOf(spec.frequency);
    if (i < 0) batch.schema.require(spec.frequency, "frequency field");
    frequency = batch.columns[i]!.map((v) => (typeof v === "number" ? v : typeof v === "bigint" ? Number(v) : null));
  }
  return makeTrainingData({ inputs: spec.inputs.map(column), target: column(spec.target), frequency, seed: spec.seed });
}

/** The measure a schema field will get, exported for builder nodes' `schema()` step. */
export function measureForModelling(m: Measure): ColumnMeasure | undefined {
  return m === "continuous" || m === "flag" || m === "nominal" || m === "ordinal" ? m : undefined;
}
