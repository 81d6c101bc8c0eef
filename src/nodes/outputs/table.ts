/**
 * Table (`table`): every record as a grid document. NODES.md §3.1.
 */
import { defineNode } from "../definition.js";
import { bool, clem, int, oneOf, prop, str } from "../properties.js";
import type { Value } from "../../data/values.js";

export const tableNode = defineNode({
  type: "table",
  label: "Table",
  palette: "output",
  modelerClasses: ["TableNode"],
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
