import { FastInfosetError } from "./errors.js";
import { MAX_STRING_LENGTH } from "./constants.js";

/** Characters per chunk: long enough to make the chunks few, short enough for the pieces to die young. */
const CHUNK_LENGTH = 16 * 1024;

/**
 * Collects XML text. Millions of small strings kept alive until one final join cost more in
 * garbage collection than the serialisation itself (as does one long rope of concatenations);
 * here the pieces are joined into flat chunks of about 16 K characters as they come, and only the
 * chunks are kept for the final join.
 */
export class TextSink {
  private readonly chunks: string[] = [];
  private pieces: string[] = [];
  private pendingLength = 0;
  private length = 0;

  push(text: string): void {
    this.pieces.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= CHUNK_LENGTH) this.flush();
  }

  private flush(): void {
    this.length += this.pendingLength;
    if (this.length > MAX_STRING_LENGTH) {
      throw new FastInfosetError("the document is too large to serialise as one string", this.length - this.pendingLength, {
        characters: this.length,
      });
    }
    this.chunks.push(this.pieces.join(""));
    this.pieces = [];
    this.pendingLength = 0;
  }

  text(): string {
    this.flush();
    return this.chunks.join("");
  }
}
