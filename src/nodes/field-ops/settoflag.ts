/**
 * Set to Flag (`settoflag`): one flag field per listed value of a categorical field, named
 * `<field>_<value>` (plus the optional extension), true where the field has that value.
 * With `aggregate`, records sharing the `keys` collapse into one record (keys and flags
 * only) whose flag is true if it was true in any of them. NODES.md §2.16; docs/nodes.md.
 */
import { BatchBuilder, type Column } from "../../data/batch.js";
import { makeField, type Field } from "../../data/field.js";
import { Schema } from "../../data/schema.js";
import { formatValue, groupKey, type Value } from "../../data/values.js";
import { boolCodec, child, childText, defineXmlMapping, elements, enumCodec, fieldListCodec, makeElement, makeRow, replaceChild, StrWriteError, SUFFIX_PREFIX_TOKENS, textCodec } from "../common/str-mapping/index.js";
import { defineNode, type NodeContext } from "../definition.js";
import { NodePropertyError, bool, fields, json, keyed, prop, str } from "../properties.js";
import { columnPlan, withColumns } from "./columns.js";
import { SCALAR_SCHEMA, VALUE_LIST_SCHEMA, checkJsonShapes, jsonToValue, literalValue, storageOfLiterals } from "./field-values.js";
import { ADD_AS, assertDistinctNewNames, extendName } from "./naming.js";

/**
 * Set to Flag (`SetToFlagNode` → `settoflag`): `createFlagFields/persistentObjectListMember
 * {srcFieldName, srcFieldValue}` → `fields_from` keyed by field, `trueValue` / `falseValue`,
 * `fieldNameExtensionEnabled` / `fieldNameExtension` / `fieldNameExtensionPosition`,
 * `useAggregateKeyFields` / `aggregateKeyFields`.
 */
const setToFlagMapping = defineXmlMapping({
  properties: {
    fields_from: {
      xml: "createFlagFields/persistentObjectListMember{srcFieldName, srcFieldValue}",
      read(props) {
        const list = child(props, "createFlagFields");
        if (!list) return undefined;
        const out: Record<string, string[]> = {};
        for (const m of elements(list)) (out[childText(m, "srcFieldName") ?? ""] ??= []).push(childText(m, "srcFieldValue") ?? "");
        return out;
      },
      write(props, value) {
        if (typeof value !== "object" || value === null || Array.isArray(value)) throw new StrWriteError("fields_from needs an object keyed by field name", { xml: "createFlagFields" });
        const members = Object.entries(value as Record<string, unknown>).flatMap(([field, values]) =>
          (Array.isArray(values) ? values : []).map((v) =>
            makeRow([["srcFieldName", field], ["srcFieldValue", String(v)], ["flagNameExtension", makeElement("flagNameExtension")], ["prefixNotSuffix", "false"]], "persistentObjectListMember"),
          ),
        );
        replaceChild(props, "createFlagFields", makeElement("createFlagFields", {}, members));
      },
    },
    true_value: textCodec("trueValue"),
    false_value: textCodec("falseValue"),
    use_extension: boolCodec("fieldNameExtensionEnabled"),
    extension: textCodec("fieldNameExtension"),
    add_as: enumCodec("fieldNameExtensionPosition", SUFFIX_PREFIX_TOKENS),
    aggregate: boolCodec("useAggregateKeyFields"),
    keys: fieldListCodec("aggregateKeyFields"),
  },
  check(props, ctx) {
    for (const m of elements(child(props, "createFlagFields") ?? makeElement("x"))) {
      if ((childText(m, "flagNameExtension") ?? "") !== "" || childText(m, "prefixNotSuffix") === "true") {
        ctx.warn("createFlagFields has per-value name extensions, kept in the XML but not applied (the node-wide extension is)");
        return;
      }
    }
  },
});

