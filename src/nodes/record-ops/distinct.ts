/**
 * Distinct (`distinct`): finds duplicates by `grouping_fields`. Include keeps the first
 * record of each group, Discard keeps all the others, Composite replaces each group by one
 * record whose fields are filled per `composite_value`. NODES.md §2.12; choices in
 * docs/nodes.md.
 *
 * "First" follows `sort_keys` within the group; without sort keys it is the first record in
 * input order. Include/Discard without sort keys stream (only the keys seen are held) and keep
 * the input order. With sort keys, and in Composite mode, the input is held: groups come out
 * in the order of their first record, each group's records in sort-key order.
 */
import { makeField, type Field } from "../../data/field.js";
import { Schema } from "../../data/schema.js";
import { DEFAULT_BATCH_SIZE, takeRows, type Column, type RecordBatch } from "../../data/batch.js";
import { boolCodec, child, childText, defineXmlMapping, elements, enumCodec, fieldListCodec, makeElement, makeRow, type PropertyCodec, replaceChild, sortKeysCodec, StrWriteError, textCodec } from "../common/str-mapping/index.js";
import { defineNode, type NodeContext, type RunContext } from "../definition.js";
import { NodePropertyError, bool, fields, json, keyed, oneOf, prop, str } from "../properties.js";
import { compositePlan, CompositeSettingError, type CompositePlan } from "./distinct-composite.js";
import { defaultAscending, readSortKeys, rowComparator, sortKeysType, sortedIndices, type SortKey } from "./ordering.js";
import { collectInput, gatherRows, rowKeyFunction, type RowKey } from "./rows.js";

const FILL_SETTING = json(
  { anyOf: [{ type: "string" }, { type: "array", minItems: 1, items: [{ type: "string" }] }] },
  'a fill type, or a list [fill type, option, ...] such as ["Concatenate", "Comma"]',
);

/** Composite fill `opType` ↔ scripting fill type; only these two occur in the corpus. */
const FILLS: Readonly<Record<string, string>> = { FIRST_RECORD: "First", LAST_RECORD: "Last" };
const FILL_TOKENS = new Map(Object.entries(FILLS).map(([x, s]) => [s.toLowerCase(), x]));

const compositeValue: PropertyCodec = {
  xml: "compositeValuesTable/compositeTable/node{field, opType}",
  read(props, ctx) {
    const table = child(child(props, "compositeValuesTable"), "compositeTable");
    if (!table) return undefined;
    const out: Record<string, string> = {};
    for (const n of elements(table)) {
      const op = childText(n, "opType") ?? "";
      if (FILLS[op] === undefined) ctx.warn(`compositeValuesTable opType "${op}" has no scripting fill type yet`);
      out[childText(n, "field") ?? ""] = FILLS[op] ?? op;
    }
    return out;
  },
  write(props, value) {
    if (typeof value !== "object" || value === null || Array.isArray(value)) throw new StrWriteError("composite_value needs an object keyed by field name", { xml: "compositeValuesTable" });
    const nodes = Object.entries(value as Record<string, unknown>).map(([field, fill]) => {
      const name = Array.isArray(fill) ? fill[0] : fill;
      const token = FILL_TOKENS.get(String(name).toLowerCase());
      if (!token || (Array.isArray(fill) && fill.length > 1)) throw new StrWriteError(`composite fill ${JSON.stringify(fill)} of field "${field}" has no .str form (First, Last)`, { xml: "compositeValuesTable" });
      return makeRow([["field", field], ["opType", token]], "node");
    });
    replaceChild(props, "compositeValuesTable", makeElement("compositeValuesTable", {}, [makeElement("compositeTable", {}, nodes)]));
  },
};

/**
 * Distinct (`DistinctNode` → `distinct`): `distinctMode`, `distinctFieldSelection`,
 * `sortKeys`, `sortDefaultOrder`, `existingSortKeys`, `distinctPreSortedInput`,
 * `distinctLowDistinctKeyCount`, `disableSQLGeneration`, `compositeValuesTable`
 * (`compositeTable/node{field, opType}`), `distinctIncludeCount` / `distinctCountFieldName`.
 */
const distinctMapping = defineXmlMapping({
  properties: {
    mode: enumCodec("distinctMode", { Include: "Include" }),
    grouping_fields: fieldListCodec("distinctFieldSelection"),
    sort_keys: sortKeysCodec("sortKeys"),
    default_ascending: boolCodec("sortDefaultOrder"),
    existing_sort_keys: sortKeysCodec("existingSortKeys"),
    keys_pre_sorted: boolCodec("distinctPreSortedInput"),
    low_distinct_key_count: boolCodec("distinctLowDistinctKeyCount"),
    disable_sql_generation: boolCodec("disableSQLGeneration"),
    composite_value: compositeValue,
    inc_record_count: boolCodec("distinctIncludeCount"),
    count_field: textCodec("distinctCountFieldName"),
  },
});

