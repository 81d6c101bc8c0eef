/**
 * Var. File (`DelimitedFileImportNode` → `variablefile`): `inputFileName`,
 * `fieldNamesIncluded`, `skipHeaderCount`, `useManualFieldCount` / `manualFieldCount`, the
 * `delimitOn*` flags, `useDelimiterChars` / `delimiterChars`, `multiBlankDelimiters`,
 * `singleQuoteMode` / `doubleQuoteMode`, `trimMode`, `realDecimalSymbol`,
 * `invalidCharacterMode` / `…Replacement`, `breakCasebyNewline`, `scanLineCount`,
 * `autoRecognizeDates`, `fileEncoding`, and the Types and Filter tabs (`typeTable`,
 * `filterTable`; rows for fields the file no longer has are stale and skipped).
 */
import { boolCodec, enumCodec, numberCodec, textCodec, warnIfRows, warnIfSet } from "./codecs.js";
import { encodingCodec } from "./encoding.js";
import { checkSourceFilterTable, SOURCE_FILTER_CODECS } from "./filter-table.js";
import { DECIMAL_SYMBOLS } from "./measures.js";
import { checkTypeTable, TYPE_TABLE_CODECS } from "./type-table.js";
import { defineXmlMapping } from "./types.js";

const QUOTES = { discard: "Discard", pairDiscard: "PairAndDiscard" };
export const TRIM_MODES: Readonly<Record<string, string>> = { none: "None", both: "Both" };
export const INVALID_CHARS: Readonly<Record<string, string>> = { discard: "Discard" };

export const variableFileMapping = defineXmlMapping({
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
    quotes_1: enumCodec("singleQuoteMode", QUOTES),
    quotes_2: enumCodec("doubleQuoteMode", QUOTES),
    strip_spaces: enumCodec("trimMode", TRIM_MODES),
    decimal_symbol: enumCodec("realDecimalSymbol", DECIMAL_SYMBOLS),
    invalid_char_mode: enumCodec("invalidCharacterMode", INVALID_CHARS),
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
