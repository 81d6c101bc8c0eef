/**
 * The Type node's keyed settings (also every source node's Types tab) and how they change a
 * schema: measurement level, role, declared values, blanks and the check action of each
 * field. Used by the Type node and by source nodes; see `type.ts` for the public surface.
 *
 * Value modes (keyed `value_mode`; NODES.md §2.1):
 * - `Pass` / `Current`: the field keeps the metadata it arrives with (declared `values`, when
 *   given with `Current`, replace the values).
 * - `Specify`: the declared `values` (with `extend_values`, added to the incoming ones).
 * - `Read` / `Read+`: values are read from the data, so they are not known before data moves:
 *   the schema leaves them undefined and a node that needs them reads them at run time
 *   (`FieldValueReader` in `type-instantiate.ts`). The measure is the declared one, else the
 *   storage's default (strings stay Categorical until read).
 * A field with no `value_mode` is `Specify` when `values` are given, else
 * `default_value_mode`, else `Pass`.
 */
import type { BlankSpec, CheckAction, Field } from "../../data/field.js";
import { defaultMeasureFor } from "../../data/field.js";
import type { Schema } from "../../data/schema.js";
import { isDateTimeStorage, isNumericStorage, parseMeasure, parseRole, parseStorage, type Measure } from "../../data/storage.js";
import { compareValues, groupKey, type Value } from "../../data/values.js";
import type { NodeContext } from "../definition.js";
import { NodePropertyError, bool, int, json, keyed, oneOf, prop, str, type PropertySpec } from "../properties.js";
import { SCALAR_SCHEMA, VALUE_LIST_SCHEMA, checkJsonShapes, jsonToValue } from "./field-values.js";

const MEASURE_NAMES = ["Default", "Range", "Discrete", "Flag", "Set", "OrderedSet", "Typeless", "Continuous", "Categorical", "Nominal", "Ordinal", "Collection", "Geospatial"];
const VALUE_MODES = ["Read", "Pass", "Read+", "Current", "Specify"];

/** The Types-tab properties, shared by the Type node and every source node. */
export const TYPE_PROPERTIES: readonly PropertySpec[] = [
  prop("direction", keyed(oneOf("Input", "Target", "Both", "None", "Partition", "Split", "Frequency", "RecordID")), undefined, "Role of each field."),
  prop("type", keyed(oneOf(...MEASURE_NAMES)), undefined, "Measurement level of each field."),
  prop("measure_type", keyed(oneOf(...MEASURE_NAMES)), undefined, "Newer spelling of `type`."),
  prop("storage", keyed(oneOf("Unknown", "String", "Integer", "Real", "Time", "Date", "Timestamp")), undefined, "Read-only in Modeler: a value that differs from the field's storage is reported."),
  prop("values", keyed(json(VALUE_LIST_SCHEMA, "a list of values")), undefined, "Declared values: [min, max], every category, or [false, true] for a flag."),
  prop("value_mode", keyed(oneOf(...VALUE_MODES)), undefined, "Where values come from."),
  prop("default_value_mode", oneOf("Read", "Pass"), undefined, "Value mode of fields without one."),
  prop("extend_values", keyed(bool()), undefined, "With Specify: add the declared values to the incoming ones."),
  prop("check", keyed(oneOf("None", "Nullify", "Coerce", "Discard", "Warn", "Abort")), undefined, "What to do with values outside the declared values."),
  prop("enable_missing", keyed(bool()), undefined, "Switch the blank definitions on."),
  prop("missing_values", keyed(json(VALUE_LIST_SCHEMA, "a list of values")), undefined, "Values counted as blank."),
  prop("range_missing", keyed(bool()), undefined, "Count the range missing_lower..missing_upper as blank."),
  prop("missing_lower", keyed(json(SCALAR_SCHEMA, "a string or number")), undefined),
  prop("missing_upper", keyed(json(SCALAR_SCHEMA, "a string or number")), undefined),
  prop("null_missing", keyed(bool()), undefined, "Count $null$ as blank."),
  prop("whitespace_missing", keyed(bool()), undefined, "Count empty and white-space strings as blank."),
  prop("description", keyed(str()), undefined, "Field label."),
  prop("value_labels", keyed(json({ type: "array", items: { type: "array", minItems: 2, maxItems: 2 } }, "a list of [value, label] pairs")), undefined),
  // Display and export formats: carried by Modeler for its own tables; they never change values.
  prop("display_places", keyed(int())),
  prop("export_places", keyed(int())),
  prop("decimal_separator", keyed(str())),
  prop("date_format", keyed(str())),
  prop("time_format", keyed(str())),
  prop("number_format", keyed(str())),
  prop("standard_places", keyed(int())),
  prop("scientific_places", keyed(int())),
  prop("currency_places", keyed(int())),
  prop("grouping_symbol", keyed(str())),
  prop("column_width", keyed(int())),
  prop("justify", keyed(str())),
];

