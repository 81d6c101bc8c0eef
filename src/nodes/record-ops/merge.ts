/**
 * Merge (`merge`): joins the records of two or more inputs side by side — by position
 * (Order), by equal key fields (Keys) or by a CLEM condition (Condition). NODES.md §2.13;
 * choices in docs/nodes.md.
 *
 * Inputs are ordered as their links are listed and known by their tags (the link's `tag`,
 * else "1", "2", ...): `outer_join_tag` and the Filter-tab settings (`include`, `new_name`
 * keyed `<tag>.<field>`) use them. Field naming is in merge-fields.ts, the joins in
 * merge-join.ts and merge-condition.ts.
 */
import type { Schema } from "../../data/schema.js";
import { defineNode, type NodeContext } from "../definition.js";
import { compileNodeExpression } from "../common/clem-env.js";
import { NodePropertyError, bool, clem, fields, keyed, oneOf, prop, str } from "../properties.js";
import { checkNodeExpression } from "./expressions.js";
import { conditionJoin } from "./merge-condition.js";
import { mergedFields, type MergedFields } from "./merge-fields.js";
import { keyJoin, orderJoin, type JoinType } from "./merge-join.js";
import { readSortKeys, sortKeysType } from "./ordering.js";
import { inputTags } from "./rows.js";

const RANKED = "ranked conditions keep the best-ranked matches (used for spatial joins) and are not supported; use Condition or Keys";

export const mergeNode = defineNode({
  type: "merge",
  label: "Merge",
  palette: "record",
  modelerClasses: ["MergeNode"],
  inputs: { min: 2, max: Infinity },
  properties: [
    prop("method", oneOf("Order", "Keys", "Condition", "Rankedcondition"), "Order"),
    prop("key_fields", fields(), [], "Join keys (Keys method)."),
    prop("common_keys", bool(), true, "Output one copy of the key fields."),
    prop("join", oneOf("Inner", "FullOuter", "PartialOuter", "Anti"), "Inner"),
    prop("outer_join_tag", keyed(bool()), {}, "PartialOuter: input tag → keep all its records."),
    prop("single_large_input", bool(), false, "Stream the input named by single_large_input_tag and hold the others."),
    prop("single_large_input_tag", str(), undefined),
    prop("use_existing_sort_keys", bool(), false, "The inputs are already sorted on the keys (a hint)."),
    prop("existing_sort_keys", sortKeysType(), []),
    prop("condition", clem(), undefined, "Match condition (Condition method) over the merged record."),
    prop("include", keyed(bool()), {}, "Filter tab, keyed <tag>.<field>: false drops the field."),
    prop("new_name", keyed(str()), {}, "Filter tab, keyed <tag>.<field>: renames the field (keeps a later duplicate)."),
  ],
  schema(ctx, inputs) {
    const plan = mergePlan(ctx, inputs, true);
    if (plan.method === "Condition") checkNodeExpression(ctx, "condition", ctx.props.required("condition"), plan.candidate.schema, "condition");
    return plan.output.schema;
  },
  async *run(ctx, inputs) {
    const plan = mergePlan(ctx, ctx.inputSchemas, false);
    switch (plan.method) {
      case "Order":
        yield* orderJoin(ctx, plan.output, inputs);
        return;
      case "Keys":
        yield* keyJoin(ctx, { fields: plan.output, join: plan.join, outer: plan.outer, primary: plan.primary }, inputs);
        return;
      default: {
        const condition = compileNodeExpression(ctx, "condition", ctx.props.required("condition"), plan.candidate.schema, "condition");
        if (condition.sequential) throw ctx.props.unsupported("condition", ctx.props.str("condition"), "sequence functions (@OFFSET, @INDEX, ...) have no record order to follow in a merge condition");
        yield* conditionJoin(ctx, { candidate: plan.candidate, output: plan.output, join: plan.join, outer: plan.outer, condition }, inputs);
      }
    }
  },
});

interface MergePlan {
  readonly method: "Order" | "Keys" | "Condition";
  readonly join: JoinType;
  readonly outer: readonly boolean[];
  readonly primary: number;
  readonly output: MergedFields;
  /** Condition method: every input's fields, which the condition reads. */
  readonly candidate: MergedFields;
}

function mergePlan(ctx: NodeContext, inputs: readonly Schema[], report: boolean): MergePlan {
  const props = ctx.props;
  const method = props.str("method", "Order");
  if (method === "Rankedcondition") throw props.unsupported("method", method, RANKED);
  const tags = inputTags(ctx);
  const duplicate = tags.find((t, i) => tags.indexOf(t) !== i);
  if (duplicate !== undefined) {
    throw new NodePropertyError(`node "${ctx.node.id}" (merge) has two inputs tagged "${duplicate}"; give each link a distinct tag`, { node: ctx.node.id, nodeType: "merge", value: duplicate });
  }
  const join = (method === "Order" ? "Inner" : props.str("join", "Inner")) as JoinType;
  const keys = method === "Keys" ? props.list<string>("key_fields") : [];
  if (method === "Keys" && keys.length === 0) {
    throw new NodePropertyError(`node "${ctx.node.id}" (merge) merges by Keys but key_fields is empty`, { node: ctx.node.id, nodeType: "merge", property: "key_fields" });
  }
  if (method === "Condition") {
    props.required("condition");
    if (inputs.length > 2 && join !== "Inner") {
      throw props.unsupported("join", join, `a ${join} merge by condition is defined for two inputs; this node has ${inputs.length} (merge two at a time)`);
    }
  }
  const outer = outerInputs(ctx, tags, join);
  let primary = 0;
  if (method === "Keys" && join !== "Anti" && props.bool("single_large_input") && props.has("single_large_input_tag")) {
    primary = tags.indexOf(props.str("single_large_input_tag"));
    if (primary < 0) throw props.unsupported("single_large_input_tag", props.str("single_large_input_tag"), `no input has that tag (tags: ${tags.join(", ")})`);
  }
  // A hint only, but a misspelt field in it is still an error.
  if (props.bool("use_existing_sort_keys")) inputs.forEach((s) => readSortKeys(ctx, "existing_sort_keys", s, true));
  const base = { tags, keys, commonKeys: method === "Keys" && props.bool("common_keys", true) };
  const candidate = mergedFields(ctx, inputs, { ...base, firstInputOnly: false, warn: report && join !== "Anti" });
  const output = join === "Anti" ? mergedFields(ctx, inputs, { ...base, firstInputOnly: true, warn: false }) : candidate;
  return { method: method as MergePlan["method"], join, outer, primary, output, candidate };
}

/** PartialOuter: which inputs keep all their records, from `outer_join_tag` keyed by input tag. */
function outerInputs(ctx: NodeContext, tags: readonly string[], join: JoinType): boolean[] {
  const marked = ctx.props.keyed<boolean>("outer_join_tag");
  if (join !== "PartialOuter") return tags.map(() => join === "FullOuter");
  for (const tag of Object.keys(marked)) {
    if (!tags.includes(tag)) throw ctx.props.unsupported("outer_join_tag", { [tag]: marked[tag] }, `no input has the tag "${tag}" (tags: ${tags.join(", ")})`);
  }
  const outer = tags.map((t) => marked[t] === true);
  if (!outer.some((o) => o)) {
    throw new NodePropertyError(`node "${ctx.node.id}" (merge) is a PartialOuter join but outer_join_tag selects no input; mark at least one input tag true (tags: ${tags.join(", ")})`, {
      node: ctx.node.id,
      nodeType: "merge",
      property: "outer_join_tag",
    });
  }
  return outer;
}
