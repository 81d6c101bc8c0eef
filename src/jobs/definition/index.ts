/**
 * Job definitions of the batch job API (seed-api.md): types, JSON Schema, validation with
 * JSON paths and line/column, password redaction, and connection URLs for `--db`.
 */
export * from "./types.js";
export { JobDefinitionError, jsonPath } from "./errors.js";
export { JOB_DEFINITION_SCHEMA } from "./schema.js";
export { parseJobDefinition, parseJobJson, jobDefinitionProblems, type JobProblem } from "./parse.js";
export { redactJob } from "./redact.js";
export { parseDatabaseUrl, parseDbArgument } from "../../db/url.js";
