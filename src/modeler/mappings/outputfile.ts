/**
 * Flat File export (`TextFileExportNode` → `outputfile`): `exportFileName`, `writeMode`,
 * `includeFieldNames`, `newlineAfterRecord`, `fieldSeparator` / `delimiterChars`,
 * `quoteSymbolicValues` / `userQuoteMark`, `realDecimalSymbol`, `fileEncoding`,
 * `autoGenerateImportNode`.
 */
import { boolCodec, enumCodec, textCodec, warnIfSet } from "./codecs.js";
import { encodingCodec } from "./encoding.js";
import { DECIMAL_SYMBOLS } from "./measures.js";
import { defineXmlMapping } from "./types.js";

export const outputFileMapping = defineXmlMapping({
  properties: {
    full_filename: textCodec("exportFileName"),
    write_mode: enumCodec("writeMode", { overwrite: "Overwrite" }),
    inc_field_names: boolCodec("includeFieldNames"),
    use_newline_after_records: boolCodec("newlineAfterRecord"),
    delimit_mode: enumCodec("fieldSeparator", { comma: "Comma", tab: "Tab" }),
    other_delimiter: textCodec("delimiterChars"),
    quote_mode: enumCodec("quoteSymbolicValues", { doubleQuotes: "Double" }),
    other_quote: textCodec("userQuoteMark"),
    decimal_symbol: enumCodec("realDecimalSymbol", DECIMAL_SYMBOLS),
    encoding: encodingCodec(),
    generate_import: boolCodec("autoGenerateImportNode"),
  },
  check(props, ctx) {
    warnIfSet(props, "executionMode", ["export_data"], ctx, "only exporting data is supported");
  },
});
