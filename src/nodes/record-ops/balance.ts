/**
 * Balance (`balance`): evens out a distribution by sampling down (factor < 1) or replicating
 * (factor > 1) the records that meet each directive's condition. NODES.md §2.15; choices in
 * docs/nodes.md.
 *
 * A record takes the factor of the first directive whose condition is true (Modeler's docs
 * list directives as alternatives; a record is not balanced twice); a record no directive
 * matches passes unchanged, as does one whose conditions are `$null$` or false. Factor f < 1
 * keeps the record with probability f; f ≥ 1 writes ⌊f⌋ copies plus one more with probability
 * f − ⌊f⌋, the copies next to each other. Draws come from the run's seed. With
 * `training_data_only` only records of the training partition are balanced.
 */
import { takeRows } from "../../data/batch.js";
import type { Schema } from "../../data/schema.js";
import { valuesEqual, type Value } from "../../data/values.js";
import { compileNodeExpression } from "../common/clem-env.js";
import { boolCodec, child, childText, defineXmlMapping, elements, makeElement, makeRow, replaceChild, StrWriteError } from "../common/str-mapping/index.js";
import { defineNode, type NodeContext } from "../definition.js";
import { NodePropertyError, bool, json, prop } from "../properties.js";
import { checkNodeExpression } from "./expressions.js";
import { withLookahead } from "./rows.js";

/** Balance (`BalanceNode` → `balance`): `balanceDirectives/entries/entry{condition, factor}`, `balanceTrainingPartitionOnly`. */
const balanceMapping = defineXmlMapping({
  properties: {
    directives: {
      xml: "balanceDirectives/entries/entry{factor, condition}",
      read(props, ctx) {
        const directives = child(props, "balanceDirectives");
        if (!directives) return undefined;
        return elements(child(directives, "entries") ?? directives)
          .filter((e) => e.name.localName === "entry")
          .map((e) => {
            const text = childText(e, "factor") ?? "";
            const factor = Number(text);
            if (!Number.isFinite(factor)) ctx.warn(`balanceDirectives factor "${text}" is not a number`);
            return [Number.isFinite(factor) ? factor : text, childText(e, "condition") ?? ""];
          });
      },
      write(props, value) {
        if (!Array.isArray(value)) throw new StrWriteError(`directives needs a list of [factor, condition] pairs`, { xml: "balanceDirectives" });
        const entries = value.map((d) => {
          const [factor, condition] = d as [unknown, unknown];
          return makeRow([["condition", String(condition)], ["factor", String(factor)]], "entry");
        });
        replaceChild(props, "balanceDirectives", makeElement("balanceDirectives", {}, [makeElement("entries", {}, entries)]));
      },
    },
    training_data_only: boolCodec("balanceTrainingPartitionOnly"),
  },
});

export const balanceNode = defineNode({
  type: "balance",
  label: "Balance",
  palette: "record",
  modelerClasses: ["BalanceNode"],
  modeler: balanceMapping,
  inputs: { min: 1, max: 1 },
  properties: [
    prop(
      "directives",
      json({ type: "array", items: { type: "array", minItems: 2, maxItems: 2, items: [{ type: "number", minimum: 0 }, { type: "string" }] } }, 'a list of [factor, "condition"] pairs'),
      [],
      "Factor applied to the records that meet each condition; the first matching directive wins.",
    ),
    prop("training_data_only", bool(), false, "Balance only the records of the training partition."),
  ],
  schema(ctx, [input]) {
    for (const d of readDirectives(ctx)) checkNodeExpression(ctx, d.property, d.condition, input!, "condition");
    trainingTest(ctx, input!, false);
    return input!;
  },
  async *run(ctx, [input]) {
    const schema = ctx.inputSchemas[0]!;
    const directives = readDirectives(ctx).map((d) => ({ ...d, compiled: compileNodeExpression(ctx, d.property, d.condition, schema, "condition") }));
    const inTraining = trainingTest(ctx, schema, true);
    const random = ctx.random("balance");
    const lookahead = Math.max(0, ...directives.map((d) => d.compiled.lookahead));
    for await (const { batch, ahead } of withLookahead(input!, lookahead)) {
      ctx.throwIfAborted();
      const verdicts = directives.map((d) => d.compiled.evaluate(batch, ahead));
      const rows: number[] = [];
      let changed = false;
      for (let r = 0; r < batch.length; r++) {
        let factor = 1;
        if (!inTraining || inTraining(batch.columns, r)) {
          for (let d = 0; d < directives.length; d++) {
            if (verdicts[d]![r] === true) {
              factor = directives[d]!.factor;
              break;
            }
          }
        }
        if (factor === 1) {
          rows.push(r);
          continue;
        }
        changed = true;
        const whole = Math.floor(factor);
        const copies = whole + (factor > whole && random() < factor - whole ? 1 : 0);
        for (let c = 0; c < copies; c++) rows.push(r);
      }
      if (!changed) yield batch;
      else if (rows.length > 0) yield takeRows(batch, rows);
    }
  },
});

interface Directive {
  readonly factor: number;
  readonly condition: string;
  readonly property: string;
}

function readDirectives(ctx: NodeContext): Directive[] {
  return ctx.props.list<unknown>("directives").map((d, i) => {
    const ok = Array.isArray(d) && d.length === 2 && typeof d[0] === "number" && Number.isFinite(d[0]) && d[0] >= 0 && typeof d[1] === "string" && d[1].trim() !== "";
    if (!ok) {
      throw new NodePropertyError(`property "directives" of node "${ctx.node.id}" (balance): item ${i} ${JSON.stringify(d)} must be [factor ≥ 0, "condition"]`, {
        node: ctx.node.id,
        nodeType: "balance",
        property: "directives",
        value: d,
      });
    }
    const [factor, condition] = d as [number, string];
    return { factor, condition, property: `directives[${i}]` };
  });
}

/** With `training_data_only`: a test for "this record is in the training partition". */
function trainingTest(ctx: NodeContext, schema: Schema, report: boolean): ((columns: readonly Value[][], row: number) => boolean) | undefined {
  if (!ctx.props.bool("training_data_only")) return undefined;
  const partition = schema.fields.find((f) => f.role === "partition");
  if (!partition) {
    if (report) ctx.warn("training_data_only is set but the input has no partition field (role Partition): every record is balanced");
    return undefined;
  }
  const column = schema.indexOf(partition.name);
  // A Partition node declares its values in training, testing, validation order.
  const training: Value = partition.values?.[0] ?? "1_Training";
  return (columns, row) => {
    const v = columns[column]![row]!;
    return v === training || valuesEqual(v, training);
  };
}
