/**
 * Values read from text files: number parsing that works on a range of a larger string (so a
 * file parser converts fields without slicing them out first), storage detection from sample
 * values, and one converter per storage.
 *
 * The number parsers avoid regular expressions and `Number()` on the hot path: digits are
 * accumulated from char codes and the value is made with one IEEE multiplication or division
 * (exact for up to 15 significant digits and powers of ten up to 10^22, Clinger's fast path);
 * anything longer goes to `Number()` on the cleaned text, which rounds correctly.
 *
 * A converter returns the value, `null` for an empty field (`$null$`), or `undefined` when the
 * text does not parse under the storage; the caller counts those and stores `$null$`.
 */
import { makeDateParser, makeTimeParser, makeTimestampParser } from "./datetime-format.js";
import type { StreamSettings } from "./settings.js";
import type { Storage } from "./storage.js";
import type { Value } from "./values.js";

export type TextConverter = (s: string, start: number, end: number) => Value | undefined;

const SPACE = 32;
const TAB = 9;
const PLUS = 43;
const MINUS = 45;
const ZERO = 48;
const NINE = 57;
const LOWER_E = 101;
const UPPER_E = 69;

/** Exact powers of ten as doubles (10^0 … 10^22). */
const POW10: readonly number[] = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

function isBlankCode(c: number): boolean {
  return c === SPACE || c === TAB;
}

/**
 * An integer written in `s[start, end)`, surrounding spaces and tabs allowed: a safe integer as
 * `number`, a larger one as `bigint`; `null` when the range is blank; `undefined` when it is
 * not an integer (`3.5`, `12a`, `1e3`).
 */
export function parseIntegerRange(s: string, start: number, end: number): number | bigint | null | undefined {
  while (start < end && isBlankCode(s.charCodeAt(start))) start++;
  while (end > start && isBlankCode(s.charCodeAt(end - 1))) end--;
  if (start === end) return null;
  let i = start;
  let negative = false;
  const first = s.charCodeAt(i);
  if (first === MINUS || first === PLUS) {
    negative = first === MINUS;
    i++;
    if (i === end) return undefined;
  }
  if (end - i > 15) return parseLongInteger(s, i, end, negative);
  let n = 0;
  for (; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < ZERO || c > NINE) return undefined;
    n = n * 10 + (c - ZERO);
  }
  return negative ? 0 - n : n;
}

