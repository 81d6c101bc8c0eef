/**
 * Which dialect serves which `dbDefinitions` type. The built-in connectors cover
 * PostgreSQL and Greenplum (pg), MySQL/MariaDB (mysql2), SQLServer (tedious), Oracle
 * (oracledb, thin mode) and SQLite (better-sqlite3). The original API's other types
 * (ApacheHive, DashDB, DB2, Impala, Informix, ProgressOpenEdge, Salesforce, Sybase,
 * SybaseIQ, Teradata) have no driver here: using one fails with a message that says how an
 * embedding application registers a connector for it:
 *
 * ```ts
 * const connectors = createConnectorRegistry().register(myTeradataDialect);
 * const databases = openDatabases(job.dbDefinitions, { connectors });
 * ```
 */
import type { Dialect } from "./dialect.js";
import { DatabaseError, describeTarget } from "./errors.js";
import { postgresDialect } from "./dialects/postgres/index.js";
import { mysqlDialect } from "./dialects/mysql/index.js";
import { sqliteDialect } from "./dialects/sqlite/index.js";
import { mssqlDialect } from "./dialects/mssql/index.js";
import { oracleDialect } from "./dialects/oracle/index.js";

export const BUILTIN_DIALECTS: readonly Dialect[] = [postgresDialect, mysqlDialect, sqliteDialect, mssqlDialect, oracleDialect];

export class ConnectorRegistry {
  private readonly byType = new Map<string, Dialect>();

  constructor(dialects: readonly Dialect[] = []) {
    for (const d of dialects) this.register(d);
  }

  /** Adds (or replaces) the connector for each type the dialect lists in `dbTypes`. */
  register(dialect: Dialect): this {
    if (dialect.dbTypes.length === 0) throw new DatabaseError(`connector "${dialect.family}" lists no database types in dbTypes`, {});
    for (const t of dialect.dbTypes) this.byType.set(t.toLowerCase(), dialect);
    return this;
  }

  has(type: string): boolean {
    return this.byType.has(type.toLowerCase());
  }

  /** Types with a connector, as the dialects spell them. */
  get types(): string[] {
    return [...new Set([...this.byType.values()].flatMap((d) => d.dbTypes))].sort();
  }

  /** The dialect for a definition's type, or an error naming the type and how to add one. */
  forType(type: string, dbRef: string): Dialect {
    const d = this.byType.get(type.toLowerCase());
    if (d) return d;
    throw new DatabaseError(
      `${describeTarget(dbRef)} has type "${type}", for which modeler-batch has no connector (connectors: ${this.types.join(", ")}). ` +
        `An application embedding modeler-batch can add one: implement the Dialect interface (modeler-batch's db module, see docs/databases.md, "Adding a connector") ` +
        `with dbTypes ["${type}"] and pass createConnectorRegistry().register(dialect) as the connectors option of openDatabases().`,
      { dbRef, dbType: type },
    );
  }

  clone(): ConnectorRegistry {
    return new ConnectorRegistry([...new Set(this.byType.values())]);
  }
}

/** A new registry holding the built-in connectors; register more into it. */
export function createConnectorRegistry(): ConnectorRegistry {
  return new ConnectorRegistry(BUILTIN_DIALECTS);
}

let shared: ConnectorRegistry | undefined;

/** The shared registry of built-in connectors (register into `createConnectorRegistry()` instead). */
export function defaultConnectors(): ConnectorRegistry {
  return (shared ??= createConnectorRegistry());
}
