/**
 * The fast delimited-text tokenizer the Var. File source runs on (and the CSV reader of
 * data/csv.ts).
 *
 * It scans a decoded string with one char-code loop and a class table (one byte per UTF-16
 * code unit), records field bounds in a reusable `FieldRow` (no per-field strings unless
 * quotes had to be removed) and hands each complete record to a callback, which converts the
 * fields straight into columns. Lines of a one-delimiter format that hold no quote are cut with
 * `indexOf` instead, which is faster still. It is resumable: given text that ends mid-record it
 * stops before that record, so a file can be fed in chunks; and the callback can stop it when a
 * batch is full.
 *
 * Quote handling follows Modeler's Var. File options, per quote character:
 * - `IncludeAsText`: the quote is an ordinary character.
 * - `Discard`: every quote character is removed; it protects nothing (a delimiter between two
 *   quotes still separates fields).
 * - `PairAndDiscard`: quotes pair up wherever they appear in a field; the text between a pair is
 *   taken as is (delimiters and line breaks included), a doubled quote inside stands for one
 *   quote (RFC 4180), and the quotes are removed. A quote left open at the end of the data is an
 *   error naming the line where it opened.
 * Fields that had quotes removed are marked `quoted` (Modeler reads quoted values as strings).
 */
import { ModelerBatchError } from "../errors.js";

export class CsvFormatError extends ModelerBatchError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super("CSV_FORMAT", message, details);
  }
}

export type QuoteMode = "Discard" | "PairAndDiscard" | "IncludeAsText";

export interface DelimitedFormat {
  /** Every character of this string separates fields. */
  readonly delimiters: string;
  /** A run of blank delimiters (space, tab) counts as one, and blanks at line ends are ignored. */
  readonly multiBlank?: boolean;
  /** Handling of `'` (default `IncludeAsText`). */
  readonly singleQuote?: QuoteMode;
  /** Handling of `"` (default `PairAndDiscard`). */
  readonly doubleQuote?: QuoteMode;
  /**
   * Absent or 0: a line is a record (empty lines are skipped). N > 0: a record is the next N
   * fields, line breaks separating fields like delimiters (records may wrap over lines; empty
   * lines are skipped).
   */
  readonly fieldsPerRecord?: number;
}

/** The fields of one record: bounds in the text, or the text itself when quotes were removed. */
export class FieldRow {
  count = 0;
  starts = new Int32Array(32);
  ends = new Int32Array(32);
  /** Text of field i when quotes were removed from it, else `undefined` (use the bounds). */
  texts: Array<string | undefined> = new Array(32).fill(undefined);
  quoted = new Uint8Array(32);
  /** 1-based line on which the record starts. */
  line = 0;

  /** The text of field i. */
  text(s: string, i: number): string {
    const t = this.texts[i];
    return t !== undefined ? t : s.slice(this.starts[i]!, this.ends[i]!);
  }

  /** True when field i is empty (no characters, no quotes). */
  isEmpty(i: number): boolean {
    const t = this.texts[i];
    return t !== undefined ? t === "" : this.starts[i] === this.ends[i];
  }

  grow(): void {
    const size = this.starts.length * 2;
    const starts = new Int32Array(size);
    starts.set(this.starts);
    const ends = new Int32Array(size);
    ends.set(this.ends);
    const quoted = new Uint8Array(size);
    quoted.set(this.quoted);
    this.starts = starts;
    this.ends = ends;
    this.quoted = quoted;
    while (this.texts.length < size) this.texts.push(undefined);
  }
}

/** Return false to stop the tokenizer after this record. */
export type RecordCallback = (s: string, row: FieldRow) => boolean;

const TEXT = 0;
const DELIM = 1;
const BLANK = 2;
const LF = 3;
const CR = 4;
const QUOTE_DISCARD = 5;
const QUOTE_PAIR = 6;

export class DelimitedTokenizer {
  /** 1-based number of the line the tokenizer is at (for messages). */
  line = 1;
  readonly row = new FieldRow();
  private readonly classes: Uint8Array;
  private readonly perRecord: number;
  private readonly multiBlank: boolean;
  /** The one delimiter of a simple format (lines are records, no multi_blank), else "". */
  private readonly single: string;
  /** Quote characters that are not plain text. */
  private readonly quotes: string[];

