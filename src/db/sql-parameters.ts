/**
 * Stream parameters in a Database node's SQL query (`'$P-name'`, NODES.md §0.5): each
 * reference becomes a bind parameter of the dialect; the value travels beside the SQL, so
 * no parameter value can ever change the statement.
 *
 * A reference is either a whole string literal `'$P-min_age'` (Modeler's written form; the
 * quotes go with it: `AGE > '$P-min_age'` binds the integer 30, not the text '30') or a bare
 * `$P-name` outside literals, quoted identifiers and comments. Other text is untouched.
 */
import type { Storage } from "../data/storage.js";
import type { Value } from "../data/values.js";
import { valueText } from "./db-values.js";
import type { SqlParam } from "./dialect.js";
import { DatabaseError } from "./errors.js";

export interface ParameterSource {
  readonly storage: Storage;
  readonly value: Value;
}

export interface BoundQuery {
  readonly sql: string;
  readonly params: SqlParam[];
  /** Parameter names in the order bound. */
  readonly names: string[];
}

const BARE = /^\$P-([A-Za-z_][A-Za-z0-9_]*)/;

export function bindStreamParameters(
  sql: string,
  parameters: ReadonlyMap<string, ParameterSource>,
  placeholder: (index: number) => string,
  context: { dbRef?: string; node?: string } = {},
): BoundQuery {
  const params: SqlParam[] = [];
  const names: string[] = [];
  let out = "";
  const bind = (name: string): string => {
    const p = parameters.get(name);
    if (!p) {
      const known = [...parameters.keys()];
      throw new DatabaseError(
        `${context.node ?? "the SQL query"} refers to parameter '$P-${name}', which the stream does not define; its parameters are: ${known.join(", ") || "none"}`,
        { ...(context.dbRef !== undefined && { dbRef: context.dbRef }), parameter: name, known },
      );
    }
    names.push(name);
    params.push(paramValue(p));
    return placeholder(params.length);
  };
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i]!;
    const next = sql[i + 1];
    if (ch === "'") {
      const end = endOfQuoted(sql, i, "'");
      const literal = sql.slice(i, end);
      const inner = literal.slice(1, -1);
      const m = /^\$P-(.+)$/.exec(inner);
      out += m && !inner.includes("''") ? bind(m[1]!) : literal;
      i = end;
    } else if (ch === '"' || ch === "`") {
      const end = endOfQuoted(sql, i, ch);
      out += sql.slice(i, end);
      i = end;
    } else if (ch === "-" && next === "-") {
      const nl = sql.indexOf("\n", i);
      const end = nl < 0 ? sql.length : nl;
      out += sql.slice(i, end);
      i = end;
    } else if (ch === "/" && next === "*") {
      const close = sql.indexOf("*/", i + 2);
      const end = close < 0 ? sql.length : close + 2;
      out += sql.slice(i, end);
      i = end;
    } else if (ch === "$" && next === "P") {
      const m = BARE.exec(sql.slice(i, i + 200));
      if (m) {
        out += bind(m[1]!);
        i += m[0].length;
      } else {
        out += ch;
        i++;
      }
    } else {
      out += ch;
      i++;
    }
  }
  return { sql: out, params, names };
}

/** End (exclusive) of a quoted run starting at `start`; a doubled quote stays inside. */
function endOfQuoted(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return sql.length;
}

/** A parameter's value as bound: numbers as numbers, dates and times as ISO text. */
export function paramValue(p: ParameterSource): SqlParam {
  const v = p.value;
  if (v === null) return null;
  if (typeof v === "number" && (p.storage === "integer" || p.storage === "real")) return v;
  if (typeof v === "bigint") return v;
  return valueText(v, p.storage);
}
