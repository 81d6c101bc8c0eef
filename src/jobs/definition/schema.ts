/**
 * The JSON Schema of job definitions (draft-07), shipped as `schema/job.schema.json`
 * (test/jobs/definition-schema.test.ts keeps the file equal to this object).
 */
import { DB_TYPES } from "../../db/definition.js";
import { BULK_LOADING, INSERT_MODES, JOB_ACTIONS, REPORT_FORMATS } from "./types.js";

export const ID_PATTERN = "^[A-Za-z0-9._-]{1,128}$";

const nonEmpty = { type: "string", minLength: 1 };

export const JOB_DEFINITION_SCHEMA = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "https://modeler-batch.dev/schema/job.schema.json",
  title: "modeler-batch job definition",
  description: "A batch job of the IBM Predictive Analytics batch job API for SPSS Modeler streams, as modeler-batch serves it.",
  type: "object",
  required: ["action", "model"],
  additionalProperties: false,
  properties: {
    action: { enum: [...JOB_ACTIONS], description: "What runs: model builders, document outputs, the scoring branch, or the stream's script." },
    model: {
      type: "object",
      required: ["id"],
      additionalProperties: false,
      properties: {
        id: { type: "string", pattern: ID_PATTERN, description: "Id of an uploaded stream file (1-128 letters, digits, '.', '_', '-')." },
        name: { ...nonEmpty, description: "File name of the stream TRAINING / AUTO_REFRESH save." },
      },
    },
    dbDefinitions: {
      type: "object",
      propertyNames: { minLength: 1 },
      additionalProperties: { $ref: "#/definitions/dbDefinition" },
      description: "Databases by name (the dbRef inputs and exports use).",
    },
    setting: {
      type: "object",
      additionalProperties: false,
      properties: {
        inputs: { type: "array", items: { $ref: "#/definitions/input" } },
        exports: { type: "array", items: { $ref: "#/definitions/export" } },
        parameterOverride: { type: "array", items: { $ref: "#/definitions/parameterOverride" } },
        reportFormat: { enum: [...REPORT_FORMATS], description: "Format of the documents of an EVALUATION job." },
      },
    },
  },
  definitions: {
    dbDefinition: {
      type: "object",
      required: ["type"],
      additionalProperties: false,
      properties: {
        type: { enum: [...DB_TYPES], description: "Database type; SQLite is modeler-batch's embedded extension (db = file path)." },
        host: nonEmpty,
        port: { description: "a port number (1-65535)", oneOf: [{ type: "integer", minimum: 1, maximum: 65535 }, { type: "string", pattern: "^[0-9]{1,5}$" }] },
        db: { ...nonEmpty, description: "Database name (Oracle: service name; SQLite: file path)." },
        username: { type: "string" },
        password: { type: "string" },
        options: { type: "string", description: "Driver options, key=value pairs separated by ';' (Security=SSL, sslmode=require, EnableQuotedIdentifiers=1, ...)." },
      },
      if: { properties: { type: { const: "SQLite" } } },
      then: { required: ["db"] },
      else: { required: ["host", "db"] },
    },
    input: {
      type: "object",
      required: ["odbc", "node"],
      additionalProperties: false,
      properties: {
        odbc: {
          type: "object",
          required: ["dbRef", "table"],
          additionalProperties: false,
          properties: { dbRef: nonEmpty, table: nonEmpty },
        },
        node: { ...nonEmpty, description: "Source node to replace: id, name or label." },
      },
    },
    export: {
      type: "object",
      required: ["odbc", "node"],
      additionalProperties: false,
      properties: {
        odbc: {
          type: "object",
          required: ["dbRef", "table"],
          additionalProperties: false,
          properties: {
            dbRef: nonEmpty,
            table: nonEmpty,
            insertMode: { enum: [...INSERT_MODES], default: "Append", description: "Append (table must exist), Create (error if it exists), Drop (replace it), Refresh (delete its rows first)." },
          },
        },
        node: { ...nonEmpty, description: "Terminal node to replace: id, name or label." },
        bulkLoading: { enum: [...BULK_LOADING], default: "Off", description: "ODBC: the database's bulk path; Off: batched INSERTs." },
      },
    },
    parameterOverride: {
      type: "object",
      required: ["name", "value"],
      additionalProperties: false,
      properties: {
        name: nonEmpty,
        value: { type: ["string", "number", "boolean", "null"] },
      },
    },
  },
} as const;
