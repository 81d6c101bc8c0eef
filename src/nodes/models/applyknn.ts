/**
 * KNN nugget (`applyknn`; NODES.md §6.11): adds `$KNN-<target>`, for a categorical target the
 * share of the neighbours' vote `$KNNP-<target>`, with `all_probabilities` `$KNNP-<category>`,
 * with `save_distances` `$KNN-distance-<n>` for the k neighbours. Case labels of neighbours
 * (`$KNN-neighbor-<n>`) need case labels, which the KNN builder refuses.
 */
import { bool, prop } from "../properties.js";
import { FLAVOURS } from "./common/flavours.js";
import { ADJUSTED_PROPENSITIES, ALL_PROBABILITIES, classifierOptions, RAW_PROPENSITIES } from "./common/nugget-properties.js";
import { defineNugget } from "./common/define-nugget.js";

export const applyKnnNode = defineNugget({
  type: "applyknn",
  label: "KNN",
  properties: [ALL_PROBABILITIES, prop("save_distances", bool(), false, "Add the distances $KNN-distance-<n> to the k nearest neighbours."), RAW_PROPENSITIES, ADJUSTED_PROPENSITIES],
  flavour: FLAVOURS.knn,
  options: (ctx) => classifierOptions(ctx, { confidence: true, nodeId: false, neighbourDistances: ctx.props.bool("save_distances") }),
});
