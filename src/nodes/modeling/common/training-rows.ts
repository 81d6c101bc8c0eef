/**
 * Reading what a builder trains on: the selected fields of every record reaching it, their
 * values instantiated from the data where the schema leaves them open (the Type node's `Read`
 * mode, or no Type node: `FieldValueReader`, over all records, as a Type node upstream would
 * read them), then the Training partition's rows only.
 *
 * The Training partition is the partition field's first value (`@TRAINING_PARTITION`): the
 * first declared value (a Partition node declares training, testing, validation in that
 * order), or the smallest value read from the data. Records whose partition is `$null$` (the
 * sizes add up to less than 100%) are not training records.
 */
import { concatBatches, makeBatch, takeRows, type Column, type RecordBatch } from "../../../data/batch.js";
import type { Field } from "../../../data/field.js";
import { Schema } from "../../../data/schema.js";
import { groupKey } from "../../../data/values.js";
import { makeClusterData, type ClusterData } from "../../../models/cluster-data.js";
import { columnFromField, makeTrainingData, type TrainingData } from "../../../models/dataset.js";
import type { BatchStream, RunContext } from "../../definition.js";
import { FieldValueReader } from "../../field-ops/type.js";
import { ModelFieldError } from "./errors.js";
import type { FieldSelection } from "./field-selection.js";

export interface TrainingRows {
  /** The selected fields with their values and measures resolved. */
  readonly schema: Schema;
  /** The training records (selected fields only). */
  readonly batch: RecordBatch;
  /** Records that reached the builder, and how many of them trained. */
  readonly received: number;
  /** The training partition's value, when records were chosen by partition. */
  readonly trainingPartition?: string | number;
}

export async function readTrainingRows(ctx: RunContext, input: BatchStream, selection: FieldSelection): Promise<TrainingRows> {
  const inputSchema = ctx.inputSchemas[0]!;
  // Neural Net calls it `use_partition`.
  const wanted = ctx.props.has("use_partition") ? ctx.props.bool("use_partition") : ctx.props.bool("use_partitioned_data", true);
  const usePartition = selection.partition !== undefined && wanted;
  const names = unique([...selection.targets, ...selection.inputs, ...(usePartition ? [selection.partition!] : []), ...(selection.frequency ? [selection.frequency] : [])]);
  const indices = names.map((n) => inputSchema.indexOf(n));
  const declared = names.map((n) => inputSchema.field(n)!);
  const open = declared.filter((f) => needsValues(f) || (usePartition && f.name === selection.partition && !(f.values && f.values.length > 0)));
  const reader = open.length > 0 ? new FieldValueReader(open, { maxSetSize: ctx.settings.maxSetSize }) : undefined;
  const projected = new Schema(declared);
  const parts: RecordBatch[] = [];
  let received = 0;
  for await (const batch of input) {
    ctx.throwIfAborted();
    if (batch.length === 0) continue;
    const columns: Column[] = indices.map((i) => (batch.columns[i]!.length === batch.length ? batch.columns[i]! : batch.columns[i]!.slice(0, batch.length)));
    const part = makeBatch(projected, columns, batch.length);
    reader?.add(part);
    parts.push(part);
    received += batch.length;
  }
  const readFields = new Map((reader?.fields() ?? []).map((f) => [f.name, f]));
  const resolved = new Schema(declared.map((f) => readFields.get(f.name) ?? f));
  for (const name of [...selection.targets, ...selection.inputs]) {
    const f = resolved.field(name)!;
    if (f.measure === "typeless") {
      throw new ModelFieldError(`field "${name}" has more distinct values than the stream's max_set_size (${ctx.settings.maxSetSize}), so it is Typeless and cannot be used for modelling`, { field: name });
    }
  }
  let all = parts.length === 0 ? makeBatch(resolved, names.map(() => []), 0) : concatBatches(projected, parts);
  all = makeBatch(resolved, all.columns, all.length);
  if (!usePartition) {
    if (all.length === 0) throw new ModelFieldError(`no records reached the builder: there is nothing to train on`);
    return { schema: resolved, batch: all, received };
  }
  const partitionField = resolved.field(selection.partition!)!;
  const training = partitionField.values?.[0];
  if (training === undefined || training === null || typeof training === "bigint" || typeof training === "boolean" || Array.isArray(training)) {
    throw new ModelFieldError(`the partition field "${partitionField.name}" has no values, so no record is in the Training partition (records: ${received})`, { field: partitionField.name });
  }
  const key = groupKey(training);
  const column = all.columns[names.indexOf(partitionField.name)]!;
  const rows: number[] = [];
  for (let r = 0; r < all.length; r++) {
    const v = column[r]!;
    if (v !== null && groupKey(v) === key) rows.push(r);
  }
  if (rows.length === 0) {
    throw new ModelFieldError(`no record is in the Training partition ("${String(training)}" of field "${partitionField.name}"; records: ${received})`, { field: partitionField.name });
  }
  return { schema: resolved, batch: takeRows(all, rows), received, trainingPartition: training };
}

/** Fields whose categories (or measure) the schema does not give yet. */
function needsValues(f: Field): boolean {
  if (f.measure === "continuous" || f.measure === "typeless") return false;
  return f.values === undefined || f.values.length === 0;
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names)];
}

/** The training data of a supervised model: the first target, the inputs, the frequency weights. */
export function supervisedData(rows: TrainingRows, selection: FieldSelection, seed: number): TrainingData {
  return makeTrainingData({
    inputs: selection.inputs.map((n) => column(rows, n)),
    target: column(rows, selection.targets[0]!),
    frequency: frequencyOf(rows, selection),
    seed,
  });
}

/** The training data of an unsupervised model (no target). */
export function unsupervisedData(rows: TrainingRows, selection: FieldSelection, seed: number): ClusterData {
  return makeClusterData({ inputs: selection.inputs.map((n) => column(rows, n)), frequency: frequencyOf(rows, selection), seed });
}

function column(rows: TrainingRows, name: string) {
  const i = rows.schema.indexOf(name);
  return columnFromField(rows.schema.fields[i]!, rows.batch.columns[i]!);
}

function frequencyOf(rows: TrainingRows, selection: FieldSelection): (number | null)[] | undefined {
  if (!selection.frequency) return undefined;
  const values = rows.batch.columns[rows.schema.indexOf(selection.frequency)]!;
  return values.map((v) => (typeof v === "number" ? v : typeof v === "bigint" ? Number(v) : null));
}
