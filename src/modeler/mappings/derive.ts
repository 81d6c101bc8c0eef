/**
 * Derive (`DeriveNode` → `derive`). The single/multiple mode, the result type and one group
 * of settings per type: `deriveFormula*`, `deriveFlag*`, `deriveSet*` (the `deriveSetTable`
 * rows {name, condition} in order), `deriveState*`, `deriveCount*`, `deriveConditional*`;
 * multiple mode: `deriveMultipleFieldList`, `deriveMultipleExtensionName`,
 * `deriveMultipleExtensionPosition`. Expressions keep the author's line breaks (CR too).
 */
import { StrWriteError } from "../errors.js";
import { childText } from "../xml/dom.js";
import { enumCodec, fieldListCodec, makeRow, numberCodec, setTableRows, tableRows, textCodec } from "./codecs.js";
import { MEASURE_TOKENS, SUFFIX_PREFIX } from "./measures.js";
import { defineXmlMapping, type PropertyCodec } from "./types.js";

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

export const deriveMapping = defineXmlMapping({
  properties: {
    new_name: textCodec("deriveSingleFieldName"),
    mode: enumCodec("deriveMode", { single: "Single", multiple: "Multiple" }),
    fields: fieldListCodec("deriveMultipleFieldList"),
    name_extension: textCodec("deriveMultipleExtensionName"),
    add_as: enumCodec("deriveMultipleExtensionPosition", SUFFIX_PREFIX),
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
