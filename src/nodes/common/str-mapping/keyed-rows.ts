/**
 * Keyed properties (one value per field) stored as rows of a Modeler table:
 * `<typeTable><rows><row><name>AGE</name><direction>in</direction>…</row>…`.
 *
 * Each keyed property reads and writes its own part of every row, so several properties
 * share one table without knowing of each other. Rows for fields outside
 * `ctx.knownFields` are stale (Modeler keeps settings of fields a source no longer has) and
 * are neither read nor touched.
 */
import { StrWriteError } from "./errors.js";
import type { PropertyCodec, XmlMappingContext } from "./mapping.js";
import { appendChild, child, childText, elements, ensureChild, makeElement, text, type XmlElement } from "./xml-tree.js";

export interface KeyedRowSpec {
  /** Path of the table under `<properties>` (`typeTable`, `filterTable`). */
  readonly table: string;
  /** Internal names of the row part, for documentation. */
  readonly xml: string;
  /** The field's value in a row, or undefined when the row does not set it. */
  readonly read: (row: XmlElement, ctx: XmlMappingContext) => unknown;
  /** Sets (or with undefined, clears) the row's part. */
  readonly write: (row: XmlElement, value: unknown) => void;
}

export function rowsOf(props: XmlElement, table: string): XmlElement[] {
  const rows = child(child(props, table), "rows");
  return rows ? elements(rows).filter((r) => r.name.localName === "row") : [];
}

export function rowName(row: XmlElement): string {
  return childText(row, "name") ?? "";
}

function isKnown(name: string, ctx: XmlMappingContext): boolean {
  return ctx.knownFields === undefined || ctx.knownFields.has(name);
}

export function keyedRowCodec(spec: KeyedRowSpec): PropertyCodec {
  return {
    xml: `${spec.table}/rows/row/${spec.xml}`,
    read(props, ctx) {
      if (!child(props, spec.table)) return undefined;
      const out: Record<string, unknown> = {};
      let any = false;
      for (const row of rowsOf(props, spec.table)) {
        const name = rowName(row);
        if (!isKnown(name, ctx)) continue;
        const v = spec.read(row, ctx);
        if (v === undefined) continue;
        out[name] = v;
        any = true;
      }
      return any ? out : undefined;
    },
    write(props, value, ctx) {
      if (value !== undefined && value !== null && (typeof value !== "object" || Array.isArray(value))) {
        throw new StrWriteError(`${spec.table} needs an object keyed by field name (got ${JSON.stringify(value)})`, { xml: spec.table });
      }
      const wanted = new Map(Object.entries((value ?? {}) as Record<string, unknown>));
      const rowsEl = ensureChild(ensureChild(props, spec.table), "rows");
      for (const row of elements(rowsEl)) {
        const name = rowName(row);
        if (!isKnown(name, ctx) && !wanted.has(name)) continue;
        spec.write(row, wanted.get(name));
        wanted.delete(name);
      }
      for (const [name, v] of wanted) {
        if (v === undefined) continue;
        const row = makeElement("row", {}, [makeElement("name", {}, [name])]);
        spec.write(row, v);
        appendChild(rowsEl, row);
      }
    },
  };
}

/** Names of the rows of a table that lie outside `knownFields`, for one warning per table. */
export function staleRows(props: XmlElement, table: string, ctx: XmlMappingContext): string[] {
  if (!ctx.knownFields) return [];
  return rowsOf(props, table).map(rowName).filter((n) => !ctx.knownFields!.has(n));
}

export function warnStaleRows(props: XmlElement, table: string, ctx: XmlMappingContext): void {
  const stale = staleRows(props, table, ctx);
  if (stale.length > 0) {
    ctx.warn(`${table} has settings for ${stale.map((n) => `"${n}"`).join(", ")}, which the source no longer produces; Modeler ignores them, and so does the import (they stay in the XML)`);
  }
}

/** Reads a boolean cell (`true`/`false`); anything else comes back as text. */
export function boolCell(el: XmlElement | undefined): boolean | string | undefined {
  if (!el) return undefined;
  const v = text(el);
  return v === "true" ? true : v === "false" ? false : v;
}
