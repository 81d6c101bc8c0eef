/**
 * Writing a stream's records into a table so that nothing is lost: either the export
 * completes, or the table is left as it was before.
 *
 * - Where DDL is transactional (PostgreSQL, SQL Server, SQLite) and wherever only rows
 *   change in a transactional table (Append, Refresh, Merge on MySQL InnoDB or Oracle), the
 *   whole export is one transaction, rolled back on any failure: a rejected value, a killed
 *   connection, an upstream node failing, cancellation.
 * - Where DDL commits by itself (MySQL/MariaDB, Oracle) the rows go into a staging table in
 *   the target's schema (for Append/Refresh/Merge on a non-transactional table, a copy of
 *   the target); only when every row is in does the staging table replace the target
 *   (MySQL: one atomic `RENAME TABLE`). A failure drops the staging table.
 *
 * String columns the export creates start at `default_string_size` characters and are
 * widened (ALTER) before a batch that holds a longer value, so their final size is the
 * longest value written (see docs/databases.md).
 */
import { randomBytes } from "node:crypto";
import type { RecordBatch, Column } from "../../data/batch.js";
import type { Schema } from "../../data/schema.js";
import { CancelledError } from "../../errors.js";
import type { DatabaseConnection, DatabaseSession } from "../connections.js";
import { longestString } from "../db-values.js";
import type { Dialect, NewColumn, RowWriter, TableInfo } from "../dialect.js";
import { DatabaseError, describeTarget } from "../errors.js";
import { parseTableRef, type TableRef } from "../table-ref.js";
import { modeLabel, planExport, type ExportPlan, type WriteMode } from "./plan.js";

export type { WriteMode } from "./plan.js";

export interface ExportRequest {
  readonly connection: DatabaseConnection;
  /** Table as the user wrote it (`TABLE`, `schema.TABLE`). */
  readonly table: string;
  /** The input's fields. */
  readonly schema: Schema;
  readonly mode: WriteMode;
  /** Field → column names for fields whose column is named differently. */
  readonly columnMap?: Readonly<Record<string, string>>;
  /** The dialect's bulk path (`bulk_loading: ODBC`) or plain batched INSERTs. */
  readonly bulk: boolean;
  /** Rows per INSERT on the plain path (default 1000). */
  readonly rowsPerStatement?: number;
  /** First declared size of created string columns (default 255). */
  readonly defaultStringSize?: number;
  /** Field → SQL column type for created columns. */
  readonly typeOverrides?: Readonly<Record<string, string>>;
  /** Fields declared as the primary key on Create. */
  readonly primaryKey?: readonly string[];
  readonly signal?: AbortSignal;
  readonly warn?: (message: string) => void;
}

export interface ExportResult {
  readonly records: number;
  /** The table written, as the catalog spells it. */
  readonly table: TableRef;
  /** Create, Drop, Append, Refresh or Merge. */
  readonly mode: string;
}

export async function exportTable(req: ExportRequest, batches: AsyncIterable<RecordBatch>): Promise<ExportResult> {
  const run = new ExportRun(req);
  return run.execute(batches);
}

class ExportRun {
  private readonly conn: DatabaseConnection;
  private readonly dialect: Dialect;
  private session!: DatabaseSession;
  private step = "looking up the table";
  private inTransaction = false;
  /** Tables this run created outside a transaction, dropped if it fails. */
  private readonly scratch: Array<{ ref: TableRef; merge: boolean }> = [];

  constructor(private readonly req: ExportRequest) {
    this.conn = req.connection;
    this.dialect = req.connection.dialect;
  }

  async execute(batches: AsyncIterable<RecordBatch>): Promise<ExportResult> {
    const req = this.req;
    const ref = parseTableRef(req.table, this.conn.dbRef);
    this.session = await this.conn.acquire(req.signal);
    try {
      const existing = await this.dialect.describeTable(this.session, ref);
      const plan = planExport({
        dialect: this.dialect,
        dbRef: this.conn.dbRef,
        tableText: req.table,
        ref,
        schema: req.schema,
        mode: req.mode,
        existing,
        columnMap: req.columnMap ?? {},
        defaultStringSize: req.defaultStringSize ?? 255,
        typeOverrides: req.typeOverrides ?? {},
        primaryKey: req.primaryKey ?? [],
      });
      const inOneTransaction = this.dialect.capabilities.transactionalDdl || (req.mode.kind !== "Create" && existing!.transactional);
      const records = inOneTransaction ? await this.inTransactionPath(plan, existing, batches) : await this.stagingPath(plan, existing, batches);
      return { records, table: plan.ref, mode: modeLabel(req.mode) };
    } catch (err) {
      const failure = req.signal?.aborted ? new CancelledError() : this.conn.error(err, this.step, req.table);
      const leftovers = await this.recover();
      if (leftovers && failure instanceof DatabaseError) failure.message += `; ${leftovers}`;
      throw failure;
    } finally {
      await this.session.release();
    }
  }

