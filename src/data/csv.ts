/**
 * CSV: RFC 4180 reading and writing for everyone (documents, the `score` command, tests), on
 * the fast tokenizer of data/text-tokenizer.ts, which the Var. File source also uses.
 */
import { CsvFormatError, DelimitedTokenizer, type FieldRow } from "./text-tokenizer.js";

export { CsvFormatError, DelimitedTokenizer, FieldRow, type DelimitedFormat, type QuoteMode, type RecordCallback } from "./text-tokenizer.js";

/** Options of the RFC 4180 reader and writer. */
export interface CsvOptions {
  /** Field separator (default `,`). */
  readonly delimiter?: string;
  /** Quote character (default `"`); `""` writes no quotes at all. */
  readonly quote?: string;
  /** Line ending written (default `\n`). */
  readonly newline?: string;
}

/**
 * Parses RFC 4180 CSV text into rows of strings: quoted fields may hold delimiters, line
 * breaks and doubled quotes; CRLF, LF and CR all end records; empty lines are skipped.
 */
export function parseCsv(text: string, options: CsvOptions = {}): string[][] {
  const delimiter = options.delimiter ?? ",";
  const quote = options.quote ?? '"';
  if (quote !== '"' && quote !== "'" && quote !== "") throw new CsvFormatError(`the CSV reader takes " or ' as quote character, not ${JSON.stringify(quote)}`);
  const tokenizer = new DelimitedTokenizer({
    delimiters: delimiter,
    doubleQuote: quote === '"' ? "PairAndDiscard" : "IncludeAsText",
    singleQuote: quote === "'" ? "PairAndDiscard" : "IncludeAsText",
  });
  const rows: string[][] = [];
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  tokenizer.parse(text, start, true, (s, row) => {
    const fields = new Array<string>(row.count);
    for (let i = 0; i < row.count; i++) fields[i] = row.text(s, i);
    rows.push(fields);
    return true;
  });
  return rows;
}

/** One field, quoted when it holds the delimiter, the quote, a line break or edge spaces. */
export function formatCsvField(value: string, options: CsvOptions = {}): string {
  const delimiter = options.delimiter ?? ",";
  const quote = options.quote ?? '"';
  if (quote === "") return value;
  const needs =
    value.includes(delimiter) || value.includes(quote) || value.includes("\n") || value.includes("\r") ||
    (value.length > 0 && (value.charCodeAt(0) === 32 || value.charCodeAt(value.length - 1) === 32));
  return needs ? quote + value.split(quote).join(quote + quote) + quote : value;
}

/** One record without its line ending. */
export function formatCsvRow(fields: readonly string[], options: CsvOptions = {}): string {
  const delimiter = options.delimiter ?? ",";
  let out = "";
  for (let i = 0; i < fields.length; i++) {
    if (i > 0) out += delimiter;
    out += formatCsvField(fields[i]!, options);
  }
  return out;
}

/** CSV text of rows (each ended by the newline). */
export function toCsv(rows: readonly (readonly string[])[], options: CsvOptions = {}): string {
  const newline = options.newline ?? "\n";
  let out = "";
  for (const r of rows) out += formatCsvRow(r, options) + newline;
  return out;
}

/**
 * Reads CSV records from a stream of text chunks (e.g. a decoded file), yielding them in
 * groups (one group per chunk), so that large files stream in bounded memory.
 */
export async function* readCsvRecords(chunks: AsyncIterable<string>, options: CsvOptions = {}): AsyncGenerator<string[][]> {
  const delimiter = options.delimiter ?? ",";
  const quote = options.quote ?? '"';
  const tokenizer = new DelimitedTokenizer({
    delimiters: delimiter,
    doubleQuote: quote === '"' ? "PairAndDiscard" : "IncludeAsText",
    singleQuote: quote === "'" ? "PairAndDiscard" : "IncludeAsText",
  });
  let text = "";
  let first = true;
  const collect = (group: string[][]) => (s: string, row: FieldRow) => {
    const fields = new Array<string>(row.count);
    for (let i = 0; i < row.count; i++) fields[i] = row.text(s, i);
    group.push(fields);
    return true;
  };
  for await (const chunk of chunks) {
    text += chunk;
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    const group: string[][] = [];
    const pos = tokenizer.parse(text, 0, false, collect(group));
    text = text.slice(pos);
    if (group.length > 0) yield group;
  }
  const group: string[][] = [];
  tokenizer.parse(text, 0, true, collect(group));
  if (group.length > 0) yield group;
}
