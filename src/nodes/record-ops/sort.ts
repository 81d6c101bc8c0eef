/**
 * Sort (`sort`): re-orders the records by one or more keys, most significant first.
 * NODES.md §2.10.
 *
 * The sort is stable; `$null$` sorts first ascending and last descending; strings by code
 * point (see ordering.ts). It collects the whole input, sorts an index array with a
 * comparator over the key columns (never row objects), then emits the rows in batches.
 */
import { DEFAULT_BATCH_SIZE } from "../../data/batch.js";
import { boolCodec, defineXmlMapping, sortKeysCodec } from "../common/str-mapping/index.js";
import { defineNode } from "../definition.js";
import { bool, oneOf, prop } from "../properties.js";
import { defaultAscending, readSortKeys, rowComparator, sortKeysType, sortedIndices } from "./ordering.js";
import { collectInput, gatherRows } from "./rows.js";

/** Sort (`SortNode` → `sort`): `sortKeys`, `sortDefaultOrder`, `useExistingSortOrder`, `existingSortKeys`. */
const sortMapping = defineXmlMapping({
  properties: {
    keys: sortKeysCodec("sortKeys"),
    default_ascending: boolCodec("sortDefaultOrder"),
    use_existing_keys: boolCodec("useExistingSortOrder"),
    existing_keys: sortKeysCodec("existingSortKeys"),
  },
});

export const sortNode = defineNode({
  type: "sort",
  label: "Sort",
  palette: "record",
  modelerClasses: ["SortNode"],
  modeler: sortMapping,
  inputs: { min: 1, max: 1 },
  properties: [
    prop("keys", sortKeysType(), [], "Sort keys, most significant first."),
    prop("default_ascending", bool(), true, "Direction of keys given without one."),
    prop("default_sort_order", oneOf("Ascending", "Descending"), undefined, "Direction of keys given without one (overrides default_ascending)."),
    prop("use_existing_keys", bool(), false, "The input is already sorted on existing_keys (a hint; the result is the same)."),
    prop("existing_keys", sortKeysType(), [], "Keys the input is already sorted on."),
  ],
  schema(ctx, [input]) {
    readSortKeys(ctx, "keys", input!, defaultAscending(ctx.props.values));
    readSortKeys(ctx, "existing_keys", input!, defaultAscending(ctx.props.values));
    return input!;
  },
  async *run(ctx, [input]) {
    const schema = ctx.inputSchemas[0]!;
    const keys = readSortKeys(ctx, "keys", schema, defaultAscending(ctx.props.values));
    if (keys.length === 0) {
      // Nothing to sort on: records pass through in their order, without being held.
      yield* input!;
      return;
    }
    const all = await collectInput(ctx, input!, schema, "sorting");
    if (all.length === 0) return;
    ctx.progress(`sorting ${all.length} records`, 0);
    const columns = keys.map((k) => all.columns[schema.indexOf(k.field)]!);
    const order = sortedIndices(all.length, rowComparator(columns, keys.map((k) => k.ascending), all.length));
    ctx.throwIfAborted();
    ctx.progress(`sorted ${all.length} records`, 1);
    for (const batch of gatherRows(all, ctx.outputSchema, order, order.length, DEFAULT_BATCH_SIZE)) {
      ctx.throwIfAborted();
      yield batch;
    }
  },
});
