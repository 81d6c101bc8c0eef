/**
 * K-Means nugget (`applykmeans`, Modeler's `ApplyKMeansNode`; NODES.md §6.8): adds the cluster
 * `$KM-<model name>` (its name, `cluster-1`, …) and with `gen_distance` (the nugget's
 * "generate distance field", ours as a scripting property) the distance to its centre
 * `$KMD-<model name>`.
 */
import { bool, prop } from "../properties.js";
import { FLAVOURS } from "./common/flavours.js";
import { ENABLE_SQL_GENERATION } from "./common/nugget-properties.js";
import { defineNugget } from "./common/define-nugget.js";
import { kmeansNuggetMapping } from "./common/nugget-mappings.js";
import { NO_SCORING_OPTIONS } from "./common/scoring-plan.js";

export const applyKMeansNode = defineNugget({
  type: "applykmeans",
  label: "K-Means",
  modelerClasses: ["ApplyKMeansNode"],
  modeler: kmeansNuggetMapping,
  properties: [prop("gen_distance", bool(), false, "Add the distance to the cluster centre $KMD-<model name>."), ENABLE_SQL_GENERATION],
  flavour: FLAVOURS.kmeans,
  options: (ctx) => ({ ...NO_SCORING_OPTIONS, distance: ctx.props.bool("gen_distance") }),
});
