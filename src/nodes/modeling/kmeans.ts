/**
 * K-Means (`kmeans`, Modeler's `BuildKMeansNode`; NODES.md §6.8): clusters of the input fields
 * (`src/models/kmeans/`). No target: the inputs are the fields whose role is Input (or
 * `inputs`). The model is named "K-Means" unless `use_model_name`; the nugget is `applykmeans`
 * (`$KM-<model name>`, and with `gen_distance` on the nugget `$KMD-<model name>`).
 */
import { bool, int, num, oneOf, prop, str } from "../properties.js";
import type { ClusterData } from "../../models/cluster-data.js";
import { trainKMeans, type KMeansOptions } from "../../models/kmeans/train-kmeans.js";
import { kmeansMapping } from "./common/builder-mapping.js";
import { defineBuilder } from "./common/define-builder.js";

export const kmeansNode = defineBuilder({
  type: "kmeans",
  label: "K-Means",
  nuggetType: "applykmeans",
  modelerClasses: ["BuildKMeansNode"],
  modeler: kmeansMapping,
  target: { count: "none", measures: "any" },
  autoModelName: "K-Means",
  properties: [
    prop("num_clusters", int(), undefined, "k (default 5)."),
    prop("gen_distance", bool(), undefined, "Also declare the distance output $KMD- in the PMML (set gen_distance on the nugget to add the field)."),
    prop("cluster_label", oneOf("String", "Number"), undefined, "Cluster values cluster-1, … (default) or 1, …"),
    prop("label_prefix", str(), undefined, "Prefix of string cluster labels (default cluster-)."),
    prop("mode", oneOf("Simple", "Expert"), undefined, "Simple uses the Expert settings' defaults."),
    prop("stop_on", oneOf("Default", "Custom"), undefined, "Expert: Custom uses max_iterations and tolerance."),
    prop("max_iterations", int(), undefined, "Default 20."),
    prop("tolerance", num(), undefined, "Default 0.000001."),
    prop("encoding_value", num(), undefined, "Expert: scale of the indicator coding of categorical inputs (default √0.5)."),
    prop("optimize", oneOf("Speed", "Memory"), undefined, "Accepted (no effect on the model)."),
    prop("initialization", oneOf("FarthestFirst", "KMeansPlusPlus"), undefined, "Ours: initial centres (default FarthestFirst)."),
    prop("restarts", int(), undefined, "Ours: k-means++ restarts (default 1)."),
  ],
  options: ["num_clusters", "gen_distance", "cluster_label", "label_prefix", "mode", "stop_on", "max_iterations", "tolerance", "encoding_value", "optimize", "initialization", "restarts"],
  train: (data, options) => trainKMeans(data as ClusterData, options as KMeansOptions),
});