export const distinctNode = defineNode({
  type: "distinct",
  label: "Distinct",
  palette: "record",
  modelerClasses: ["DistinctNode"],
  modeler: distinctMapping,
  inputs: { min: 1, max: 1 },
  properties: [
    prop("mode", oneOf("Include", "Discard", "Composite"), "Include"),
    prop("grouping_fields", fields(), [], "Fields whose values together define duplicates."),
    prop("fields", fields(), undefined, "Older name of grouping_fields."),
    prop("sort_keys", sortKeysType(), [], "Order within each group: decides which record is first."),
    prop("default_sort_order", oneOf("Ascending", "Descending"), undefined),
    prop("default_ascending", bool(), true),
    prop("existing_sort_keys", sortKeysType(), [], "Order the input already has (a hint)."),
    prop("keys_pre_sorted", bool(), false, "Duplicates are adjacent in the input (a hint; results are the same)."),
    prop("low_distinct_key_count", bool(), false, "Few distinct keys (a hint)."),
    prop("disable_sql_generation", bool(), false),
    prop("composite_value", keyed(FILL_SETTING), {}, "Composite mode: how each field is filled."),
    prop(
      "composite_values",
      json({ type: "array", items: { type: "array", minItems: 2, maxItems: 2 } }, "a list of [field, fill] pairs"),
      [],
      "Composite settings in bulk; composite_value wins for a field named in both.",
    ),
    prop("inc_record_count", bool(), false, "Composite mode: add a field counting each group's records."),
    prop("count_field", str(), "Record_Count"),
  ],
  schema(ctx, [input]) {
    return distinctPlan(ctx, input!).schema;
  },
  async *run(ctx, [input]) {
    const plan = distinctPlan(ctx, ctx.inputSchemas[0]!);
    if (plan.mode !== "Composite" && plan.sortKeys.length === 0) yield* streamFirsts(ctx, plan, input!);
    else yield* heldGroups(ctx, plan, await collectInput(ctx, input!, ctx.inputSchemas[0]!, "grouping"));
  },
});

interface DistinctPlan {
  readonly mode: "Include" | "Discard" | "Composite";
  readonly schema: Schema;
  readonly keyIndices: readonly number[];
  readonly sortKeys: readonly SortKey[];
  /** Composite mode: one plan per input field (keys keep their value); then the count. */
  readonly composites: readonly (CompositePlan | "key")[];
  readonly count: boolean;
}

function distinctPlan(ctx: NodeContext, input: Schema): DistinctPlan {
  const where = `node "${ctx.node.id}" (distinct)`;
  const mode = ctx.props.str("mode", "Include") as DistinctPlan["mode"];
  const keyNames = ctx.props.has("fields") && ctx.props.list<string>("grouping_fields").length === 0 ? ctx.props.list<string>("fields") : ctx.props.list<string>("grouping_fields");
  if (keyNames.length === 0) {
    throw new NodePropertyError(`${where} needs grouping_fields: the fields whose values define duplicates`, { node: ctx.node.id, nodeType: "distinct", property: "grouping_fields" });
  }
  const keyIndices = keyNames.map((k) => {
    input.require(k, `grouping_fields of ${where}`);
    return input.indexOf(k);
  });
  const sortKeys = readSortKeys(ctx, "sort_keys", input, defaultAscending(ctx.props.values));
  readSortKeys(ctx, "existing_sort_keys", input, true);
  if (mode !== "Composite") return { mode, schema: input, keyIndices, sortKeys, composites: [], count: false };

  const settings = compositeSettings(ctx, input);
  const composites: (CompositePlan | "key")[] = [];
  const out: Field[] = input.fields.map((f, i) => {
    if (keyIndices.includes(i)) {
      composites.push("key");
      return f;
    }
    let plan: CompositePlan;
    try {
      plan = compositePlan(f, settings.get(f.name) ?? ["First"]);
    } catch (err) {
      if (!(err instanceof CompositeSettingError)) throw err;
      throw new NodePropertyError(`property "composite_value" of ${where}, field "${f.name}": ${err.message}`, {
        node: ctx.node.id,
        nodeType: "distinct",
        property: "composite_value",
        field: f.name,
        value: settings.get(f.name),
      });
    }
    composites.push(plan);
    return plan.storage === f.storage ? f : makeField(f.name, plan.storage, { role: f.role });
  });
  const count = ctx.props.bool("inc_record_count");
  if (count) {
    const name = ctx.props.str("count_field") || "Record_Count";
    if (input.has(name)) throw new NodePropertyError(`count_field "${name}" of ${where} is already a field of the input; choose another name`, { node: ctx.node.id, nodeType: "distinct", property: "count_field", value: name });
    out.push(makeField(name, "integer"));
  }
  return { mode, schema: new Schema(out), keyIndices, sortKeys, composites, count };
}

