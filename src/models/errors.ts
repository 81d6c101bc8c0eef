/**
 * Errors of model training. Every option a trainer does not implement fails with
 * `UnsupportedTrainingOptionError` naming it, rather than being silently ignored.
 */
import { ModelerBatchError } from "../errors.js";

/** Bad training data or options the user can fix (wrong measure, empty data, out-of-range value). */
export class TrainingError extends ModelerBatchError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super("MODEL_TRAINING", message, details);
  }
}

/** An option (or option value) that this implementation does not provide. */
export class UnsupportedTrainingOptionError extends ModelerBatchError {
  constructor(algorithm: string, option: string, why: string) {
    super("MODEL_OPTION_UNSUPPORTED", `${algorithm}: option "${option}" is not supported: ${why}`, { algorithm, option });
  }
}