  /** Everything in one transaction. */
  private async inTransactionPath(plan: ExportPlan, existing: TableInfo | undefined, batches: AsyncIterable<RecordBatch>): Promise<number> {
    const { dialect, req } = this;
    const mode = req.mode;
    let mergeStaging: TableRef | undefined;
    if (mode.kind === "Merge" && !dialect.capabilities.transactionalDdl) {
      mergeStaging = await this.createMergeStaging(plan, existing!);
    }
    this.step = "starting a transaction";
    for (const s of dialect.begin) await this.exec(s);
    this.inTransaction = true;
    let widths: StringWidths | undefined;
    if (mode.kind === "Create") {
      if (existing) {
        this.step = "dropping the existing table";
        await this.exec(dialect.dropTable(existing.ref));
      }
      this.step = "creating the table";
      await this.exec(dialect.createTable(plan.ref, this.columnTypes(plan.newColumns), plan.primaryKey));
      widths = this.stringWidths(plan.newColumns);
    } else if (mode.kind === "Append" && mode.deleteExisting) {
      this.step = "deleting the existing rows";
      await this.exec(dialect.deleteRows(plan.ref));
    }
    let records: number;
    if (mode.kind === "Merge") {
      mergeStaging ??= await this.createMergeStaging(plan, existing!);
      records = await this.load(mergeStaging, plan, batches, undefined);
      await this.merge(plan, plan.ref, mergeStaging);
      if (dialect.capabilities.transactionalDdl) for (const s of dialect.dropMergeStaging(mergeStaging)) await this.exec(s);
    } else {
      records = await this.load(plan.ref, plan, batches, widths);
    }
    this.step = "committing";
    await this.exec(dialect.commit);
    this.inTransaction = false;
    if (mergeStaging && !dialect.capabilities.transactionalDdl) await this.dropScratch(mergeStaging);
    return records;
  }

  /** Rows into a staging table that replaces the target at the end (DDL that commits by itself). */
  private async stagingPath(plan: ExportPlan, existing: TableInfo | undefined, batches: AsyncIterable<RecordBatch>): Promise<number> {
    const { dialect, req } = this;
    const mode = req.mode;
    const work: TableRef = { ...(plan.ref.schema !== undefined && { schema: plan.ref.schema }), name: this.scratchName(plan.ref.name, "s") };
    let widths: StringWidths | undefined;
    this.step = "creating the staging table";
    if (mode.kind === "Create") {
      await this.exec(dialect.createTable(work, this.columnTypes(plan.newColumns), plan.primaryKey));
      this.scratch.push({ ref: work, merge: false });
      widths = this.stringWidths(plan.newColumns);
    } else {
      for (const s of dialect.copyStructure(existing!.ref, work)) await this.exec(s);
      this.scratch.push({ ref: work, merge: false });
      if (!(mode.kind === "Append" && mode.deleteExisting)) {
        this.step = "copying the existing rows into the staging table";
        await this.exec(`INSERT INTO ${dialect.qualify(work)} SELECT * FROM ${dialect.qualify(existing!.ref)}`);
      }
    }
    let records: number;
    if (mode.kind === "Merge") {
      const mergeStaging = await this.createMergeStaging(plan, existing!);
      records = await this.load(mergeStaging, plan, batches, undefined);
      await this.merge(plan, work, mergeStaging);
      await this.dropScratch(mergeStaging);
    } else {
      this.step = "starting a transaction";
      for (const s of dialect.begin) await this.exec(s);
      this.inTransaction = true;
      records = await this.load(work, plan, batches, widths);
      this.step = "committing";
      await this.exec(dialect.commit);
      this.inTransaction = false;
    }
    await this.swapIn(plan, work, mode);
    return records;
  }

