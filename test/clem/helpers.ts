/** Small builders for CLEM tests: schemas from a storage map, batches from columns. */
import { compileClem, evaluateClem, type ClemEnvironment } from "../../src/clem/index.js";
import { makeBatch, type RecordBatch } from "../../src/data/batch.js";
import { makeField, type Field } from "../../src/data/field.js";
import { Schema } from "../../src/data/schema.js";
import type { Storage } from "../../src/data/storage.js";
import type { Value } from "../../src/data/values.js";

export function schemaOf(storages: Record<string, Storage>, extra: Record<string, Partial<Field>> = {}): Schema {
  return new Schema(Object.entries(storages).map(([name, s]) => makeField(name, s, extra[name] ?? {})));
}

export function batchOf(schema: Schema, columns: Record<string, Value[]>): RecordBatch {
  return makeBatch(schema, schema.names.map((n) => columns[n] ?? []));
}

/** Evaluates over one batch built from columns; storages given per field. */
export function column(expr: string, storages: Record<string, Storage>, columns: Record<string, Value[]>, env: Partial<ClemEnvironment> = {}): Value[] {
  const schema = schemaOf(storages);
  return compileClem(expr, { ...env, schema }).evaluate(batchOf(schema, columns));
}

/** One value, storages inferred from the record's JS values (integers, reals, strings). */
export function value(expr: string, record: Record<string, Value> = {}, env: Partial<ClemEnvironment> = {}): Value {
  return evaluateClem(expr, record, env);
}
