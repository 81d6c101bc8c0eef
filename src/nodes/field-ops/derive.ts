/**
 * Derive (`derive`): adds a field computed by CLEM (Single mode), or one per listed field with
 * `@FIELD` standing for it (Multiple mode), as a formula, flag, nominal value, state, count or
 * conditional (`result_type`; see `derive-modes.ts`). The new field goes at the end; a new
 * field with the name of an input field replaces it in place. NODES.md §2.3; docs/nodes.md.
 */
import type { Column } from "../../data/batch.js";
import type { Schema } from "../../data/schema.js";
import { childText, defineXmlMapping, enumCodec, fieldListCodec, makeRow, MEASURE_TOKENS, numberCodec, type PropertyCodec, setTableRows, StrWriteError, SUFFIX_PREFIX_TOKENS, tableRows, textCodec } from "../common/str-mapping/index.js";
import { defineNode, type NodeContext } from "../definition.js";
import { NodePropertyError, clem, fields, json, num, oneOf, prop, str } from "../properties.js";
import { batchesWithLookahead, columnPlan, withColumns } from "./columns.js";
import { DERIVE_MODES, type Derivation } from "./derive-modes.js";
import { MAPPING_SCHEMA, SCALAR_SCHEMA, checkJsonShapes } from "./field-values.js";
import { ADD_AS, assertDistinctNewNames, extendName, requireFields } from "./naming.js";

const MEASURES = oneOf("Default", "Range", "Discrete", "Flag", "Set", "OrderedSet", "Typeless", "Continuous", "Categorical", "Nominal", "Ordinal", "Collection", "Geospatial");
const scalar = () => json(SCALAR_SCHEMA, "a string or number");

const measure = (tag: string) => enumCodec(tag, MEASURE_TOKENS);

const setTable: PropertyCodec = {
  xml: "deriveSetTable/rows/row{name, condition}",
  read(props) {
    const rows = tableRows(props, "deriveSetTable");
    return rows?.map((r) => [childText(r, "name") ?? "", childText(r, "condition") ?? ""]);
  },
  write(props, value) {
    let pairs: unknown[];
    if (value === undefined || value === null) pairs = [];
    else if (Array.isArray(value)) pairs = value;
    else if (typeof value === "object") pairs = Object.entries(value);
    else throw new StrWriteError(`set_value_cond needs [value, condition] pairs (got ${JSON.stringify(value)})`, { xml: "deriveSetTable" });
    setTableRows(
      props,
      "deriveSetTable",
      pairs.map((p, i) => {
        const [name, condition] = p as [unknown, unknown];
        return makeRow([["name", String(name)], ["condition", String(condition)], ["index", String(i)]]);
      }),
    );
  },
};

/**
 * Derive (`DeriveNode` → `derive`). The single/multiple mode, the result type and one group
 * of settings per type: `deriveFormula*`, `deriveFlag*`, `deriveSet*` (the `deriveSetTable`
 * rows {name, condition} in order), `deriveState*`, `deriveCount*`, `deriveConditional*`;
 * multiple mode: `deriveMultipleFieldList`, `deriveMultipleExtensionName`,
 * `deriveMultipleExtensionPosition`. Expressions keep the author's line breaks (CR too).
 */
const deriveMapping = defineXmlMapping({
  properties: {
    new_name: textCodec("deriveSingleFieldName"),
    mode: enumCodec("deriveMode", { single: "Single", multiple: "Multiple" }),
    fields: fieldListCodec("deriveMultipleFieldList"),
    name_extension: textCodec("deriveMultipleExtensionName"),
    add_as: enumCodec("deriveMultipleExtensionPosition", SUFFIX_PREFIX_TOKENS),
    result_type: enumCodec("deriveType", { formula: "Formula", flag: "Flag", set: "Set", state: "State", count: "Count", conditional: "Conditional" }),
    formula_expr: textCodec("deriveFormulaExpression"),
    formula_measure_type: measure("deriveFormulaFieldMeasure"),
    flag_expr: textCodec("deriveFlagFieldCondition"),
    flag_true: textCodec("deriveFlagTrueValue"),
    flag_false: textCodec("deriveFlagFalseValue"),
    flag_measure_type: measure("deriveFlagFieldMeasure"),
    set_default: textCodec("deriveSetDefaultValue"),
    set_value_cond: setTable,
    set_measure_type: measure("deriveSetFieldMeasure"),
    state_on_val: textCodec("deriveStateOnValue"),
    state_off_val: textCodec("deriveStateOffValue"),
    state_on_expression: textCodec("deriveStateOnCondition"),
    state_off_expression: textCodec("deriveStateOffCondition"),
    state_initial: enumCodec("deriveStateInitialState", { on: "On", off: "Off" }),
    state_measure_type: measure("deriveStateFieldMeasure"),
    count_initial_val: numberCodec("deriveCountInitialValue"),
    count_inc_condition: textCodec("deriveCountIncrementCondition"),
    count_inc_expression: textCodec("deriveCountIncrementByExpression"),
    count_reset_condition: textCodec("deriveCountResetCondition"),
    count_measure_type: measure("deriveCountFieldMeasure"),
    cond_if_cond: textCodec("deriveConditionalIfCondition"),
    cond_then_expr: textCodec("deriveConditionalThenExpression"),
    cond_else_expr: textCodec("deriveConditionalElseExpression"),
    conditional_measure_type: measure("deriveConditionalFieldMeasure"),
  },
});

