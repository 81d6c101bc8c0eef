/**
 * Reading a job definition: JSON text (errors with line and column, typographic quotes
 * named as such), the JSON Schema (errors with the JSON path and what is expected there),
 * then the cross-references the schema cannot express (every dbRef is defined, no node or
 * parameter named twice). The result is normalised (`insertMode` Append and `bulkLoading`
 * Off when absent, ports as numbers).
 */
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { lineColumnOf, parseJsonWithPosition } from "../../data/json-text.js";
import type { DbDefinition } from "../../db/definition.js";
import { JobDefinitionError, jsonPath } from "./errors.js";
import { JOB_DEFINITION_SCHEMA } from "./schema.js";
import type { JobDefinition, JobExport, JobInput, ParameterOverride } from "./types.js";

let validator: ValidateFunction | undefined;

function validate(doc: unknown): ErrorObject[] {
  validator ??= new Ajv({ allErrors: true, strict: false, verbose: true }).compile(JOB_DEFINITION_SCHEMA);
  return validator(doc) ? [] : [...(validator.errors ?? [])];
}

const TYPOGRAPHIC_QUOTES = /[\u201c\u201d\u2018\u2019\u00ab\u00bb]/;

/** Parses JSON text; a syntax error names its line and column (and a typographic quote before it). */
export function parseJobJson(text: string): unknown {
  const parsed = parseJsonWithPosition(text);
  if ("value" in parsed) return parsed.value;
  const { line, column, reason } = parsed.problem;
  const errorOffset = offsetOf(text, line, column);
  const quoteAt = text.search(TYPOGRAPHIC_QUOTES);
  if (quoteAt >= 0 && quoteAt <= errorOffset) {
    // A typographic quote (as in the original API's examples) is the real culprit even where
    // the parser only notices later (it reads on inside what it takes for a string).
    const q = lineColumnOf(text, quoteAt);
    throw new JobDefinitionError(
      `the job definition is not valid JSON: typographic quote ${text[quoteAt]} at line ${q.line}, column ${q.column}; JSON needs plain double quotes (") around keys and strings (the parser stopped at line ${line}, column ${column}: ${reason})`,
      { line: q.line, column: q.column, reason: "typographic quote" },
    );
  }
  throw new JobDefinitionError(`the job definition is not valid JSON: ${reason} at line ${line}, column ${column}`, { line, column, reason });
}

function offsetOf(text: string, line: number, column: number): number {
  let pos = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf("\n", pos);
    if (nl < 0) return text.length;
    pos = nl + 1;
  }
  return pos + column - 1;
}

export interface JobProblem {
  readonly path: string;
  readonly message: string;
}

export interface ParseJobOptions {
  /**
   * Databases defined outside the job (the command line's `--db`, an embedding application's
   * own list): a `dbRef` may name them as well as the job's `dbDefinitions`.
   */
  readonly databases?: Iterable<string>;
}

/** Checks a parsed document; returns every problem (empty when it is a valid definition). */
export function jobDefinitionProblems(doc: unknown, options: ParseJobOptions = {}): JobProblem[] {
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) return [{ path: "$", message: "a job definition must be a JSON object" }];
  const schemaProblems = describeSchemaErrors(validate(doc));
  if (schemaProblems.length > 0) return schemaProblems;
  return crossReferenceProblems(doc as RawJob, [...(options.databases ?? [])]);
}

/** A job definition from JSON text or a parsed object, validated and normalised. */
export function parseJobDefinition(input: string | unknown, options: ParseJobOptions = {}): JobDefinition {
  const doc = typeof input === "string" ? parseJobJson(input) : input;
  const problems = jobDefinitionProblems(doc, options);
  if (problems.length > 0) {
    const list = problems.map((p) => `${p.path}: ${p.message}`);
    const message = problems.length === 1 ? `invalid job definition at ${list[0]}` : `invalid job definition (${problems.length} problems): ${list.join("; ")}`;
    throw new JobDefinitionError(message, { path: problems[0]!.path, errors: problems });
  }
  return normalise(doc as RawJob);
}

interface RawJob {
  action: JobDefinition["action"];
  model: { id: string; name?: string };
  dbDefinitions?: Record<string, Omit<DbDefinition, "port"> & { port?: number | string }>;
  setting?: {
    inputs?: JobInput[];
    exports?: Array<Omit<JobExport, "bulkLoading" | "odbc"> & { bulkLoading?: JobExport["bulkLoading"]; odbc: { dbRef: string; table: string; insertMode?: JobExport["odbc"]["insertMode"] } }>;
    parameterOverride?: ParameterOverride[];
    reportFormat?: JobDefinition["setting"]["reportFormat"];
  };
}

