/** Record operation nodes (Modeler's Record Ops palette). */
import type { NodeDefinition } from "../definition.js";

export const RECORD_OP_NODES: readonly NodeDefinition[] = [];
