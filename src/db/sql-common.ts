/**
 * SQL text shared by dialects whose syntax agrees (ANSI quoting, CREATE/DROP/DELETE,
 * multi-row VALUES, UPDATE ... FROM). A dialect spreads these and overrides what differs.
 * Identifiers are always quoted: a table or column name can never become SQL.
 */
import type { TableRef } from "./table-ref.js";

/** `"name"`, doubling embedded double quotes (ANSI; PostgreSQL, SQLite, Oracle). */
export function quoteAnsi(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The query text without trailing semicolons and white space (it is wrapped in subqueries). */
export function stripTrailingSemicolons(sql: string): string {
  return sql.replace(/[\s;]+$/, "");
}

export interface CommonSql {
  qualify(ref: TableRef): string;
  createTable(ref: TableRef, columns: ReadonlyArray<{ name: string; type: string }>, primaryKey?: readonly string[]): string;
  dropTable(ref: TableRef): string;
  deleteRows(ref: TableRef): string;
  selectTable(ref: TableRef): string;
  zeroRowQuery(sql: string): string;
  copyStructure(from: TableRef, to: TableRef): string[];
  createMergeStaging(ref: TableRef, columns: ReadonlyArray<{ name: string; type: string }>): string;
  mergeFromStaging(target: TableRef, staging: TableRef, keys: readonly string[], columns: readonly string[], insertUnmatched: boolean): string[];
  /** `INSERT INTO t (a, b) VALUES (p1, p2), (p3, p4)` for `rows` rows. */
  insertValues(ref: TableRef, columns: readonly string[], rows: number, marker: (index: number, column: number) => string): string;
}

export function commonSql(quote: (name: string) => string): CommonSql {
  const qualify = (ref: TableRef) => (ref.schema !== undefined ? `${quote(ref.schema)}.${quote(ref.name)}` : quote(ref.name));
  const columnList = (columns: readonly string[]) => columns.map(quote).join(", ");
  const keyMatch = (keys: readonly string[], a: string, b: string) => keys.map((k) => `${a}.${quote(k)} = ${b}.${quote(k)}`).join(" AND ");
  return {
    qualify,
    createTable(ref, columns, primaryKey) {
      const defs = columns.map((c) => `${quote(c.name)} ${c.type}`);
      if (primaryKey && primaryKey.length > 0) defs.push(`PRIMARY KEY (${columnList(primaryKey)})`);
      return `CREATE TABLE ${qualify(ref)} (${defs.join(", ")})`;
    },
    dropTable: (ref) => `DROP TABLE ${qualify(ref)}`,
    deleteRows: (ref) => `DELETE FROM ${qualify(ref)}`,
    selectTable: (ref) => `SELECT * FROM ${qualify(ref)}`,
    zeroRowQuery: (sql) => `SELECT * FROM (${stripTrailingSemicolons(sql)}) mb_describe WHERE 1 = 0`,
    copyStructure: (from, to) => [`CREATE TABLE ${qualify(to)} AS SELECT * FROM ${qualify(from)} WHERE 1 = 0`],
    createMergeStaging(ref, columns) {
      return `CREATE TABLE ${qualify(ref)} (${columns.map((c) => `${quote(c.name)} ${c.type}`).join(", ")})`;
    },
    mergeFromStaging(target, staging, keys, columns, insertUnmatched) {
      const t = qualify(target);
      const s = qualify(staging);
      const updated = columns.filter((c) => !keys.includes(c));
      const statements: string[] = [];
      if (updated.length > 0) {
        statements.push(
          `UPDATE ${t} SET ${updated.map((c) => `${quote(c)} = mb_s.${quote(c)}`).join(", ")} FROM ${s} mb_s WHERE ${keys.map((k) => `${t}.${quote(k)} = mb_s.${quote(k)}`).join(" AND ")}`,
        );
      }
      if (insertUnmatched) {
        statements.push(
          `INSERT INTO ${t} (${columnList(columns)}) SELECT ${columns.map((c) => `mb_s.${quote(c)}`).join(", ")} FROM ${s} mb_s WHERE NOT EXISTS (SELECT 1 FROM ${t} mb_t WHERE ${keyMatch(keys, "mb_t", "mb_s")})`,
        );
      }
      return statements;
    },
    insertValues(ref, columns, rows, marker) {
      const tuples: string[] = new Array(rows);
      let index = 1;
      for (let r = 0; r < rows; r++) {
        const cells: string[] = new Array(columns.length);
        for (let c = 0; c < columns.length; c++) cells[c] = marker(index++, c);
        tuples[r] = `(${cells.join(", ")})`;
      }
      return `INSERT INTO ${qualify(ref)} (${columnList(columns)}) VALUES ${tuples.join(", ")}`;
    },
  };
}
