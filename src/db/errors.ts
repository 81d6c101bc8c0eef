/**
 * Database errors and secret redaction.
 *
 * Every failure that touches a database becomes a `DatabaseError` (code `DATABASE`) naming
 * the dbRef and, when there is one, the table. Its message never holds a password: driver
 * messages, connection URLs and option strings pass through `redactSecrets` first, and the
 * driver's own error object is not kept as `cause` (its message or stack could quote the
 * connection string); only a redacted copy is.
 */
import { ModelerBatchError } from "../errors.js";

export const REDACTED = "******";

export interface DatabaseErrorDetails {
  /** The `dbDefinitions` key (or `--db` name) of the database. */
  readonly dbRef?: string;
  /** Table name as the user gave it. */
  readonly table?: string;
  /** The driver's error code (`42P01`, `ER_NO_SUCH_TABLE`, `SQLITE_CONSTRAINT`, ...). */
  readonly driverCode?: string;
  readonly [key: string]: unknown;
}

export class DatabaseError extends ModelerBatchError {
  constructor(message: string, details: DatabaseErrorDetails = {}, options?: { cause?: unknown }) {
    super("DATABASE", message, { ...details }, options);
  }
}

/** `database "warehouse", table "DRUG"` — the subject of a message. */
export function describeTarget(dbRef: string | undefined, table?: string): string {
  const db = dbRef !== undefined ? `database "${dbRef}"` : "database";
  return table !== undefined ? `${db}, table "${table}"` : db;
}

/**
 * Wraps anything a driver threw into a `DatabaseError` whose message says what was being
 * done, on which database and table, and the driver's reason, with every secret removed.
 */
export function databaseError(
  err: unknown,
  context: { dbRef?: string; table?: string; action: string; secrets?: readonly string[] },
): ModelerBatchError {
  if (err instanceof ModelerBatchError) {
    // Our own errors (cancellation, usage, an earlier DatabaseError) keep their class; only
    // their text is scrubbed.
    err.message = redactSecrets(err.message, context.secrets);
    return err;
  }
  const secrets = context.secrets ?? [];
  const raw = driverMessage(err);
  const reason = redactSecrets(raw, secrets);
  const code = driverCode(err);
  const message = `${describeTarget(context.dbRef, context.table)}: ${context.action} failed: ${reason}${code ? ` (${code})` : ""}`;
  const cause = new Error(reason);
  return new DatabaseError(
    message,
    {
      ...(context.dbRef !== undefined && { dbRef: context.dbRef }),
      ...(context.table !== undefined && { table: context.table }),
      ...(code !== undefined && { driverCode: code }),
    },
    { cause },
  );
}

/** The most useful text of a driver error (pg puts detail and hint apart; AggregateError nests). */
function driverMessage(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0) {
    return [...new Set(err.errors.map((e) => driverMessage(e)))].join("; ");
  }
  if (err instanceof Error) {
    const extra = err as Error & { detail?: unknown; hint?: unknown; code?: unknown };
    let text = err.message || String(extra.code ?? err.name);
    if (typeof extra.detail === "string" && extra.detail !== "") text += ` — ${extra.detail}`;
    if (typeof extra.hint === "string" && extra.hint !== "") text += ` (hint: ${extra.hint})`;
    return text;
  }
  if (typeof err === "object" && err !== null && "message" in err) return String((err as { message: unknown }).message);
  return String(err);
}

function driverCode(err: unknown): string | undefined {
  if (typeof err !== "object" || err === null) return undefined;
  const e = err as { code?: unknown; errorNum?: unknown; number?: unknown };
  if (typeof e.code === "string" && e.code !== "") return e.code;
  if (typeof e.errorNum === "number") return `ORA-${String(e.errorNum).padStart(5, "0")}`;
  if (typeof e.number === "number") return `MSSQL ${e.number}`;
  return undefined;
}

const URL_USERINFO = /([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*):[^@\s/]*@/gi;
const KEY_VALUE_PASSWORD = /\b(password|passwd|pwd|epassword)(\s*[=:]\s*)("[^"]*"|'[^']*'|[^;&,\s)}]+)/gi;

/**
 * Removes secrets from a text: every known password (as given, URL-encoded and
 * JSON-escaped), the password part of any `scheme://user:password@host` URL, and the value
 * of any `password=` / `pwd=` pair. Redacting too much (a user named like the password) is
 * preferred to leaking.
 */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(URL_USERINFO, `$1:${REDACTED}@`).replace(KEY_VALUE_PASSWORD, `$1$2${REDACTED}`);
  const forms = new Set<string>();
  for (const s of secrets) {
    if (!s) continue;
    forms.add(s);
    forms.add(encodeURIComponent(s));
    forms.add(JSON.stringify(s).slice(1, -1));
  }
  // Longest first, so that a secret containing another is replaced whole.
  for (const f of [...forms].sort((a, b) => b.length - a.length)) {
    if (f) out = out.split(f).join(REDACTED);
  }
  return out;
}