/** Keyed properties whose keys must name input fields. */
const KEYED_NAMES = TYPE_PROPERTIES.filter((p) => p.type.kind === "keyed").map((p) => p.name);

/**
 * Applies the Types settings of `ctx.props` to `schema`: the output schema of a Type node, or
 * of a source node's Types tab. Errors name the node, the property and the field; fields not
 * named in any setting keep their metadata (unless `default_value_mode` is Read). The
 * returned fields' `check` is the check this node applies (none when not set here).
 *
 * Settings for a field the input does not have are an error, so that a misspelt name fails,
 * except on a node read from a `.str` file: Modeler keeps the rows of fields that have left
 * the input and ignores them, so such a node warns, naming them, and ignores them too.
 */
export function applyTypeSettings(ctx: NodeContext, schema: Schema): Schema {
  const where = (p: string) => `property "${p}" of node "${ctx.node.id}" (${ctx.node.type})`;
  checkJsonShapes(ctx.props, { keyedLists: ["values", "missing_values"], keyedScalars: ["missing_lower", "missing_upper"] });
  for (const [key, pairs] of Object.entries(ctx.props.keyed("value_labels"))) {
    if (!Array.isArray(pairs) || !pairs.every((p) => Array.isArray(p) && p.length === 2)) throw ctx.props.unsupported("value_labels", pairs, `the entry for "${key}" must be a list of [value, label] pairs`);
  }
  const fromStr = ctx.node.modeler !== undefined;
  const stale = new Set<string>();
  for (const p of KEYED_NAMES) {
    for (const name of Object.keys(ctx.props.keyed(p))) {
      if (schema.has(name)) continue;
      if (!fromStr) schema.require(name, where(p));
      stale.add(name);
    }
  }
  if (stale.size > 0) {
    const names = [...stale].map((n) => `"${n}"`).join(", ");
    ctx.warn(`the Types settings for ${names} are ignored: no such field reaches this node (it comes from a .str file, where Modeler keeps the Types rows of fields that are gone and ignores them)`);
  }
  return schema.map((f) => applyToField(ctx, f));
}

function setting<T>(ctx: NodeContext, property: string, field: string): T | undefined {
  const v = ctx.props.keyed<T>(property)[field];
  return v === null ? undefined : v;
}

function fail(ctx: NodeContext, property: string, field: string, message: string): NodePropertyError {
  return new NodePropertyError(`property "${property}" of node "${ctx.node.id}" (${ctx.node.type}), field "${field}": ${message}`, {
    node: ctx.node.id, nodeType: ctx.node.type, property, field,
  });
}

