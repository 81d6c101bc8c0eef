/**
 * Restructure (`restructure`): for each listed value v of a categorical field F, new fields
 * that carry other fields' values where F = v (`OtherFields`: `F_v_X` = X where F = v, else
 * `$null$`) or a flag (`Flags`: `F_v` = T where F = v, else F). Without
 * `include_field_name` the `F_` prefix is left out. Original fields are kept. NODES.md §2.17.
 */
import type { Column } from "../../data/batch.js";
import { makeField, type Field } from "../../data/field.js";
import type { Schema } from "../../data/schema.js";
import { formatValue, groupKey } from "../../data/values.js";
import { boolCodec, child, childText, defineXmlMapping, elements, enumCodec, fieldListCodec, makeElement, makeRow, replaceChild, StrWriteError } from "../common/str-mapping/index.js";
import { defineNode, type NodeContext } from "../definition.js";
import { NodePropertyError, bool, fields, json, keyed, oneOf, prop } from "../properties.js";
import { columnPlan, withColumns } from "./columns.js";
import { VALUE_LIST_SCHEMA, checkJsonShapes, jsonToValue } from "./field-values.js";
import { assertDistinctNewNames } from "./naming.js";

/**
 * Restructure (`RestructureNode` → `restructure`): `createRestructuredFields/
 * persistentObjectListMember{srcFieldName, srcFieldValue}` → `fields_from`,
 * `restructureIncludeFieldNames`, `restructureValuesMode` OtherFields/Flags,
 * `restructureValueFields`.
 */
const restructureMapping = defineXmlMapping({
  properties: {
    fields_from: {
      xml: "createRestructuredFields/persistentObjectListMember{srcFieldName, srcFieldValue}",
      read(props) {
        const list = child(props, "createRestructuredFields");
        if (!list) return undefined;
        const out: Record<string, string[]> = {};
        for (const m of elements(list)) (out[childText(m, "srcFieldName") ?? ""] ??= []).push(childText(m, "srcFieldValue") ?? "");
        return out;
      },
      write(props, value) {
        if (typeof value !== "object" || value === null || Array.isArray(value)) throw new StrWriteError("fields_from needs an object keyed by field name", { xml: "createRestructuredFields" });
        const include = childText(props, "restructureIncludeFieldNames") ?? "true";
        const members = Object.entries(value as Record<string, unknown>).flatMap(([field, values]) =>
          (Array.isArray(values) ? values : []).map((v) => makeRow([["srcFieldName", field], ["srcFieldValue", String(v)], ["includeFieldNames", include]], "persistentObjectListMember")),
        );
        replaceChild(props, "createRestructuredFields", makeElement("createRestructuredFields", {}, members));
      },
    },
    include_field_name: boolCodec("restructureIncludeFieldNames"),
    value_mode: enumCodec("restructureValuesMode", { OtherFields: "OtherFields", Flags: "Flags" }),
    value_fields: fieldListCodec("restructureValueFields"),
  },
  check(props, ctx) {
    const global = childText(props, "restructureIncludeFieldNames");
    const differing = elements(child(props, "createRestructuredFields") ?? makeElement("x")).filter((m) => childText(m, "includeFieldNames") !== undefined && childText(m, "includeFieldNames") !== global);
    if (global !== undefined && differing.length > 0) {
      ctx.warn(`createRestructuredFields has ${differing.length} value(s) whose includeFieldNames differs from restructureIncludeFieldNames; the node-wide setting is applied`);
    }
  },
});

export const restructureNode = defineNode({
  type: "restructure",
  label: "Restructure",
  palette: "field",
  modelerClasses: ["RestructureNode"],
  modeler: restructureMapping,
  inputs: { min: 1, max: 1 },
  properties: [
    prop("fields_from", keyed(json(VALUE_LIST_SCHEMA, "a list of values")), {}, "For each field, the values that get new fields."),
    prop("include_field_name", bool(), true, "Start the new fields' names with the original field's name."),
    prop("value_mode", oneOf("OtherFields", "Flags"), "OtherFields", "Fill new fields with other fields' values, or make flags."),
    prop("value_fields", fields(), [], "OtherFields: the fields whose values fill the new fields."),
  ],
  schema(ctx, [input]) {
    return input!.append(...restructurePlan(ctx, input!).map((o) => o.field));
  },
  async *run(ctx, [input]) {
    const inSchema = ctx.inputSchemas[0]!;
    const outputs = restructurePlan(ctx, inSchema);
    const plan = columnPlan(ctx.outputSchema, inSchema, new Set(outputs.map((o) => o.field.name)));
    for await (const batch of input!) {
      ctx.throwIfAborted();
      const added = new Map<string, Column>();
      for (const o of outputs) {
        const src = batch.columns[o.sourceIndex]!;
        const values = o.valueIndex >= 0 ? batch.columns[o.valueIndex]! : undefined;
        const col: Column = new Array(batch.length);
        for (let r = 0; r < batch.length; r++) {
          const hit = src[r] !== null && groupKey(src[r]!) === o.key;
          col[r] = values ? (hit ? values[r]! : null) : hit ? "T" : "F";
        }
        added.set(o.field.name, col);
      }
      yield withColumns(ctx.outputSchema, plan, batch, added);
    }
  },
});

interface Restructured {
  readonly sourceIndex: number;
  readonly key: string;
  /** Column whose values fill the field; -1 in Flags mode. */
  readonly valueIndex: number;
  readonly field: Field;
}

function restructurePlan(ctx: NodeContext, input: Schema): Restructured[] {
  const p = ctx.props;
  checkJsonShapes(p, { keyedLists: ["fields_from"] });
  const flags = p.str("value_mode") === "Flags";
  const valueFields = p.list<string>("value_fields");
  for (const v of valueFields) input.require(v, `property "value_fields" of node "${ctx.node.id}" (restructure)`);
  if (!flags && valueFields.length === 0) {
    throw new NodePropertyError(`node "${ctx.node.id}" (restructure): value_mode OtherFields needs fields in "value_fields"`, { node: ctx.node.id, nodeType: "restructure", property: "value_fields" });
  }
  const out: Restructured[] = [];
  for (const [name, values] of Object.entries(p.keyed<unknown[]>("fields_from"))) {
    const source = input.require(name, `property "fields_from" of node "${ctx.node.id}" (restructure)`);
    for (const v of values ?? []) {
      const value = jsonToValue(v, source.storage, ctx.settings);
      if (value === undefined || value === null) throw p.unsupported("fields_from", v, `${JSON.stringify(v)} is not a ${source.storage} value of field "${name}"`);
      const base = (p.bool("include_field_name") ? `${name}_` : "") + formatValue(value, source.storage);
      const common = { sourceIndex: input.indexOf(name), key: groupKey(value) };
      if (flags) {
        out.push({ ...common, valueIndex: -1, field: makeField(base, "string", { measure: "flag", values: ["F", "T"] }) });
        continue;
      }
      for (const x of valueFields) {
        const { values: _v, check: _c, ...meta } = input.require(x);
        out.push({ ...common, valueIndex: input.indexOf(x), field: { ...meta, name: `${base}_${x}`, role: "input" } });
      }
    }
  }
  if (out.length === 0) throw new NodePropertyError(`node "${ctx.node.id}" (restructure) needs at least one field and value in "fields_from"`, { node: ctx.node.id, nodeType: "restructure", property: "fields_from" });
  assertDistinctNewNames(ctx, out.map((o) => ({ name: o.field.name, from: `"${input.fields[o.sourceIndex]!.name}"` })), "fields_from");
  return out;
}
