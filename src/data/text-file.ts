/**
 * Reading a text file as decoded chunks, one large read at a time, only when the consumer asks
 * for the next chunk (so a source that is not pulled does not read). Shared by the file source
 * nodes: decoding (`TextDecoder` in streaming mode, so characters split across reads are
 * kept whole; a byte-order mark is dropped), invalid characters (undecodable bytes and NUL)
 * discarded or replaced, and a number of leading characters skipped.
 */
import { open, type FileHandle } from "node:fs/promises";
import { isAscii } from "node:buffer";
import { TextDecoder } from "node:util";
import { isAsciiCompatible } from "./text-encoding.js";

/** Bytes per read: large reads keep system-call and decoding overhead small. */
export const DEFAULT_CHUNK_BYTES = 1 << 20;

export interface TextFileOptions {
  /** Canonical encoding name (see `resolveEncoding`). */
  readonly encoding: string;
  readonly chunkBytes?: number;
  /** What to do with characters that are not valid in the encoding (and NUL). Default: keep. */
  readonly invalid?: { readonly mode: "Discard" | "Replace"; readonly replacement: string };
  /** Characters to drop at the start of the file (Var. File `skip_header`). */
  readonly skipChars?: number;
}

export class TextFileReader {
  private readonly decoder: TextDecoder;
  private readonly buffer: Buffer;
  private toSkip: number;
  private done = false;
  /**
   * While every chunk so far was pure ASCII in an ASCII-compatible encoding, chunks are made
   * strings by a plain byte copy (Latin-1), much faster than decoding; the decoder then holds no
   * partial character. After the first other chunk, the decoder does everything.
   */
  private asciiSoFar: boolean;
  /** Characters replaced or discarded as invalid so far. */
  invalidCount = 0;

  private constructor(private readonly handle: FileHandle, private readonly options: TextFileOptions) {
    this.decoder = new TextDecoder(options.encoding);
    this.buffer = Buffer.allocUnsafe(options.chunkBytes ?? DEFAULT_CHUNK_BYTES);
    this.toSkip = options.skipChars ?? 0;
    this.asciiSoFar = isAsciiCompatible(options.encoding);
  }

  static async open(path: string, options: TextFileOptions): Promise<TextFileReader> {
    return new TextFileReader(await open(path, "r"), options);
  }

  /** The next decoded chunk (possibly empty), or `null` after the end of the file. */
  async read(): Promise<string | null> {
    if (this.done) return null;
    const { bytesRead } = await this.handle.read(this.buffer, 0, this.buffer.length, null);
    let text: string;
    if (bytesRead === 0) {
      this.done = true;
      text = this.decoder.decode();
      if (text === "") return null;
    } else {
      const bytes = this.buffer.subarray(0, bytesRead);
      if (this.asciiSoFar && isAscii(bytes)) text = bytes.toString("latin1");
      else {
        this.asciiSoFar = false;
        text = this.decoder.decode(bytes, { stream: true });
      }
    }
    text = this.cleanInvalid(text);
    if (this.toSkip > 0) {
      const skip = Math.min(this.toSkip, text.length);
      text = text.slice(skip);
      this.toSkip -= skip;
    }
    return text;
  }

  async close(): Promise<void> {
    this.done = true;
    await this.handle.close();
  }

  private cleanInvalid(text: string): string {
    const invalid = this.options.invalid;
    if (!invalid || (text.indexOf("\ufffd") < 0 && text.indexOf("\u0000") < 0)) return text;
    const replacement = invalid.mode === "Replace" ? invalid.replacement : "";
    for (const bad of ["\ufffd", "\u0000"]) {
      const parts = text.split(bad);
      this.invalidCount += parts.length - 1;
      text = parts.join(replacement);
    }
    return text;
  }
}

/**
 * The start of a file, decoded: chunks are read until `enough(text)` says so or the file
 * ends. Used to detect field names and storages before any record flows.
 */
export async function readTextHead(path: string, options: TextFileOptions, enough: (text: string) => boolean): Promise<{ text: string; complete: boolean }> {
  const reader = await TextFileReader.open(path, options);
  try {
    let text = "";
    for (;;) {
      const chunk = await reader.read();
      if (chunk === null) return { text, complete: true };
      text += chunk;
      if (enough(text)) return { text, complete: false };
    }
  } finally {
    await reader.close();
  }
}
