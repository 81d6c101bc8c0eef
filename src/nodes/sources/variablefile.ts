/**
 * Var. File (`variablefile`): delimited text (CSV and the like). NODES.md §1.1.
 *
 * Field names and storages are found at `schema()` time from the start of the file (the header
 * line and the first `lines_to_scan` records), so the whole stream is typed before a record
 * flows. `run()` then reads the file in 1 MiB chunks, one chunk only when the batch being built
 * needs more text, tokenizes with one char-code loop and converts each field straight into its
 * column (see data/csv.ts, data/text-values.ts, common/record-sink.ts).
 *
 * Record semantics (choices documented in docs/nodes.md, "Var. File"):
 * - With `num_fields_auto`, a line is a record; the field count is the header's (or, without a
 *   header, the largest count among the scanned lines). Missing fields are `$null$`; extra
 *   trailing empty fields (a line ending in `;;;`) are dropped silently, extra non-empty ones
 *   are dropped with a warning.
 * - With a fixed `num_fields`: when line breaks delimit fields (`delimit_new_line`, and not
 *   `break_case_by_newline`), a record is the next N fields, wrapping over lines; otherwise a
 *   line is a record of up to N fields.
 * - Empty numeric (and date/time) fields are `$null$`; empty string fields are `""`; a value
 *   that does not parse under the field's storage is `$null$` and counted in a warning.
 * - Quoted values (Discard or PairAndDiscard) make the field a string when scanned.
 */
import { DelimitedTokenizer, type DelimitedFormat, type FieldRow, type QuoteMode } from "../../data/text-tokenizer.js";
import { Schema } from "../../data/schema.js";
import { TextFileReader, type TextFileOptions } from "../../data/text-file.js";
import type { SampleValue, StripMode, TextConverter } from "../../data/text-values.js";
import { boolCodec, checkSourceFilterTable, checkTypeTable, DECIMAL_SYMBOL_TOKENS, defineXmlMapping, encodingCodec, enumCodec, INVALID_CHAR_MODE_TOKENS, numberCodec, SOURCE_FILTER_CODECS, textCodec, TRIM_MODE_TOKENS, TYPE_TABLE_CODECS, warnIfRows, warnIfSet } from "../common/str-mapping/index.js";
import { defineNode, type NodeContext } from "../definition.js";
import { NodePropertyError, bool, int, oneOf, prop, str } from "../properties.js";
import { RecordSink } from "./common/record-sink.js";
import { TYPE_PROPERTIES, createTypeChecker } from "../field-ops/type.js";
import { DATA_TAB_PROPERTIES, DECIMAL_SYMBOLS, FILTER_TAB_PROPERTIES, baseValueOptions, fieldNames, fileAutoName, fileColumns, outputPlan, textFileOptions, type OutputPlan } from "./common/text-source.js";
import { oncePerContext } from "./common/per-context.js";

const QUOTE_MODES = ["Discard", "PairAndDiscard", "IncludeAsText"];

/** Control characters other than tab and line breaks (`delimit_non_printing`). */
const NON_PRINTING = String.fromCharCode(...[...Array(32).keys()].filter((c) => c !== 9 && c !== 10 && c !== 13), 127);

const QUOTE_MODE_TOKENS = { discard: "Discard", pairDiscard: "PairAndDiscard" };

/**
 * Var. File (`DelimitedFileImportNode` → `variablefile`): `inputFileName`,
 * `fieldNamesIncluded`, `skipHeaderCount`, `useManualFieldCount` / `manualFieldCount`, the
 * `delimitOn*` flags, `useDelimiterChars` / `delimiterChars`, `multiBlankDelimiters`,
 * `singleQuoteMode` / `doubleQuoteMode`, `trimMode`, `realDecimalSymbol`,
 * `invalidCharacterMode` / `…Replacement`, `breakCasebyNewline`, `scanLineCount`,
 * `autoRecognizeDates`, `fileEncoding`, and the Types and Filter tabs (`typeTable`,
 * `filterTable`; rows for fields the file no longer has are stale and skipped).
 */
