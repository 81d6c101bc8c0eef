/**
 * Table references: `TABLE`, `schema.TABLE`, or with double quotes around a part that
 * holds a dot or a quote (`"my.schema"."odd ""name"""`). The parts are names, never SQL:
 * dialects quote them when they write SQL.
 */
import { DatabaseError } from "./errors.js";

export interface TableRef {
  /** Schema (owner, database for MySQL); absent = the connection's default. */
  readonly schema?: string;
  readonly name: string;
}

export function parseTableRef(text: string, dbRef?: string): TableRef {
  const parts: string[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new DatabaseError(`${dbRef !== undefined ? `database "${dbRef}": ` : ""}table name ${JSON.stringify(text)} ${why}`, {
      ...(dbRef !== undefined && { dbRef }),
      table: text,
    });
  };
  const s = text.trim();
  while (i <= s.length) {
    let part = "";
    if (s[i] === '"') {
      i++;
      while (true) {
        if (i >= s.length) fail("has an unclosed double quote");
        if (s[i] === '"') {
          if (s[i + 1] === '"') {
            part += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        part += s[i++];
      }
    } else {
      while (i < s.length && s[i] !== ".") part += s[i++];
      part = part.trim();
    }
    if (part === "") fail("has an empty part");
    parts.push(part);
    if (i >= s.length) break;
    if (s[i] !== ".") fail(`has unexpected text after a quoted part at position ${i + 1}`);
    i++;
  }
  if (parts.length === 0) fail("is empty");
  if (parts.length > 2) fail("has more than two parts; give schema.table (quote a part that holds a dot)");
  return parts.length === 2 ? { schema: parts[0]!, name: parts[1]! } : { name: parts[0]! };
}

export function toTableRef(table: string | TableRef, dbRef?: string): TableRef {
  return typeof table === "string" ? parseTableRef(table, dbRef) : table;
}

/** The reference as a user would write it back (`schema.name`, quoting parts that need it). */
export function formatTableRef(ref: TableRef): string {
  const part = (p: string) => (/^[^".\s]+$/.test(p) ? p : `"${p.replace(/"/g, '""')}"`);
  return ref.schema !== undefined ? `${part(ref.schema)}.${part(ref.name)}` : part(ref.name);
}
