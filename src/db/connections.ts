/**
 * The databases of one job: each `dbDefinitions` entry becomes a knex client (a pool of
 * driver connections) the first time a node asks for it, and every pool is closed when the
 * job ends — also when it fails or is cancelled (`withDatabases` or `close()` in a
 * `finally`). Nodes find these through `ctx.services.databases` (see `services.ts`).
 *
 * A session is one pooled connection held by one node. When the run's `AbortSignal` fires,
 * held sessions are killed at once (the server rolls back what was not committed) so that a
 * cancelled export never waits for a slow statement, and `close()` never waits for them.
 */
import knex, { type Knex } from "knex";
import { CancelledError, type ModelerBatchError } from "../errors.js";
import type { DbDefinition, DbDefinitions } from "./definition.js";
import type { Dialect, DriverSession, QueryResult, SqlParam } from "./dialect.js";
import { databaseError, DatabaseError, describeTarget, redactSecrets } from "./errors.js";
import { defaultConnectors, type ConnectorRegistry } from "./connectors.js";

/** One held connection. Release it in a `finally`. */
export interface DatabaseSession extends DriverSession {
  readonly dialect: Dialect;
  readonly dbRef: string;
  /** Kills the connection now; the server rolls back its open transaction. */
  kill(): void;
  readonly killed: boolean;
  /** Returns the connection to the pool (a killed one is discarded). */
  release(): Promise<void>;
}

/** What nodes see under `ctx.services.databases`. */
export interface DatabaseServices {
  /** The dbRefs this run may use. */
  readonly names: readonly string[];
  /**
   * The connection for a dbRef, or a `DatabaseError` listing the known ones. With
   * `credentials`, the same database as another user (a pool of its own).
   */
  connection(dbRef: string, credentials?: Credentials): DatabaseConnection;
}

/** A user and password that replace the definition's (a node's own `username`/`password`). */
export interface Credentials {
  readonly username?: string;
  readonly password?: string;
}

export interface OpenDatabasesOptions {
  readonly connectors?: ConnectorRegistry;
  /** Folder that relative SQLite paths resolve against (default: the working directory). */
  readonly baseDir?: string;
  /** Most connections per database (default 8). */
  readonly maxConnections?: number;
}

type RawConnection = { __knex__disposed?: unknown };

export class DatabaseConnection {
  private client?: Knex;
  private readonly held = new Set<DatabaseSession>();

  constructor(
    readonly dbRef: string,
    readonly definition: DbDefinition,
    readonly dialect: Dialect,
    private readonly options: OpenDatabasesOptions,
  ) {}

  /** The definition's type (`PostgreSQL`, `SQLite`, ...). */
  get type(): string {
    return this.definition.type;
  }

  /** Passwords to scrub from any text about this database. */
  get secrets(): string[] {
    return this.definition.password ? [this.definition.password] : [];
  }

