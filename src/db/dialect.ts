/**
 * The interface every database family implements (Kysely's dialect layout): one folder
 * under `dialects/` per family supplies connection (knex configuration, session setup,
 * driver calls), identifier quoting, type mapping both ways, introspection, streaming
 * reads, bulk writes, the DDL the export needs and whether that DDL is transactional.
 * Nothing outside those folders asks which database it is talking to.
 *
 * An embedding application adds a database type by implementing this interface and
 * registering it (`createConnectorRegistry().register(myDialect)`, see `connectors.ts`).
 */
import type { Knex } from "knex";
import type { Column } from "../data/batch.js";
import type { Storage } from "../data/storage.js";
import type { DbDefinition } from "./definition.js";
import type { TableRef } from "./table-ref.js";

/** A bound value: text for dates/times/timestamps (ISO), numbers, big integers, null. */
export type SqlParam = string | number | bigint | null;

export interface QueryResult {
  /** Rows as arrays in select-list order, values as the driver returns them. */
  readonly rows: readonly (readonly unknown[])[];
  readonly rowCount?: number;
}

/** One driver connection seen through a uniform call. */
export interface DriverSession {
  /** The driver's own connection (pg `Client`, mysql2 `Connection`, better-sqlite3 `Database`, ...). */
  readonly raw: unknown;
  /** Runs one statement with positional parameters written as `dialect.placeholder(i)`. */
  execute(sql: string, params?: readonly SqlParam[]): Promise<QueryResult>;
}

/** A column as the database describes it, with the storage reading it gives. */
export interface ColumnInfo {
  readonly name: string;
  /** The database's type, as it spells it (`character varying(20)`, `DECIMAL(10,2)`). */
  readonly dbType: string;
  readonly storage: Storage;
  /** A boolean column: read as integer 1/0 and typed as a flag. */
  readonly flag?: boolean;
  /** Declared length of a character column (absent: unbounded or not a string). */
  readonly length?: number;
  /** The dialect's own description of the type (PostgreSQL: its type OID), for its reader and writer. */
  readonly native?: number | string;
}

export interface TableInfo {
  /** The table's names as found in the catalog (case may differ from what was asked). */
  readonly ref: TableRef;
  readonly columns: readonly ColumnInfo[];
  /** Row changes to this table roll back (false for MySQL MyISAM, Aria, ...). */
  readonly transactional: boolean;
}

/** A column the export creates. */
export interface NewColumn {
  readonly name: string;
  readonly storage: Storage;
  /** Characters the column must hold (strings), when the dialect declares lengths. */
  readonly length: number;
  /** SQL type given by the user (`type` property); used as written. */
  readonly override?: string;
}

/** A column the export writes: its name in the table and the storage of its values. */
export interface WriteColumn {
  readonly name: string;
  readonly storage: Storage;
  /** The existing column (Append, Merge), when known. */
  readonly target?: ColumnInfo;
}

/** Writes rows into one table through one session; `finish` flushes and returns rows written. */
export interface RowWriter {
  write(columns: readonly Column[], length: number): Promise<void>;
  finish(): Promise<number>;
  /** Abandons a half-written load so the connection can roll back (PostgreSQL: CopyFail). */
  abort?(): Promise<void>;
}

export interface WriterOptions {
  /** The dialect's bulk path (`bulk_loading: ODBC`) rather than plain batched inserts. */
  readonly bulk: boolean;
  /** Rows per INSERT statement on the plain path (`batch_size`). */
  readonly rowsPerStatement: number;
  readonly signal?: AbortSignal;
}

export interface ReadOptions {
  readonly batchSize: number;
  readonly signal?: AbortSignal;
}

export interface DialectCapabilities {
  /** CREATE, DROP and ALTER roll back with the transaction (else: staging table + swap). */
  readonly transactionalDdl: boolean;
  /** Most bind parameters one statement may carry. */
  readonly maxParameters: number;
  /** Most rows one multi-row INSERT may carry. */
  readonly maxRowsPerInsert: number;
  /** Longest identifier, in characters (the export keeps staging-table names under it). */
  readonly maxIdentifierLength: number;
  /** Created string columns declare a length (VARCHAR(n)) that grows with the data. */
  readonly declaresStringLength: boolean;
}