  constructor(format: DelimitedFormat) {
    const classes = new Uint8Array(65536);
    this.multiBlank = format.multiBlank === true;
    for (const ch of format.delimiters) {
      const c = ch.charCodeAt(0);
      if (c === 10 || c === 13) continue;
      classes[c] = this.multiBlank && (c === 32 || c === 9) ? BLANK : DELIM;
    }
    const quote = (c: number, mode: QuoteMode | undefined, fallback: QuoteMode) => {
      const m = mode ?? fallback;
      if (m === "Discard") classes[c] = QUOTE_DISCARD;
      else if (m === "PairAndDiscard") classes[c] = QUOTE_PAIR;
      else if (classes[c] === QUOTE_DISCARD || classes[c] === QUOTE_PAIR) classes[c] = TEXT;
    };
    quote(39, format.singleQuote, "IncludeAsText");
    quote(34, format.doubleQuote, "PairAndDiscard");
    classes[10] = LF;
    classes[13] = CR;
    this.classes = classes;
    this.perRecord = format.fieldsPerRecord ?? 0;
    const delimiters = [...new Set(format.delimiters.replace(/[\r\n]/g, ""))];
    this.quotes = ["'", '"'].filter((q) => classes[q.charCodeAt(0)] === QUOTE_DISCARD || classes[q.charCodeAt(0)] === QUOTE_PAIR);
    const simple = this.perRecord === 0 && !this.multiBlank && delimiters.length === 1 && delimiters[0]!.length === 1 && !this.quotes.includes(delimiters[0]!);
    this.single = simple ? delimiters[0]! : "";
  }