  private async swapIn(plan: ExportPlan, work: TableRef, mode: WriteMode): Promise<void> {
    const { dialect } = this;
    this.step = "replacing the table with the staging table";
    const current = await dialect.describeTable(this.session, plan.ref);
    if (!current) {
      for (const s of dialect.renameTable(work, plan.ref.name)) await this.exec(s);
      this.forget(work);
      return;
    }
    if (mode.kind === "Create" && !mode.dropExisting) {
      throw new DatabaseError(`${describeTarget(this.conn.dbRef, this.req.table)}: the table was created by someone else while the export ran; insert mode Create does not replace it`, { dbRef: this.conn.dbRef, table: this.req.table });
    }
    const old: TableRef = { ...(current.ref.schema !== undefined && { schema: current.ref.schema }), name: this.scratchName(current.ref.name, "o") };
    const statements = dialect.swapTables(current.ref, work, old);
    for (let i = 0; i < statements.length; i++) {
      try {
        await this.exec(statements[i]!);
      } catch (err) {
        // A multi-statement swap that failed half-way puts the original back under its name.
        if (i > 0) for (const s of dialect.renameTable(old, current.ref.name)) await this.exec(s).catch(() => undefined);
        throw err;
      }
    }
    this.forget(work);
    this.step = "dropping the replaced table";
    try {
      await this.exec(dialect.dropTable(old));
    } catch (err) {
      this.req.warn?.(`the replaced table was kept as ${dialect.qualify(old)}: dropping it failed (${this.conn.error(err, "dropping", old.name).message}); drop it by hand`);
    }
  }

  /** Streams the batches into `table`, widening created string columns as needed. */
  private async load(table: TableRef, plan: ExportPlan, batches: AsyncIterable<RecordBatch>, widths: StringWidths | undefined): Promise<number> {
    const { dialect, req } = this;
    const options = { bulk: req.bulk, rowsPerStatement: req.rowsPerStatement ?? 1000, ...(req.signal && { signal: req.signal }) };
    this.step = "writing rows";
    let writer: RowWriter | undefined = await dialect.openWriter(this.session, table, plan.columns, options);
    let records = 0;
    try {
      for await (const batch of batches) {
        if (req.signal?.aborted) throw new CancelledError();
        const columns = convert(batch, plan);
        const widen = widths?.check(columns, batch.length) ?? [];
        if (widen.length > 0) {
          const open: RowWriter = writer;
          writer = undefined;
          await open.finish();
          for (const w of widen) {
            this.step = `widening column "${w.column}" to ${w.type}`;
            await this.exec(dialect.alterColumnType(table, w.column, w.type));
          }
          this.step = "writing rows";
          writer = await dialect.openWriter(this.session, table, plan.columns, options);
        }
        await writer.write(columns, batch.length);
        records += batch.length;
      }
      const open = writer;
      writer = undefined;
      await open.finish();
    } catch (err) {
      await writer?.abort?.().catch(() => undefined);
      throw err;
    }
    return records;
  }

  private async createMergeStaging(plan: ExportPlan, existing: TableInfo): Promise<TableRef> {
    const { dialect } = this;
    // No schema: PostgreSQL and SQLite make it a temporary table, which has none; elsewhere
    // it is a scratch table in the connection's default schema.
    const ref: TableRef = { name: this.scratchName(plan.ref.name, "m") };
    const types = plan.columns.map((c) => ({ name: c.name, type: c.target?.dbType ?? existing.columns.find((x) => x.name === c.name)!.dbType }));
    this.step = "creating the merge staging table";
    await this.exec(dialect.createMergeStaging(ref, types));
    // Created inside a transaction with transactional DDL, it goes away on rollback.
    if (!this.inTransaction || !dialect.capabilities.transactionalDdl) this.scratch.push({ ref, merge: true });
    return ref;
  }

  private async merge(plan: ExportPlan, target: TableRef, staging: TableRef): Promise<void> {
    const { dialect } = this;
    const mode = this.req.mode as Extract<WriteMode, { kind: "Merge" }>;
    this.step = "checking that the merge keys are unique";
    const keys = plan.keyColumns.map((k) => dialect.quote(k)).join(", ");
    const dup = await this.session.execute(`SELECT COUNT(*) FROM (SELECT ${keys} FROM ${dialect.qualify(staging)} GROUP BY ${keys} HAVING COUNT(*) > 1) mb_dup`);
    const count = Number(dup.rows[0]?.[0] ?? 0);
    if (count > 0) {
      throw new DatabaseError(`${describeTarget(this.conn.dbRef, this.req.table)}: ${count} value(s) of the merge key (${plan.keyColumns.join(", ")}) occur in more than one input record; merge keys must identify one record`, { dbRef: this.conn.dbRef, table: this.req.table });
    }
    this.step = "merging the rows into the table";
    for (const s of dialect.mergeFromStaging(target, staging, plan.keyColumns, plan.columns.map((c) => c.name), mode.insertUnmatched)) await this.exec(s);
  }

