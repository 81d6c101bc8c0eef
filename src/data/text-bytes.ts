/**
 * Writing delimited records straight into UTF-8 bytes: numbers become digits in the buffer
 * without an intermediate string, ASCII text is copied char by char, other text goes through
 * Node's UTF-8 encoder. For an export of millions of records this avoids one string (and its
 * garbage) per value, which is most of the cost of building lines as strings.
 *
 * Reals are written exactly as `formatReal` (data/text-format.ts) writes them: the fewest
 * decimals d with round(x·10^d) / 10^d === x, else `String(x)`; integral reals get `.0`.
 */

import { fewDigits } from "./text-format.js";

/** Exact powers of ten (10^0 … 10^22). */
const POW10: readonly number[] = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

export class Utf8Buffer {
  buf: Buffer;
  pos = 0;

  constructor(private readonly initial = 1 << 16) {
    this.buf = Buffer.allocUnsafe(initial);
  }

  /** Room for `n` more bytes. */
  reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  /** The bytes written so far (a new buffer is started, so the result may be kept). */
  take(): Buffer {
    const out = this.buf.subarray(0, this.pos);
    this.buf = Buffer.allocUnsafe(Math.max(this.initial, this.pos + (this.pos >> 3)));
    this.pos = 0;
    return out;
  }

  byte(b: number): void {
    this.reserve(1);
    this.buf[this.pos++] = b;
  }

  /** Text as UTF-8. */
  text(s: string): void {
    const n = s.length;
    this.reserve(n);
    const buf = this.buf;
    let pos = this.pos;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        this.pos = pos;
        this.utf8(s, i);
        return;
      }
      buf[pos++] = c;
    }
    this.pos = pos;
  }

  /** Text with every `quote` character doubled (ASCII quote). */
  quotedText(s: string, quote: number): void {
    const n = s.length;
    this.reserve(n + 2);
    let pos = this.pos;
    const buf = this.buf;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80 || c === quote) {
        this.pos = pos;
        const rest = s.slice(i);
        this.text(rest.split(String.fromCharCode(quote)).join(String.fromCharCode(quote, quote)));
        return;
      }
      buf[pos++] = c;
    }
    this.pos = pos;
  }

  /** A safe integer's digits. */
  integer(v: number): void {
    if (!Number.isSafeInteger(v)) {
      this.text(String(v));
      return;
    }
    if (v < 0) {
      this.byte(45);
      v = -v;
    }
    this.digits(v);
  }

  /** A real with `decimal` (46 `.` or 44 `,`) as separator; see the module comment. */
  real(x: number, decimal: number): void {
    const negative = x < 0;
    const ax = negative ? -x : x;
    if (Number.isInteger(ax) && ax < 1e15) {
      if (negative) this.byte(45);
      this.digits(ax);
      this.reserve(2);
      this.buf[this.pos++] = decimal;
      this.buf[this.pos++] = 48;
      return;
    }
    if (ax >= 1e-6 && ax < 1e15 && fewDigits(ax)) {
      for (let d = 1; d <= 17; d++) {
        const p = POW10[d]!;
        let m = Math.round(ax * p);
        if (m > Number.MAX_SAFE_INTEGER) break;
        if (m / p === ax) {
          while (d > 1 && m % 10 === 0) {
            m /= 10;
            d--;
          }
          if (negative) this.byte(45);
          this.fixed(m, d, decimal);
          return;
        }
      }
    }
    // Too many digits for the search, or very large or small: the shortest round-trip text.
    let s = String(x);
    if (Number.isInteger(x) && s.indexOf("e") < 0) s += ".0";
    this.text(decimal === 46 ? s : s.replace(".", ","));
  }

  /** m / 10^places written with `places` decimals (m ≥ 0). */
  private fixed(m: number, places: number, decimal: number): void {
    const nd = digitCount(m);
    const lead = nd > places ? nd - places : 0;
    const total = (lead === 0 ? 1 : lead) + 1 + places;
    this.reserve(total);
    const buf = this.buf;
    const end = this.pos + total;
    // Fraction digits from the right (zeros where m has fewer digits than places).
    let i = end - 1;
    for (let k = 0; k < places; k++) {
      const q = Math.floor(m / 10);
      buf[i--] = 48 + (m - q * 10);
      m = q;
    }
    buf[i--] = decimal;
    if (lead === 0) buf[i--] = 48;
    else {
      for (let k = 0; k < lead; k++) {
        const q = Math.floor(m / 10);
        buf[i--] = 48 + (m - q * 10);
        m = q;
      }
    }
    this.pos = end;
  }

  private digits(v: number): void {
    const nd = digitCount(v);
    this.reserve(nd);
    const buf = this.buf;
    let i = this.pos + nd - 1;
    if (v < 2147483648) {
      let n = v | 0;
      do {
        const q = (n / 10) | 0;
        buf[i--] = 48 + (n - q * 10);
        n = q;
      } while (n > 0);
    } else {
      do {
        const q = Math.floor(v / 10);
        buf[i--] = 48 + (v - q * 10);
        v = q;
      } while (v > 0);
    }
    this.pos += nd;
  }

  private utf8(s: string, from: number): void {
    const rest = from === 0 ? s : s.slice(from);
    this.reserve(rest.length * 3);
    this.pos += this.buf.write(rest, this.pos, "utf8");
  }
}

function digitCount(v: number): number {
  let n = 1;
  while (n < 23 && v >= POW10[n]!) n++;
  return n;
}