/** `composite_values` pairs, then `composite_value` entries over them; every field must exist. */
function compositeSettings(ctx: NodeContext, input: Schema): Map<string, unknown> {
  const settings = new Map<string, unknown>();
  for (const pair of ctx.props.list<[unknown, unknown]>("composite_values")) {
    if (!Array.isArray(pair) || typeof pair[0] !== "string") {
      throw new NodePropertyError(`property "composite_values" of node "${ctx.node.id}" (distinct): item ${JSON.stringify(pair)} must be a [field, fill] pair`, { node: ctx.node.id, nodeType: "distinct", property: "composite_values", value: pair });
    }
    settings.set(pair[0], pair[1]);
  }
  for (const [name, fill] of Object.entries(ctx.props.keyed("composite_value"))) settings.set(name, fill);
  for (const name of settings.keys()) input.require(name, `composite_value of node "${ctx.node.id}"`);
  return settings;
}

/** Include/Discard in input order, holding only the keys seen so far. */
async function* streamFirsts(ctx: RunContext, plan: DistinctPlan, input: AsyncIterable<RecordBatch>): AsyncGenerator<RecordBatch> {
  const seen = new Set<RowKey>();
  const include = plan.mode === "Include";
  for await (const batch of input) {
    ctx.throwIfAborted();
    const keyOf = rowKeyFunction(plan.keyIndices.map((c) => batch.columns[c]!));
    const keep = new Uint32Array(batch.length);
    let n = 0;
    for (let r = 0; r < batch.length; r++) {
      const k = keyOf(r);
      const first = !seen.has(k);
      if (first) seen.add(k);
      if (first === include) keep[n++] = r;
    }
    if (n === batch.length) yield batch;
    else if (n > 0) yield takeRows(batch, keep, n);
  }
}

/** Groups in order of first appearance, each in sort-key order; then Include/Discard/Composite. */
function* heldGroups(ctx: RunContext, plan: DistinctPlan, all: RecordBatch): Generator<RecordBatch> {
  const n = all.length;
  if (n === 0) return;
  const keyOf = rowKeyFunction(plan.keyIndices.map((c) => all.columns[c]!));
  const groupIds = new Float64Array(n);
  const ids = new Map<RowKey, number>();
  for (let r = 0; r < n; r++) {
    const k = keyOf(r);
    let g = ids.get(k);
    if (g === undefined) ids.set(k, (g = ids.size));
    groupIds[r] = g;
  }
  const schema = ctx.inputSchemas[0]!;
  const columns: Column[] = [Array.from(groupIds), ...plan.sortKeys.map((k) => all.columns[schema.indexOf(k.field)]!)];
  ctx.progress(`ordering ${n} records in ${ids.size} groups`);
  const order = sortedIndices(n, rowComparator(columns, [true, ...plan.sortKeys.map((k) => k.ascending)], n));
  ctx.throwIfAborted();
  if (plan.mode === "Composite") {
    yield* composites(ctx, plan, all, order, groupIds);
    return;
  }
  const include = plan.mode === "Include";
  const picked = new Uint32Array(include ? ids.size : n - ids.size);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const first = i === 0 || groupIds[order[i]!] !== groupIds[order[i - 1]!];
    if (first === include) picked[count++] = order[i]!;
  }
  yield* gatherRows(all, ctx.outputSchema, picked, count);
}

function* composites(ctx: RunContext, plan: DistinctPlan, all: RecordBatch, order: Uint32Array, groupIds: Float64Array): Generator<RecordBatch> {
  const out: Column[] = plan.schema.fields.map(() => []);
  let start = 0;
  while (start < order.length) {
    let end = start + 1;
    while (end < order.length && groupIds[order[end]!] === groupIds[order[start]!]) end++;
    const rows = order.subarray(start, end);
    plan.composites.forEach((c, col) => {
      const values = all.columns[col]!;
      if (c === "key") out[col]!.push(values[rows[0]!]!);
      else out[col]!.push(c.fill(Array.from(rows, (r) => values[r]!)));
    });
    if (plan.count) out[plan.composites.length]!.push(end - start);
    start = end;
    if (out[0]!.length >= DEFAULT_BATCH_SIZE) {
      ctx.throwIfAborted();
      const length = out[0]!.length;
      yield { schema: ctx.outputSchema, columns: out.splice(0, out.length, ...plan.schema.fields.map((): Column => [])), length };
    }
  }
  if (out[0]!.length > 0) yield { schema: ctx.outputSchema, columns: out, length: out[0]!.length };
}
