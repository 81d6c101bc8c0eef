/**
 * How each kind of Modeler nugget names the fields it adds (NODES.md §6.16, §6.18): a letter
 * code (`C` for C5.0 → `$C-Drug`), and the letter of its confidence field (`$CC-Drug` for
 * C5.0, `$LP-Drug` for Logistic). The codes were checked against the output fields that the
 * nuggets of the real `.str` corpus declare (`../shared/fixtures/modeler-str`): `$C-`/`$CC-`,
 * `$R-`/`$RC-` (CHAID, C&R Tree, Random Trees), `$L-`/`$LP-` (Logistic), `$L-` (Linear),
 * `$N-`/`$NC-`, `$KM-`, `$KNN-`/`$KNNP-`, `$S-`/`$SP-`, `$B-`/`$BP-`, `$RL-` (Random Forest),
 * `$XGT-` (XGBoost Tree), and the propensities `$<code>RP-` / `$<code>AP-`.
 * Regression's `$E-` is from NODES.md (no corpus nugget declares it).
 *
 * A generic nugget (`applymodel`, for Modeler's extension nuggets or any PMML) takes its kind
 * from the Modeler extension id, else from the PMML model element and its algorithm name.
 */
import { NuggetModelError } from "../../modeling/common/errors.js";
import type { ModelElementInfo } from "./pmml-text.js";

export type { ModelElementInfo } from "./pmml-text.js";

export interface Flavour {
  /** The nugget type whose naming this is (`applyc50`), or a name for extension-only kinds. */
  readonly kind: string;
  /** Field code: `$<code>-<target>`. */
  readonly code: string;
  /** Letter of the confidence field: `$<code><letter>-<target>`. */
  readonly confidence: "C" | "P";
}

const flavour = (kind: string, code: string, confidence: "C" | "P"): Flavour => ({ kind, code, confidence });

export const FLAVOURS = {
  c50: flavour("applyc50", "C", "C"),
  chaid: flavour("applychaid", "R", "C"),
  cart: flavour("applycart", "R", "C"),
  quest: flavour("applyquest", "R", "C"),
  randomtrees: flavour("applyrandomtrees", "R", "C"),
  regression: flavour("applyregression", "E", "P"),
  linear: flavour("applylinear", "L", "P"),
  logreg: flavour("applylogreg", "L", "P"),
  neuralnetwork: flavour("applyneuralnetwork", "N", "C"),
  kmeans: flavour("applykmeans", "KM", "P"),
  knn: flavour("applyknn", "KNN", "P"),
  svm: flavour("svm", "S", "P"),
  bayesnet: flavour("bayesnet", "B", "P"),
  twostep: flavour("twostep", "T", "P"),
  randomforest: flavour("randomforest", "RL", "P"),
  xgboosttree: flavour("xgboosttree", "XGT", "P"),
} as const satisfies Record<string, Flavour>;

export type FlavourName = keyof typeof FLAVOURS;

/** Modeler extension ids of model nuggets (`node@extensionID`). */
const BY_EXTENSION: Readonly<Record<string, FlavourName>> = {
  "spss.neuralnet-extension": "neuralnetwork",
  "spss.alm-extension": "linear",
  "spss.tree-extension": "cart",
  "spss.randomTrees": "randomtrees",
  "spss.KNN_id": "knn",
  "spss.svm_id": "svm",
  "spss.bayesian_id": "bayesnet",
  "spss.rf": "randomforest",
  "spss.xgboost": "xgboosttree",
};

/** The flavour of a generic nugget: its extension id, else its PMML. */
export function detectFlavour(extensionId: string | undefined, info: ModelElementInfo, describe: string): Flavour {
  const byExtension = extensionId !== undefined ? BY_EXTENSION[extensionId] : undefined;
  if (byExtension) return FLAVOURS[byExtension];
  const algorithm = (info.algorithmName ?? "").toLowerCase();
  switch (info.element) {
    case "TreeModel":
      return /^c5|c5\.0/.test(algorithm) ? FLAVOURS.c50 : algorithm.includes("quest") ? FLAVOURS.quest : algorithm.includes("chaid") ? FLAVOURS.chaid : FLAVOURS.cart;
    case "RuleSetModel":
      return FLAVOURS.c50;
    case "MiningModel":
      return /^c5|c5\.0/.test(algorithm) ? FLAVOURS.c50 : FLAVOURS.randomtrees;
    case "RegressionModel":
    case "GeneralRegressionModel":
      if (info.functionName === "classification") return FLAVOURS.logreg;
      return algorithm === "alm" || algorithm === "linear" ? FLAVOURS.linear : FLAVOURS.regression;
    case "NeuralNetwork":
      return FLAVOURS.neuralnetwork;
    case "ClusteringModel":
      return algorithm.includes("twostep") ? FLAVOURS.twostep : FLAVOURS.kmeans;
    case "NearestNeighborModel":
      return FLAVOURS.knn;
    case "SupportVectorMachineModel":
      return FLAVOURS.svm;
    case "NaiveBayesModel":
    case "BayesianNetworkModel":
      return FLAVOURS.bayesnet;
    default:
      throw new NuggetModelError(`${describe}: its PMML holds a ${info.element}, and no Modeler nugget naming is known for it; set model_type`, { element: info.element });
  }
}
