/**
 * Every built-in node type, palette by palette. Adding a node type is one new file and one
 * line in its palette's index.
 */
import type { NodeDefinition } from "./definition.js";
import { SOURCE_NODES } from "./sources/index.js";
import { FIELD_OP_NODES } from "./field-ops/index.js";
import { RECORD_OP_NODES } from "./record-ops/index.js";
import { OUTPUT_NODES } from "./outputs/index.js";
import { EXPORT_NODES } from "./exports/index.js";
import { MODELING_NODES } from "./modeling/index.js";
import { MODEL_NODES } from "./models/index.js";

export const BUILTIN_NODES: readonly NodeDefinition[] = [
  ...SOURCE_NODES,
  ...FIELD_OP_NODES,
  ...RECORD_OP_NODES,
  ...OUTPUT_NODES,
  ...EXPORT_NODES,
  ...MODELING_NODES,
  ...MODEL_NODES,
];
