/**
 * Append (`append`): the records of the main (first) input, then those of each further input
 * in input (link) order. NODES.md §2.14; choices in docs/nodes.md.
 *
 * Fields line up by position or by name (case-insensitively unless `match_case`). The output
 * has the main input's fields, or with `include_fields_from: All` also every field only later
 * inputs have, in order of first appearance. A field an input lacks is `$null$` there.
 * Storages that differ between inputs are unified: integer and real give real; any other mix
 * gives string (values written as text, dates and times in ISO form). The tag field holds
 * each input's tag: the link's tag, else its position "1", "2", ...
 */
import type { Column, RecordBatch } from "../../data/batch.js";
import { defaultMeasureFor, makeField, type Field } from "../../data/field.js";
import { Schema } from "../../data/schema.js";
import { isNumericStorage, storageLabel, type Storage } from "../../data/storage.js";
import { formatValue, type Value } from "../../data/values.js";
import { boolCodec, childText, defineXmlMapping, enumCodec, setChildText, StrWriteError, textCodec } from "../common/str-mapping/index.js";
import { defineNode, type NodeContext } from "../definition.js";
import { NodePropertyError, bool, oneOf, prop, str } from "../properties.js";
import { inputTags, nullColumn } from "./rows.js";

/**
 * Append (`AppendNode` → `append`): `appendMode` name/position, `appendMatchCase`,
 * `appendIncludeAllFields`, `appendIncludeTag`, `appendTagField`. Input order comes from the
 * node's tags (see import/tags.ts), not from here.
 */
const appendMapping = defineXmlMapping({
  properties: {
    match_by: enumCodec("appendMode", { name: "Name", position: "Position" }),
    match_case: boolCodec("appendMatchCase"),
    include_fields_from: {
      xml: "appendIncludeAllFields (true: All, false: Main)",
      read(props, ctx) {
        const v = childText(props, "appendIncludeAllFields");
        if (v === undefined) return undefined;
        if (v === "true" || v === "false") return v === "true" ? "All" : "Main";
        ctx.warn(`appendIncludeAllFields holds "${v}", which is not true or false`);
        return v;
      },
      write(props, value) {
        if (value !== "All" && value !== "Main") throw new StrWriteError(`include_fields_from ${JSON.stringify(value)} must be Main or All`, { xml: "appendIncludeAllFields" });
        setChildText(props, "appendIncludeAllFields", String(value === "All"));
      },
    },
    create_tag_field: boolCodec("appendIncludeTag"),
    tag_field_name: textCodec("appendTagField"),
  },
});

export const appendNode = defineNode({
  type: "append",
  label: "Append",
  palette: "record",
  modelerClasses: ["AppendNode"],
  modeler: appendMapping,
  inputs: { min: 1, max: Infinity },
  properties: [
    prop("match_by", oneOf("Position", "Name"), "Position", "Line fields up by position or by name."),
    prop("match_case", bool(), false, "Names match only with the same case."),
    prop("include_fields_from", oneOf("Main", "All"), "Main", "Output the main input's fields, or every input's."),
    prop("create_tag_field", bool(), false, "Add a field naming each record's input."),
    prop("tag_field_name", str(), "Input"),
  ],
  schema(ctx, inputs) {
    return appendPlan(ctx, inputs).schema;
  },
  async *run(ctx, inputs) {
    const plan = appendPlan(ctx, ctx.inputSchemas);
    for (let i = 0; i < inputs.length; i++) {
      const sources = plan.sources[i]!;
      for await (const batch of inputs[i]!) {
        ctx.throwIfAborted();
        if (batch.length === 0) continue;
        const columns: Column[] = sources.map((s) => (s.index < 0 ? nullColumn(batch.length) : s.convert ? batch.columns[s.index]!.map(s.convert) : batch.columns[s.index]!));
        if (plan.tags) columns.push(new Array<Value>(batch.length).fill(plan.tags[i]!));
        yield { schema: ctx.outputSchema, columns, length: batch.length } satisfies RecordBatch;
      }
    }
  },
});

/** Where output column c of input i comes from: a column index (or −1 for nulls) and a conversion. */
interface Source {
  readonly index: number;
  readonly convert?: (v: Value) => Value;
}

