/**
 * The plain write path every dialect has: parameterised multi-row INSERT statements of up
 * to `rowsPerStatement` rows, never more parameters than the dialect allows. Rows left over
 * from one batch wait for the next, so statements stay full and their text is reused.
 */
import type { Column } from "../data/batch.js";
import type { Value } from "../data/values.js";
import { CancelledError } from "../errors.js";
import type { DriverSession, RowWriter, SqlParam } from "./dialect.js";

export interface InsertWriterSpec {
  readonly session: DriverSession;
  /** Columns per row. */
  readonly width: number;
  /** The INSERT for `rows` rows (cached by the writer per row count). */
  sql(rows: number): string;
  /** Per column: run-time value → bound parameter. */
  readonly encoders: ReadonlyArray<(v: Value) => SqlParam>;
  readonly rowsPerStatement: number;
  readonly maxParameters: number;
  readonly maxRowsPerInsert: number;
  /** Flush before a statement's parameters exceed about this many bytes (MySQL's packet limit). */
  readonly maxStatementBytes?: number;
  readonly signal?: AbortSignal;
}

/** Rows per statement within the dialect's limits (at least one). */
export function statementRows(width: number, wanted: number, maxParameters: number, maxRows: number): number {
  return Math.max(1, Math.min(wanted, maxRows, Math.floor(maxParameters / Math.max(1, width))));
}

export function insertWriter(spec: InsertWriterSpec): RowWriter {
  const perStatement = statementRows(spec.width, spec.rowsPerStatement, spec.maxParameters, spec.maxRowsPerInsert);
  const sqlCache = new Map<number, string>();
  const sqlFor = (rows: number) => {
    let s = sqlCache.get(rows);
    if (s === undefined) {
      s = spec.sql(rows);
      // Only the full-size statement recurs; do not let odd tail sizes grow the cache.
      if (rows === perStatement) sqlCache.set(rows, s);
    }
    return s;
  };
  let pending: SqlParam[] = [];
  let pendingRows = 0;
  let pendingBytes = 0;
  const maxBytes = spec.maxStatementBytes ?? Number.POSITIVE_INFINITY;
  let written = 0;
  const flush = async () => {
    if (pendingRows === 0) return;
    if (spec.signal?.aborted) throw new CancelledError();
    const params = pending;
    const rows = pendingRows;
    pending = [];
    pendingRows = 0;
    pendingBytes = 0;
    await spec.session.execute(sqlFor(rows), params);
    written += rows;
  };
  return {
    async write(columns: readonly Column[], length: number) {
      const width = spec.width;
      const sized = maxBytes !== Number.POSITIVE_INFINITY;
      for (let r = 0; r < length; r++) {
        for (let c = 0; c < width; c++) {
          const p = spec.encoders[c]!(columns[c]![r]!);
          pending.push(p);
          // Worst case: four bytes a character, quoted and escaped.
          if (sized) pendingBytes += typeof p === "string" ? p.length * 4 + 4 : 24;
        }
        if (++pendingRows === perStatement || pendingBytes >= maxBytes) await flush();
      }
    },
    async finish() {
      await flush();
      return written;
    },
  };
}
