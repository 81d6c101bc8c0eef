/**
 * Connection URLs (`--db name=<url>` on the command line, configuration files) into
 * `dbDefinitions` entries:
 *
 * | URL | type |
 * | --- | --- |
 * | `postgres://user:pass@host:5432/db?sslmode=require` (`postgresql://`) | PostgreSQL |
 * | `greenplum://…` | Greenplum |
 * | `mysql://…`, `mariadb://…` | MySQL |
 * | `mssql://…`, `sqlserver://…` | SQLServer |
 * | `oracle://user:pass@host:1521/service` | Oracle |
 * | `sqlite:path/to/file.db`, `sqlite:///abs/file.db`, `sqlite::memory:` | SQLite |
 *
 * Query parameters become the `options` string (`k=v;k=v`), parsed later per type.
 * User name and password are URL-decoded.
 */
import type { DbDefinition } from "./definition.js";
import { DatabaseError, redactSecrets } from "./errors.js";

const SCHEMES: Readonly<Record<string, string>> = {
  postgres: "PostgreSQL",
  postgresql: "PostgreSQL",
  pg: "PostgreSQL",
  greenplum: "Greenplum",
  mysql: "MySQL",
  mariadb: "MySQL",
  mssql: "SQLServer",
  sqlserver: "SQLServer",
  oracle: "Oracle",
  sqlite: "SQLite",
};

export function parseDatabaseUrl(url: string, name?: string): DbDefinition {
  const fail = (why: string): never => {
    throw new DatabaseError(`${name !== undefined ? `database "${name}": ` : ""}connection URL "${redactSecrets(url)}" ${why}`, {
      ...(name !== undefined && { dbRef: name }),
    });
  };
  const m = /^([a-z][a-z0-9+.-]*):(.*)$/is.exec(url.trim());
  if (!m) return fail(`has no scheme; use one of ${Object.keys(SCHEMES).map((s) => `${s}:`).join(", ")}`);
  const scheme = m[1]!.toLowerCase();
  const type = SCHEMES[scheme];
  if (!type) return fail(`has the unknown scheme "${scheme}:"; use one of ${Object.keys(SCHEMES).map((s) => `${s}:`).join(", ")}`);
  // A file URL (sqlite:path) has no authority part to parse.
  if (scheme === "sqlite") return sqliteDefinition(m[2]!, fail);
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return fail("is not a valid URL (expected scheme://user:password@host:port/database?options)");
  }
  if (parsed.hostname === "") fail("names no host");
  const db = decode(parsed.pathname.replace(/^\//, ""));
  const options = [...parsed.searchParams.entries()].map(([k, v]) => `${k}=${encodeOptionValue(v)}`).join(";");
  const port = parsed.port === "" ? undefined : Number(parsed.port);
  return {
    type,
    host: parsed.hostname.replace(/^\[(.*)\]$/, "$1"),
    ...(port !== undefined && { port }),
    ...(db !== "" && { db }),
    ...(parsed.username !== "" && { username: decode(parsed.username) }),
    ...(parsed.password !== "" && { password: decode(parsed.password) }),
    ...(options !== "" && { options }),
  };
}

function sqliteDefinition(rest: string, fail: (why: string) => never): DbDefinition {
  const [pathPart, query] = splitOnce(rest, "?");
  // `sqlite:///abs` is an absolute path; `sqlite://rel` and `sqlite:rel` are relative.
  const path = decode(pathPart.startsWith("//") ? pathPart.slice(2) : pathPart);
  if (path === "") fail("names no file (sqlite:path/to/file.db)");
  const options = query === undefined ? "" : [...new URLSearchParams(query).entries()].map(([k, v]) => `${k}=${encodeOptionValue(v)}`).join(";");
  return { type: "SQLite", db: path, ...(options !== "" && { options }) };
}

/**
 * `name=url` as given to `--db`: the name is the dbRef jobs and Database nodes use.
 * Returns `[name, definition]`.
 */
export function parseDbArgument(text: string): [string, DbDefinition] {
  const eq = text.indexOf("=");
  if (eq <= 0) throw new DatabaseError(`--db takes name=<url> (e.g. warehouse=postgres://user:pass@host/db); got "${redactSecrets(text)}"`, {});
  const name = text.slice(0, eq).trim();
  return [name, parseDatabaseUrl(text.slice(eq + 1), name)];
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Option values keep `;` and `&` escaped so that the options string splits correctly. */
function encodeOptionValue(v: string): string {
  return v.replace(/%/g, "%25").replace(/;/g, "%3B").replace(/&/g, "%26");
}
