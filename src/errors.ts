/**
 * The error classes every module shares.
 *
 * Every error a user can cause is a `ModelerBatchError` with a stable `code` (for programs)
 * and a message that says what to change (for people). Internal bugs stay plain `Error`s,
 * so that anything that is not a `ModelerBatchError` reads as "our fault" in logs and in the
 * service's 500 answers.
 */
export class ModelerBatchError extends Error {
  /** Stable machine-readable code, e.g. `CLEM_SYNTAX`, `STREAM_FORMAT`. */
  readonly code: string;
  /** Structured facts about the error (node id, field, JSON path, line, column, ...). */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: string, message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, message: this.message, ...this.details };
  }
}

/** A user-facing error that is not tied to one concern (bad option, bad argument). */
export class UsageError extends ModelerBatchError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super("USAGE", message, details);
  }
}

/** The run was cancelled through its `AbortSignal`. */
export class CancelledError extends ModelerBatchError {
  constructor(message = "the run was cancelled") {
    super("CANCELLED", message);
  }
}

/** True for errors the user can fix (as opposed to internal bugs). */
export function isUserError(err: unknown): err is ModelerBatchError {
  return err instanceof ModelerBatchError;
}