function normalise(raw: RawJob): JobDefinition {
  const dbDefinitions: Record<string, DbDefinition> = {};
  for (const [name, def] of Object.entries(raw.dbDefinitions ?? {})) {
    dbDefinitions[name] = { ...def, ...(def.port !== undefined && { port: Number(def.port) }) } as DbDefinition;
  }
  const s = raw.setting ?? {};
  return {
    action: raw.action,
    model: { id: raw.model.id, ...(raw.model.name !== undefined && { name: raw.model.name }) },
    dbDefinitions,
    setting: {
      inputs: (s.inputs ?? []).map((i) => ({ odbc: { dbRef: i.odbc.dbRef, table: i.odbc.table }, node: i.node })),
      exports: (s.exports ?? []).map((e) => ({
        odbc: { dbRef: e.odbc.dbRef, table: e.odbc.table, insertMode: e.odbc.insertMode ?? "Append" },
        node: e.node,
        bulkLoading: e.bulkLoading ?? "Off",
      })),
      parameterOverride: (s.parameterOverride ?? []).map((p) => ({ name: p.name, value: p.value })),
      ...(s.reportFormat !== undefined && { reportFormat: s.reportFormat }),
    },
  };
}

function crossReferenceProblems(raw: RawJob, elsewhere: readonly string[]): JobProblem[] {
  const problems: JobProblem[] = [];
  const defined = [...new Set([...Object.keys(raw.dbDefinitions ?? {}), ...elsewhere])];
  const checkRef = (dbRef: string, path: Array<string | number>) => {
    if (!defined.includes(dbRef)) {
      problems.push({ path: jsonPath(path), message: `names database "${dbRef}", which neither dbDefinitions nor --db defines (${defined.length > 0 ? `defined: ${defined.map((d) => `"${d}"`).join(", ")}` : "it defines none"})` });
    }
  };
  const twice = (list: readonly string[], what: string, path: (i: number) => Array<string | number>) => {
    list.forEach((v, i) => {
      const first = list.indexOf(v);
      if (first < i) problems.push({ path: jsonPath(path(i)), message: `${what} "${v}" is already named at ${jsonPath(path(first))}` });
    });
  };
  const s = raw.setting ?? {};
  (s.inputs ?? []).forEach((inp, i) => checkRef(inp.odbc.dbRef, ["setting", "inputs", i, "odbc", "dbRef"]));
  (s.exports ?? []).forEach((exp, i) => checkRef(exp.odbc.dbRef, ["setting", "exports", i, "odbc", "dbRef"]));
  twice((s.inputs ?? []).map((x) => x.node), "node", (i) => ["setting", "inputs", i, "node"]);
  twice((s.exports ?? []).map((x) => x.node), "node", (i) => ["setting", "exports", i, "node"]);
  twice((s.parameterOverride ?? []).map((x) => x.name), "parameter", (i) => ["setting", "parameterOverride", i, "name"]);
  return problems;
}

/** One message per schema violation, with its JSON path and what is expected there. */
function describeSchemaErrors(errors: readonly ErrorObject[]): JobProblem[] {
  const oneOfPaths = errors.filter((e) => e.keyword === "oneOf").map((e) => ({ instancePath: e.instancePath, schemaPath: e.schemaPath.replace(/\/oneOf$/, "/oneOf/") }));
  const out: JobProblem[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (e.keyword === "if") continue;
    // Errors inside a oneOf's branches are summed up by the oneOf error itself.
    if (e.keyword !== "oneOf" && oneOfPaths.some((o) => e.instancePath === o.instancePath && e.schemaPath.startsWith(o.schemaPath))) continue;
    const p = describeOne(e);
    const key = `${p.path}\u0000${p.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(p);
    }
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function segmentsOf(instancePath: string): string[] {
  return instancePath.split("/").slice(1).map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function describeOne(e: ErrorObject): JobProblem {
  const segments = segmentsOf(e.instancePath);
  const path = jsonPath(segments);
  const got = (v: unknown) => (v === undefined ? "" : ` (got ${JSON.stringify(v)})`);
  const parent = e.parentSchema as { properties?: Record<string, unknown>; description?: string } | undefined;
  switch (e.keyword) {
    case "required":
      return { path: jsonPath([...segments, String(e.params.missingProperty)]), message: "is required but missing" };
    case "additionalProperties": {
      const keys = Object.keys(parent?.properties ?? {});
      return { path: jsonPath([...segments, String(e.params.additionalProperty)]), message: `is not a known key${keys.length > 0 ? `; ${path} takes ${keys.map((k) => `"${k}"`).join(", ")}` : ""}` };
    }
    case "enum":
      return { path, message: `must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}${got(e.data)}` };
    case "type":
      return { path, message: `must be ${typeWords(e.params.type)}${got(e.data)}` };
    case "oneOf":
      return { path, message: `must be ${parent?.description ?? "one of the allowed forms"}${got(e.data)}` };
    case "pattern":
      return { path, message: `must match ${String(e.params.pattern)}${got(e.data)}` };
    case "minLength":
      return { path, message: `must not be empty${got(e.data)}` };
    case "propertyNames":
      return { path, message: `has a key that is not allowed (${String(e.params.propertyName)}): names must not be empty` };
    default:
      return { path, message: `${e.message ?? "is invalid"}${got(e.data)}` };
  }
}

function typeWords(t: unknown): string {
  const list = Array.isArray(t) ? t : [t];
  return list.map((x) => (x === "object" ? "an object" : x === "array" ? "an array" : x === "integer" ? "an integer" : x === "null" ? "null" : `a ${String(x)}`)).join(" or ");
}
