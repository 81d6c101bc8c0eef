/** Output nodes (Modeler's Output palette): they produce documents. */
import type { NodeDefinition } from "../definition.js";
import { tableNode } from "./table.js";

export const OUTPUT_NODES: readonly NodeDefinition[] = [tableNode];
