/**
 * modeler-batch: the public API. Everything a library user needs is exported here and
 * nothing else; internal modules may change between minor versions.
 */
export { VERSION } from "./version.js";
export { ModelerBatchError, UsageError, CancelledError, isUserError } from "./errors.js";

// Data model
export type { Storage, Measure, Role } from "./data/storage.js";
export type { Value } from "./data/values.js";
export type { Field, BlankSpec, CheckAction } from "./data/field.js";
export { makeField } from "./data/field.js";
export { Schema, SchemaError } from "./data/schema.js";
export type { RecordBatch, Column } from "./data/batch.js";
export { makeBatch, batchFromRows, rowsOf, recordsOf, BatchBuilder, DEFAULT_BATCH_SIZE } from "./data/batch.js";
export type { StreamSettings } from "./data/settings.js";
export { DEFAULT_SETTINGS, settingsFromProperties } from "./data/settings.js";
export { seededRandom } from "./data/random.js";

// Streams
export type { Stream, StreamNode, StreamLink, StreamParameter, StreamScript, NuggetModel, ModelerOrigin } from "./stream/model.js";
export { StreamGraph, resolveNodeRef } from "./stream/graph.js";
export { StreamFormatError, StreamGraphError, NodeReferenceError } from "./stream/errors.js";
export { readStreamJson, writeStreamJson } from "./stream/json-format.js";
export { buildStreamSchema, STREAM_FORMAT_ID } from "./stream/json-schema.js";
export { StreamBuilder, NodeHandle } from "./stream/builder.js";
export { loadStream, parseStreamBytes } from "./load/index.js";

// CLEM
export { parseClem, compileClem, checkClem, evaluateClem, ClemSyntaxError, ClemTypeError, ClemRuntimeError } from "./clem/index.js";
export type { ClemEnvironment, CompiledClem } from "./clem/index.js";

// Nodes
export type { NodeDefinition, NodeContext, RunContext, TerminalResult, BatchStream, Palette } from "./nodes/definition.js";
export { defineNode } from "./nodes/definition.js";
export { NodeRegistry, createRegistry, defaultRegistry } from "./nodes/registry.js";
export { prop, str, num, int, bool, oneOf, clem, field, fields, list, keyed, json, NodePropertyError, Props } from "./nodes/properties.js";
export type { PropertySpec, PropertyType } from "./nodes/properties.js";
export { UnsupportedNodeError, NodeRunError } from "./nodes/errors.js";
export { applyPropertyOverrides, parsePropertyOverride, type PropertyOverride } from "./nodes/overrides.js";

// Engine
export { runStream, planRun, selectTerminals, inspectStream, ParameterError, FileNotFoundError } from "./engine/index.js";
export type { RunOptions, RunReport, RunEvent, NodeRunStats, TerminalOutcome, StreamInspection } from "./engine/index.js";

// Documents
export type { OutputDocument, DocumentContent, TableContent, TextContent, ChartContent } from "./reports/document.js";
export { renderHtml, renderTab } from "./reports/index.js";

// Databases
export { openDatabases, withDatabases, DATABASES_SERVICE, createConnectorRegistry, parseDatabaseUrl, parseDbArgument, DatabaseError, redactSecrets } from "./db/index.js";
export type { Dialect, DbDefinition, DbDefinitions, DatabaseServices } from "./db/index.js";

// Jobs
export { parseJobDefinition, applyJob, redactJob, runJob, refreshModels, terminalsForAction, JobDefinitionError, JobActionError, JOB_DEFINITION_SCHEMA } from "./jobs/index.js";
export type { JobDefinition, JobAction, InsertMode, RunJobOptions, JobRunResult } from "./jobs/index.js";

// PMML
export { loadPmml, scoreCsv, PmmlError } from "./pmml/index.js";
export type { PmmlModel } from "./pmml/index.js";

// Modeler .str files
export { writeStr, type WriteStrOptions, type WrittenStr } from "./modeler/export/index.js";
export { StrFormatError, StrWriteError } from "./modeler/errors.js";
export { FastInfosetError, decodeFastInfoset, encodeFastInfoset } from "./modeler/fastinfoset/index.js";
