/**
 * A `dbDefinitions` entry of a job (seed-api.md): which database, where, as whom, and the
 * driver-specific `options` string of the original API (`Security=SSL`,
 * `EnableQuotedIdentifiers=1`, `sslmode=disable`, ...), parsed per type by each dialect.
 */
import { DatabaseError, describeTarget } from "./errors.js";

/** Database types of the original API. */
export const ORIGINAL_DB_TYPES = [
  "ApacheHive", "DashDB", "DB2", "Greenplum", "Impala", "Informix", "MySQL", "Oracle", "PostgreSQL",
  "ProgressOpenEdge", "Salesforce", "SQLServer", "Sybase", "SybaseIQ", "Teradata",
] as const;

/** Every type a job may name: the original's plus `SQLite` (ours; `db` is the file path). */
export const DB_TYPES = [...ORIGINAL_DB_TYPES, "SQLite"] as const;
export type DbType = (typeof DB_TYPES)[number];

export interface DbDefinition {
  /** One of `DB_TYPES`, or a type an embedding application registered a connector for. */
  readonly type: string;
  readonly host?: string;
  readonly port?: number;
  /** Database name (Oracle: service name; SQLite: file path). */
  readonly db?: string;
  readonly username?: string;
  readonly password?: string;
  /** Driver-specific `key=value` pairs separated by `;` (or `&`). */
  readonly options?: string;
}

export type DbDefinitions = Readonly<Record<string, DbDefinition>>;

/** One `key=value` pair of an options string; `key` as written, `name` lower-cased. */
export interface OptionPair {
  readonly key: string;
  readonly name: string;
  readonly value: string;
}

/**
 * Splits an options string into pairs. Pairs are separated by `;` or `&`; a pair without
 * `=` is an error (it is usually a typo that would otherwise be ignored).
 */
export function parseOptionString(options: string | undefined, dbRef: string): OptionPair[] {
  if (options === undefined || options.trim() === "") return [];
  const pairs: OptionPair[] = [];
  for (const part of options.split(/[;&]/)) {
    const text = part.trim();
    if (text === "") continue;
    const eq = text.indexOf("=");
    if (eq <= 0) {
      throw new DatabaseError(`${describeTarget(dbRef)}: option "${text}" must have the form key=value (options are separated by ";")`, { dbRef, option: text });
    }
    const key = text.slice(0, eq).trim();
    pairs.push({ key, name: key.toLowerCase(), value: decodeOptionValue(text.slice(eq + 1).trim()) });
  }
  return pairs;
}

function decodeOptionValue(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

/** What one option of a type does; the dialect applies the value to its driver configuration. */
export interface OptionSpec<C> {
  /** Names accepted (case-insensitive), the first one documented. */
  readonly names: readonly string[];
  /** Allowed values (case-insensitive), when the option is an enumeration. */
  readonly values?: readonly string[];
  readonly description: string;
  apply(config: C, value: string, dbRef: string): void;
}

/**
 * Applies an options string through a dialect's option table. An option the type does not
 * know, or a value outside its list, is an error naming the option and the known ones.
 */
export function applyOptions<C>(def: DbDefinition, dbRef: string, specs: readonly OptionSpec<C>[], config: C): C {
  for (const pair of parseOptionString(def.options, dbRef)) {
    const spec = specs.find((s) => s.names.some((n) => n.toLowerCase() === pair.name));
    if (!spec) {
      const known = specs.map((s) => s.names[0]).join(", ") || "none";
      throw new DatabaseError(`${describeTarget(dbRef)}: ${def.type} does not know the option "${pair.key}"; its options are: ${known}`, { dbRef, option: pair.key });
    }
    if (spec.values && !spec.values.some((v) => v.toLowerCase() === pair.value.toLowerCase())) {
      throw new DatabaseError(`${describeTarget(dbRef)}: option "${pair.key}" must be one of ${spec.values.join(", ")} (got "${pair.value}")`, { dbRef, option: pair.key, value: pair.value });
    }
    spec.apply(config, pair.value, dbRef);
  }
  return config;
}

/** `yes`, `true`, `1`, `on` → true; `no`, `false`, `0`, `off` → false. */
export function optionFlag(value: string): boolean {
  return /^(1|true|yes|on|y)$/i.test(value.trim());
}

export const FLAG_VALUES = ["1", "0", "true", "false", "yes", "no", "on", "off"] as const;

/** A positive number of seconds or milliseconds given in an option. */
export function optionNumber(value: string, dbRef: string, key: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new DatabaseError(`${describeTarget(dbRef)}: option "${key}" must be a non-negative number (got "${value}")`, { dbRef, option: key, value });
  return n;
}

/** The value of `field` or an error saying the definition needs it. */
export function requireField(def: DbDefinition, dbRef: string, field: "host" | "db"): string {
  const v = def[field];
  if (v === undefined || v === "") {
    throw new DatabaseError(`${describeTarget(dbRef)} (${def.type}) needs "${field}" in its definition`, { dbRef, field });
  }
  return v;
}
