import { FastInfosetError } from "./errors.js";
import { MAX_STRING_LENGTH } from "./constants.js";

/** Pieces gathered per chunk: long enough to make the chunks few, short enough to stay in the young generation. */
const CHUNK_LENGTH = 16 * 1024;

/**
 * Collects XML text. Millions of small strings kept alive until a final join cost more in garbage
 * collection than the serialisation itself (as does one long rope of concatenations); here pieces
 * are concatenated into chunks of about 16 K characters, each flattened as soon as it is complete,
 * and only the flat chunks are kept for the final join.
 */
export class TextSink {
  private readonly chunks: string[] = [];
  private pending = "";
  private length = 0;

  push(text: string): void {
    this.pending += text;
    if (this.pending.length >= CHUNK_LENGTH) this.flush();
  }

  private flush(): void {
    const chunk = this.pending;
    this.pending = "";
    this.length += chunk.length;
    if (this.length > MAX_STRING_LENGTH) {
      throw new FastInfosetError("the document is too large to serialise as one string", this.length - chunk.length, { characters: this.length });
    }
    // Reading a character makes V8 flatten the concatenation into one sequential string.
    chunk.charCodeAt(0);
    this.chunks.push(chunk);
  }

  text(): string {
    this.flush();
    return this.chunks.join("");
  }
}