export const deriveNode = defineNode({
  type: "derive",
  label: "Derive",
  palette: "field",
  modelerClasses: ["DeriveNode"],
  modeler: deriveMapping,
  inputs: { min: 1, max: 1 },
  properties: [
    prop("new_name", str(), undefined, "Single mode: name of the new field."),
    prop("mode", oneOf("Single", "Multiple"), "Single"),
    prop("fields", fields(), [], "Multiple mode: the fields @FIELD stands for, one new field each."),
    prop("name_extension", str(), "_Derive", "Multiple mode: added to each field's name."),
    prop("add_as", ADD_AS, "Suffix"),
    prop("result_type", oneOf("Formula", "Flag", "Set", "State", "Count", "Conditional"), "Formula", "Derive as."),
    prop("formula_expr", clem(), "", "Formula: the value."),
    prop("formula_measure_type", MEASURES, "Default"),
    prop("formula_type", str(), undefined, "Special formula results (Geospatial): not supported."),
    prop("flag_expr", clem(), "", "Flag: the condition."),
    prop("flag_true", scalar(), "T"),
    prop("flag_false", scalar(), "F"),
    prop("flag_measure_type", MEASURES, "Flag"),
    prop("set_default", scalar(), "default", "Nominal: the value when no condition holds."),
    prop("set_value_cond", json(MAPPING_SCHEMA, "an object mapping each value to its CLEM condition, or a list of [value, condition] pairs"), {}, "Nominal: conditions, tested in order."),
    prop("set_measure_type", MEASURES, "Set"),
    prop("state_on_val", scalar(), "On"),
    prop("state_off_val", scalar(), "Off"),
    prop("state_on_expression", clem(), "", "State: switches it on."),
    prop("state_off_expression", clem(), "", "State: switches it off."),
    prop("state_initial", oneOf("On", "Off"), "Off"),
    prop("state_measure_type", MEASURES, "Flag"),
    prop("count_initial_val", num(), 0),
    prop("count_inc_condition", clem(), "", "Count: when to add the increment."),
    prop("count_inc_expression", clem(), "1", "Count: the increment."),
    prop("count_reset_condition", clem(), "", "Count: when to go back to the initial value."),
    prop("count_measure_type", MEASURES, "Range"),
    prop("cond_if_cond", clem(), "", "Conditional: if."),
    prop("cond_then_expr", clem(), "", "Conditional: then."),
    prop("cond_else_expr", clem(), "", "Conditional: else (empty: $null$)."),
    prop("conditional_measure_type", MEASURES, "Default"),
  ],
  autoName(_node, props) {
    return props.mode === "Multiple" || typeof props.new_name !== "string" || props.new_name === "" ? "Derive" : props.new_name;
  },
  schema(ctx, [input]) {
    // Expressions are compiled again by run(); warnings are reported there, once.
    const quiet: NodeContext = { ...ctx, warn: () => {} };
    return input!.append(...derivations(quiet, input!).map((d) => d.field));
  },
  async *run(ctx, [input]) {
    const inSchema = ctx.inputSchemas[0]!;
    const list = derivations(ctx, inSchema);
    const plan = columnPlan(ctx.outputSchema, inSchema, new Set(list.map((d) => d.field.name)));
    const lookahead = Math.max(0, ...list.map((d) => d.lookahead));
    for await (const [batch, ahead] of batchesWithLookahead(input!, lookahead)) {
      ctx.throwIfAborted();
      const added = new Map<string, Column>();
      for (const d of list) added.set(d.field.name, d.column(batch, ahead));
      yield withColumns(ctx.outputSchema, plan, batch, added);
    }
  },
});

function derivations(ctx: NodeContext, input: Schema): Derivation[] {
  const p = ctx.props;
  checkJsonShapes(p, { scalars: ["flag_true", "flag_false", "set_default", "state_on_val", "state_off_val"], mappings: ["set_value_cond"] });
  const build = DERIVE_MODES[p.str("result_type")]!;
  if (p.str("mode") === "Single") return [build(ctx, input, { name: p.required("new_name") })];
  const sources = p.list<string>("fields");
  if (sources.length === 0) throw new NodePropertyError(`node "${ctx.node.id}" (derive) in Multiple mode needs fields in "fields"`, { node: ctx.node.id, nodeType: "derive", property: "fields" });
  requireFields(ctx, input, sources, "fields");
  const targets = sources.map((f) => ({ name: extendName(f, p.str("name_extension"), p.str("add_as")), currentField: f }));
  assertDistinctNewNames(ctx, targets.map((t) => ({ name: t.name, from: `"${t.currentField}"` })), "name_extension");
  return targets.map((t) => build(ctx, input, t));
}
