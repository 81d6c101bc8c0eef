/**
 * Errors of model builders and nuggets that are neither a bad property value (those are
 * `NodePropertyError`s) nor a training failure (`TrainingError` from `src/models/`).
 */
import { ModelerBatchError } from "../../../errors.js";

/** The fields a builder would train on do not fit: no target, a typeless input, a wrong measure. */
export class ModelFieldError extends ModelerBatchError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super("MODEL_FIELDS", message, details);
  }
}

/** A nugget has no model, or its model cannot be scored here. */
export class NuggetModelError extends ModelerBatchError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super("NUGGET_MODEL", message, details);
  }
}