export interface Dialect {
  /** Family name, the folder's name (`postgres`, `mysql`, ...). */
  readonly family: string;
  /** `dbDefinitions` types this dialect serves (`PostgreSQL`, `Greenplum`). */
  readonly dbTypes: readonly string[];
  readonly capabilities: DialectCapabilities;
  /** Documentation of the options string, for docs and errors: `[name, meaning]`. */
  readonly optionDocs: ReadonlyArray<readonly [string, string]>;

  // Connecting
  /** knex configuration (driver, connection, pool) for a definition; validates its options. */
  knexConfig(def: DbDefinition, dbRef: string, baseDir?: string): Knex.Config;
  /** Wraps a raw driver connection. */
  session(raw: unknown): DriverSession;
  /** Session settings every connection gets (UTC, ISO dates, strict modes, options). */
  prepare(session: DriverSession, def: DbDefinition, dbRef: string): Promise<void>;
  /** Kills a connection at once (cancellation); the server rolls back what was not committed. */
  destroy(raw: unknown): void;

  // SQL text
  quote(identifier: string): string;
  qualify(ref: TableRef): string;
  /** The i-th (1-based) parameter marker. */
  placeholder(index: number): string;
  readonly begin: readonly string[];
  readonly commit: string;
  readonly rollback: string;
  columnType(column: NewColumn): string;
  createTable(ref: TableRef, columns: ReadonlyArray<{ name: string; type: string }>, primaryKey?: readonly string[]): string;
  dropTable(ref: TableRef): string;
  deleteRows(ref: TableRef): string;
  alterColumnType(ref: TableRef, column: string, type: string): string;
  /** Statements renaming a table within its schema. */
  renameTable(ref: TableRef, newName: string): string[];
  /** Statements replacing `target` by `staging` at once, keeping the old table as `old`. */
  swapTables(target: TableRef, staging: TableRef, old: TableRef): string[];
  /** Statements creating `to` with the columns of `from` (no rows). */
  copyStructure(from: TableRef, to: TableRef): string[];
  /** A staging table for merging: in the transaction where DDL is transactional. */
  createMergeStaging(ref: TableRef, columns: ReadonlyArray<{ name: string; type: string }>): string;
  /** Statements dropping the merge staging table (none when it drops itself at commit). */
  dropMergeStaging(ref: TableRef): string[];
  /** UPDATE (and INSERT of unmatched rows) of `target` from `staging` on equal keys. */
  mergeFromStaging(target: TableRef, staging: TableRef, keys: readonly string[], columns: readonly string[], insertUnmatched: boolean): string[];
  /** A SELECT of every column of a table. */
  selectTable(ref: TableRef): string;
  /** A query returning no rows but the columns of `sql`. */
  zeroRowQuery(sql: string): string;

  // Catalog
  describeTable(session: DriverSession, ref: TableRef): Promise<TableInfo | undefined>;
  /** The columns a query returns, found without reading its rows where the database allows. */
  describeQuery(session: DriverSession, sql: string, params: readonly SqlParam[]): Promise<ColumnInfo[]>;

  // Data
  /** Rows of a query, converted to run-time values, as column arrays of up to `batchSize` rows. */
  readRows(session: DriverSession, sql: string, params: readonly SqlParam[], columns: readonly ColumnInfo[], options: ReadOptions): AsyncIterable<Column[]>;
  /** Optional fast path for whole tables (PostgreSQL `COPY ... TO STDOUT`). */
  readTable?(session: DriverSession, ref: TableRef, columns: readonly ColumnInfo[], options: ReadOptions): AsyncIterable<Column[]>;
  openWriter(session: DriverSession, ref: TableRef, columns: readonly WriteColumn[], options: WriterOptions): Promise<RowWriter>;
}