const variableFileMapping = defineXmlMapping({
  properties: {
    full_filename: textCodec("inputFileName"),
    read_field_names: boolCodec("fieldNamesIncluded"),
    skip_header: numberCodec("skipHeaderCount", { integer: true }),
    num_fields_auto: boolCodec("useManualFieldCount", { negate: true }),
    num_fields: numberCodec("manualFieldCount", { integer: true }),
    delimit_comma: boolCodec("delimitOnComma"),
    delimit_tab: boolCodec("delimitOnTab"),
    delimit_space: boolCodec("delimitOnSpace"),
    delimit_new_line: boolCodec("delimitOnNewline"),
    delimit_non_printing: boolCodec("delimitOnNonPrintChars"),
    delimit_other: boolCodec("useDelimiterChars"),
    other: textCodec("delimiterChars"),
    multi_blank: boolCodec("multiBlankDelimiters"),
    quotes_1: enumCodec("singleQuoteMode", QUOTE_MODE_TOKENS),
    quotes_2: enumCodec("doubleQuoteMode", QUOTE_MODE_TOKENS),
    strip_spaces: enumCodec("trimMode", TRIM_MODE_TOKENS),
    decimal_symbol: enumCodec("realDecimalSymbol", DECIMAL_SYMBOL_TOKENS),
    invalid_char_mode: enumCodec("invalidCharacterMode", INVALID_CHAR_MODE_TOKENS),
    invalid_char_replacement: textCodec("invalidCharacterReplacement"),
    break_case_by_newline: boolCodec("breakCasebyNewline"),
    lines_to_scan: numberCodec("scanLineCount", { integer: true }),
    auto_recognize_datetime: boolCodec("autoRecognizeDates"),
    encoding: encodingCodec(),
    ...TYPE_TABLE_CODECS,
    ...SOURCE_FILTER_CODECS,
  },
  check(props, ctx) {
    checkTypeTable(props, ctx);
    checkSourceFilterTable(props, ctx);
    warnIfRows(props, "textImportTable", ctx, "per-field storage overrides are not read from .str yet");
    warnIfSet(props, "eolCommentChars", [""], ctx, "end-of-line comments are not supported");
    warnIfSet(props, "treatSquareBracketsAsLists", ["false"], ctx, "list values are not supported");
  },
});

