/**
 * Checking a node's CLEM property while the schema is computed (before any record moves), so
 * that a misspelt field fails at planning time. Compilation proper, with its warnings, happens
 * once in `run()` through `compileNodeExpression`.
 */
import { checkClem } from "../../clem/index.js";
import type { Schema } from "../../data/schema.js";
import type { NodeContext } from "../definition.js";
import { nodeClemEnvironment } from "../common/clem-env.js";

export function checkNodeExpression(ctx: NodeContext, property: string, text: string, schema: Schema, expect: "value" | "condition"): void {
  try {
    checkClem(text, nodeClemEnvironment(ctx, schema, { label: property }), { expect });
  } catch (err) {
    if (err instanceof Error) err.message = `property "${property}": ${err.message}`;
    throw err;
  }
}
