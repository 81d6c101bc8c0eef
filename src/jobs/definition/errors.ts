import { ModelerBatchError } from "../../errors.js";

/**
 * A job definition that is not valid JSON (`details.line`, `details.column`) or does not
 * follow the schema (`details.path`, a JSON path such as `$.setting.exports[0].odbc.table`).
 */
export class JobDefinitionError extends ModelerBatchError {
  constructor(message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super("JOB_DEFINITION", message, details, options);
  }
}

/** `$.setting.inputs[0].odbc` from path segments; keys that are not identifiers are quoted. */
export function jsonPath(segments: ReadonlyArray<string | number>): string {
  let out = "$";
  for (const s of segments) {
    if (typeof s === "number" || /^\d+$/.test(s)) out += `[${s}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(s)) out += `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}
