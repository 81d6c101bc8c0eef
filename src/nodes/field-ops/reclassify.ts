/**
 * Reclassify (`reclassify`): maps the values of one field (Single) or of several fields with
 * one table (Multiple) to new values, into new fields or in place. Unmapped values (and
 * `$null$`) keep their value, or get `default` with `use_default`. NODES.md §2.5;
 * docs/nodes.md ("Reclassify").
 */
import type { Column } from "../../data/batch.js";
import { defaultMeasureFor, type Field } from "../../data/field.js";
import type { Schema } from "../../data/schema.js";
import { isNumericStorage, type Storage } from "../../data/storage.js";
import { formatValue, groupKey, type Value } from "../../data/values.js";
import { boolCodec, childText, defineXmlMapping, enumCodec, fieldListCodec, makeRow, readList, setTableRows, StrWriteError, SUFFIX_PREFIX_TOKENS, tableRows, textCodec, writeList } from "../common/str-mapping/index.js";
import { defineNode, type NodeContext } from "../definition.js";
import { NodePropertyError, bool, field, fields, json, list, oneOf, prop, str } from "../properties.js";
import { columnPlan, withColumns } from "./columns.js";
import { MAPPING_SCHEMA, SCALAR_SCHEMA, ValueMap, checkJsonShapes, jsonToValue, literalValue, mappingEntries, storageOfLiterals } from "./field-values.js";
import { ADD_AS, assertDistinctNewNames, extendName } from "./naming.js";

/**
 * Reclassify (`ReclassifyNode` → `reclassify`): `reclassifyMode`, `reclassifyReplaceField`,
 * `singleFieldSelection` / `singleFieldName`, `multipleFieldList` with
 * `multipleExtensionName` / `multipleExtensionPosition`, `reclassifyTable/rows/row{oldValue,
 * newValue}` (in order), `useDefault` / `defaultValue`, `reclassifyPickList`.
 */
const reclassifyMapping = defineXmlMapping({
  properties: {
    mode: enumCodec("reclassifyMode", { single: "Single", multiple: "Multiple" }),
    replace_field: boolCodec("reclassifyReplaceField"),
    field: textCodec("singleFieldSelection", { omitEmpty: true }),
    new_name: textCodec("singleFieldName"),
    fields: fieldListCodec("multipleFieldList"),
    name_extension: textCodec("multipleExtensionName"),
    add_as: enumCodec("multipleExtensionPosition", SUFFIX_PREFIX_TOKENS),
    reclassify: {
      xml: "reclassifyTable/rows/row{oldValue, newValue}",
      read: (props) => tableRows(props, "reclassifyTable")?.map((r) => [childText(r, "oldValue") ?? "", childText(r, "newValue") ?? ""]),
      write(props, value) {
        const pairs = Array.isArray(value) ? value : value && typeof value === "object" ? Object.entries(value) : undefined;
        if (!pairs) throw new StrWriteError("reclassify needs [original, new] pairs", { xml: "reclassifyTable" });
        setTableRows(props, "reclassifyTable", pairs.map((p) => makeRow([["oldValue", String((p as unknown[])[0])], ["newValue", String((p as unknown[])[1])]])));
      },
    },
    use_default: boolCodec("useDefault"),
    default: textCodec("defaultValue"),
    pick_list: {
      xml: "reclassifyPickList/value",
      read: (props) => readList(props, "reclassifyPickList", "value"),
      write: (props, value) => writeList(props, "reclassifyPickList", Array.isArray(value) ? value.map(String) : [], "value"),
    },
  },
});

