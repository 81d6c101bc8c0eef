/**
 * The errors of the PMML module.
 *
 * Load-time problems name the element (as a path such as `PMML/TreeModel/Node[3]/SimplePredicate`)
 * and, where one is to blame, the attribute and its value, so that the message says what to change
 * in the document. Scoring-time problems (an invalid input under `returnInvalid`) name the field.
 */
import { ModelerBatchError } from "../errors.js";

export type PmmlErrorCode =
  /** The text is not well-formed XML or not a PMML document at all. */
  | "PMML_PARSE"
  /** The document breaks the PMML schema or its rules (missing attribute, unknown field, bad number). */
  | "PMML_INVALID"
  /** A valid PMML construct this evaluator does not implement. */
  | "PMML_UNSUPPORTED"
  /** An input value is invalid and the model says `returnInvalid`. */
  | "PMML_INVALID_VALUE"
  /** Scoring could not produce a result (e.g. a required value is missing and no strategy applies). */
  | "PMML_EVALUATION";

export class PmmlError extends ModelerBatchError {
  declare readonly code: PmmlErrorCode;

  constructor(code: PmmlErrorCode, message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(code, message, details, options);
  }
}

/** Something the evaluator does not implement; `what` names the element or attribute value. */
export function unsupported(what: string, path: string, hint?: string): PmmlError {
  return new PmmlError(
    "PMML_UNSUPPORTED",
    `${what} is not supported (at ${path})${hint ? `: ${hint}` : ""}`,
    { path, what },
  );
}

/** The document is wrong; `problem` says how. */
export function invalid(problem: string, path: string): PmmlError {
  return new PmmlError("PMML_INVALID", `${problem} (at ${path})`, { path });
}
