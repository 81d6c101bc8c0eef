/** Field operation nodes (Modeler's Field Ops palette). */
import type { NodeDefinition } from "../definition.js";
import { binningNode } from "./binning.js";
import { deriveNode } from "./derive.js";
import { fillerNode } from "./filler.js";
import { filterNode } from "./filter.js";
import { partitionNode } from "./partition.js";
import { reclassifyNode } from "./reclassify.js";
import { reorderNode } from "./reorder.js";
import { restructureNode } from "./restructure.js";
import { setToFlagNode } from "./settoflag.js";
import { typeNode } from "./type.js";

export const FIELD_OP_NODES: readonly NodeDefinition[] = [
  typeNode,
  filterNode,
  deriveNode,
  fillerNode,
  reclassifyNode,
  binningNode,
  partitionNode,
  setToFlagNode,
  restructureNode,
  reorderNode,
];
