/**
 * Record order shared by Sort, Distinct (order within groups) and Aggregate (output order):
 * sort-key properties, and comparators over column arrays so that a sort moves an index
 * array, never row objects.
 *
 * The order is Modeler's as documented in `docs/nodes.md`: `$null$` first when ascending
 * (a descending key is the exact reverse, so nulls come last), numbers numerically, strings by
 * Unicode code point, dates and times chronologically (they are numbers at run time).
 */
import type { Column } from "../../data/batch.js";
import type { Schema } from "../../data/schema.js";
import { compareValues, type Value } from "../../data/values.js";
import type { NodeContext } from "../definition.js";
import { NodePropertyError, json, type PropertyType } from "../properties.js";

export interface SortKey {
  readonly field: string;
  readonly ascending: boolean;
}

/** `[[field, "Ascending"|"Descending"], ...]`; a bare name or `[field]` takes the default direction. */
export const sortKeysType = (): PropertyType =>
  json(
    {
      type: "array",
      items: {
        anyOf: [
          { type: "string" },
          { type: "array", minItems: 1, maxItems: 2, items: [{ type: "string" }, { enum: ["Ascending", "Descending"] }] },
        ],
      },
    },
    'a list of [field, "Ascending" | "Descending"] pairs',
  );

/**
 * Reads a sort-key property and checks every field against the input. Errors name the node,
 * the property and the offending item.
 */
export function readSortKeys(ctx: NodeContext, property: string, schema: Schema, defaultAscending: boolean): SortKey[] {
  const raw = ctx.props.values[property];
  if (raw === undefined || raw === null) return [];
  const bad = (item: unknown, why: string) =>
    new NodePropertyError(`property "${property}" of node "${ctx.node.id}" (${ctx.node.type}): item ${JSON.stringify(item)} ${why}`, {
      node: ctx.node.id,
      nodeType: ctx.node.type,
      property,
      value: item,
    });
  if (!Array.isArray(raw)) throw bad(raw, 'must be a list of [field, "Ascending" | "Descending"] pairs');
  return raw.map((item: unknown) => {
    let field: unknown;
    let direction: unknown;
    if (typeof item === "string") field = item;
    else if (Array.isArray(item) && item.length >= 1 && item.length <= 2) [field, direction] = item;
    else throw bad(item, 'must be a field name or a [field, "Ascending" | "Descending"] pair');
    if (typeof field !== "string") throw bad(item, "must start with a field name");
    if (direction !== undefined && direction !== "Ascending" && direction !== "Descending") {
      throw bad(item, 'has a direction that is not "Ascending" or "Descending"');
    }
    schema.require(field, `${property} of node "${ctx.node.id}"`);
    return { field, ascending: direction === undefined ? defaultAscending : direction === "Ascending" };
  });
}

/** `default_sort_order` wins over the older `default_ascending` flag when both are given. */
export function defaultAscending(values: Readonly<Record<string, unknown>>): boolean {
  if (values.default_sort_order === "Descending") return false;
  if (values.default_sort_order === "Ascending") return true;
  return values.default_ascending !== false;
}

/** Compares two strings by Unicode code point (JavaScript's `<` compares UTF-16 code units). */
export function compareCodePoints(a: string, b: string): number {
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x !== y) {
      // Surrogates (supplementary code points) must sort above U+E000..U+FFFF: shift both
      // ranges so that code-unit order becomes code-point order (ICU's fix-up).
      if (x >= 0xd800 && y >= 0xd800) {
        x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
        y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
      }
      return x - y;
    }
  }
  return a.length - b.length;
}

/** The sort order of two values of one storage (nulls first, strings by code point). */
export function compareSortValues(a: Value, b: Value): number {
  if (typeof a === "string" && typeof b === "string") return a === b ? 0 : compareCodePoints(a, b);
  return compareValues(a, b);
}

export type RowComparator = (a: number, b: number) => number;

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * A comparator of row indices by one column. Numeric columns are copied once into a
 * Float64Array (null as -Infinity, which data never holds) so the hot comparison is a
 * subtraction; string columns use `<` unless some value holds a surrogate pair.
 */
export function columnComparator(column: Column, length: number, ascending: boolean): RowComparator {
  const sign = ascending ? 1 : -1;
  let numeric = true;
  let strings = true;
  let surrogates = false;
  for (let i = 0; i < length; i++) {
    const v = column[i];
    if (v === null) continue;
    if (typeof v === "number") strings = false;
    else if (typeof v === "string") {
      numeric = false;
      if (!surrogates && SURROGATE.test(v)) surrogates = true;
    } else {
      numeric = false;
      strings = false;
    }
    if (!numeric && !strings) break;
  }
  if (numeric) {
    const xs = new Float64Array(length);
    for (let i = 0; i < length; i++) {
      const v = column[i] as number | null;
      xs[i] = v === null ? -Infinity : v;
    }
    return ascending ? (a, b) => (xs[a]! < xs[b]! ? -1 : xs[a]! > xs[b]! ? 1 : 0) : (a, b) => (xs[a]! > xs[b]! ? -1 : xs[a]! < xs[b]! ? 1 : 0);
  }
  if (strings) {
    const col = column as (string | null)[];
    if (surrogates) {
      return (a, b) => {
        const x = col[a]!;
        const y = col[b]!;
        if (x === y) return 0;
        if (x === null) return -sign;
        if (y === null) return sign;
        return sign * compareCodePoints(x, y);
      };
    }
    return (a, b) => {
      const x = col[a]!;
      const y = col[b]!;
      if (x === y) return 0;
      if (x === null) return -sign;
      if (y === null) return sign;
      return x < y ? -sign : sign;
    };
  }
  return (a, b) => sign * compareSortValues(column[a]!, column[b]!);
}

/**
 * A comparator of row indices by several columns, most significant first. Ties between
 * different rows are broken by row index, so any sort using it is stable.
 */
export function rowComparator(columns: readonly Column[], ascending: readonly boolean[], length: number): RowComparator {
  const parts = columns.map((c, i) => columnComparator(c, length, ascending[i]!));
  if (parts.length === 1) {
    const only = parts[0]!;
    return (a, b) => only(a, b) || a - b;
  }
  return (a, b) => {
    for (let k = 0; k < parts.length; k++) {
      const r = parts[k]!(a, b);
      if (r !== 0) return r;
    }
    return a - b;
  };
}

/** Row indices 0..n-1 in the order of the comparator (stable). */
export function sortedIndices(length: number, compare: RowComparator): Uint32Array {
  const order = new Uint32Array(length);
  for (let i = 0; i < length; i++) order[i] = i;
  order.sort(compare);
  return order;
}
