/**
 * Exit codes of the command line: 0 success, 1 the run failed, 2 a usage or definition
 * error (the stream, job, node settings, parameters or expression need changing).
 */
import { ModelerBatchError } from "../errors.js";

export const EXIT_OK = 0;
export const EXIT_RUN_FAILED = 1;
export const EXIT_USAGE = 2;

const DEFINITION_CODES = new Set([
  "USAGE", "STREAM_FORMAT", "STREAM_GRAPH", "NODE_PROPERTY", "NODE_REFERENCE", "PARAMETER",
  "CLEM_SYNTAX", "CLEM_TYPE", "JOB_DEFINITION", "UNSUPPORTED_NODE", "SCHEMA", "REGISTRY",
  "PMML_PARSE", "PMML_INVALID", "PMML_UNSUPPORTED", "JOB_ACTION",
  "STR_FORMAT", "STR_WRITE", "FAST_INFOSET",
]);

export function exitCodeFor(err: unknown): number {
  return err instanceof ModelerBatchError && DEFINITION_CODES.has(err.code) ? EXIT_USAGE : EXIT_RUN_FAILED;
}

/** One-line message for people; internal errors keep their stack for bug reports. */
export function describeError(err: unknown): string {
  if (err instanceof ModelerBatchError) return `error [${err.code}]: ${err.message}`;
  if (err instanceof Error) return `internal error: ${err.stack ?? err.message}`;
  return `internal error: ${String(err)}`;
}

export function errorJson(err: unknown): Record<string, unknown> {
  if (err instanceof ModelerBatchError) return { ok: false, error: err.toJSON() };
  return { ok: false, error: { name: "Error", code: "INTERNAL", message: err instanceof Error ? err.message : String(err) } };
}