  /**
   * Tokenizes records of `s` from `pos`, calling `onRecord` for each complete one until it
   * returns false. Returns the position after the last record handed over. Unless `final`,
   * a record the text does not complete is left for the next call (with more text).
   */
  parse(s: string, pos: number, final: boolean, onRecord: RecordCallback): number {
    const n = s.length;
    const classes = this.classes;
    const row = this.row;
    const perRecord = this.perRecord;
    const multiBlank = this.multiBlank;
    let i = pos;
    // Fast path (one delimiter, lines are records): a line without quotes or a lone CR is cut
    // with indexOf, which scans faster than a char loop. Positions of the next quote, CR and
    // delimiter are remembered so that each is searched once per occurrence, not once per line.
    const single = this.single;
    const quotes = this.quotes;
    const nextQuote = quotes.map(() => -1);
    let nextCR = -1;
    let nextDelimiter = -1;
    while (i < n) {
      if (single !== "") {
        let lf = s.indexOf("\n", i);
        if (nextCR < i) nextCR = indexOrEnd(s, "\r", i);
        if (lf < 0) {
          // No line feed yet: wait for more text, unless lines end with a lone CR (slow path).
          if (!final && nextCR === n) return i;
          lf = n;
        }
        let end = lf;
        let plain = true;
        if (nextCR < lf) {
          if (nextCR === lf - 1 && lf < n) end = lf - 1;
          else plain = false;
        }
        for (let q = 0; q < quotes.length && plain; q++) {
          if (nextQuote[q]! < i) nextQuote[q] = indexOrEnd(s, quotes[q]!, i);
          if (nextQuote[q]! < end) plain = false;
        }
        if (plain) {
          if (end === i) {
            // An empty line: no record.
            i = lf < n ? lf + 1 : n;
            this.line++;
            continue;
          }
          row.count = 0;
          row.line = this.line;
          let start = i;
          for (;;) {
            // Remembered too: a line without the delimiter must not scan the rest of the text.
            if (nextDelimiter < start) nextDelimiter = indexOrEnd(s, single, start);
            const d = nextDelimiter < end ? nextDelimiter : end;
            if (row.count === row.starts.length) row.grow();
            const k = row.count++;
            row.starts[k] = start;
            row.ends[k] = d;
            row.texts[k] = undefined;
            row.quoted[k] = 0;
            if (d === end) break;
            start = d + 1;
          }
          this.line++;
          i = lf < n ? lf + 1 : n;
          if (!onRecord(s, row)) return i;
          continue;
        }
      }
      const recordStart = i;
      const recordLine = this.line;
      row.count = 0;
      row.line = recordLine;
      let fieldStart = i;
      let segStart = i;
      let text: string | undefined;
      let emit = false;
      for (;;) {
        if (i >= n) {
          if (!final) {
            this.line = recordLine;
            return recordStart;
          }
          const empty = i === fieldStart && text === undefined;
          if (row.count === 0 && empty) return i;
          if (!(empty && multiBlank && row.count > 0 && classes[s.charCodeAt(i - 1)] === BLANK)) this.push(s, fieldStart, i, text, segStart);
          emit = true;
          break;
        }
        const c = s.charCodeAt(i);
        const k = classes[c]!;
        if (k === TEXT) {
          i++;
          continue;
        }
        if (k === DELIM) {
          this.push(s, fieldStart, i, text, segStart);
          i++;
          fieldStart = segStart = i;
          text = undefined;
          if (perRecord > 0 && row.count === perRecord) {
            emit = true;
            break;
          }
          continue;
        }
        if (k === BLANK) {
          const empty = i === fieldStart && text === undefined;
          if (!(empty && (row.count === 0 || (i > recordStart && classes[s.charCodeAt(i - 1)] === BLANK)))) {
            this.push(s, fieldStart, i, text, segStart);
            if (perRecord > 0 && row.count === perRecord) {
              i++;
              emit = true;
              break;
            }
          }
          i++;
          fieldStart = segStart = i;
          text = undefined;
          continue;
        }
        if (k === LF || k === CR) {
          let next = i + 1;
          if (k === CR) {
            if (next === n && !final) {
              this.line = recordLine;
              return recordStart;
            }
            if (next < n && s.charCodeAt(next) === 10) next++;
          }
          const empty = i === fieldStart && text === undefined;
          this.line++;
          if (perRecord === 0) {
            if (row.count === 0 && empty) {
              // An empty line: no record.
              i = next;
              fieldStart = segStart = i;
              row.line = this.line;
              continue;
            }
            if (!(empty && multiBlank && row.count > 0 && classes[s.charCodeAt(i - 1)] === BLANK)) this.push(s, fieldStart, i, text, segStart);
            i = next;
            emit = true;
            break;
          }
          // Counted records: a line break separates fields; empty lines and trailing blanks add none.
          const afterBreakOrBlank = i === recordStart || (i > recordStart && (classes[s.charCodeAt(i - 1)] === LF || classes[s.charCodeAt(i - 1)] === CR || classes[s.charCodeAt(i - 1)] === BLANK || classes[s.charCodeAt(i - 1)] === DELIM));
          if (!(empty && afterBreakOrBlank)) this.push(s, fieldStart, i, text, segStart);
          i = next;
          fieldStart = segStart = i;
          text = undefined;
          if (row.count === 0) row.line = this.line;
          if (row.count === perRecord) {
            emit = true;
            break;
          }
          continue;
        }
        if (k === QUOTE_DISCARD) {
          text = (text ?? "") + s.slice(segStart, i);
          i++;
          segStart = i;
          continue;
        }
        // QUOTE_PAIR: take everything up to the matching quote; a doubled quote is one quote.
        text = (text ?? "") + s.slice(segStart, i);
        const q = String.fromCharCode(c);
        const openLine = this.line;
        let j = i + 1;
        for (;;) {
          const e = s.indexOf(q, j);
          if (e < 0 || (e + 1 === n && !final)) {
            if (!final) {
              this.line = recordLine;
              return recordStart;
            }
            throw new CsvFormatError(`unmatched ${c === 34 ? "double" : "single"} quote opened on line ${openLine}`, { line: openLine });
          }
          this.line += countLineBreaks(s, j, e);
          if (e + 1 < n && s.charCodeAt(e + 1) === c) {
            text += s.slice(j, e + 1);
            j = e + 2;
            continue;
          }
          text += s.slice(j, e);
          i = e + 1;
          break;
        }
        segStart = i;
      }
      if (emit && !onRecord(s, row)) return i;
    }
    return i;
  }

  private push(s: string, start: number, end: number, text: string | undefined, segStart: number): void {
    const row = this.row;
    if (row.count === row.starts.length) row.grow();
    const idx = row.count++;
    if (text === undefined) {
      row.starts[idx] = start;
      row.ends[idx] = end;
      row.texts[idx] = undefined;
      row.quoted[idx] = 0;
    } else {
      row.texts[idx] = segStart < end ? text + s.slice(segStart, end) : text;
      row.quoted[idx] = 1;
    }
  }
}

function indexOrEnd(s: string, ch: string, from: number): number {
  const k = s.indexOf(ch, from);
  return k < 0 ? s.length : k;
}

function countLineBreaks(s: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === 10) count++;
    else if (c === 13 && s.charCodeAt(i + 1) !== 10) count++;
  }
  return count;
}
