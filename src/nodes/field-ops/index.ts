/** Field operation nodes (Modeler's Field Ops palette). */
import type { NodeDefinition } from "../definition.js";
import { filterNode } from "./filter.js";

export const FIELD_OP_NODES: readonly NodeDefinition[] = [filterNode];
