/**
 * `modeler-batch clem <expr>`: parses (and with --record, evaluates) a CLEM expression.
 * Prints the value as JSON, or the error with line and column (exit 2).
 */
import type { Command } from "commander";
import { makeBatch } from "../../data/batch.js";
import { makeField } from "../../data/field.js";
import { Schema } from "../../data/schema.js";
import { storageOfJsValue, formatIsoDate, formatIsoTime, formatIsoTimestamp, type Value } from "../../data/values.js";
import type { Storage } from "../../data/storage.js";
import { compileClem, parseClem } from "../../clem/index.js";
import { UsageError } from "../../errors.js";
import { parseJsonText } from "../../stream/json-format.js";
import { describeError, errorJson, exitCodeFor, EXIT_OK } from "../exit.js";
import { collect, parseAssignments } from "../options.js";

interface ClemOptions {
  check?: boolean;
  record?: string;
  param: string[];
  json?: boolean;
}

export function registerClem(program: Command): void {
  program
    .command("clem")
    .description("parse a CLEM expression, or evaluate it against a record")
    .argument("<expr>", "the expression")
    .option("--check", "parse and type-check only")
    .option("--record <json>", 'field values, e.g. \'{"Age": 42, "Sex": "F"}\'')
    .option("--param <name=value>", "a stream parameter for '$P-name' (repeatable)", collect, [])
    .action((expr: string, opts: ClemOptions, cmd: Command) => {
      let code = EXIT_OK;
      try {
        process.stdout.write(clemCommand(expr, opts) + "\n");
      } catch (err) {
        if (opts.json) process.stdout.write(JSON.stringify(errorJson(err)) + "\n");
        process.stderr.write(describeError(err) + "\n");
        code = exitCodeFor(err);
      }
      cmd.parent!.setOptionValue("exitCode", code);
    });
}

export function clemCommand(expr: string, opts: ClemOptions): string {
  const record = opts.record === undefined ? {} : recordFromJson(opts.record);
  const names = Object.keys(record);
  const schema = new Schema(names.map((n) => makeField(n, storageOfJsValue(record[n]))));
  const parameters = new Map(
    Object.entries(parseAssignments(opts.param, "--param")).map(([k, text]) => {
      const storage: Storage = /^[+-]?\d+$/.test(text) ? "integer" : text.trim() !== "" && Number.isFinite(Number(text)) ? "real" : "string";
      const value: Value = storage === "string" ? text : Number(text);
      return [k, { storage, value }];
    }),
  );
  parseClem(expr);
  const compiled = compileClem(expr, { schema, parameters });
  if (opts.check || opts.record === undefined) {
    return JSON.stringify({ ok: true, storage: compiled.storage, fields: compiled.fields, warnings: compiled.warnings });
  }
  const batch = makeBatch(schema, names.map((n) => [record[n] ?? null]), 1);
  const value = compiled.evaluate(batch)[0] ?? null;
  return jsonValue(value, compiled.storage);
}

function recordFromJson(text: string): Record<string, Value> {
  const parsed = parseJsonText(text, "--record", UsageError as never);
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new UsageError("--record takes a JSON object of field values");
  for (const [k, v] of Object.entries(parsed)) {
    if (v !== null && typeof v !== "number" && typeof v !== "string") throw new UsageError(`--record: field "${k}" must be a number, a string or null`);
  }
  return parsed as Record<string, Value>;
}

function jsonValue(v: Value, storage: string): string {
  if (v === null) return "null";
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number") {
    if (storage === "date") return JSON.stringify(formatIsoDate(v));
    if (storage === "time") return JSON.stringify(formatIsoTime(v));
    if (storage === "timestamp") return JSON.stringify(formatIsoTimestamp(v));
  }
  return JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? Number(x) : x));
}
