/**
 * Filter (`filter`): drops and renames fields; values and record count are unchanged and
 * field order is kept. NODES.md §2.2.
 */
import { makeBatch } from "../../data/batch.js";
import { Schema } from "../../data/schema.js";
import { checkFilterTable, defineXmlMapping, FILTER_TABLE_CODECS } from "../common/str-mapping/index.js";
import { defineNode, type NodeContext } from "../definition.js";
import { NodePropertyError, bool, keyed, prop, str } from "../properties.js";

/** Filter (`FilterNode` → `filter`): `filterTable{defaultDrop, rows/row{name, drop, rename}}`. */
const filterMapping = defineXmlMapping({
  properties: FILTER_TABLE_CODECS,
  check: checkFilterTable,
});

export const filterNode = defineNode({
  type: "filter",
  label: "Filter",
  palette: "field",
  modelerClasses: ["FilterNode"],
  modeler: filterMapping,
  inputs: { min: 1, max: 1 },
  properties: [
    prop("default_include", bool(), true, "Keep fields not listed in include."),
    prop("include", keyed(bool()), {}, "Keep (true) or drop (false) each field."),
    prop("new_name", keyed(str()), {}, "New name of each renamed field."),
  ],
  schema(ctx, [input]) {
    return new Schema(filterPlan(ctx, input!).map(({ index, name }) => ({ ...input!.fields[index]!, name })));
  },
  async *run(ctx, [input]) {
    const plan = filterPlan(ctx, ctx.inputSchemas[0]!);
    for await (const batch of input!) {
      yield makeBatch(ctx.outputSchema, plan.map((p) => batch.columns[p.index]!), batch.length);
    }
  },
});

/** Which input columns survive, under which names. */
export function filterPlan(ctx: NodeContext, input: Schema): Array<{ index: number; name: string }> {
  const include = ctx.props.keyed<boolean>("include");
  const renames = ctx.props.keyed<string>("new_name");
  const keepByDefault = ctx.props.bool("default_include", true);
  for (const name of [...Object.keys(include), ...Object.keys(renames)]) {
    if (!input.has(name)) ctx.warn(`field "${name}" named in the filter settings is not in the input`);
  }
  const plan: Array<{ index: number; name: string }> = [];
  const seen = new Map<string, string>();
  input.fields.forEach((f, index) => {
    if (!(include[f.name] ?? keepByDefault)) return;
    const name = renames[f.name] ?? f.name;
    const clash = seen.get(name);
    if (clash !== undefined) {
      throw new NodePropertyError(`node "${ctx.node.id}" (filter) gives two fields the name "${name}" ("${clash}" and "${f.name}"); rename one of them`, { node: ctx.node.id, property: "new_name", field: name });
    }
    seen.set(name, f.name);
    plan.push({ index, name });
  });
  return plan;
}
