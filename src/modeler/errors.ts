import { ModelerBatchError } from "../errors.js";

/**
 * A Modeler `.str` file that cannot be read: not a ZIP, a damaged or hostile container
 * (sizes, member count or compression ratio beyond the limits), a main member that is neither
 * Fast Infoset nor XML, or a stream document without the structure Modeler writes.
 * `details.member` names the ZIP member and `details.offset` the byte offset, when known.
 */
export class StrFormatError extends ModelerBatchError {
  constructor(message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super("STR_FORMAT", message, details, options);
  }
}

/** Defined beside the node mappings' codecs, which throw it too (`nodes/` must not import `modeler/`). */
export { StrWriteError } from "../nodes/common/str-mapping/errors.js";
