/**
 * Turns tokenized records (a `FieldRow` of bounds in the decoded text) into columnar batches:
 * each kept field is converted straight from the text into its column array, with no per-row
 * object. Counts what Modeler warns about: values that do not parse under the field's storage
 * (stored as `$null$`), records with missing fields (`$null$`) and records with extra non-empty
 * fields (ignored).
 */
import { DEFAULT_BATCH_SIZE, type Column, type RecordBatch } from "../../../data/batch.js";
import type { FieldRow } from "../../../data/text-tokenizer.js";
import type { Schema } from "../../../data/schema.js";
import type { StripMode, TextConverter } from "../../../data/text-values.js";
import type { Value } from "../../../data/values.js";

interface Tally {
  count: number;
  firstLine: number;
  firstText: string;
}

export interface RecordSinkOptions {
  /** The output schema (one column per entry of `columns`). */
  readonly schema: Schema;
  /** File column index of each output column. */
  readonly columns: readonly number[];
  /** Converter of each output column. */
  readonly converters: readonly TextConverter[];
  /** Fields a record should have; more non-empty ones are counted, fewer give `$null$`. */
  readonly fieldCount: number;
  readonly strip: StripMode;
  /** Records to drop before the data (a header line). */
  readonly skipRecords?: number;
  readonly capacity?: number;
}

export class RecordSink {
  length = 0;
  /** Data records seen (after skipped ones). */
  records = 0;
  private columns: Column[];
  private readonly capacity: number;
  private readonly fileColumns: Int32Array;
  private readonly converters: readonly TextConverter[];
  private readonly stripLeft: boolean;
  private readonly stripRight: boolean;
  private toSkip: number;
  private readonly invalid: Array<Tally | undefined>;
  private short: Tally | undefined;
  private surplus: Tally | undefined;

  constructor(private readonly options: RecordSinkOptions) {
    this.capacity = options.capacity ?? DEFAULT_BATCH_SIZE;
    this.fileColumns = Int32Array.from(options.columns);
    this.converters = options.converters;
    this.stripLeft = options.strip === "Left" || options.strip === "Both";
    this.stripRight = options.strip === "Right" || options.strip === "Both";
    this.toSkip = options.skipRecords ?? 0;
    this.invalid = options.columns.map(() => undefined);
    this.columns = this.fresh();
  }

  get full(): boolean {
    return this.length >= this.capacity;
  }

  /** The record callback for the tokenizer: false when the batch is full. */
  readonly onRecord = (s: string, row: FieldRow): boolean => {
    if (this.toSkip > 0) {
      this.toSkip--;
      return true;
    }
    const r = this.length;
    const n = row.count;
    const fileColumns = this.fileColumns;
    const converters = this.converters;
    const columns = this.columns;
    const starts = row.starts;
    const ends = row.ends;
    const texts = row.texts;
    const stripLeft = this.stripLeft;
    const stripRight = this.stripRight;
    for (let k = 0; k < fileColumns.length; k++) {
      const c = fileColumns[k]!;
      if (c >= n) {
        columns[k]![r] = null;
        continue;
      }
      let v: Value | undefined;
      const text = texts[c];
      if (text === undefined) {
        let a = starts[c]!;
        let b = ends[c]!;
        if (stripLeft) while (a < b && isBlank(s.charCodeAt(a))) a++;
        if (stripRight) while (b > a && isBlank(s.charCodeAt(b - 1))) b--;
        v = converters[k]!(s, a, b);
        if (v === undefined) this.countInvalid(k, row.line, s.slice(a, b));
      } else {
        const t = stripLeft || stripRight ? stripText(text, stripLeft, stripRight) : text;
        v = converters[k]!(t, 0, t.length);
        if (v === undefined) this.countInvalid(k, row.line, t);
      }
      columns[k]![r] = v === undefined ? null : v;
    }
    const expected = this.options.fieldCount;
    if (n !== expected) this.countShape(s, row, n, expected);
    this.records++;
    this.length = r + 1;
    return this.length < this.capacity;
  };

  /** Emits the rows gathered so far and starts a new batch. */
  flush(): RecordBatch {
    const n = this.length;
    const columns = this.columns;
    if (n < this.capacity) for (const col of columns) col.length = n;
    this.columns = this.fresh();
    this.length = 0;
    return { schema: this.options.schema, columns, length: n };
  }

  /** Warnings for what was counted (one per kind and field). */
  warnings(): string[] {
    const out: string[] = [];
    this.invalid.forEach((t, k) => {
      if (!t) return;
      const f = this.options.schema.fields[k]!;
      out.push(`field "${f.name}": ${t.count} value(s) could not be read as ${f.storage} and were set to $null$ (first on line ${t.firstLine}: ${JSON.stringify(t.firstText)})`);
    });
    if (this.short) out.push(`${this.short.count} record(s) had fewer than ${this.options.fieldCount} fields; the missing fields are $null$ (first on line ${this.short.firstLine})`);
    if (this.surplus) out.push(`${this.surplus.count} record(s) had more than ${this.options.fieldCount} fields; the extra values were ignored (first on line ${this.surplus.firstLine}: ${JSON.stringify(this.surplus.firstText)})`);
    return out;
  }

  private countInvalid(k: number, line: number, text: string): void {
    const t = this.invalid[k];
    if (t) t.count++;
    else this.invalid[k] = { count: 1, firstLine: line, firstText: text };
  }

  private countShape(s: string, row: FieldRow, n: number, expected: number): void {
    if (n < expected) {
      if (this.short) this.short.count++;
      else this.short = { count: 1, firstLine: row.line, firstText: "" };
      return;
    }
    // Trailing empty fields (a line ending in a run of delimiters) are not data.
    let extra = -1;
    for (let i = expected; i < n; i++) {
      if (!row.isEmpty(i)) {
        extra = i;
        break;
      }
    }
    if (extra < 0) return;
    if (this.surplus) this.surplus.count++;
    else this.surplus = { count: 1, firstLine: row.line, firstText: row.text(s, extra) };
  }

  private fresh(): Column[] {
    return this.options.columns.map(() => new Array<Value>(this.capacity));
  }
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

function stripText(t: string, left: boolean, right: boolean): string {
  let a = 0;
  let b = t.length;
  if (left) while (a < b && isBlank(t.charCodeAt(a))) a++;
  if (right) while (b > a && isBlank(t.charCodeAt(b - 1))) b--;
  return a === 0 && b === t.length ? t : t.slice(a, b);
}
