/**
 * PostgreSQL's plain write path (`bulk_loading: Off`): batched INSERT statements, one per
 * `batch_size` rows, each carrying one array parameter per column:
 *
 *   INSERT INTO t (a, b) SELECT * FROM unnest($1::bigint[], $2::text[])
 *
 * PostgreSQL spends its time parsing multi-row VALUES lists with thousands of parameters
 * (about four times slower for a million rows, environment notes); column arrays keep the
 * statement tiny. Values travel as text and are cast to each column's own type (from the
 * catalog for existing columns), exactly as COPY reads them.
 */
import type { Client } from "pg";
import type { Column } from "../../../data/batch.js";
import type { Storage } from "../../../data/storage.js";
import { formatIsoTime, type Value } from "../../../data/values.js";
import { CancelledError } from "../../../errors.js";
import type { RowWriter, WriteColumn } from "../../dialect.js";
import { quoteAnsi } from "../../sql-common.js";
import { pgDateText, pgTimestampText } from "./copy.js";

/** The array element type for a column we created (existing columns use their own type). */
function castOf(storage: Storage): string {
  switch (storage) {
    case "integer": return "bigint";
    case "real": return "double precision";
    case "date": return "date";
    case "time": return "time";
    case "timestamp": return "timestamp";
    default: return "text";
  }
}

function textOf(storage: Storage): (v: Value) => string | null {
  switch (storage) {
    case "date": return (v) => (typeof v === "number" ? pgDateText(v) : v === null ? null : String(v));
    case "timestamp": return (v) => (typeof v === "number" ? pgTimestampText(v) : v === null ? null : String(v));
    case "time": return (v) => (typeof v === "number" ? formatIsoTime(v) : v === null ? null : String(v));
    default: return (v) => (v === null ? null : typeof v === "boolean" ? (v ? "1" : "0") : String(v));
  }
}

export function unnestInsertSql(qualified: string, columns: readonly WriteColumn[]): string {
  const names = columns.map((c) => quoteAnsi(c.name)).join(", ");
  // Strings are cast to text[]: an explicit cast to varchar(n) would cut long values
  // silently, where the assignment to the column refuses them.
  const arrays = columns.map((c, i) => `$${i + 1}::${c.storage === "string" || c.storage === "unknown" || !c.target ? castOf(c.storage) : c.target.dbType}[]`).join(", ");
  return `INSERT INTO ${qualified} (${names}) SELECT * FROM unnest(${arrays})`;
}

export function unnestWriter(client: Client, qualified: string, columns: readonly WriteColumn[], rowsPerStatement: number, signal?: AbortSignal): RowWriter {
  const text = unnestInsertSql(qualified, columns);
  const encoders = columns.map((c) => textOf(c.storage));
  const per = Math.max(1, rowsPerStatement);
  let pending: Array<Array<string | null>> = columns.map(() => []);
  let count = 0;
  let written = 0;
  const flush = async () => {
    if (count === 0) return;
    if (signal?.aborted) throw new CancelledError();
    const values = pending;
    pending = columns.map(() => []);
    written += count;
    count = 0;
    await client.query({ text, values });
  };
  return {
    async write(cols: readonly Column[], length: number) {
      for (let r = 0; r < length; r++) {
        for (let c = 0; c < encoders.length; c++) pending[c]!.push(encoders[c]!(cols[c]![r]!));
        if (++count === per) await flush();
      }
    },
    async finish() {
      await flush();
      return written;
    },
  };
}