export const reclassifyNode = defineNode({
  type: "reclassify",
  label: "Reclassify",
  palette: "field",
  modelerClasses: ["ReclassifyNode"],
  modeler: reclassifyMapping,
  inputs: { min: 1, max: 1 },
  properties: [
    prop("mode", oneOf("Single", "Multiple"), "Single"),
    prop("replace_field", bool(), false, "Overwrite the original field(s) instead of adding new ones."),
    prop("field", field(), undefined, "Single mode: the field to reclassify."),
    prop("new_name", str(), undefined, "Single mode: name of the new field."),
    prop("fields", fields(), [], "Multiple mode: the fields to reclassify."),
    prop("name_extension", str(), "_Reclassify", "Multiple mode: added to each field's name."),
    prop("add_as", ADD_AS, "Suffix"),
    prop("reclassify", json(MAPPING_SCHEMA, "an object mapping original values to new values, or a list of [original, new] pairs"), {}, "The mapping."),
    prop("use_default", bool(), false, "Give unmapped values the default value."),
    prop("default", json(SCALAR_SCHEMA, "a string or number"), "", "Value of unmapped values with use_default."),
    prop("pick_list", list(str()), [], "Suggested new values (an editing aid in Modeler; no effect on records)."),
  ],
  schema(ctx, [input]) {
    return input!.append(...reclassifyPlan(ctx, input!).map((o) => o.field));
  },
  async *run(ctx, [input]) {
    const inSchema = ctx.inputSchemas[0]!;
    const outputs = reclassifyPlan(ctx, inSchema);
    const plan = columnPlan(ctx.outputSchema, inSchema, new Set(outputs.map((o) => o.field.name)));
    for await (const batch of input!) {
      ctx.throwIfAborted();
      const added = new Map<string, Column>();
      for (const o of outputs) {
        const src = batch.columns[o.sourceIndex]!;
        const col: Column = new Array(batch.length);
        for (let r = 0; r < batch.length; r++) col[r] = o.map(src[r]!);
        added.set(o.field.name, col);
      }
      yield withColumns(ctx.outputSchema, plan, batch, added);
    }
  },
});

interface Reclassification {
  readonly sourceIndex: number;
  readonly field: Field;
  map(v: Value): Value;
}

function reclassifyPlan(ctx: NodeContext, input: Schema): Reclassification[] {
  const p = ctx.props;
  checkJsonShapes(p, { scalars: ["default"], mappings: ["reclassify"] });
  const single = p.str("mode") === "Single";
  const replace = p.bool("replace_field");
  const where = (prop: string) => `property "${prop}" of node "${ctx.node.id}" (reclassify)`;
  const sources = single ? [p.required("field")] : p.list<string>("fields");
  if (sources.length === 0) throw new NodePropertyError(`node "${ctx.node.id}" (reclassify) needs at least one field in "fields"`, { node: ctx.node.id, nodeType: "reclassify", property: "fields" });
  const entries = mappingEntries(p.values.reclassify);
  const useDefault = p.bool("use_default");
  const targetsStorage = storageOfLiterals([...entries.map((e) => e[1]), ...(useDefault ? [p.values.default] : [])]);
  const outputs = sources.map((name): Reclassification => {
    const source = input.require(name, where(single ? "field" : "fields"));
    const outName = replace ? name : single ? p.required("new_name") : extendName(name, p.str("name_extension"), p.str("add_as"));
    const storage = outputStorage(targetsStorage, source.storage, useDefault, entries.length > 0);
    const table = new ValueMap<Value>();
    for (const [from, to] of entries) {
      const key = jsonToValue(from, source.storage, ctx.settings);
      if (key === undefined) throw p.unsupported("reclassify", from, `${JSON.stringify(from)} is not a ${source.storage} value of field "${name}"`);
      table.set(key, literalValue(to, storage));
    }
    const fallback = useDefault ? literalValue(p.values.default, storage) : undefined;
    const keep = (v: Value): Value => (v === null || storage === source.storage ? v : storage === "string" ? formatValue(v, source.storage) : v);
    const values = useDefault ? distinct([...entries.map((e) => literalValue(e[1], storage)), fallback!]) : undefined;
    return {
      sourceIndex: input.indexOf(name),
      field: {
        name: outName,
        storage,
        measure: values ? "nominal" : defaultMeasureFor(storage),
        role: replace ? source.role : "input",
        ...(values && { values }),
      },
      map(v) {
        const hit = v === null ? undefined : table.get(v);
        if (hit !== undefined) return hit;
        return fallback !== undefined ? fallback : keep(v);
      },
    };
  });
  assertDistinctNewNames(ctx, outputs.map((o, i) => ({ name: o.field.name, from: `"${sources[i]}"` })), single ? "new_name" : "name_extension");
  return outputs;
}

/**
 * New values written as numbers give a numeric field; unmapped values that keep their value
 * must fit it too, else the field holds strings.
 */
function outputStorage(targets: Storage, source: Storage, useDefault: boolean, hasEntries: boolean): Storage {
  if (!hasEntries && !useDefault) return source;
  if (useDefault || targets === source) return targets;
  if (isNumericStorage(targets) && isNumericStorage(source)) return "real";
  return "string";
}

function distinct(values: Value[]): Value[] {
  const seen = new Set<string>();
  return values.filter((v) => v !== null && !seen.has(groupKey(v)) && (seen.add(groupKey(v)), true));
}
