/**
 * Every built-in node type. Adding a node type is one new file and one line here.
 */
import type { NodeDefinition } from "./definition.js";
import { userInputNode } from "./sources/userinput.js";
import { filterNode } from "./field-ops/filter.js";
import { tableNode } from "./outputs/table.js";

export const BUILTIN_NODES: readonly NodeDefinition[] = [
  // sources
  userInputNode,
  // field operations
  filterNode,
  // outputs
  tableNode,
];