  /** Undoes what a failed run did; returns a note when something could not be undone. */
  private async recover(): Promise<string | undefined> {
    const { dialect } = this;
    if (this.inTransaction && !this.session.killed) {
      try {
        await this.session.execute(dialect.rollback);
      } catch {
        // A broken connection rolls back on the server when it goes away.
        this.session.kill();
      }
    }
    this.inTransaction = false;
    const notes: string[] = [];
    for (const t of [...this.scratch].reverse()) {
      const statements = t.merge ? dialect.dropMergeStaging(t.ref) : [dialect.dropTable(t.ref)];
      try {
        if (this.session.killed) {
          await this.conn.withSession(async (s) => {
            for (const sql of statements) await s.execute(sql);
          });
        } else {
          for (const sql of statements) await this.session.execute(sql);
        }
      } catch (err) {
        notes.push(`the staging table ${dialect.qualify(t.ref)} could not be dropped (${this.conn.error(err, "dropping", t.ref.name).message}); drop it by hand`);
      }
    }
    return notes.length > 0 ? notes.join("; ") : undefined;
  }

  private async dropScratch(t: TableRef): Promise<void> {
    this.step = "dropping the staging table";
    for (const s of this.dialect.dropMergeStaging(t)) await this.exec(s);
    this.forget(t);
  }

  private forget(t: TableRef): void {
    const i = this.scratch.findIndex((x) => x.ref === t);
    if (i >= 0) this.scratch.splice(i, 1);
  }

  private exec(sql: string): Promise<unknown> {
    return this.session.execute(sql);
  }

  private columnTypes(columns: readonly NewColumn[]): Array<{ name: string; type: string }> {
    return columns.map((c) => ({ name: c.name, type: this.dialect.columnType(c) }));
  }

  private stringWidths(columns: readonly NewColumn[]): StringWidths | undefined {
    return this.dialect.capabilities.declaresStringLength ? new StringWidths(this.dialect, columns) : undefined;
  }

  /** `<name>_mb<tag>_<hex>`, shortened to fit the dialect's identifier length. */
  private scratchName(base: string, tag: string): string {
    const suffix = `_mb${tag}_${randomBytes(4).toString("hex")}`;
    const max = this.dialect.capabilities.maxIdentifierLength;
    const chars = Array.from(base);
    while (chars.length > 0 && Buffer.byteLength(chars.join("") + suffix, "utf8") > max) chars.pop();
    return chars.join("") + suffix;
  }
}

function convert(batch: RecordBatch, plan: ExportPlan): Column[] {
  return plan.columns.map((_, i) => {
    const col = batch.columns[i]!;
    const fn = plan.converters[i];
    if (!fn) return col;
    const out: Column = new Array(batch.length);
    for (let r = 0; r < batch.length; r++) out[r] = fn(col[r]!);
    return out;
  });
}

/** Declared sizes of the string columns an export created, grown to the longest value seen. */
class StringWidths {
  private readonly tracked: Array<{ index: number; column: NewColumn; length: number }>;

  constructor(private readonly dialect: Dialect, columns: readonly NewColumn[]) {
    this.tracked = columns.flatMap((column, index) => (column.storage === "string" && column.override === undefined ? [{ index, column, length: column.length }] : []));
  }

  /** Columns to widen before writing these rows, with their new types. */
  check(columns: readonly Column[], length: number): Array<{ column: string; type: string }> {
    const out: Array<{ column: string; type: string }> = [];
    for (const t of this.tracked) {
      const longest = longestString(columns[t.index]!, length);
      if (longest <= t.length) continue;
      const before = this.dialect.columnType({ ...t.column, length: t.length });
      t.length = longest;
      const after = this.dialect.columnType({ ...t.column, length: longest });
      if (after !== before) out.push({ column: t.column.name, type: after });
    }
    return out;
  }
}
