import { FastInfosetError } from "./errors.js";
import { MAX_STRING_LENGTH } from "./constants.js";

const utf8Decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Short ASCII strings are decoded with latin1 (a plain copy); the fatal UTF-8 decoder costs more per call. */
const ASCII_FAST_PATH_MAX = 64;

/**
 * A cursor over the input with the integer and length encodings of X.891 Annex C. Every read is
 * bounds-checked and every decoded length is checked against the remaining input before anything
 * is allocated, so malformed input ends in a `FastInfosetError` carrying the byte offset.
 *
 * Methods named `…Bit<n>` take the octet already read in which the field starts at bit n
 * (bit 1 is the most significant) and consume the following octets of the field.
 */
export class ByteReader {
  readonly bytes: Uint8Array;
  private readonly buffer: Buffer;
  pos: number;
  readonly end: number;

  constructor(bytes: Uint8Array, start = 0) {
    this.bytes = bytes;
    this.buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.pos = start;
    this.end = bytes.length;
  }

  fail(message: string, offset: number = this.pos): never {
    throw new FastInfosetError(message, offset);
  }

  remaining(): number {
    return this.end - this.pos;
  }

  u8(): number {
    if (this.pos >= this.end) this.fail("unexpected end of input");
    return this.bytes[this.pos++]!;
  }

  peek(): number {
    if (this.pos >= this.end) this.fail("unexpected end of input");
    return this.bytes[this.pos]!;
  }

  need(count: number, what: string): void {
    if (count > this.end - this.pos) {
      this.fail(`${what} needs ${count} octets but only ${this.end - this.pos} remain (truncated or corrupt length)`);
    }
  }

  private uintBE(count: number): number {
    this.need(count, "integer");
    let value = 0;
    for (let i = 0; i < count; i++) value = value * 256 + this.bytes[this.pos++]!;
    return value;
  }

  /** C.21: length of a sequence-of, 1 .. 2^20. Each item takes at least one octet, so the count is capped by the input. */
  sequenceLength(what: string): number {
    const at = this.pos;
    const b = this.u8();
    let count: number;
    if ((b & 0x80) === 0) count = b + 1;
    else if ((b & 0xf0) === 0x80) count = ((b & 0x0f) << 16) + this.uintBE(2) + 129;
    else return this.fail(`invalid sequence length octet 0x${hex(b)} for ${what}`, at);
    if (count > 1 << 20) this.fail(`${what} has ${count} items, more than 2^20`, at);
    if (count > this.end - this.pos) this.fail(`${what} claims ${count} items but only ${this.end - this.pos} octets remain`, at);
    return count;
  }

  /** C.22: non-empty octet string length starting on the second bit. */
  lengthBit2(b: number): number {
    const at = this.pos - 1;
    let length: number;
    if ((b & 0x40) === 0) length = (b & 0x3f) + 1;
    else if ((b & 0x7f) === 0x40) length = this.u8() + 65;
    else if ((b & 0x7f) === 0x60) length = this.uintBE(4) + 321;
    else return this.fail(`invalid octet string length prefix 0x${hex(b)}`, at);
    return this.checkLength(length, at);
  }

  /** C.23: non-empty octet string length starting on the fifth bit. */
  lengthBit5(b: number): number {
    const at = this.pos - 1;
    let length: number;
    if ((b & 0x08) === 0) length = (b & 0x07) + 1;
    else if ((b & 0x0f) === 0x08) length = this.u8() + 9;
    else if ((b & 0x0f) === 0x0c) length = this.uintBE(4) + 265;
    else return this.fail(`invalid octet string length prefix 0x${hex(b)}`, at);
    return this.checkLength(length, at);
  }

  /** C.24: non-empty octet string length starting on the seventh bit. */
  lengthBit7(b: number): number {
    const at = this.pos - 1;
    let length: number;
    if ((b & 0x02) === 0) length = (b & 0x01) + 1;
    else if ((b & 0x03) === 0x02) length = this.u8() + 3;
    else length = this.uintBE(4) + 259;
    return this.checkLength(length, at);
  }

  private checkLength(length: number, at: number): number {
    if (length > this.end - this.pos) {
      this.fail(`octet string of ${length} octets exceeds the ${this.end - this.pos} remaining`, at);
    }
    return length;
  }