function applyToField(ctx: NodeContext, f: Field): Field {
  const name = f.name;
  const declaredStorage = setting<string>(ctx, "storage", name);
  if (declaredStorage !== undefined && parseStorage(declaredStorage) !== f.storage && parseStorage(declaredStorage) !== "unknown") {
    ctx.warn(`field "${name}" has storage ${f.storage}, not ${declaredStorage} as the "storage" setting says; storage is read-only and stays ${f.storage}`);
  }
  const measureName = setting<string>(ctx, "type", name) ?? setting<string>(ctx, "measure_type", name);
  if (measureName === "Collection" || measureName === "Geospatial") {
    throw fail(ctx, "type", name, `measurement level ${measureName} is not supported (no list storage)`);
  }
  const declaredMeasure = measureName === undefined || measureName === "Default" ? undefined : parseMeasure(measureName);
  const declaredValues = setting<unknown[]>(ctx, "values", name);
  const mode = setting<string>(ctx, "value_mode", name) ?? (declaredValues !== undefined ? "Specify" : ctx.props.str("default_value_mode", "Pass"));

  let measure: Measure;
  let values: readonly Value[] | undefined;
  switch (mode) {
    case "Read":
    case "Read+":
      measure = declaredMeasure ?? defaultMeasureFor(f.storage);
      values = undefined;
      if (declaredValues !== undefined) ctx.warn(`the declared values of field "${name}" are not used: value_mode ${mode} reads its values from data`);
      break;
    case "Specify":
    case "Current": {
      const incoming = declaredMeasure === undefined || sameFamily(declaredMeasure, f.measure) ? f.values : undefined;
      if (declaredValues === undefined) {
        measure = declaredMeasure ?? f.measure;
        values = incoming;
        break;
      }
      let own: Value[] = declaredValues.map((v, i) => {
        const x = jsonToValue(v, f.storage, ctx.settings);
        if (x === undefined || x === null) throw fail(ctx, "values", name, `value ${i + 1} (${JSON.stringify(v)}) is not a valid ${f.storage}`);
        return x;
      });
      if (setting<boolean>(ctx, "extend_values", name) && incoming) own = union(incoming, own, declaredMeasure ?? f.measure);
      measure = declaredMeasure ?? measureFromValues(f, own);
      values = checkDeclaredValues(ctx, f, measure, own);
      break;
    }
    default: // Pass
      measure = measureName === "Default" ? defaultMeasureFor(f.storage) : declaredMeasure ?? f.measure;
      values = declaredMeasure === undefined || sameFamily(declaredMeasure, f.measure) ? f.values : undefined;
  }

  measure = resolveCategorical(measure, values);
  const direction = setting<string>(ctx, "direction", name);
  const role = direction !== undefined ? parseRole(direction)! : measure === "typeless" ? "none" : f.role;
  const check = setting<CheckAction>(ctx, "check", name);
  if (check !== undefined && check !== "None" && values === undefined && measure !== "typeless") {
    ctx.warn(`check ${check} on field "${name}" has no effect: its values are read from data, so every value is legal`);
  }
  const blanks = blanksFor(ctx, f);
  const description = setting<string>(ctx, "description", name);
  const labels = setting<unknown[][]>(ctx, "value_labels", name);
  const { values: _v, check: _c, blanks: _b, ...rest } = f;
  return {
    ...rest,
    measure,
    role,
    ...(values !== undefined && { values }),
    ...(blanks !== undefined && { blanks }),
    ...(check !== undefined && check !== "None" && { check }),
    ...(description !== undefined && { label: description }),
    ...(labels !== undefined && { valueLabels: valueLabels(ctx, f, labels) }),
  };
}

/** Continuous values and categorical values do not carry over between the two families. */
function sameFamily(a: Measure, b: Measure): boolean {
  const family = (m: Measure) => (m === "continuous" ? "c" : m === "typeless" || m === "default" ? m : "d");
  return family(a) === family(b);
}

function union(a: readonly Value[], b: readonly Value[], measure: Measure): Value[] {
  if (measure === "continuous" && a.length === 2 && b.length === 2) {
    return [compareValues(a[0]!, b[0]!) <= 0 ? a[0]! : b[0]!, compareValues(a[1]!, b[1]!) >= 0 ? a[1]! : b[1]!];
  }
  const seen = new Set(a.map(groupKey));
  return [...a, ...b.filter((v) => !seen.has(groupKey(v)))];
}