export const setToFlagNode = defineNode({
  type: "settoflag",
  label: "SetToFlag",
  palette: "field",
  modelerClasses: ["SetToFlagNode"],
  modeler: setToFlagMapping,
  inputs: { min: 1, max: 1 },
  properties: [
    prop("fields_from", keyed(json(VALUE_LIST_SCHEMA, "a list of values")), {}, "For each field, the values that get a flag field."),
    prop("true_value", json(SCALAR_SCHEMA, "a string or number"), "T"),
    prop("false_value", json(SCALAR_SCHEMA, "a string or number"), "F"),
    prop("use_extension", bool(), false),
    prop("extension", str(), ""),
    prop("add_as", ADD_AS, "Suffix"),
    prop("aggregate", bool(), false, "One record per combination of keys (keys and flags only)."),
    prop("keys", fields(), [], "Key fields for aggregate."),
  ],
  schema(ctx, [input]) {
    const { flags, keys } = flagPlan(ctx, input!);
    const added = flags.map((f) => f.field);
    return keys ? new Schema([...keys.map((k) => input!.require(k)), ...added]) : input!.append(...added);
  },
  async *run(ctx, [input]) {
    const inSchema = ctx.inputSchemas[0]!;
    const { flags, keys, trueValue, falseValue } = flagPlan(ctx, inSchema);
    const flagOf = (f: FlagField, v: Value) => v !== null && groupKey(v) === f.key;
    if (!keys) {
      const plan = columnPlan(ctx.outputSchema, inSchema, new Set(flags.map((f) => f.field.name)));
      for await (const batch of input!) {
        ctx.throwIfAborted();
        const added = new Map<string, Column>();
        for (const f of flags) {
          const src = batch.columns[f.sourceIndex]!;
          const col: Column = new Array(batch.length);
          for (let r = 0; r < batch.length; r++) col[r] = flagOf(f, src[r]!) ? trueValue : falseValue;
          added.set(f.field.name, col);
        }
        yield withColumns(ctx.outputSchema, plan, batch, added);
      }
      return;
    }
    const keyIndex = keys.map((k) => inSchema.indexOf(k));
    const groups = new Map<string, { key: Value[]; on: Uint8Array }>();
    for await (const batch of input!) {
      ctx.throwIfAborted();
      for (let r = 0; r < batch.length; r++) {
        const key = keyIndex.map((i) => batch.columns[i]![r]!);
        const id = key.map(groupKey).join("\u0001");
        let g = groups.get(id);
        if (!g) groups.set(id, (g = { key, on: new Uint8Array(flags.length) }));
        flags.forEach((f, j) => {
          if (flagOf(f, batch.columns[f.sourceIndex]![r]!)) g!.on[j] = 1;
        });
      }
    }
    const out = new BatchBuilder(ctx.outputSchema);
    for (const g of groups.values()) {
      out.push([...g.key, ...Array.from(g.on, (x) => (x ? trueValue : falseValue))]);
      if (out.full) yield out.flush();
    }
    if (out.length > 0) yield out.flush();
  },
});

interface FlagField {
  readonly sourceIndex: number;
  /** `groupKey` of the value the flag stands for. */
  readonly key: string;
  readonly field: Field;
}

function flagPlan(ctx: NodeContext, input: Schema): { flags: FlagField[]; keys?: string[]; trueValue: Value; falseValue: Value } {
  const p = ctx.props;
  checkJsonShapes(p, { scalars: ["true_value", "false_value"], keyedLists: ["fields_from"] });
  const storage = storageOfLiterals([p.values.true_value, p.values.false_value]);
  const trueValue = literalValue(p.values.true_value, storage);
  const falseValue = literalValue(p.values.false_value, storage);
  if (trueValue === falseValue) throw p.unsupported("true_value", p.values.true_value, "the true and false values must differ");
  const from = p.keyed<unknown[]>("fields_from");
  const where = `property "fields_from" of node "${ctx.node.id}" (settoflag)`;
  const flags: FlagField[] = [];
  for (const [name, values] of Object.entries(from)) {
    const source = input.require(name, where);
    for (const v of values ?? []) {
      const value = jsonToValue(v, source.storage, ctx.settings);
      if (value === undefined || value === null) throw p.unsupported("fields_from", v, `${JSON.stringify(v)} is not a ${source.storage} value of field "${name}"`);
      let flagName = `${name}_${formatValue(value, source.storage)}`;
      if (p.bool("use_extension")) flagName = extendName(flagName, p.str("extension"), p.str("add_as"));
      flags.push({
        sourceIndex: input.indexOf(name),
        key: groupKey(value),
        field: makeField(flagName, storage, { measure: "flag", values: [falseValue, trueValue] }),
      });
    }
  }
  if (flags.length === 0) throw new NodePropertyError(`node "${ctx.node.id}" (settoflag) needs at least one field and value in "fields_from"`, { node: ctx.node.id, nodeType: "settoflag", property: "fields_from" });
  assertDistinctNewNames(ctx, flags.map((f) => ({ name: f.field.name, from: `"${input.fields[f.sourceIndex]!.name}"` })), "fields_from");
  if (!p.bool("aggregate")) return { flags, trueValue, falseValue };
  const keys = p.list<string>("keys");
  if (keys.length === 0) throw new NodePropertyError(`node "${ctx.node.id}" (settoflag): aggregate needs key fields in "keys"`, { node: ctx.node.id, nodeType: "settoflag", property: "keys" });
  for (const k of keys) input.require(k, `property "keys" of node "${ctx.node.id}" (settoflag)`);
  const clash = flags.find((f) => keys.includes(f.field.name));
  if (clash) throw p.unsupported("keys", clash.field.name, `key "${clash.field.name}" has the name of a flag field`);
  return { flags, keys, trueValue, falseValue };
}
