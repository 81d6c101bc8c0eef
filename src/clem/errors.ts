/**
 * CLEM's three error classes: syntax (the text does not parse), type (it parses but cannot run
 * against this input: unknown field or function, wrong arguments, mixed storages) and runtime
 * (a fact only known while rows flow, such as a column missing from a batch).
 *
 * All carry the 1-based line and column of the offending part of the expression, so an editor
 * or a job log can point at it.
 */
import { ModelerBatchError } from "../errors.js";

export interface SourcePosition {
  /** 1-based line; CR, LF and CRLF each end a line. */
  readonly line: number;
  /** 1-based column, counted in UTF-16 code units from the start of the line. */
  readonly column: number;
  /** 0-based offset into the expression text. */
  readonly offset: number;
}

function where(pos: SourcePosition | undefined): string {
  return pos ? ` at line ${pos.line}, column ${pos.column}` : "";
}

export class ClemSyntaxError extends ModelerBatchError {
  readonly line: number;
  readonly column: number;

  constructor(message: string, pos: SourcePosition, details: Record<string, unknown> = {}) {
    super("CLEM_SYNTAX", `CLEM syntax error${where(pos)}: ${message}`, { line: pos.line, column: pos.column, offset: pos.offset, ...details });
    this.line = pos.line;
    this.column = pos.column;
  }
}

export class ClemTypeError extends ModelerBatchError {
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(message: string, pos?: SourcePosition, details: Record<string, unknown> = {}) {
    super("CLEM_TYPE", `CLEM type error${where(pos)}: ${message}`, pos ? { line: pos.line, column: pos.column, offset: pos.offset, ...details } : details);
    this.line = pos?.line;
    this.column = pos?.column;
  }
}

export class ClemRuntimeError extends ModelerBatchError {
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(message: string, pos?: SourcePosition, details: Record<string, unknown> = {}) {
    super("CLEM_RUNTIME", `CLEM runtime error${where(pos)}: ${message}`, pos ? { line: pos.line, column: pos.column, offset: pos.offset, ...details } : details);
    this.line = pos?.line;
    this.column = pos?.column;
  }
}
