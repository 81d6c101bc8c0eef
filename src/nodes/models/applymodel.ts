/**
 * Generic nugget (`applymodel`): any PMML the evaluator scores, named as the Modeler nugget of
 * its kind would name its fields. It stands for Modeler's extension nuggets
 * (`CFApplyModelNode`, `ExtensionApplyModelNode`: Neural Net, Linear, Random Trees, KNN, SVM,
 * Bayes Net, Random Forest, XGBoost, … saved by Modeler 16 and later), and for a PMML file from
 * anywhere (`model: {"pmml": "…"}`).
 *
 * `model_type` chooses the naming (`c50`, `chaid`, `cart`, `quest`, `randomtrees`,
 * `regression`, `linear`, `logreg`, `neuralnetwork`, `kmeans`, `knn`, `svm`, `bayesnet`, …);
 * with `Auto` (the default) it comes from the node's Modeler extension id, else from the PMML
 * model element and its `algorithmName` (`flavours.ts`).
 */
import { bool, oneOf, prop } from "../properties.js";
import { detectFlavour, FLAVOURS, type FlavourName } from "./common/flavours.js";
import { CLASSIFIER_PROPERTIES, classifierOptions, DISPLAY_RULE_ID } from "./common/nugget-properties.js";
import { defineNugget } from "./common/define-nugget.js";
import { extensionNuggetMapping } from "./common/nugget-mappings.js";

const TYPES = Object.keys(FLAVOURS) as FlavourName[];

export const applyModelNode = defineNugget({
  type: "applymodel",
  label: "Model",
  modelerClasses: ["CFApplyModelNode", "ExtensionApplyModelNode"],
  modeler: extensionNuggetMapping,
  properties: [
    prop("model_type", oneOf("Auto", ...TYPES), "Auto", "Which Modeler nugget's field names to use; Auto decides from the extension id or the PMML."),
    ...CLASSIFIER_PROPERTIES,
    DISPLAY_RULE_ID,
    prop("gen_distance", bool(), false, "Clustering models: add the distance to the cluster centre."),
    prop("save_distances", bool(), false, "Nearest-neighbour models: add the distances to the k neighbours."),
  ],
  flavour(ctx, info) {
    const chosen = ctx.props.str("model_type", "Auto");
    if (chosen !== "Auto") return FLAVOURS[chosen as FlavourName];
    const node = ctx.node;
    return detectFlavour(node.modeler?.extensionId, info, `node "${node.name ?? node.id}" (id ${node.id}, applymodel)`);
  },
  options: (ctx) => classifierOptions(ctx, { distance: ctx.props.bool("gen_distance"), neighbourDistances: ctx.props.bool("save_distances") }),
});
