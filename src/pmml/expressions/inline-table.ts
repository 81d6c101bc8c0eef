/**
 * InlineTable (and a TableLocator that wraps one in an Extension) as rows of cells.
 *
 * Cells are child elements of `row`, named after their column; producers put them in a foreign
 * namespace (`<data:From>`), so a column is found by its qualified or its local name.
 */
import { invalid, unsupported } from "../errors.js";
import type { XmlElement } from "../xml/xml-element.js";

export interface TableRows {
  readonly rows: ReadonlyArray<ReadonlyMap<string, string>>;
  readonly element: XmlElement;
}

/** The table of a MapValues/Discretize-like container: its InlineTable or TableLocator child. */
export function readTableOf(container: XmlElement): TableRows {
  const inline = container.child("InlineTable");
  if (inline) return readInlineTable(inline);
  const locator = container.child("TableLocator");
  if (locator) {
    for (const ext of locator.childrenNamed("Extension")) {
      const nested = ext.children.find((c) => c.localName === "InlineTable");
      if (nested) return readInlineTable(nested);
    }
    throw unsupported("TableLocator referring to an external table", locator.path, "only a TableLocator holding an InlineTable in its Extension can be read");
  }
  throw invalid(`${container.name} needs an InlineTable or a TableLocator`, container.path);
}

export function readInlineTable(el: XmlElement): TableRows {
  const rows: Map<string, string>[] = [];
  for (const row of el.children) {
    if (row.name === "Extension") continue;
    if (row.localName !== "row") throw invalid(`InlineTable may only hold row elements, found ${row.name}`, row.path);
    const cells = new Map<string, string>();
    for (const cell of row.children) {
      if (cell.name === "Extension") continue;
      cells.set(cell.name, cell.text);
      if (cell.localName !== cell.name && !cells.has(cell.localName)) cells.set(cell.localName, cell.text);
    }
    rows.push(cells);
  }
  return { rows, element: el };
}

/** A column's cell in a row; `column` may be qualified (`data:From`) or local (`From`). */
export function cell(row: ReadonlyMap<string, string>, column: string): string | undefined {
  const v = row.get(column);
  if (v !== undefined) return v;
  const colon = column.indexOf(":");
  return colon >= 0 ? row.get(column.slice(colon + 1)) : undefined;
}
