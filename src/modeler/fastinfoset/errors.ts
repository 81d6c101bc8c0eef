import { ModelerBatchError } from "../../errors.js";

/**
 * Any problem with a Fast Infoset document: malformed or truncated input, an index outside its
 * table, a feature the caller did not provide (external vocabulary, user encoding algorithm), or
 * a document the encoder cannot represent. `offset` is the byte offset in the input where
 * decoding failed (for the encoder: the offset in the output being written; for XML
 * serialisation: the characters written).
 */
export class FastInfosetError extends ModelerBatchError {
  readonly offset: number;

  constructor(message: string, offset: number, details: Record<string, unknown> = {}) {
    super("FAST_INFOSET", `${message} (at byte offset ${offset})`, { offset, ...details });
    this.offset = offset;
  }
}
