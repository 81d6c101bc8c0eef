import { ModelerBatchError } from "../../../errors.js";

/**
 * A stream cannot be written as `.str` as it is (a changed property with no reverse mapping, a
 * value with no `.str` form, a link across a SuperNode). Thrown by the node mappings' codecs
 * as well as by the writer in `modeler/export`, hence defined beside the codecs.
 */
export class StrWriteError extends ModelerBatchError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super("STR_WRITE", message, details);
  }
}