/** Without a declared measure, values declared for a number or date are a range, else categories. */
function measureFromValues(f: Field, values: readonly Value[]): Measure {
  if (f.measure !== "default" && f.measure !== "typeless") return f.measure;
  return (isNumericStorage(f.storage) || isDateTimeStorage(f.storage)) && values.length === 2 ? "continuous" : "categorical";
}

/** Categorical with known values is a flag (two values) or nominal, as auto-typing decides. */
function resolveCategorical(measure: Measure, values: readonly Value[] | undefined): Measure {
  if (measure !== "categorical" || values === undefined) return measure;
  return values.length === 2 ? "flag" : "nominal";
}

function checkDeclaredValues(ctx: NodeContext, f: Field, measure: Measure, values: Value[]): Value[] {
  switch (measure) {
    case "continuous":
      if (!(isNumericStorage(f.storage) || isDateTimeStorage(f.storage))) throw fail(ctx, "values", f.name, `a continuous field needs numeric or date/time storage, not ${f.storage}`);
      if (values.length !== 2) throw fail(ctx, "values", f.name, `a continuous field takes [min, max], got ${values.length} value(s)`);
      if (compareValues(values[0]!, values[1]!) > 0) throw fail(ctx, "values", f.name, `minimum ${String(values[0])} is above maximum ${String(values[1])}`);
      return values;
    case "flag":
      if (values.length !== 2) throw fail(ctx, "values", f.name, `a flag takes [false value, true value], got ${values.length} value(s)`);
      return values;
    case "typeless":
      throw fail(ctx, "values", f.name, "a Typeless field cannot have values");
    default:
      return values;
  }
}

function blanksFor(ctx: NodeContext, f: Field): BlankSpec | undefined {
  const name = f.name;
  const missing = setting<unknown[]>(ctx, "missing_values", name);
  const range = setting<boolean>(ctx, "range_missing", name);
  const nulls = setting<boolean>(ctx, "null_missing", name);
  const whitespace = setting<boolean>(ctx, "whitespace_missing", name);
  const anyGiven = missing !== undefined || range !== undefined || nulls !== undefined || whitespace !== undefined;
  const enabled = setting<boolean>(ctx, "enable_missing", name);
  if (enabled === undefined && !anyGiven) return f.blanks;
  if (enabled === false) return undefined;
  const convert = (property: string, v: unknown): Value => {
    const x = jsonToValue(v, f.storage, ctx.settings);
    if (x === undefined || x === null) throw fail(ctx, property, name, `${JSON.stringify(v)} is not a valid ${f.storage}`);
    return x;
  };
  const spec: BlankSpec = {
    ...(missing !== undefined && missing.length > 0 && { values: missing.map((v) => convert("missing_values", v)) }),
    ...(range === true && { range: rangeOf(ctx, f, convert) }),
    ...(nulls !== undefined && { nulls }),
    ...(whitespace !== undefined && { whitespace }),
  };
  return spec;
}

function rangeOf(ctx: NodeContext, f: Field, convert: (p: string, v: unknown) => Value): readonly [Value, Value] {
  const lo = setting<unknown>(ctx, "missing_lower", f.name);
  const hi = setting<unknown>(ctx, "missing_upper", f.name);
  if (lo === undefined || hi === undefined) throw fail(ctx, "range_missing", f.name, "a blank range needs missing_lower and missing_upper");
  return [convert("missing_lower", lo), convert("missing_upper", hi)];
}

function valueLabels(ctx: NodeContext, f: Field, pairs: unknown[][]): Array<readonly [Value, string]> {
  return pairs.map((p, i) => {
    const v = jsonToValue(p[0], f.storage, ctx.settings);
    if (v === undefined || v === null) throw fail(ctx, "value_labels", f.name, `entry ${i + 1}: ${JSON.stringify(p[0])} is not a valid ${f.storage}`);
    return [v, String(p[1])] as const;
  });
}
