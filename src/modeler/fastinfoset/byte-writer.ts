import { FastInfosetError } from "./errors.js";
import { DOUBLE_TERMINATOR, TERMINATOR } from "./constants.js";

/**
 * A growable output buffer with the integer and length encodings of X.891 Annex C, the mirror
 * of `ByteReader`. `high` arguments carry the bits of the first octet that precede the field.
 */
export class ByteWriter {
  private buffer: Buffer = Buffer.allocUnsafe(64 * 1024);
  pos = 0;
  /** Offset of the last 0xF0 written by `terminate()`, while a second terminator may still share its octet. */
  private openTerminator = -1;

  private ensure(count: number): void {
    if (this.pos + count <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.pos + count) size *= 2;
    const grown = Buffer.allocUnsafe(size);
    this.buffer.copy(grown, 0, 0, this.pos);
    this.buffer = grown;
  }

  byte(value: number): void {
    this.ensure(1);
    this.buffer[this.pos++] = value;
  }

  bytes(values: ArrayLike<number>): void {
    this.ensure(values.length);
    for (let i = 0; i < values.length; i++) this.buffer[this.pos++] = values[i]!;
  }

  private uint(value: number, count: number): void {
    this.ensure(count);
    for (let i = count - 1; i >= 0; i--) this.buffer[this.pos++] = Math.floor(value / 2 ** (8 * i)) & 0xff;
  }

  /** Writes `text` as UTF-8; `byteLength` must be `Buffer.byteLength(text)`. */
  utf8(text: string, byteLength: number): void {
    this.ensure(byteLength);
    this.pos += this.buffer.write(text, this.pos, byteLength, "utf8");
  }

  /** Writes `text` as big-endian UTF-16 code units (kept as they are, lone surrogates included). */
  utf16(text: string): void {
    this.ensure(text.length * 2);
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      this.buffer[this.pos++] = unit >> 8;
      this.buffer[this.pos++] = unit & 0xff;
    }
  }

  /**
   * A terminator ('1111'). Two terminators in a row share one octet (0xFF); any other item
   * starts on a fresh octet, so the lone terminator's octet is padded to 0xF0.
   */
  terminate(): void {
    if (this.openTerminator === this.pos - 1 && this.openTerminator >= 0) {
      this.buffer[this.openTerminator] = DOUBLE_TERMINATOR;
      this.openTerminator = -1;
    } else {
      this.byte(TERMINATOR);
      this.openTerminator = this.pos - 1;
    }
  }

  /** C.21 */
  sequenceLength(count: number): void {
    if (count < 1 || count > 1 << 20) throw new FastInfosetError(`a sequence of ${count} items cannot be encoded`, this.pos);
    if (count <= 128) this.byte(count - 1);
    else {
      this.byte(0x80 | ((count - 129) >> 16));
      this.uint((count - 129) & 0xffff, 2);
    }
  }

  /** C.22: length on the second bit. */
  lengthBit2(high: number, length: number): void {
    if (length <= 64) this.byte(high | (length - 1));
    else if (length <= 320) {
      this.byte(high | 0x40);
      this.byte(length - 65);
    } else {
      this.byte(high | 0x60);
      this.uint(length - 321, 4);
    }
  }

  /** C.23: length on the fifth bit. */
  lengthBit5(high: number, length: number): void {
    if (length <= 8) this.byte(high | (length - 1));
    else if (length <= 264) {
      this.byte(high | 0x08);
      this.byte(length - 9);
    } else {
      this.byte(high | 0x0c);
      this.uint(length - 265, 4);
    }
  }

  /** C.24: length on the seventh bit. */
  lengthBit7(high: number, length: number): void {
    if (length <= 2) this.byte(high | (length - 1));
    else if (length <= 258) {
      this.byte(high | 0x02);
      this.byte(length - 3);
    } else {
      this.byte(high | 0x03);
      this.uint(length - 259, 4);
    }
  }

  /** C.25: index 1 .. 2^20 on the second bit. */
  indexBit2(high: number, index: number): void {
    if (index <= 64) this.byte(high | (index - 1));
    else if (index <= 8256) {
      this.byte(high | 0x40 | ((index - 65) >> 8));
      this.byte((index - 65) & 0xff);
    } else {
      this.byte(high | 0x60 | ((index - 8257) >> 16));
      this.uint((index - 8257) & 0xffff, 2);
    }
  }

  /** C.27: index 1 .. 2^20 on the third bit. */
  indexBit3(high: number, index: number): void {
    if (index <= 32) this.byte(high | (index - 1));
    else if (index <= 2080) {
      this.byte(high | 0x20 | ((index - 33) >> 8));
      this.byte((index - 33) & 0xff);
    } else if (index <= 526368) {
      this.byte(high | 0x28 | ((index - 2081) >> 16));
      this.uint((index - 2081) & 0xffff, 2);
    } else {
      this.byte(high | 0x30);
      this.uint(index - 526369, 3);
    }
  }

  /** C.28: index 1 .. 2^20 on the fourth bit. */
  indexBit4(high: number, index: number): void {
    if (index <= 16) this.byte(high | (index - 1));
    else if (index <= 1040) {
      this.byte(high | 0x10 | ((index - 17) >> 8));
      this.byte((index - 17) & 0xff);
    } else if (index <= 263184) {
      this.byte(high | 0x14 | ((index - 1041) >> 16));
      this.uint((index - 1041) & 0xffff, 2);
    } else {
      this.byte(high | 0x18);
      this.uint(index - 263185, 3);
    }
  }

  /** The written octets; copied when the buffer is much larger than the content. */
  result(): Uint8Array {
    const view = this.buffer.subarray(0, this.pos);
    return this.pos < this.buffer.length * 0.75 ? Uint8Array.prototype.slice.call(view) : view;
  }
}