  /** C.25: integer 1 .. 2^20 starting on the second bit (indices of identifying strings, attribute names). */
  indexBit2(b: number): number {
    if ((b & 0x40) === 0) return (b & 0x3f) + 1;
    if ((b & 0x60) === 0x40) return ((b & 0x1f) << 8) + this.u8() + 65;
    if ((b & 0x70) === 0x60) return ((b & 0x0f) << 16) + this.uintBE(2) + 8257;
    return this.fail(`invalid index prefix 0x${hex(b)}`, this.pos - 1);
  }

  /** C.27: integer 1 .. 2^20 starting on the third bit (element name indices). */
  indexBit3(b: number): number {
    if ((b & 0x20) === 0) return (b & 0x1f) + 1;
    switch (b & 0x38) {
      case 0x20:
        return ((b & 0x07) << 8) + this.u8() + 33;
      case 0x28:
        return ((b & 0x07) << 16) + this.uintBE(2) + 2081;
    }
    if ((b & 0x3f) === 0x30) return this.largeIndex(526369);
    return this.fail(`invalid index prefix 0x${hex(b)}`, this.pos - 1);
  }

  /** C.28: integer 1 .. 2^20 starting on the fourth bit (content character chunk indices). */
  indexBit4(b: number): number {
    if ((b & 0x10) === 0) return (b & 0x0f) + 1;
    switch (b & 0x1c) {
      case 0x10:
        return ((b & 0x03) << 8) + this.u8() + 17;
      case 0x14:
        return ((b & 0x03) << 16) + this.uintBE(2) + 1041;
    }
    if ((b & 0x1f) === 0x18) return this.largeIndex(263185);
    return this.fail(`invalid index prefix 0x${hex(b)}`, this.pos - 1);
  }

  /** The three-octet form shared by C.27 and C.28: four padding bits, then 20 bits. */
  private largeIndex(base: number): number {
    const at = this.pos;
    const value = this.uintBE(3);
    if (value >= 1 << 20) this.fail("padding bits of a large index are not zero", at);
    return value + base;
  }

  /** The octet-aligned 8-bit index of a restricted alphabet or encoding algorithm split across two octets. */
  splitOctet(high: number, shift: number): { index: number; next: number } {
    const next = this.u8();
    return { index: (((high << (8 - shift)) | (next >> shift)) & 0xff) + 1, next };
  }

  take(length: number): Uint8Array {
    this.need(length, "octet string");
    const start = this.pos;
    this.pos += length;
    return this.bytes.subarray(start, start + length);
  }

  utf8(length: number): string {
    this.need(length, "UTF-8 string");
    const start = this.pos;
    const end = start + length;
    this.pos = end;
    const bytes = this.bytes;
    if (length <= ASCII_FAST_PATH_MAX) {
      let ascii = true;
      for (let i = start; i < end; i++) {
        if (bytes[i]! >= 0x80) {
          ascii = false;
          break;
        }
      }
      if (ascii) return this.buffer.toString("latin1", start, end);
    }
    if (length > MAX_STRING_LENGTH) this.fail(`string of ${length} octets is too long to decode`, start);
    try {
      return utf8Decoder.decode(bytes.subarray(start, end));
    } catch {
      return this.fail("invalid UTF-8 in character string", start);
    }
  }

  /** The "utf-16" alternative of an encoded character string: big-endian code units; lone surrogates are kept. */
  utf16(length: number): string {
    const start = this.pos;
    if (length % 2 !== 0) this.fail(`UTF-16 string has an odd length (${length} octets)`, start);
    this.need(length, "UTF-16 string");
    this.pos += length;
    if (length / 2 > MAX_STRING_LENGTH) this.fail(`string of ${length} octets is too long to decode`, start);
    const bytes = this.bytes;
    const units = new Uint16Array(length / 2);
    for (let i = 0, j = start; i < units.length; i++, j += 2) units[i] = (bytes[j]! << 8) | bytes[j + 1]!;
    let text = "";
    const CHUNK = 8192;
    for (let i = 0; i < units.length; i += CHUNK) {
      text += String.fromCharCode.apply(null, units.subarray(i, i + CHUNK) as unknown as number[]);
    }
    return text;
  }
}

export function hex(b: number): string {
  return b.toString(16).padStart(2, "0");
}
