/** Record operation nodes (Modeler's Record Ops palette). */
import type { NodeDefinition } from "../definition.js";
import { aggregateNode } from "./aggregate.js";
import { appendNode } from "./append.js";
import { balanceNode } from "./balance.js";
import { distinctNode } from "./distinct.js";
import { mergeNode } from "./merge.js";
import { sampleNode } from "./sample.js";
import { selectNode } from "./select.js";
import { sortNode } from "./sort.js";

export const RECORD_OP_NODES: readonly NodeDefinition[] = [selectNode, sampleNode, balanceNode, aggregateNode, sortNode, mergeNode, appendNode, distinctNode];
