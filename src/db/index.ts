/**
 * Databases: `dbDefinitions` entries become pooled knex clients per job; each database
 * family is one dialect folder implementing `Dialect`; reads stream, exports write through
 * the dialect's bulk path inside a transaction or through a staging table, so a failed
 * export leaves the table as it was. See docs/databases.md.
 */
export { DatabaseError, redactSecrets, REDACTED } from "./errors.js";
export { DB_TYPES, ORIGINAL_DB_TYPES, parseOptionString, type DbDefinition, type DbDefinitions, type DbType, type OptionSpec } from "./definition.js";
export { parseDatabaseUrl, parseDbArgument } from "./url.js";
export { parseTableRef, formatTableRef, type TableRef } from "./table-ref.js";
export type { ColumnInfo, Dialect, DialectCapabilities, DriverSession, NewColumn, QueryResult, RowWriter, SqlParam, TableInfo, WriteColumn } from "./dialect.js";
export { ConnectorRegistry, createConnectorRegistry, defaultConnectors, BUILTIN_DIALECTS } from "./connectors.js";
export { DatabaseConnection, DatabaseConnections, openDatabases, withDatabases, type Credentials, type DatabaseServices, type DatabaseSession, type OpenDatabasesOptions } from "./connections.js";
export { DATABASES_SERVICE, databaseConnectionFor } from "./services.js";
export { describeSource, readSource, type ReadRequest, type ReadSource } from "./read.js";
export { exportTable, type ExportRequest, type ExportResult, type WriteMode } from "./write/export.js";
export { modeLabel } from "./write/plan.js";
export { bindStreamParameters } from "./sql-parameters.js";
export { postgresDialect } from "./dialects/postgres/index.js";
export { mysqlDialect } from "./dialects/mysql/index.js";
export { sqliteDialect } from "./dialects/sqlite/index.js";
export { mssqlDialect } from "./dialects/mssql/index.js";
export { oracleDialect } from "./dialects/oracle/index.js";