interface AppendPlan {
  readonly schema: Schema;
  readonly sources: readonly (readonly Source[])[];
  readonly tags?: readonly string[];
}

function appendPlan(ctx: NodeContext, inputs: readonly Schema[]): AppendPlan {
  const byName = ctx.props.str("match_by") === "Name";
  const all = ctx.props.str("include_fields_from") === "All";
  const norm = ctx.props.bool("match_case") ? (s: string) => s : (s: string) => s.toLowerCase();
  // Output slots: the field that names each, and for each input the column that fills it.
  const slots: Array<{ field: Field; columns: number[] }> = [];
  const main = inputs[0]!;
  if (byName) {
    const slotOf = new Map<string, number>();
    inputs.forEach((schema, i) => {
      schema.fields.forEach((f, c) => {
        let s = slotOf.get(norm(f.name));
        if (s === undefined) {
          if (i > 0 && !all) return;
          slotOf.set(norm(f.name), (s = slots.length));
          slots.push({ field: f, columns: inputs.map(() => -1) });
        }
        if (slots[s]!.columns[i]! < 0) slots[s]!.columns[i] = c;
      });
    });
  } else {
    const width = all ? Math.max(...inputs.map((s) => s.length)) : main.length;
    for (let c = 0; c < width; c++) {
      const namer = inputs.find((s) => s.length > c)!;
      slots.push({ field: namer.fields[c]!, columns: inputs.map((s) => (c < s.length ? c : -1)) });
    }
  }

  const fields: Field[] = [];
  const sources: Source[][] = inputs.map(() => []);
  for (const slot of slots) {
    const storages = slot.columns.map((c, i) => (c < 0 ? undefined : inputs[i]!.fields[c]!.storage));
    const storage = unifiedStorage(storages.filter((s): s is Storage => s !== undefined));
    const f = slot.field;
    if (storage !== f.storage) {
      const mixed = [...new Set(storages.filter((s) => s !== undefined))].map((s) => storageLabel(s!)).join(", ");
      if (storage === "string") ctx.warn(`field "${f.name}" has storages ${mixed} in different inputs; it is appended as String`);
    }
    fields.push(storage === f.storage ? f : { ...makeField(f.name, storage, { role: f.role }), measure: defaultMeasureFor(storage) });
    slot.columns.forEach((c, i) => {
      const from = storages[i];
      sources[i]!.push({ index: c, ...(from !== undefined && from !== storage && { convert: converter(from, storage) }) });
    });
  }

  let tags: string[] | undefined;
  if (ctx.props.bool("create_tag_field")) {
    const name = ctx.props.str("tag_field_name") || "Input";
    if (fields.some((f) => f.name === name)) {
      throw new NodePropertyError(`tag_field_name "${name}" of node "${ctx.node.id}" (append) is already an output field; choose another name`, { node: ctx.node.id, nodeType: "append", property: "tag_field_name", value: name });
    }
    fields.push(makeField(name, "string"));
    tags = inputTags(ctx);
  }
  try {
    return { schema: new Schema(fields), sources, ...(tags && { tags }) };
  } catch (err) {
    // Position matching with All can bring two inputs' differently named extra fields together.
    throw new NodePropertyError(`node "${ctx.node.id}" (append): ${(err as Error).message}; rename the field in one input`, { node: ctx.node.id, nodeType: "append", property: "match_by" });
  }
}

/** One storage for values of several storages: equal stays, integer+real → real, else string. */
export function unifiedStorage(storages: readonly Storage[]): Storage {
  const known = storages.filter((s) => s !== "unknown");
  if (known.length === 0) return storages[0] ?? "unknown";
  if (known.every((s) => s === known[0])) return known[0]!;
  if (known.every(isNumericStorage)) return "real";
  return "string";
}

function converter(from: Storage, to: Storage): ((v: Value) => Value) | undefined {
  if (from === "unknown") return undefined;
  if (to === "real") return (v) => (typeof v === "bigint" ? Number(v) : v);
  if (to === "string") return (v) => (v === null || typeof v === "string" ? v : formatValue(v, from));
  return undefined;
}