export const variableFileNode = defineNode({
  type: "variablefile",
  label: "Var. File",
  palette: "source",
  modelerClasses: ["DelimitedFileImportNode"],
  modeler: variableFileMapping,
  inputs: { min: 0, max: 0 },
  properties: [
    prop("full_filename", str(), undefined, "The file to read."),
    prop("skip_header", int(), 0, "Characters to skip at the start of the file."),
    prop("num_fields_auto", bool(), true, "A line is a record; the field count comes from the file."),
    prop("num_fields", int(), undefined, "Fields per record when num_fields_auto is false."),
    prop("read_field_names", bool(), true, "The first record holds the field names."),
    prop("delimit_space", bool(), false),
    prop("delimit_tab", bool(), false),
    prop("delimit_new_line", bool(), true, "Line breaks separate fields (with a fixed num_fields, records wrap over lines)."),
    prop("delimit_non_printing", bool(), false),
    prop("delimit_comma", bool(), true),
    prop("delimit_other", bool(), false),
    prop("other", str(), "", "Further delimiter characters (each character is one delimiter)."),
    prop("multi_blank", bool(), false, "Adjacent blank delimiters count as one."),
    prop("decimal_symbol", oneOf(...DECIMAL_SYMBOLS), "Default"),
    prop("quotes_1", oneOf(...QUOTE_MODES), "Discard", "Single quotes."),
    prop("quotes_2", oneOf(...QUOTE_MODES), "Discard", "Double quotes."),
    prop("strip_spaces", oneOf("None", "Left", "Right", "Both"), "None"),
    prop("invalid_char_mode", oneOf("Discard", "Replace"), "Discard"),
    prop("invalid_char_replacement", str(), ""),
    prop("break_case_by_newline", bool(), false, "A line break ends the record even when fields are missing."),
    prop("lines_to_scan", int(), 50, "Records read to detect storages."),
    prop("auto_recognize_datetime", bool(), true, "Detect dates and times in the stream's formats."),
    prop("encoding", str(), "StreamDefault", "StreamDefault, SystemDefault, UTF-8 or another encoding name (latin1, windows-1252, utf-16le, ...)."),
    ...DATA_TAB_PROPERTIES,
    ...TYPE_PROPERTIES,
    ...FILTER_TAB_PROPERTIES,
  ],
  autoName: (_node, props) => fileAutoName(props),
  async schema(ctx) {
    return (await layoutOf(ctx)).plan.schema;
  },
  async *run(ctx) {
    const layout = await layoutOf(ctx);
    const reader = await TextFileReader.open(layout.path, layout.text);
    const tokenizer = new DelimitedTokenizer(layout.format);
    const sink = new RecordSink({
      schema: ctx.outputSchema,
      columns: layout.plan.columns,
      converters: layout.converters,
      fieldCount: layout.fieldCount,
      strip: layout.strip,
      skipRecords: layout.header ? 1 : 0,
    });
    const check = createTypeChecker(ctx.outputSchema, (m) => ctx.warn(m));
    let text = "";
    let pos = 0;
    let final = false;
    try {
      for (;;) {
        pos = tokenizer.parse(text, pos, final, sink.onRecord);
        if (sink.full) {
          const batch = check ? check.check(sink.flush()) : sink.flush();
          if (batch.length > 0) yield batch;
          ctx.throwIfAborted();
          continue;
        }
        if (final) break;
        ctx.throwIfAborted();
        const chunk = await reader.read();
        if (chunk === null) {
          final = true;
          text = text.slice(pos);
        } else {
          text = pos >= text.length ? chunk : text.slice(pos) + chunk;
        }
        pos = 0;
      }
      if (sink.length > 0) {
        const batch = check ? check.check(sink.flush()) : sink.flush();
        if (batch.length > 0) yield batch;
      }
      for (const w of sink.warnings()) ctx.warn(w);
      if (reader.invalidCount > 0) ctx.warn(invalidWarning(ctx, reader.invalidCount));
      check?.finish();
    } finally {
      await reader.close();
    }
  },
});

interface Layout {
  readonly path: string;
  readonly text: TextFileOptions;
  readonly format: DelimitedFormat;
  readonly header: boolean;
  readonly fieldCount: number;
  readonly strip: StripMode;
  readonly plan: OutputPlan;
  /** Converter of each output field. */
  readonly converters: readonly TextConverter[];
}

const layoutOf = oncePerContext(computeLayout);

async function computeLayout(ctx: NodeContext): Promise<Layout> {
  const props = ctx.props;
  const path = await ctx.resolveInputFile(props.required("full_filename"), "full_filename");
  const skip = props.num("skip_header", 0);
  if (!(skip >= 0)) throw propertyError(ctx, "skip_header", skip, "must be 0 or more characters");
  const text = textFileOptions(ctx, skip);
  const format = delimitedFormat(ctx);
  if (baseValueOptions(ctx).decimalSymbol === "," && format.delimiters.includes(",")) {
    ctx.warn("the decimal symbol is a comma and the comma is also a delimiter: numbers with decimals will be split into two fields (Modeler's help says the same); clear delimit_comma");
  }
  const header = props.bool("read_field_names", true);
  const strip = props.str("strip_spaces", "None") as StripMode;
  const toScan = props.num("lines_to_scan", 50);
  if (!(toScan >= 0)) throw propertyError(ctx, "lines_to_scan", toScan, "must be 0 or more");
  const head = await scanHead(path, text, format, (header ? 1 : 0) + toScan);
  const names = header ? head.shift()?.map((f) => stripped(f.text, strip)) ?? [] : undefined;
  let fieldCount: number;
  if (!props.bool("num_fields_auto", true)) fieldCount = props.num("num_fields", 0);
  else if (names) fieldCount = names.length;
  else fieldCount = head.reduce((m, r) => Math.max(m, r.length), 0);
  const samples: SampleValue[][] = Array.from({ length: fieldCount }, () => []);
  for (const record of head) {
    for (let c = 0; c < fieldCount && c < record.length; c++) samples[c]!.push({ text: stripped(record[c]!.text, strip), quoted: record[c]!.quoted });
  }
  const columns = fileColumns(ctx, fieldNames(ctx, fieldCount, names), samples);
  const physical = new Schema(columns.map((c) => c.field));
  const plan = outputPlan(ctx, physical);
  return { path, text, format, header, fieldCount, strip, plan, converters: plan.columns.map((i) => columns[i]!.convert) };
}