function parseLongInteger(s: string, i: number, end: number, negative: boolean): number | bigint | undefined {
  for (let j = i; j < end; j++) {
    const c = s.charCodeAt(j);
    if (c < ZERO || c > NINE) return undefined;
  }
  const big = BigInt(s.slice(i, end));
  const v = negative ? -big : big;
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

/**
 * A decimal number in `s[start, end)`: optional sign, digits with one decimal separator
 * (`decimalCode`, 46 for `.` or 44 for `,`), optional exponent. `null` when blank, `undefined`
 * when not a number (`NaN`, `Infinity`, `0x10`, `1,000.5` are not numbers here).
 */
export function parseRealRange(s: string, start: number, end: number, decimalCode = 46): number | null | undefined {
  while (start < end && isBlankCode(s.charCodeAt(start))) start++;
  while (end > start && isBlankCode(s.charCodeAt(end - 1))) end--;
  if (start === end) return null;
  let i = start;
  let negative = false;
  let c = s.charCodeAt(i);
  if (c === MINUS || c === PLUS) {
    negative = c === MINUS;
    i++;
  }
  let mantissa = 0;
  let significant = 0;
  let scale = 0;
  let digits = 0;
  for (; i < end; i++) {
    c = s.charCodeAt(i);
    if (c < ZERO || c > NINE) break;
    digits++;
    if (significant > 0 || c !== ZERO) {
      if (significant < 16) mantissa = mantissa * 10 + (c - ZERO);
      else scale++;
      significant++;
    }
  }
  if (i < end && c === decimalCode) {
    for (i++; i < end; i++) {
      c = s.charCodeAt(i);
      if (c < ZERO || c > NINE) break;
      digits++;
      if (significant > 0 || c !== ZERO) {
        if (significant < 16) {
          mantissa = mantissa * 10 + (c - ZERO);
          scale--;
        }
        significant++;
      } else {
        scale--;
      }
    }
  }
  if (digits === 0) return undefined;
  if (i < end && (c === LOWER_E || c === UPPER_E)) {
    i++;
    let expNegative = false;
    c = s.charCodeAt(i);
    if (i < end && (c === MINUS || c === PLUS)) {
      expNegative = c === MINUS;
      i++;
    }
    const expStart = i;
    let exp = 0;
    for (; i < end; i++) {
      c = s.charCodeAt(i);
      if (c < ZERO || c > NINE) return undefined;
      if (exp < 100_000) exp = exp * 10 + (c - ZERO);
    }
    if (i === expStart) return undefined;
    scale += expNegative ? -exp : exp;
  }
  if (i !== end) return undefined;
  let v: number;
  if (significant <= 15 && scale >= -22 && scale <= 22) {
    v = scale >= 0 ? mantissa * POW10[scale]! : mantissa / POW10[-scale]!;
  } else {
    // Too many digits or a large exponent for the exact fast path: let Number() round.
    const text = s.slice(start, end);
    v = Number(decimalCode === 46 ? text : text.replace(",", "."));
    if (Number.isNaN(v)) return undefined;
    if (!Number.isFinite(v)) return undefined;
    return v;
  }
  if (!Number.isFinite(v)) return undefined;
  return negative ? -v : v;
}

/** Trimming of values (`strip_spaces`): which ends lose spaces. */
export type StripMode = "None" | "Left" | "Right" | "Both";

export interface TextValueOptions {
  /** `.` or `,`. */
  readonly decimalSymbol: "." | ",";
  /** Formats for date, time and timestamp parsing (Modeler tokens). */
  readonly dateFormat: string;
  readonly timeFormat: string;
  readonly settings: Pick<StreamSettings, "dateBaseline" | "date2DigitBaseline">;
}

/** The converter of one storage. Strings are returned as they are (empty stays empty). */
export function makeTextConverter(storage: Storage, options: TextValueOptions): TextConverter {
  const decimalCode = options.decimalSymbol === "," ? 44 : 46;
  switch (storage) {
    case "integer":
      return parseIntegerRange;
    case "real":
      return decimalCode === 46 ? parseRealRange : (s, a, b) => parseRealRange(s, a, b, decimalCode);
    case "date": {
      const parse = makeDateParser(options.dateFormat, options.settings);
      return textParser(parse);
    }
    case "time": {
      const parse = makeTimeParser(options.timeFormat);
      return textParser(parse);
    }
    case "timestamp": {
      const parse = makeTimestampParser(options.dateFormat, options.timeFormat, options.settings);
      return textParser(parse);
    }
    default: {
      const interner = new RangeInterner();
      return (s, a, b) => interner.get(s, a, b);
    }
  }
}

/**
 * Strings of a column, shared when they repeat: categorical fields (`F`/`M`, `drugY`) hold a
 * few values millions of times, and slicing each anew makes millions of short-lived strings
 * that survive a batch or two and then cost the garbage collector. A small hash table of recent
 * values is looked up by the characters of the range (no slice on a hit). A column whose values
 * mostly miss (identifiers, free text) stops looking after a while.
 */
export class RangeInterner {
  private readonly slots: Array<string | undefined> = new Array<string | undefined>(1024).fill(undefined);
  private lookups = 0;
  private misses = 0;
  private enabled = true;

  get(s: string, a: number, b: number): string {
    const length = b - a;
    if (!this.enabled || length > 32) return a === 0 && b === s.length ? s : s.slice(a, b);
    let h = length;
    for (let i = a; i < b; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
    const slot = (h ^ (h >>> 10)) & 1023;
    const known = this.slots[slot];
    this.lookups++;
    if (known !== undefined && known.length === length) {
      let i = 0;
      while (i < length && known.charCodeAt(i) === s.charCodeAt(a + i)) i++;
      if (i === length) return known;
    }
    // A slice of 13 or more characters would keep the whole chunk of text alive while it sits
    // in the table; concatenation forces a string of its own.
    const value = length >= 13 ? (" " + s.slice(a, b)).slice(1) : s.slice(a, b);
    this.slots[slot] = value;
    if (++this.misses > 4096 && this.misses * 2 > this.lookups) this.enabled = false;
    return value;
  }
}

function textParser(parse: (text: string) => number | null): TextConverter {
  return (s, a, b) => {
    const text = s.slice(a, b);
    if (text.trim() === "") return null;
    const v = parse(text);
    return v === null ? undefined : v;
  };
}

/** One sampled value of a column: its text and whether it was written in quotes. */
export interface SampleValue {
  readonly text: string;
  readonly quoted: boolean;
}

/**
 * The storage of a column from sampled values (Modeler scans the first `lines_to_scan` lines):
 * Integer when every non-blank value is an integer, else Real when every one is a number, else
 * (with `dates`) Date, Time or Timestamp when every one parses with the stream's format, else
 * String. A quoted value makes the column String (Modeler stores quoted text as a string).
 * A column with no non-blank value is String.
 */
export function detectStorage(samples: readonly SampleValue[], options: TextValueOptions, dates: boolean): Storage {
  const values: string[] = [];
  for (const sv of samples) {
    if (sv.quoted) return "string";
    if (sv.text.trim() !== "") values.push(sv.text);
  }
  if (values.length === 0) return "string";
  const candidates: Storage[] = ["integer", "real"];
  if (dates) candidates.push("date", "time", "timestamp");
  for (const storage of candidates) {
    let convert: TextConverter;
    try {
      convert = makeTextConverter(storage, options);
    } catch {
      continue; // an unusable stream date/time format: that storage is never detected
    }
    if (values.every((v) => convert(v, 0, v.length) !== undefined)) return storage;
  }
  return "string";
}

/** Removes spaces and tabs from one or both ends of `s[start, end)`; returns the new bounds. */
export function stripRange(s: string, start: number, end: number, mode: StripMode): [number, number] {
  if (mode === "Left" || mode === "Both") while (start < end && isBlankCode(s.charCodeAt(start))) start++;
  if (mode === "Right" || mode === "Both") while (end > start && isBlankCode(s.charCodeAt(end - 1))) end--;
  return [start, end];
}
