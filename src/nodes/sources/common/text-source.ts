/**
 * What the text-file sources (Var. File, Fixed File) share: the Data tab (storage overrides
 * per field), encoding and invalid-character options, storage detection over the scanned lines,
 * and the output plan (Filter tab, then Types tab) from the fields found in the file.
 */
import type { Field } from "../../../data/field.js";
import { makeField } from "../../../data/field.js";
import { isDateFormat, isTimeFormat } from "../../../data/datetime-format.js";
import { Schema } from "../../../data/schema.js";
import { parseStorage, type Storage } from "../../../data/storage.js";
import { resolveEncoding } from "../../../data/text-encoding.js";
import type { TextFileOptions } from "../../../data/text-file.js";
import { detectStorage, makeTextConverter, type SampleValue, type TextConverter, type TextValueOptions } from "../../../data/text-values.js";
import type { NodeContext } from "../../definition.js";
import { filterPlan } from "../../field-ops/filter.js";
import { NodePropertyError, bool, keyed, oneOf, prop, str, type PropertySpec } from "../../properties.js";
import { applyTypeSettings } from "../../field-ops/type.js";

export const STORAGE_NAMES = ["Unknown", "String", "Integer", "Real", "Time", "Date", "Timestamp"];
export const DECIMAL_SYMBOLS = ["Default", "Period", "Comma"];

/** Data tab: per-field storage overrides and their input formats. */
export const DATA_TAB_PROPERTIES: readonly PropertySpec[] = [
  prop("use_custom_values", keyed(bool()), {}, "Override the detected storage of a field."),
  prop("custom_storage", keyed(oneOf(...STORAGE_NAMES)), {}, "Storage to read the field as."),
  prop("custom_date_format", keyed(str()), {}, "Date format of a Date or Timestamp override, e.g. DD/MM/YYYY."),
  prop("custom_time_format", keyed(str()), {}, "Time format of a Time or Timestamp override, e.g. HH:MM:SS."),
  prop("custom_decimal_symbol", keyed(oneOf(...DECIMAL_SYMBOLS)), {}, "Decimal separator of a Real override."),
];

/** The Filter tab of sources: the Filter node's keyed properties (without `default_include`). */
export const FILTER_TAB_PROPERTIES: readonly PropertySpec[] = [
  prop("include", keyed(bool()), {}, "Keep (true) or drop (false) each field."),
  prop("new_name", keyed(str()), {}, "New name of each renamed field."),
];

/** Encoding and invalid characters, as the file reader takes them. */
export function textFileOptions(ctx: NodeContext, skipChars = 0): TextFileOptions {
  const encoding = resolveEncoding(ctx.props.str("encoding", "StreamDefault"), ctx.settings.encoding);
  const mode = ctx.props.str("invalid_char_mode", "Discard") as "Discard" | "Replace";
  const replacement = ctx.props.str("invalid_char_replacement");
  if (mode === "Replace" && [...replacement].length !== 1) {
    throw new NodePropertyError(`node "${ctx.node.id}" (${ctx.node.type}): invalid_char_replacement must be one character when invalid_char_mode is Replace (got ${JSON.stringify(replacement)})`, { node: ctx.node.id, property: "invalid_char_replacement", value: replacement });
  }
  return { encoding, invalid: { mode, replacement }, skipChars };
}

/** `Default` takes the stream's decimal symbol. */
export function decimalSymbolOf(ctx: NodeContext, value: string): "." | "," {
  return value === "Comma" ? "," : value === "Period" ? "." : ctx.settings.decimalSymbol;
}

export function baseValueOptions(ctx: NodeContext): TextValueOptions {
  return {
    decimalSymbol: decimalSymbolOf(ctx, ctx.props.str("decimal_symbol", "Default")),
    dateFormat: ctx.settings.dateFormat,
    timeFormat: ctx.settings.timeFormat,
    settings: ctx.settings,
  };
}

export interface FileColumn {
  readonly field: Field;
  readonly convert: TextConverter;
}

/**
 * Storage and converter of each column: the Data tab override when the field has one
 * (`use_custom_values` true, or not given while `custom_storage` is), else detected from the
 * sampled values. An override naming a field the file does not have is an error.
 */
