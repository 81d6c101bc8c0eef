/**
 * Select (`select`): keeps (Include) or drops (Discard) the records that meet a CLEM
 * condition. NODES.md §2.8, CLEM.md §3.3.
 *
 * Only a definite answer moves a record: Include keeps the records whose condition is true,
 * Discard keeps those whose condition is false, and a record whose condition is `$null$` is
 * dropped in both modes (Modeler documents this for Discard; docs/nodes.md explains the
 * choice for Include). Records stream; a batch whose records all pass is passed on as it is.
 */
import { takeRows } from "../../data/batch.js";
import { compileNodeExpression } from "../common/clem-env.js";
import { defineXmlMapping, enumCodec, textCodec } from "../common/str-mapping/index.js";
import { defineNode } from "../definition.js";
import { clem, oneOf, prop } from "../properties.js";
import { checkNodeExpression } from "./expressions.js";
import { withLookahead } from "./rows.js";

/** Select (`SelectNode` → `select`): `selectMode` include/discard, `selectCondition`. */
const selectMapping = defineXmlMapping({
  properties: {
    mode: enumCodec("selectMode", { include: "Include", discard: "Discard" }),
    condition: textCodec("selectCondition"),
  },
});

export const selectNode = defineNode({
  type: "select",
  label: "Select",
  palette: "record",
  modelerClasses: ["SelectNode"],
  modeler: selectMapping,
  inputs: { min: 1, max: 1 },
  properties: [
    prop("mode", oneOf("Include", "Discard"), "Include", "Keep the records that meet the condition, or drop them."),
    prop("condition", clem(), undefined, "CLEM condition; a record whose condition is $null$ is dropped in both modes."),
  ],
  schema(ctx, [input]) {
    checkNodeExpression(ctx, "condition", ctx.props.required("condition"), input!, "condition");
    return input!;
  },
  async *run(ctx, [input]) {
    const condition = compileNodeExpression(ctx, "condition", ctx.props.required("condition"), ctx.inputSchemas[0]!, "condition");
    const wanted = ctx.props.str("mode", "Include") === "Include";
    for await (const { batch, ahead } of withLookahead(input!, condition.lookahead)) {
      ctx.throwIfAborted();
      const verdicts = condition.evaluate(batch, ahead);
      const keep = new Uint32Array(batch.length);
      let n = 0;
      for (let r = 0; r < batch.length; r++) if (verdicts[r] === wanted) keep[n++] = r;
      if (n === batch.length) yield batch;
      else if (n > 0) yield takeRows(batch, keep, n);
    }
  },
});
