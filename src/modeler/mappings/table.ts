/**
 * Table (`TableNode` → `table`): `outputMode`, `outputFileType`, `outputFilePath`,
 * `autoOutputName` / `outputName`, `transposeData`, `tableHighlightExpression`,
 * `paginateOutput`, `outputLinesPerPage`.
 *
 * Enumerations map only the tokens seen in real files (every output node of the corpus is
 * `screen` / `formatted`); another token is passed through with a warning, and a scripting
 * value with no known token is refused on writing rather than guessed.
 */
import { boolCodec, enumCodec, numberCodec, textCodec } from "./codecs.js";
import { defineXmlMapping } from "./types.js";

export const tableMapping = defineXmlMapping({
  properties: {
    output_mode: enumCodec("outputMode", { screen: "Screen" }),
    output_format: enumCodec("outputFileType", { formatted: "Formatted" }),
    full_filename: textCodec("outputFilePath", { omitEmpty: true }),
    use_output_name: boolCodec("autoOutputName", { negate: true }),
    output_name: textCodec("outputName", { omitEmpty: true }),
    transpose_data: boolCodec("transposeData"),
    highlight_expr: textCodec("tableHighlightExpression", { omitEmpty: true }),
    paginate_output: boolCodec("paginateOutput"),
    lines_per_page: numberCodec("outputLinesPerPage", { integer: true }),
  },
});
