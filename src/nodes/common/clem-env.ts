/**
 * Compiling the CLEM expressions of a node: the environment (fields, parameters, stream
 * settings, seeded random numbers, special fields) comes from the node's context, so every
 * node compiles the same way.
 */
import type { Schema } from "../../data/schema.js";
import { compileClem, type ClemEnvironment, type CompiledClem } from "../../clem/index.js";
import type { NodeContext } from "../definition.js";

export interface NodeClemOptions {
  /** Binds `@FIELD` (Derive multiple mode, Filler). */
  readonly currentField?: string;
  /** The field being derived, so that `@OFFSET(self, 1)` reads earlier outputs. */
  readonly selfField?: ClemEnvironment["selfField"];
  readonly special?: ClemEnvironment["special"];
  /** Separates random sequences of several expressions of one node. */
  readonly label?: string;
}

export function nodeClemEnvironment(ctx: NodeContext, schema: Schema, options: NodeClemOptions = {}): ClemEnvironment {
  const partition = schema.fields.find((f) => f.role === "partition");
  return {
    schema,
    parameters: ctx.parameters,
    settings: ctx.settings,
    random: ctx.random(`clem:${options.label ?? ""}:${options.currentField ?? ""}`),
    ...(options.currentField !== undefined && { currentField: options.currentField }),
    ...(options.selfField !== undefined && { selfField: options.selfField }),
    special: {
      // A Partition node declares its values in training, testing, validation order.
      ...(partition && {
        partitionField: partition.name,
        trainingPartition: partition.values?.[0] ?? "1_Training",
        testingPartition: partition.values?.[1] ?? "2_Testing",
        validationPartition: partition.values?.[2] ?? "3_Validation",
      }),
      ...options.special,
    },
  };
}

/**
 * Compiles one expression property of the node. Errors keep their class and code and
 * gain the node and property in their message (the engine adds the node's identity).
 */
export function compileNodeExpression(
  ctx: NodeContext,
  property: string,
  text: string,
  schema: Schema,
  expect: "value" | "condition",
  options: NodeClemOptions = {},
): CompiledClem {
  try {
    const compiled = compileClem(text, nodeClemEnvironment(ctx, schema, { label: property, ...options }), { expect });
    for (const w of compiled.warnings) ctx.warn(`${property}: ${w}`);
    return compiled;
  } catch (err) {
    if (err instanceof Error) err.message = `property "${property}": ${err.message}`;
    throw err;
  }
}
