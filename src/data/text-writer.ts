/**
 * Columnar batches written as delimited text (Flat File export, delimited documents): one
 * buffer of bytes per batch.
 *
 * Values are formatted as data/text-format.ts says (stream date/time formats, reals in full
 * precision with a decimal point, `$null$` empty). String values are quoted with `quote`
 * (a quote inside is doubled); with no quote they are written as they are and the ones holding
 * the delimiter or a line break are counted.
 *
 * UTF-8 output (the usual case) is written straight into bytes (data/text-bytes.ts); other
 * encodings build each batch as a string and encode it.
 */
import type { RecordBatch } from "./batch.js";
import type { Schema } from "./schema.js";
import { Utf8Buffer } from "./text-bytes.js";
import { makeEncoder } from "./text-encoding.js";
import { makeValueFormatter, type TextFormatOptions, type ValueFormatter } from "./text-format.js";
import { formatValue, type Value } from "./values.js";

export interface DelimitedWriterOptions extends TextFormatOptions {
  readonly delimiter: string;
  /** Quote around string values; `""` for none. */
  readonly quote: string;
  /** Written after each record (a line break, or the delimiter). */
  readonly recordEnd: string;
  /** Canonical encoding name (see `resolveEncoding`). */
  readonly encoding: string;
}

/** Distinct quoted strings remembered per column (categorical columns repeat a few values). */
const QUOTE_CACHE_LIMIT = 1024;

type CellWriter = (out: Utf8Buffer, v: Value) => void;

export class DelimitedWriter {
  /** String values written unquoted although they hold the delimiter or a line break. */
  unquotedSpecial = 0;
  private readonly formatters: ValueFormatter[];
  private readonly isString: boolean[];
  private readonly caches: Array<Map<string, string>>;
  private readonly encode: ReturnType<typeof makeEncoder>;
  private readonly utf8: boolean;
  private readonly bytes = new Utf8Buffer(1 << 16);
  private readonly cells: CellWriter[];

  constructor(private readonly schema: Schema, private readonly options: DelimitedWriterOptions) {
    this.formatters = schema.fields.map((f) => makeValueFormatter(f.storage, options));
    this.isString = schema.fields.map((f) => f.storage === "string");
    this.caches = schema.fields.map(() => new Map());
    this.encode = makeEncoder(options.encoding);
    this.utf8 = options.encoding === "utf-8";
    this.cells = schema.fields.map((f, c) => this.cellWriter(f.storage, c));
  }

  /** Characters the encoding could not hold (written as `?`). */
  get unmappable(): number {
    return this.encode.unmappable();
  }

  /** The field names as a record. */
  header(): Buffer {
    return this.encode(this.schema.names.map((n) => this.quoteText(n)).join(this.options.delimiter) + this.options.recordEnd);
  }

  batch(batch: RecordBatch): Buffer {
    return this.utf8 ? this.batchBytes(batch) : this.encode(this.batchText(batch));
  }

  private batchBytes(batch: RecordBatch): Buffer {
    const out = this.bytes;
    const columns = batch.columns;
    const cells = this.cells;
    const width = columns.length;
    const { delimiter, recordEnd } = this.options;
    const delimiterByte = singleAscii(delimiter);
    const endByte = singleAscii(recordEnd);
    for (let r = 0; r < batch.length; r++) {
      for (let c = 0; c < width; c++) {
        if (c > 0) {
          if (delimiterByte >= 0) out.byte(delimiterByte);
          else out.text(delimiter);
        }
        const v = columns[c]![r]!;
        if (v !== null) cells[c]!(out, v);
      }
      if (endByte >= 0) out.byte(endByte);
      else out.text(recordEnd);
    }
    return out.take();
  }

  private cellWriter(storage: string, c: number): CellWriter {
    const decimal = this.options.decimalSymbol === "," ? 44 : 46;
    switch (storage) {
      case "integer":
        return (out, v) => (typeof v === "number" ? out.integer(v) : out.text(formatValue(v, "integer")));
      case "real":
        return (out, v) => (typeof v === "number" ? out.real(v, decimal) : out.text(formatValue(v, "real")));
      case "string": {
        const q = singleAscii(this.options.quote);
        const cache = this.caches[c]!;
        if (q >= 0) {
          return (out, v) => {
            out.byte(q);
            out.quotedText(typeof v === "string" ? v : String(v), q);
            out.byte(q);
          };
        }
        return (out, v) => out.text(this.quoteCached(typeof v === "string" ? v : String(v), cache));
      }
      default: {
        const format = this.formatters[c]!;
        return (out, v) => out.text(format(v));
      }
    }
  }

  private batchText(batch: RecordBatch): string {
    const { delimiter, recordEnd } = this.options;
    const columns = batch.columns;
    const width = columns.length;
    let out = "";
    for (let r = 0; r < batch.length; r++) {
      let line = "";
      for (let c = 0; c < width; c++) {
        if (c > 0) line += delimiter;
        const v = columns[c]![r]!;
        if (v === null) continue;
        line += this.isString[c] ? this.quoteCached(typeof v === "string" ? v : String(v), this.caches[c]!) : this.formatters[c]!(v);
      }
      out += line + recordEnd;
    }
    return out;
  }

  private quoteCached(text: string, cache: Map<string, string>): string {
    if (this.options.quote === "") return this.quoteText(text);
    let q = cache.get(text);
    if (q === undefined) {
      q = this.quoteText(text);
      if (cache.size < QUOTE_CACHE_LIMIT) cache.set(text, q);
    }
    return q;
  }

  private quoteText(text: string): string {
    const q = this.options.quote;
    if (q === "") {
      if (text.indexOf(this.options.delimiter) >= 0 || text.indexOf("\n") >= 0 || text.indexOf("\r") >= 0) this.unquotedSpecial++;
      return text;
    }
    return text.indexOf(q) < 0 ? q + text + q : q + text.split(q).join(q + q) + q;
  }
}

/** The code of a one-character ASCII string, else -1. */
function singleAscii(s: string): number {
  return s.length === 1 && s.charCodeAt(0) < 0x80 ? s.charCodeAt(0) : -1;
}
