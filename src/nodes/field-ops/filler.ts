/**
 * Filler (`filler`): replaces values of existing fields in place — always, where a condition
 * holds, or where the value is blank, `$null$`, or either — with a CLEM expression in which
 * `@FIELD` is the field being filled. Names and order of fields do not change; storage does
 * when the replacement converts (`to_integer(@FIELD)` always). NODES.md §2.4; docs/nodes.md.
 */
import { makeBatch, type Column } from "../../data/batch.js";
import { blankTester, defaultMeasureFor, type Field } from "../../data/field.js";
import type { Schema } from "../../data/schema.js";
import { isNumericStorage, type Storage } from "../../data/storage.js";
import type { Value } from "../../data/values.js";
import type { CompiledClem } from "../../clem/index.js";
import { compileNodeExpression } from "../common/clem-env.js";
import { defineXmlMapping, enumCodec, fieldListCodec, textCodec } from "../common/str-mapping/index.js";
import { defineNode, type NodeContext } from "../definition.js";
import { NodePropertyError, clem, fields, oneOf, prop } from "../properties.js";
import { batchesWithLookahead } from "./columns.js";
import { requireFields } from "./naming.js";

/**
 * Filler (`FillerNode` → `filler`): `fillerSelectedFields`, `fillerReplaceMode`
 * (always / blanks / nulls / blanksAndNulls / conditional), `fillerCondition`,
 * `fillerReplaceExpression`.
 */
const fillerMapping = defineXmlMapping({
  properties: {
    fields: fieldListCodec("fillerSelectedFields"),
    replace_mode: enumCodec("fillerReplaceMode", { always: "Always", conditional: "Conditional", blanks: "Blank", nulls: "Null", blanksAndNulls: "BlankAndNull" }),
    condition: textCodec("fillerCondition"),
    replace_with: textCodec("fillerReplaceExpression"),
  },
});

export const fillerNode = defineNode({
  type: "filler",
  label: "Filler",
  palette: "field",
  modelerClasses: ["FillerNode"],
  modeler: fillerMapping,
  inputs: { min: 1, max: 1 },
  properties: [
    prop("fields", fields(), [], "Fields to fill."),
    prop("replace_mode", oneOf("Always", "Conditional", "Blank", "Null", "BlankAndNull"), "Blank", "When to replace a value."),
    prop("condition", clem(), "", "Conditional mode: replace where true; @FIELD is the field."),
    prop("replace_with", clem(), "", "The new value; @FIELD is the field."),
  ],
  schema(ctx, [input]) {
    const quiet: NodeContext = { ...ctx, warn: () => {} };
    const fills = fillPlan(quiet, input!);
    return input!.map((f, i) => fills.find((x) => x.index === i)?.field ?? f);
  },
  async *run(ctx, [input]) {
    const inSchema = ctx.inputSchemas[0]!;
    const fills = fillPlan(ctx, inSchema);
    const lookahead = Math.max(0, ...fills.flatMap((f) => [f.replace.lookahead, f.condition?.lookahead ?? 0]));
    for await (const [batch, ahead] of batchesWithLookahead(input!, lookahead)) {
      ctx.throwIfAborted();
      const columns = batch.columns.slice();
      for (const f of fills) columns[f.index] = f.fill(batch.columns[f.index]!, f.replace.evaluate(batch, ahead), f.condition?.evaluate(batch, ahead));
      yield makeBatch(ctx.outputSchema, columns, batch.length);
    }
  },
});

interface Fill {
  readonly index: number;
  readonly field: Field;
  readonly replace: CompiledClem;
  readonly condition?: CompiledClem;
  fill(old: Column, replacement: Value[], condition: Value[] | undefined): Column;
}

function fillPlan(ctx: NodeContext, input: Schema): Fill[] {
  const p = ctx.props;
  const names = p.list<string>("fields");
  if (names.length === 0) throw new NodePropertyError(`node "${ctx.node.id}" (filler) needs fields in "fields"`, { node: ctx.node.id, nodeType: "filler", property: "fields" });
  requireFields(ctx, input, names, "fields");
  const mode = p.str("replace_mode");
  const replaceText = p.str("replace_with");
  if (replaceText.trim() === "") throw new NodePropertyError(`node "${ctx.node.id}" (filler) needs a CLEM expression in "replace_with"`, { node: ctx.node.id, nodeType: "filler", property: "replace_with" });
  if (mode === "Conditional" && p.str("condition").trim() === "") {
    throw new NodePropertyError(`node "${ctx.node.id}" (filler) in Conditional mode needs a CLEM condition in "condition"`, { node: ctx.node.id, nodeType: "filler", property: "condition" });
  }
  return [...new Set(names)].map((name): Fill => {
    const source = input.require(name);
    const replace = compileNodeExpression(ctx, "replace_with", replaceText, input, "value", { currentField: name });
    if (replace.storage === "boolean" || replace.storage === "list") throw p.unsupported("replace_with", replaceText, `it gives a ${replace.storage === "list" ? "list" : "true/false value"}, which a field cannot hold`);
    const condition = mode === "Conditional" ? compileNodeExpression(ctx, "condition", p.str("condition"), input, "condition", { currentField: name }) : undefined;
    const storage = filledStorage(ctx, source, replace.storage, mode === "Always");
    const field: Field = storage === source.storage ? source : { ...withoutValues(source), storage, measure: defaultMeasureFor(storage) };
    const isBlank = blankTester(source);
    if (mode === "Blank" && !source.blanks) ctx.warn(`field "${name}" has no blank definitions (set them in a Type node), so replace_mode Blank changes nothing`);
    const replaceWhere: (v: Value, r: number, cond: Value[] | undefined) => boolean = {
      Always: () => true,
      Conditional: (_v: Value, r: number, cond: Value[] | undefined) => cond![r] === true,
      Blank: (v: Value) => isBlank(v),
      Null: (v: Value) => v === null,
      BlankAndNull: (v: Value) => v === null || isBlank(v),
    }[mode as "Always"]!;
    return {
      index: input.indexOf(name),
      field,
      replace,
      ...(condition && { condition }),
      fill(old, replacement, cond) {
        if (mode === "Always") return replacement;
        const out: Column = new Array(old.length);
        for (let r = 0; r < old.length; r++) out[r] = replaceWhere(old[r]!, r, cond) ? replacement[r]! : old[r]!;
        return out;
      },
    };
  });
}

/**
 * Storage after filling: Always takes the replacement's storage; partial replacement keeps the
 * field's storage, widened from integer to real when a real replaces some values. Any other
 * mix (a string written into some records of an integer field) is refused rather than leaving
 * values of two storages in one field.
 */
function filledStorage(ctx: NodeContext, source: Field, replacement: Storage, always: boolean): Storage {
  if (replacement === "unknown" || replacement === source.storage) return source.storage;
  if (always) return replacement;
  if (isNumericStorage(replacement) && isNumericStorage(source.storage)) return "real";
  throw ctx.props.unsupported(
    "replace_with",
    ctx.props.str("replace_with"),
    `it gives ${replacement} values for field "${source.name}", which holds ${source.storage} values; convert it (e.g. to_${source.storage}(...)) or use replace_mode Always`,
  );
}

function withoutValues(f: Field): Field {
  const { values: _v, check: _c, ...rest } = f;
  return rest;
}
