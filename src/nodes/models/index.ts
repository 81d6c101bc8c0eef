/**
 * Model nuggets (Modeler's generated models): process nodes that score each record through a
 * PMML model and append the fields Modeler's nugget of that kind appends.
 */
import type { NodeDefinition } from "../definition.js";
import { applyC50Node } from "./applyc50.js";
import { applyCartNode } from "./applycart.js";
import { applyChaidNode } from "./applychaid.js";
import { applyKMeansNode } from "./applykmeans.js";
import { applyKnnNode } from "./applyknn.js";
import { applyLinearNode } from "./applylinear.js";
import { applyLogregNode } from "./applylogreg.js";
import { applyModelNode } from "./applymodel.js";
import { applyNeuralNetworkNode } from "./applyneuralnetwork.js";
import { applyQuestNode } from "./applyquest.js";
import { applyRandomTreesNode } from "./applyrandomtrees.js";
import { applyRegressionNode } from "./applyregression.js";

export const MODEL_NODES: readonly NodeDefinition[] = [
  applyC50Node,
  applyChaidNode,
  applyCartNode,
  applyQuestNode,
  applyRandomTreesNode,
  applyRegressionNode,
  applyLinearNode,
  applyLogregNode,
  applyNeuralNetworkNode,
  applyKMeansNode,
  applyKnnNode,
  applyModelNode,
];
