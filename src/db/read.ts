/**
 * Reading a table or a query: its columns first (catalog or zero-row query, no rows read),
 * then its rows streamed in column arrays — never the whole result in memory. A read that
 * stops early (cancellation, a downstream node that needs no more rows) kills its
 * connection rather than returning it to the pool mid-result.
 */
import type { Column } from "../data/batch.js";
import { DEFAULT_BATCH_SIZE } from "../data/batch.js";
import { CancelledError } from "../errors.js";
import type { DatabaseConnection, DatabaseSession } from "./connections.js";
import type { ColumnInfo, SqlParam, TableInfo } from "./dialect.js";
import { DatabaseError, describeTarget } from "./errors.js";
import { bindStreamParameters, type ParameterSource } from "./sql-parameters.js";
import { parseTableRef } from "./table-ref.js";

export type ReadSource =
  | { readonly kind: "table"; readonly table: string }
  | { readonly kind: "query"; readonly sql: string; readonly parameters?: ReadonlyMap<string, ParameterSource> };

export interface ReadRequest {
  readonly connection: DatabaseConnection;
  readonly source: ReadSource;
  readonly signal?: AbortSignal;
  readonly batchSize?: number;
  /** Who reads, for messages (`node "scoreInput"`). */
  readonly reader?: string;
}

interface Resolved {
  readonly columns: readonly ColumnInfo[];
  readonly table?: TableInfo;
  readonly sql?: string;
  readonly params: readonly SqlParam[];
}

function tableOf(req: ReadRequest): string | undefined {
  return req.source.kind === "table" ? req.source.table : undefined;
}

async function resolve(session: DatabaseSession, req: ReadRequest): Promise<Resolved> {
  const { dialect, dbRef } = req.connection;
  let resolved: Resolved;
  if (req.source.kind === "table") {
    const ref = parseTableRef(req.source.table, dbRef);
    const table = await dialect.describeTable(session, ref);
    if (!table) throw new DatabaseError(`${describeTarget(dbRef, req.source.table)}: the table does not exist`, { dbRef, table: req.source.table });
    resolved = { columns: table.columns, table, params: [] };
  } else {
    if (req.source.sql.trim() === "") throw new DatabaseError(`${describeTarget(dbRef)}: the SQL query is empty`, { dbRef });
    const bound = bindStreamParameters(req.source.sql, req.source.parameters ?? new Map(), dialect.placeholder, { dbRef, ...(req.reader !== undefined && { node: req.reader }) });
    resolved = { columns: await dialect.describeQuery(session, bound.sql, bound.params), sql: bound.sql, params: bound.params };
  }
  const seen = new Set<string>();
  for (const c of resolved.columns) {
    if (seen.has(c.name)) {
      throw new DatabaseError(`${describeTarget(dbRef, tableOf(req))}: the result has two columns named "${c.name}"; give them distinct names (AS) in the query`, { dbRef, column: c.name });
    }
    seen.add(c.name);
  }
  if (resolved.columns.length === 0) throw new DatabaseError(`${describeTarget(dbRef, tableOf(req))}: the result has no columns`, { dbRef });
  return resolved;
}

/** The columns a read will return, without reading rows. */
export async function describeSource(req: ReadRequest): Promise<readonly ColumnInfo[]> {
  const conn = req.connection;
  const session = await conn.acquire(req.signal);
  try {
    return (await resolve(session, req)).columns;
  } catch (err) {
    throw req.signal?.aborted ? new CancelledError() : conn.error(err, "reading the columns", tableOf(req));
  } finally {
    await session.release();
  }
}

/**
 * The rows, as column arrays of up to `batchSize` rows. With `expected` (the columns found
 * when the run was planned), a table that changed in between is an error, not a surprise
 * downstream.
 */
export async function* readSource(req: ReadRequest, expected?: readonly ColumnInfo[]): AsyncGenerator<Column[]> {
  const conn = req.connection;
  const dialect = conn.dialect;
  const session = await conn.acquire(req.signal);
  let complete = false;
  let step = "reading the columns";
  try {
    const r = await resolve(session, req);
    if (expected && !sameColumns(expected, r.columns)) {
      throw new DatabaseError(
        `${describeTarget(conn.dbRef, tableOf(req))}: the columns changed since the run was planned (now ${r.columns.map((c) => `${c.name} ${c.storage}`).join(", ")})`,
        { dbRef: conn.dbRef },
      );
    }
    const options = { batchSize: req.batchSize ?? DEFAULT_BATCH_SIZE, ...(req.signal && { signal: req.signal }) };
    step = "reading rows";
    const rows = r.table
      ? dialect.readTable
        ? dialect.readTable(session, r.table.ref, r.columns, options)
        : dialect.readRows(session, dialect.selectTable(r.table.ref), [], r.columns, options)
      : dialect.readRows(session, r.sql!, r.params, r.columns, options);
    for await (const columns of rows) {
      if (req.signal?.aborted) throw new CancelledError();
      yield columns;
    }
    complete = true;
  } catch (err) {
    throw req.signal?.aborted ? new CancelledError() : conn.error(err, step, tableOf(req));
  } finally {
    if (!complete) session.kill();
    await session.release();
  }
}

function sameColumns(a: readonly ColumnInfo[], b: readonly ColumnInfo[]): boolean {
  return a.length === b.length && a.every((c, i) => c.name === b[i]!.name && c.storage === b[i]!.storage && !!c.flag === !!b[i]!.flag);
}
