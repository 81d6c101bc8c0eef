/**
 * How Database nodes find their connections: the runner puts a `DatabaseServices` (usually
 * `openDatabases(job.dbDefinitions)`) under `services.databases`; a node names its database
 * by `dbRef` (or Modeler's `datasource`) and gets a pooled connection from it.
 *
 * ```ts
 * await withDatabases(job.dbDefinitions ?? {}, (databases) =>
 *   runStream(applyJob(stream, job), { services: { [DATABASES_SERVICE]: databases } }));
 * ```
 */
import type { Credentials, DatabaseConnection, DatabaseServices } from "./connections.js";
import { DatabaseError } from "./errors.js";

/** The key under `RunOptions.services` / `ctx.services`. */
export const DATABASES_SERVICE = "databases";

function isDatabaseServices(v: unknown): v is DatabaseServices {
  return typeof v === "object" && v !== null && typeof (v as DatabaseServices).connection === "function";
}

/** The connection a node needs, or an error that says how to supply it. */
export function databaseConnectionFor(services: Readonly<Record<string, unknown>>, dbRef: string, nodeLabel: string, credentials?: Credentials): DatabaseConnection {
  const provider = services[DATABASES_SERVICE];
  if (!isDatabaseServices(provider)) {
    throw new DatabaseError(
      `${nodeLabel} uses database "${dbRef}", but this run has no databases: give the job's dbDefinitions, or --db ${dbRef}=<url> on the command line (library: services.${DATABASES_SERVICE} = openDatabases(definitions))`,
      { dbRef },
    );
  }
  return provider.connection(dbRef, credentials);
}
