/**
 * PMML scoring for modeler-batch.
 *
 * ```ts
 * const model = loadPmml(text);
 * model.inputFields;            // what it reads
 * model.resultFieldNames;       // what it produces: targets, then output fields
 * model.score({ Age: 42, Income: 51000 });
 * model.scoreColumns({ Age: ages, Income: incomes }, ages.length);
 * ```
 *
 * A document is parsed, checked and compiled once into closures; anything it does not support
 * is a `PmmlError` at load time naming the element and attribute.
 */
import { loadDocument, type LoadOptions } from "./document/load-document.js";
import { PmmlModel, type ModelOptions } from "./api/pmml-model.js";

export type PmmlLoadOptions = LoadOptions & ModelOptions;

/** Parses, validates and compiles a PMML 3.0–4.4 document. */
export function loadPmml(text: string, options: PmmlLoadOptions = {}): PmmlModel {
  return new PmmlModel(loadDocument(text, options), options);
}

export { PmmlModel } from "./api/pmml-model.js";
export type { PmmlField, PmmlInputField, PmmlOutputField, PmmlTargetField, ScoreOptions, ModelOptions } from "./api/pmml-model.js";
export type { LoadOptions, ExtraOutput } from "./document/load-document.js";
export type { QuirkFix } from "./document/quirks.js";
export { PmmlError, type PmmlErrorCode } from "./errors.js";
export type { DataType, OpType, Value } from "./types/values.js";
export { builtinFunctionNames } from "./functions/builtins.js";
export { scoreCsv, type ScoreCsvOptions } from "./csv/score-csv.js";
export { parseCsv, writeCsv } from "./csv/csv.js";
