/**
 * Model builders (Modeler's Modeling palette): terminal nodes that train a model and return
 * its PMML for the nugget that scores it (`../models/`).
 *
 * Builders Modeler has and modeler-batch does not (SVM, Apriori, TwoStep, Anomaly, Bayes Net,
 * XGBoost, time series, the auto modelers, GLMM, …) are deliberately not registered: a `.str`
 * node of such a class loads under Modeler's scripting name (`svm`, `apriori`, …) and a run
 * that needs it fails with `UnsupportedNodeError` naming the node, the type and the Modeler
 * class (docs/nodes.md, "Modeling").
 */
import type { NodeDefinition } from "../definition.js";
import { c50Node } from "./c50.js";
import { cartNode } from "./cart.js";
import { chaidNode } from "./chaid.js";
import { kmeansNode } from "./kmeans.js";
import { knnNode } from "./knn.js";
import { linearNode } from "./linear.js";
import { logregNode } from "./logreg.js";
import { neuralNetworkNode } from "./neuralnetwork.js";
import { questNode } from "./quest.js";
import { randomTreesNode } from "./randomtrees.js";
import { regressionNode } from "./regression.js";

export const MODELING_NODES: readonly NodeDefinition[] = [
  c50Node,
  chaidNode,
  cartNode,
  questNode,
  randomTreesNode,
  regressionNode,
  linearNode,
  logregNode,
  neuralNetworkNode,
  kmeansNode,
  knnNode,
];
