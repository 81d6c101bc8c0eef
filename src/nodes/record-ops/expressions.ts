/**
 * CLEM properties of Record Ops nodes at planning time. `schema()` runs before any record
 * moves and `run()` compiles again; warnings (and compile work where only the result type is
 * needed) belong to one of the two, so that a run reports each warning once.
 */
import { checkClem, compileClem, type CompiledClem } from "../../clem/index.js";
import type { Schema } from "../../data/schema.js";
import type { NodeContext } from "../definition.js";
import { compileNodeExpression, nodeClemEnvironment } from "../common/clem-env.js";

/** Type-checks an expression property (a misspelt field fails while planning). */
export function checkNodeExpression(ctx: NodeContext, property: string, text: string, schema: Schema, expect: "value" | "condition"): void {
  withProperty(property, () => checkClem(text, nodeClemEnvironment(ctx, schema, { label: property }), { expect }));
}

/** Compiles an expression property; only with `report` are its warnings passed on. */
export function compileQuietly(ctx: NodeContext, property: string, text: string, schema: Schema, expect: "value" | "condition", report: boolean): CompiledClem {
  if (report) return compileNodeExpression(ctx, property, text, schema, expect);
  return withProperty(property, () => compileClem(text, nodeClemEnvironment(ctx, schema, { label: property }), { expect }));
}

function withProperty<T>(property: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof Error) err.message = `property "${property}": ${err.message}`;
    throw err;
  }
}
