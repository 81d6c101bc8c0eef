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
import { appendChild, boolCodec, child, childText, defineXmlMapping, elements, ensureChild, enumCodec, fieldListCodec, makeElement, type PropertyCodec, readTypedValue, removeChildren, replaceChild, rowName, rowsOf, setChildText, sortKeysCodec, StrWriteError, textCodec, warnIfRows, type XmlElement } from "../common/str-mapping/index.js";
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

function filterEntries(props: XmlElement): Array<{ tag: string; entry: XmlElement }> {
  const entries = child(child(props, "filterTableGroup"), "entries");
  return elements(entries ?? makeElement("entries")).map((entry) => {
    const tagEl = child(entry, "tag");
    return { tag: tagEl ? String(readTypedValue(tagEl)) : "", entry };
  });
}

/** A Filter-tab property keyed `<tag>.<field>`, read from and written to each input's filterTable. */
function tabCodec(part: "drop" | "rename"): PropertyCodec {
  return {
    xml: `filterTableGroup/entries/entry{tag, filterTable/rows/row/${part}}`,
    read(props) {
      const entries = filterEntries(props);
      if (entries.length === 0) return undefined;
      const out: Record<string, unknown> = {};
      for (const { tag, entry } of entries) {
        for (const row of rowsOf(entry, "filterTable")) {
          const v = childText(row, part);
          if (v === undefined) continue;
          out[`${tag}.${rowName(row)}`] = part === "drop" ? v !== "true" : v;
        }
      }
      return Object.keys(out).length > 0 ? out : undefined;
    },
    write(props, value) {
      const wanted = Object.entries((value ?? {}) as Record<string, unknown>);
      const group = ensureChild(props, "filterTableGroup");
      const entriesEl = ensureChild(group, "entries");
      for (const { entry } of filterEntries(props)) for (const row of rowsOf(entry, "filterTable")) removeChildren(row, part);
      for (const [key, v] of wanted) {
        const dot = key.indexOf(".");
        if (dot <= 0) throw new StrWriteError(`merge filter key "${key}" must be <tag>.<field>`, { xml: "filterTableGroup" });
        const [tag, field] = [key.slice(0, dot), key.slice(dot + 1)];
        let entry = filterEntries(props).find((e) => e.tag === tag)?.entry;
        if (!entry) {
          entry = makeElement("entry", {}, [makeElement("tag", { type: "A" }, [tag]), makeElement("filterTable", {}, [makeElement("defaultDrop", {}, ["false"]), makeElement("rows")])]);
          appendChild(entriesEl, entry);
        }
        const rows = ensureChild(ensureChild(entry, "filterTable"), "rows");
        let row = elements(rows).find((r) => rowName(r) === field);
        if (!row) {
          row = makeElement("row", {}, [makeElement("name", {}, [field])]);
          appendChild(rows, row);
        }
        setChildText(row, part, part === "drop" ? String(v === false) : String(v));
      }
    },
  };
}

const outerJoinTag: PropertyCodec = {
  xml: "includeIncompleteRecords/includeIncompleteRecordsList/includeIncompleteRecords/inputNodeTagName",
  read(props) {
    const list = child(child(props, "includeIncompleteRecords"), "includeIncompleteRecordsList");
    if (!list) return undefined;
    return Object.fromEntries(elements(list).map((e) => [childText(e, "inputNodeTagName") ?? "", true]));
  },
  write(props, value) {
    const tags = Object.entries((value ?? {}) as Record<string, unknown>).filter(([, v]) => v === true).map(([t]) => t);
    const list = makeElement("includeIncompleteRecordsList", {}, tags.map((t) => makeElement("includeIncompleteRecords", {}, [makeElement("inputNodeTagName", {}, [t])])));
    replaceChild(props, "includeIncompleteRecords", makeElement("includeIncompleteRecords", {}, [list]));
  },
};

/**
 * Merge (`MergeNode` → `merge`): `mergeMode` key/condition/order, `keyFields`,
 * `mergeCommonKeys`, `joinType`, `includeIncompleteRecords` (the inputs kept whole in a
 * partial outer join, by tag) → `outer_join_tag`, `mergeSingleLargeInput` / `…Tag`,
 * `mergePreSortedInput` / `existingSortKeys`, `mergeCondition`, and the per-input Filter tab
 * `filterTableGroup/entries/entry{tag, filterTable}` → `include` / `new_name` keyed
 * `<tag>.<field>`. Input order and tags come from the node's `tags` (import/tags.ts).
 */
const mergeMapping = defineXmlMapping({
  properties: {
    method: enumCodec("mergeMode", { order: "Order", key: "Keys", condition: "Condition" }),
    key_fields: fieldListCodec("keyFields"),
    common_keys: boolCodec("mergeCommonKeys"),
    join: enumCodec("joinType", { inner: "Inner", fullOuter: "FullOuter", partialOuter: "PartialOuter", anti: "Anti" }),
    outer_join_tag: outerJoinTag,
    single_large_input: boolCodec("mergeSingleLargeInput"),
    single_large_input_tag: textCodec("mergeSingleLargeInputTag", { omitEmpty: true }),
    use_existing_sort_keys: boolCodec("mergePreSortedInput"),
    existing_sort_keys: sortKeysCodec("existingSortKeys"),
    condition: textCodec("mergeCondition", { omitEmpty: true }),
    include: tabCodec("drop"),
    new_name: tabCodec("rename"),
  },
  check(props, ctx) {
    warnIfRows(props, "mergeRankConditions", ctx, "ranked-condition merges are not read from .str yet");
    if (childText(child(props, "filterTableGroup"), "defaultDrop") === "true") ctx.warn("filterTableGroup/defaultDrop is true, kept in the XML but not applied");
    for (const { entry } of filterEntries(props)) {
      if (childText(child(entry, "filterTable"), "defaultDrop") === "true") ctx.warn("an input's filterTable/defaultDrop is true, kept in the XML but not applied");
    }
  },
});

export const mergeNode = defineNode({
  type: "merge",
  label: "Merge",
  palette: "record",
  modelerClasses: ["MergeNode"],
  modeler: mergeMapping,
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
