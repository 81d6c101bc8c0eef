import { FastInfosetError } from "./errors.js";
import { MAX_STRING_LENGTH } from "./constants.js";

/** Pieces gathered before they are copied out: long enough to amortise the copy, short enough to stay in the young generation. */
const FLUSH_AT = 16 * 1024;

/**
 * Collects XML text. An array of millions of small strings kept alive until a final join costs
 * more in garbage collection than the serialisation itself; here pieces are concatenated into a
 * short run and copied into a growing UTF-16 buffer (exact for any string, lone surrogates
 * included), so only one buffer survives.
 */
export class TextSink {
  private buffer = Buffer.allocUnsafe(64 * 1024);
  private length = 0;
  private pending = "";

  push(text: string): void {
    this.pending += text;
    if (this.pending.length >= FLUSH_AT) this.flush();
  }

  private flush(): void {
    const text = this.pending;
    this.pending = "";
    const needed = this.length + text.length * 2;
    if (needed > MAX_STRING_LENGTH * 2) {
      throw new FastInfosetError("the document is too large to serialise as one string", this.length / 2, { characters: needed / 2 });
    }
    if (needed > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, this.buffer.length * 2));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    this.length += this.buffer.write(text, this.length, "utf16le");
  }

  text(): string {
    this.flush();
    return this.buffer.toString("utf16le", 0, this.length);
  }
}
