/**
 * PostgreSQL's COPY in text format, both ways: `COPY t (cols) FROM STDIN` is the bulk
 * write path (`bulk_loading: ODBC`), `COPY (SELECT ...) TO STDOUT` the fast read path (the
 * server streams rows about four times faster than pg decodes query results).
 *
 * Text format: one row per line, columns separated by tabs, `\N` for NULL, and backslash
 * escapes for backslash, tab, newline and carriage return inside values.
 */
import type { Client } from "pg";
import { to as copyTo } from "pg-copy-streams";
import { StringDecoder } from "node:string_decoder";
import type { Column } from "../../../data/batch.js";
import type { Storage } from "../../../data/storage.js";
import { civilFromDays, daysOfTimestamp, formatIsoTime, SECONDS_PER_DAY, type Value } from "../../../data/values.js";
import { CancelledError } from "../../../errors.js";
import { dateText, timestampText, type TextDecoder } from "../../db-values.js";
import type { RowWriter } from "../../dialect.js";
import { openCopyIn } from "./copy-in.js";

const NULL = "\\N";
const NEEDS_ESCAPE = /[\\\t\n\r]/;

export function escapeCopyText(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
}

/** Dates before year 1 in PostgreSQL's `BC` notation (year 0 is 1 BC). */
export function pgDateText(days: number): string {
  const { year } = civilFromDays(days);
  if (year > 0) return dateText(days);
  const iso = dateText(days);
  const rest = iso.slice(iso.indexOf("-", 1));
  return `${String(1 - year).padStart(4, "0")}${rest} BC`;
}

export function pgTimestampText(ts: number): string {
  const days = daysOfTimestamp(ts);
  if (civilFromDays(days).year > 0) return timestampText(ts);
  return `${pgDateText(days).replace(/ BC$/, "")} ${formatIsoTime(ts - days * SECONDS_PER_DAY)} BC`;
}

/** Value → COPY text field (escaped, `\N` for null). */
export function copyEncoder(storage: Storage): (v: Value) => string {
  switch (storage) {
    case "date":
      return (v) => (v === null ? NULL : typeof v === "number" ? pgDateText(v) : escapeCopyText(String(v)));
    case "timestamp":
      return (v) => (v === null ? NULL : typeof v === "number" ? pgTimestampText(v) : escapeCopyText(String(v)));
    case "time":
      return (v) => (v === null ? NULL : typeof v === "number" ? formatIsoTime(v) : escapeCopyText(String(v)));
    case "string":
      return (v) => (v === null ? NULL : escapeCopyText(typeof v === "string" ? v : String(v)));
    default:
      return (v) => (v === null ? NULL : typeof v === "string" ? escapeCopyText(v) : typeof v === "boolean" ? (v ? "1" : "0") : String(v));
  }
}

/** `COPY <table> (<columns>) FROM STDIN` fed batch by batch, honouring back-pressure. */
export function copyWriter(client: Client, copySql: string, encoders: ReadonlyArray<(v: Value) => string>, signal?: AbortSignal): RowWriter {
  const copy = openCopyIn(client, copySql, signal);
  const width = encoders.length;
  let written = 0;
  return {
    async write(columns: readonly Column[], length: number) {
      copy.check();
      let text = "";
      for (let r = 0; r < length; r++) {
        let line = encoders[0]!(columns[0]![r]!);
        for (let c = 1; c < width; c++) line += "\t" + encoders[c]!(columns[c]![r]!);
        text += line + "\n";
      }
      written += length;
      await copy.send(text);
    },
    async finish() {
      await copy.end();
      return written;
    },
    abort: () => copy.abort(),
  };
}

/** Rows of `COPY (<select>) TO STDOUT`, decoded into column arrays of up to `batchSize` rows. */
export async function* copyReader(client: Client, select: string, decoders: readonly TextDecoder[], batchSize: number, signal?: AbortSignal): AsyncGenerator<Column[]> {
  // A large read-ahead keeps the server producing while batches are decoded and used.
  const stream = client.query(copyTo(`COPY (${select}) TO STDOUT`, { highWaterMark: 8 << 20 }));
  const width = decoders.length;
  const text = new StringDecoder("utf8");
  let columns: Column[] = decoders.map(() => new Array<Value>(batchSize));
  let rows = 0;
  let rest = "";
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (signal?.aborted) throw new CancelledError();
      const data = rest + text.write(chunk);
      let start = 0;
      let nl: number;
      while ((nl = data.indexOf("\n", start)) >= 0) {
        const fields = data.slice(start, nl).split("\t");
        start = nl + 1;
        if (fields.length !== width) throw new Error(`COPY returned ${fields.length} fields where ${width} were expected`);
        for (let c = 0; c < width; c++) {
          const f = fields[c]!;
          columns[c]![rows] = f === NULL ? null : decoders[c]!(f.indexOf("\\") >= 0 ? unescapeCopyText(f) : f);
        }
        if (++rows === batchSize) {
          yield columns;
          columns = decoders.map(() => new Array<Value>(batchSize));
          rows = 0;
        }
      }
      rest = data.slice(start);
    }
    if (rows > 0) {
      for (const col of columns) col.length = rows;
      yield columns;
    }
  } finally {
    if (!stream.destroyed) stream.destroy();
  }
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\\": "\\" };

export function unescapeCopyText(s: string): string {
  return s.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/g, (_m, e: string) => {
    if (e[0] === "x") return String.fromCharCode(parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return SIMPLE_ESCAPES[e] ?? e;
  });
}
