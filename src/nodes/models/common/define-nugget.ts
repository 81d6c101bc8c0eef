/**
 * One nugget type = one `NuggetSpec` (its scripting name, properties, Modeler classes and how
 * its settings choose the added fields); this module makes the `NodeDefinition`:
 *
 * - `schema()` loads and compiles the PMML (`prepared-nugget.ts`), checks that the input has
 *   every field the model reads, and appends the scoring fields;
 * - `run()` scores each batch through the compiled model's columnar API (`scoreColumns`: one
 *   array per input field in, one per result out; nothing allocated per row) and appends the
 *   new columns, sharing the input's columns untouched.
 *
 * A value the model declares invalid (`invalidValueTreatment="returnInvalid"`) gives that
 * record `$null$` scores rather than stopping the run, as Modeler scores such records as
 * missing.
 */
import { makeBatch, type Column } from "../../../data/batch.js";
import type { NodeXmlMapping } from "../../common/str-mapping/index.js";
import { defineNode, type NodeContext, type NodeDefinition } from "../../definition.js";
import type { PropertySpec } from "../../properties.js";
import type { Flavour } from "./flavours.js";
import type { ModelElementInfo } from "./pmml-text.js";
import { prepareNugget, type NuggetBehaviour } from "./prepared-nugget.js";
import type { ScoringOptions } from "./scoring-plan.js";
import type { PmmlModel } from "../../../pmml/index.js";

export interface NuggetSpec {
  readonly type: string;
  readonly label: string;
  readonly modelerClasses?: readonly string[];
  readonly modeler?: NodeXmlMapping;
  readonly properties: readonly PropertySpec[];
  /** The naming of the added fields: fixed, or chosen from the model (generic nuggets). */
  readonly flavour: Flavour | ((ctx: NodeContext, info: ModelElementInfo, probe: PmmlModel) => Flavour);
  /** Which fields to add, from the nugget's settings (throws for a setting that is refused). */
  options(ctx: NodeContext): ScoringOptions;
}

export function defineNugget(spec: NuggetSpec): NodeDefinition {
  const behaviour: NuggetBehaviour = {
    flavour: typeof spec.flavour === "function" ? spec.flavour : () => spec.flavour as Flavour,
    options: spec.options,
  };
  return defineNode({
    type: spec.type,
    label: spec.label,
    palette: "model",
    ...(spec.modelerClasses && { modelerClasses: spec.modelerClasses }),
    ...(spec.modeler && { modeler: spec.modeler }),
    inputs: { min: 1, max: 1 },
    properties: spec.properties,
    async schema(ctx, [input]) {
      const prepared = await prepareNugget(ctx, input!, behaviour);
      return input!.append(...prepared.outputs.map((o) => o.field));
    },
    async *run(ctx, [input]) {
      const schema = ctx.inputSchemas[0]!;
      const prepared = await prepareNugget(ctx, schema, behaviour);
      const names = prepared.inputNames;
      const indices = names.map((n) => schema.indexOf(n));
      const bound: Record<string, Column> = {};
      for await (const batch of input!) {
        ctx.throwIfAborted();
        for (let i = 0; i < names.length; i++) bound[names[i]!] = batch.columns[indices[i]!]!;
        const results = prepared.model.scoreColumns(bound, batch.length, { onInvalidValue: "missing" });
        const columns = batch.columns.slice();
        for (const o of prepared.outputs) columns.push(o.make(results, batch.length));
        yield makeBatch(ctx.outputSchema, columns, batch.length);
      }
    },
  });
}
