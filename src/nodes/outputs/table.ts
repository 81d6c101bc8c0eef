/**
 * Table (`table`): every record as a grid document. NODES.md §3.1.
 */
import { boolCodec, defineXmlMapping, enumCodec, numberCodec, textCodec } from "../common/str-mapping/index.js";
import { defineNode } from "../definition.js";
import { bool, clem, int, oneOf, prop, str } from "../properties.js";
import type { Value } from "../../data/values.js";

/**
 * Table (`TableNode` → `table`): `outputMode`, `outputFileType`, `outputFilePath`,
 * `autoOutputName` / `outputName`, `transposeData`, `tableHighlightExpression`,
 * `paginateOutput`, `outputLinesPerPage`.
 *
 * Enumerations map only the tokens seen in real files (every output node of the corpus is
 * `screen` / `formatted`); another token is passed through with a warning, and a scripting
 * value with no known token is refused on writing rather than guessed.
 */
const tableMapping = defineXmlMapping({
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

export const tableNode = defineNode({
  type: "table",
  label: "Table",
  palette: "output",
  modelerClasses: ["TableNode"],
  modeler: tableMapping,
  inputs: { min: 1, max: 1 },
  properties: [
    prop("output_mode", oneOf("Screen", "File"), "Screen"),
    prop("output_format", oneOf("Formatted", "Delimited", "HTML", "Output"), "Formatted"),
    prop("full_filename", str()),
    prop("use_output_name", bool(), false),
    prop("output_name", str()),
    prop("transpose_data", bool(), false),
    prop("highlight_expr", clem()),
    prop("value_labels", bool(), false),
    prop("paginate_output", bool(), false),
    prop("lines_per_page", int(), 50),
  ],
  async execute(ctx, [input]) {
    const schema = ctx.inputSchemas[0]!;
    const rows: Value[][] = [];
    for await (const batch of input!) {
      for (let r = 0; r < batch.length; r++) {
        const row: Value[] = new Array(batch.columns.length);
        for (let c = 0; c < batch.columns.length; c++) row[c] = batch.columns[c]![r]!;
        rows.push(row);
      }
    }
    const title = ctx.props.bool("use_output_name") && ctx.props.str("output_name") ? ctx.props.str("output_name") : ctx.node.name ?? `Table (${schema.length} fields)`;
    return {
      documents: [
        {
          nodeId: ctx.node.id,
          nodeType: "table",
          title,
          content: { kind: "table", columns: schema.fields.map((f) => ({ name: f.name, storage: f.storage })), rows },
        },
      ],
    };
  },
});