function delimitedFormat(ctx: NodeContext): DelimitedFormat {
  const p = ctx.props;
  let delimiters = "";
  if (p.bool("delimit_comma", true)) delimiters += ",";
  if (p.bool("delimit_space")) delimiters += " ";
  if (p.bool("delimit_tab")) delimiters += "\t";
  if (p.bool("delimit_non_printing")) delimiters += NON_PRINTING;
  if (p.bool("delimit_other")) {
    const other = p.str("other");
    if (other === "") throw propertyError(ctx, "other", other, "delimit_other is set, so other must hold the delimiter character(s)");
    delimiters += other;
  }
  let fieldsPerRecord = 0;
  if (!p.bool("num_fields_auto", true)) {
    const n = p.num("num_fields", 0);
    if (!(Number.isInteger(n) && n >= 1)) throw propertyError(ctx, "num_fields", p.values.num_fields ?? null, "num_fields_auto is false, so num_fields must be a whole number of 1 or more");
    if (p.bool("delimit_new_line", true) && !p.bool("break_case_by_newline")) fieldsPerRecord = n;
  }
  return {
    delimiters,
    multiBlank: p.bool("multi_blank"),
    singleQuote: p.str("quotes_1", "Discard") as QuoteMode,
    doubleQuote: p.str("quotes_2", "Discard") as QuoteMode,
    fieldsPerRecord,
  };
}

type HeadRecord = Array<{ text: string; quoted: boolean }>;

/** The first `count` records of the file, as texts. */
async function scanHead(path: string, options: TextFileOptions, format: DelimitedFormat, count: number): Promise<HeadRecord[]> {
  const records: HeadRecord[] = [];
  if (count === 0) return records;
  const reader = await TextFileReader.open(path, options);
  const tokenizer = new DelimitedTokenizer(format);
  const collect = (s: string, row: FieldRow) => {
    const record: HeadRecord = [];
    for (let i = 0; i < row.count; i++) record.push({ text: row.text(s, i), quoted: row.quoted[i] === 1 });
    records.push(record);
    return records.length < count;
  };
  try {
    let text = "";
    let pos = 0;
    let final = false;
    for (;;) {
      pos = tokenizer.parse(text, pos, final, collect);
      if (records.length >= count || final) return records;
      const chunk = await reader.read();
      if (chunk === null) final = true;
      text = text.slice(pos) + (chunk ?? "");
      pos = 0;
    }
  } finally {
    await reader.close();
  }
}

function stripped(text: string, mode: StripMode): string {
  if (mode === "Both") return text.replace(/^[ \t]+|[ \t]+$/g, "");
  if (mode === "Left") return text.replace(/^[ \t]+/, "");
  if (mode === "Right") return text.replace(/[ \t]+$/, "");
  return text;
}

function propertyError(ctx: NodeContext, property: string, value: unknown, why: string): NodePropertyError {
  return new NodePropertyError(`property "${property}" of node "${ctx.node.id}" (${ctx.node.type}) ${why} (got ${JSON.stringify(value)})`, { node: ctx.node.id, property, value });
}

export function invalidWarning(ctx: NodeContext, count: number): string {
  const mode = ctx.props.str("invalid_char_mode", "Discard");
  return `${count} invalid character(s) (not valid in the file's encoding, or NUL) were ${mode === "Replace" ? `replaced by ${JSON.stringify(ctx.props.str("invalid_char_replacement"))}` : "discarded"}`;
}