  /** A pooled connection; with `signal`, cancelling kills it. */
  async acquire(signal?: AbortSignal): Promise<DatabaseSession> {
    if (signal?.aborted) throw new CancelledError();
    let raw: RawConnection;
    try {
      const client = this.knex();
      raw = (await client.client.acquireConnection()) as RawConnection;
    } catch (err) {
      throw this.error(err, `connecting to ${this.describeServer()}`);
    }
    const driver = this.dialect.session(raw);
    const { dialect, held } = this;
    const client = () => this.client;
    let killed = false;
    let released = false;
    const onAbort = () => session.kill();
    const session: DatabaseSession = {
      raw: driver.raw,
      dialect: this.dialect,
      dbRef: this.dbRef,
      execute(sql: string, params?: readonly SqlParam[]): Promise<QueryResult> {
        if (killed) return Promise.reject(new CancelledError());
        return driver.execute(sql, params);
      },
      kill() {
        if (killed || released) return;
        killed = true;
        raw.__knex__disposed = "killed by modeler-batch";
        try {
          dialect.destroy(raw);
        } catch {
          // The connection is being thrown away; a failure to close it changes nothing.
        }
      },
      get killed() {
        return killed;
      },
      async release() {
        if (released) return;
        released = true;
        signal?.removeEventListener("abort", onAbort);
        held.delete(session);
        const k = client();
        if (k) await k.client.releaseConnection(raw);
      },
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    this.held.add(session);
    return session;
  }

  /** Runs `fn` with a session, always releasing it. */
  async withSession<T>(fn: (session: DatabaseSession) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const session = await this.acquire(signal);
    try {
      return await fn(session);
    } finally {
      await session.release();
    }
  }

  /** A driver failure as a `DatabaseError` naming this database (and table), secrets removed. */
  error(err: unknown, action: string, table?: string): ModelerBatchError {
    return databaseError(err, { dbRef: this.dbRef, ...(table !== undefined && { table }), action, secrets: this.secrets });
  }

  /** Kills held sessions and closes the pool. */
  async close(): Promise<void> {
    for (const s of [...this.held]) {
      s.kill();
      await s.release();
    }
    const client = this.client;
    this.client = undefined;
    if (client) await client.destroy();
  }

  private knex(): Knex {
    if (this.client) return this.client;
    const config = this.dialect.knexConfig(this.definition, this.dbRef, this.options.baseDir);
    const { dialect, definition, dbRef } = this;
    const pool: Knex.PoolConfig = {
      min: 0,
      max: this.options.maxConnections ?? 8,
      ...config.pool,
      afterCreate(raw: unknown, done: (err: Error | null, raw: unknown) => void) {
        dialect.prepare(dialect.session(raw), definition, dbRef).then(
          () => done(null, raw),
          (err: unknown) => done(err instanceof Error ? err : new Error(String(err)), raw),
        );
      },
    };
    this.client = knex({ ...config, pool, acquireConnectionTimeout: config.acquireConnectionTimeout ?? 30_000, log: knexLog(this.secrets) });
    return this.client;
  }

  private describeServer(): string {
    const d = this.definition;
    if (d.host === undefined) return `${d.type} ${d.db ?? ""}`.trim();
    return `${d.type} at ${d.host}${d.port !== undefined ? `:${d.port}` : ""}${d.db !== undefined ? `/${d.db}` : ""}`;
  }
}

/**
 * knex's own log lines: connection errors (a discarded dead connection, a failed acquire)
 * reach the user as `DatabaseError`s already, so they are dropped; anything else is passed
 * on, secrets removed.
 */
function knexLog(secrets: readonly string[]): Knex.Logger {
  const say = (m: unknown) => {
    const text = String(m);
    if (/^(Connection Error|Acquire connection error)/.test(text)) return;
    console.warn(`knex: ${redactSecrets(text, secrets)}`);
  };
  return { warn: say, error: say, deprecate: () => undefined, debug: () => undefined };
}

/** The databases of one run. Close it when the run ends. */
export class DatabaseConnections implements DatabaseServices {
  private readonly connections = new Map<string, DatabaseConnection>();
  private closed = false;

  constructor(
    private readonly definitions: DbDefinitions,
    private readonly options: OpenDatabasesOptions = {},
  ) {}

  get names(): string[] {
    return Object.keys(this.definitions);
  }

  connection(dbRef: string, credentials?: Credentials): DatabaseConnection {
    if (this.closed) throw new DatabaseError(`${describeTarget(dbRef)}: the job's connections are already closed`, { dbRef });
    const key = credentials ? `${dbRef}\u0000${credentials.username ?? ""}\u0000${credentials.password ?? ""}` : dbRef;
    let c = this.connections.get(key);
    if (c) return c;
    const def = Object.prototype.hasOwnProperty.call(this.definitions, dbRef) ? this.definitions[dbRef] : undefined;
    if (!def) {
      const known = this.names;
      throw new DatabaseError(
        `no database is defined as "${dbRef}"; ${known.length > 0 ? `defined: ${known.map((n) => `"${n}"`).join(", ")}` : "the job defines none"} (give it in dbDefinitions, or with --db ${dbRef}=<url>)`,
        { dbRef, known },
      );
    }
    const dialect = (this.options.connectors ?? defaultConnectors()).forType(def.type, dbRef);
    const effective: DbDefinition = credentials
      ? { ...def, ...(credentials.username !== undefined && { username: credentials.username }), ...(credentials.password !== undefined && { password: credentials.password }) }
      : def;
    c = new DatabaseConnection(dbRef, effective, dialect, this.options);
    this.connections.set(key, c);
    return c;
  }

  /** Closes every pool opened so far. Safe to call twice. */
  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.connections.values()];
    this.connections.clear();
    const results = await Promise.allSettled(all.map((c) => c.close()));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed) throw failed.reason;
  }
}

export function openDatabases(definitions: DbDefinitions, options: OpenDatabasesOptions = {}): DatabaseConnections {
  return new DatabaseConnections(definitions, options);
}

/** Opens the databases, runs `fn`, and closes them whatever happens. */
export async function withDatabases<T>(definitions: DbDefinitions, fn: (databases: DatabaseConnections) => Promise<T>, options: OpenDatabasesOptions = {}): Promise<T> {
  const databases = openDatabases(definitions, options);
  try {
    return await fn(databases);
  } finally {
    await databases.close();
  }
}