export function fileColumns(ctx: NodeContext, names: readonly string[], samples: readonly (readonly SampleValue[])[]): FileColumn[] {
  const props = ctx.props;
  const use = props.keyed<boolean>("use_custom_values");
  const storages = props.keyed<string>("custom_storage");
  const dateFormats = props.keyed<string>("custom_date_format");
  const timeFormats = props.keyed<string>("custom_time_format");
  const decimals = props.keyed<string>("custom_decimal_symbol");
  const known = new Set(names);
  for (const property of ["use_custom_values", "custom_storage", "custom_date_format", "custom_time_format", "custom_decimal_symbol"]) {
    for (const key of Object.keys(props.keyed(property))) {
      if (!known.has(key)) {
        throw new NodePropertyError(`property "${property}" of node "${ctx.node.id}" (${ctx.node.type}) names field "${key}", which is not in the file; its fields are: ${names.map((n) => `"${n}"`).join(", ")}`, { node: ctx.node.id, property, field: key });
      }
    }
  }
  const base = baseValueOptions(ctx);
  const autoDates = props.bool("auto_recognize_datetime", true);
  return names.map((name, i) => {
    const overridden = use[name] === true || (use[name] === undefined && storages[name] !== undefined);
    let storage: Storage = "unknown";
    let options = base;
    if (overridden) {
      storage = parseStorage(storages[name] ?? "Unknown") ?? "unknown";
      const dateFormat = dateFormats[name] ?? base.dateFormat;
      const timeFormat = timeFormats[name] ?? base.timeFormat;
      if (!isDateFormat(dateFormat)) throw new NodePropertyError(`custom_date_format of field "${name}" in node "${ctx.node.id}" (${ctx.node.type}) is not a Modeler date format: ${JSON.stringify(dateFormat)}`, { node: ctx.node.id, property: "custom_date_format", field: name });
      if (!isTimeFormat(timeFormat)) throw new NodePropertyError(`custom_time_format of field "${name}" in node "${ctx.node.id}" (${ctx.node.type}) is not a Modeler time format: ${JSON.stringify(timeFormat)}`, { node: ctx.node.id, property: "custom_time_format", field: name });
      options = { ...base, dateFormat, timeFormat, decimalSymbol: decimals[name] ? decimalSymbolOf(ctx, decimals[name]!) : base.decimalSymbol };
    }
    if (storage === "unknown") storage = detectStorage(samples[i] ?? [], options, autoDates);
    return { field: makeField(name, storage), convert: makeTextConverter(storage, options) };
  });
}

/** Field names for a file: given names (header), blanks filled with `fieldN`, duplicates numbered. */
export function fieldNames(ctx: NodeContext, count: number, header?: readonly string[]): string[] {
  const names: string[] = [];
  const used = new Set<string>();
  const renamed: string[] = [];
  for (let i = 0; i < count; i++) {
    let name = header?.[i]?.trim() ? header[i]! : `field${i + 1}`;
    if (used.has(name)) {
      let k = 1;
      while (used.has(`${name}_${k}`)) k++;
      renamed.push(`"${name}" → "${name}_${k}"`);
      name = `${name}_${k}`;
    }
    used.add(name);
    names.push(name);
  }
  if (renamed.length > 0) ctx.warn(`duplicate field names in the file were renamed: ${renamed.join(", ")}`);
  return names;
}

export interface OutputPlan {
  /** The node's output fields. */
  readonly schema: Schema;
  /** For each output field, the index of its file column. */
  readonly columns: readonly number[];
}

/**
 * The Filter tab (drop, rename) then the Types tab (the Type node's settings, keyed by the
 * names the Filter tab gives) over the file's fields.
 */
export function outputPlan(ctx: NodeContext, physical: Schema): OutputPlan {
  const plan = filterPlan(ctx, physical);
  const filtered = new Schema(plan.map(({ index, name }) => ({ ...physical.fields[index]!, name })));
  return { schema: applyTypeSettings(ctx, filtered), columns: plan.map((p) => p.index) };
}

/** Modeler names a file source after its file. */
export function fileAutoName(props: Readonly<Record<string, unknown>>): string {
  const path = typeof props.full_filename === "string" ? props.full_filename : "";
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] ?? "";
}
