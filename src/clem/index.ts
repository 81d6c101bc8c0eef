/**
 * CLEM, the expression language of IBM SPSS Modeler: parser, type checker, compiler to closures
 * and the function library. See docs/clem.md for the dialect (precedence, nulls, typing, every
 * function and the choices made where Modeler's behaviour is undocumented).
 *
 * ```ts
 * const ratio = compileClem("Na / K", { schema });
 * ratio.storage;              // "real"
 * ratio.evaluate(batch);      // one value per row
 * ```
 */
import { batchFromRows } from "../data/batch.js";
import { makeField, type Field } from "../data/field.js";
import { Schema } from "../data/schema.js";
import { storageOfJsValue, type Value } from "../data/values.js";
import type { ClemExpression } from "./ast.js";
import { compileClem } from "./compile-clem.js";
import type { ClemEnvironment } from "./environment.js";
import { parseClem } from "./parser.js";

export { parseClem };
export { compileClem, checkClem, type CompiledClem, type CompileOptions } from "./compile-clem.js";
export type { ClemEnvironment } from "./environment.js";
export { ClemSyntaxError, ClemTypeError, ClemRuntimeError, type SourcePosition } from "./errors.js";
export type { ClemExpression } from "./ast.js";
export { seededRandom } from "./random.js";
export { functionNames } from "./functions/index.js";
export { PRECEDENCE } from "./parser.js";

/**
 * Evaluates an expression on one record given as a plain object (the `clem` CLI command, tests).
 * Storages come from `env.schema` where it names the field, else from the JS value: whole
 * numbers are integers, other numbers reals, strings strings; `null` is of unknown storage.
 */
export function evaluateClem(text: string | ClemExpression, record: Record<string, Value>, env: Partial<ClemEnvironment> = {}): Value {
  const fields: Field[] = [];
  const seen = new Set<string>();
  for (const f of env.schema?.fields ?? []) {
    fields.push(f);
    seen.add(f.name);
  }
  for (const [name, value] of Object.entries(record)) {
    if (!seen.has(name)) fields.push(makeField(name, storageOfJsValue(value)));
  }
  const schema = new Schema(fields);
  const batch = batchFromRows(schema, [fields.map((f) => record[f.name] ?? null)]);
  return compileClem(text, { ...env, schema }).evaluateRow(batch, 0);
}
