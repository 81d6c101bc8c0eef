/**
 * K-Means (Modeler's K-Means node, `kmeansnode`; NODES.md §6.8): Lloyd's algorithm
 * (`lloyd.ts`) on Modeler's encoding of the inputs (`encoding.ts`), from farthest-first or
 * k-means++ initial centres (`initial-centers.ts`).
 *
 * Options use the node's scripting names and defaults: `num_clusters` 5, `stop_on` Default
 * (20 iterations, tolerance 1e−6; `Custom` takes `max_iterations` and `tolerance`),
 * `encoding_value` √0.5, `cluster_label` String with `label_prefix` "cluster-" (or Number),
 * `gen_distance`. `optimize` (Speed / Memory) is accepted: it trades memory for speed in
 * Modeler and does not change the model. Ours: `initialization` and, for k-means++,
 * `restarts` (the run with the smallest within-cluster sum of squares is kept).
 *
 * The nugget adds `$KM-<model>` (the cluster) and with `gen_distance` `$KMD-<model>` (the
 * Euclidean distance to its centre); the model is named "K-Means" unless `model_name` says.
 */
import type { ClusterData } from "../cluster-data.js";
import { childSeed, seededRandom } from "../../data/random.js";
import type { DataColumn, TrainingData } from "../dataset.js";
import { TrainingError } from "../errors.js";
import { clusteringPmml } from "../pmml-writer/clustering-model.js";
import { plainField } from "../pmml-writer/derived-inputs.js";
import { checkpoint, type TrainingControl } from "../progress.js";
import { encodeRows } from "../regression/features.js";
import type { FieldInfo } from "../tree/tree-types.js";
import { oneOf, positiveInteger } from "../tree/stopping.js";
import { nearestCenter } from "./distance.js";
import { kmeansEncoding } from "./encoding.js";
import { initialCenters, type Initialization } from "./initial-centers.js";
import { lloyd, type LloydResult } from "./lloyd.js";

export interface KMeansOptions extends TrainingControl {
  num_clusters?: number;
  gen_distance?: boolean;
  cluster_label?: "String" | "Number";
  label_prefix?: string;
  mode?: "Simple" | "Expert";
  stop_on?: "Default" | "Custom";
  max_iterations?: number;
  tolerance?: number;
  encoding_value?: number;
  optimize?: "Speed" | "Memory";
  model_name?: string;
  /** Ours: how the first centres are chosen (default FarthestFirst). */
  initialization?: Initialization;
  /** Ours: k-means++ runs from different random starts (default 1). */
  restarts?: number;
}

export interface ClusterScores {
  /** Cluster index per row (into `labels`). */
  readonly cluster: Int32Array;
  /** Euclidean distance (in the encoded, weighted space) to the cluster's centre. */
  readonly distance: Float64Array;
}

export interface KMeansModel {
  readonly algorithm: "KMeans";
  readonly inputs: readonly FieldInfo[];
  /** Cluster labels (`cluster-1`, … or `1`, …), the values of `$KM-`. */
  readonly labels: readonly string[];
  /** Centres in the encoded space, row-major clusters × encoded features (proportions for indicators). */
  readonly centers: Float64Array;
  /** Training weight per cluster. */
  readonly sizes: Float64Array;
  /** Within-cluster sum of squared (weighted, encoded) distances. */
  readonly inertia: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly warnings: readonly string[];
  score(data: { readonly rowCount: number; readonly inputs: readonly DataColumn[] }): ClusterScores;
  toPmml(): string;
}

const NAME = "K-Means";

export function trainKMeans(data: ClusterData | TrainingData, o: KMeansOptions = {}): KMeansModel {
  const k = o.num_clusters ?? 5;
  positiveInteger(NAME, "num_clusters", k, 1);
  const expert = oneOf(NAME, "mode", o.mode, ["Simple", "Expert"], "Simple") === "Expert";
  const custom = expert && oneOf(NAME, "stop_on", o.stop_on, ["Default", "Custom"], "Default") === "Custom";
  const maxIterations = custom ? o.max_iterations ?? 20 : 20;
  const tolerance = custom ? o.tolerance ?? 1e-6 : 1e-6;
  positiveInteger(NAME, "max_iterations", maxIterations, 1);
  if (!(tolerance >= 0)) throw new TrainingError(`${NAME}: tolerance must be ≥ 0, not ${tolerance}`, { option: "tolerance" });
  const e = expert ? o.encoding_value ?? Math.SQRT1_2 : Math.SQRT1_2;
  if (!(e > 0 && e <= 1)) throw new TrainingError(`${NAME}: encoding_value must be in (0, 1], not ${e}`, { option: "encoding_value" });
  oneOf(NAME, "optimize", o.optimize, ["Speed", "Memory"], "Speed");
  const labelling = oneOf(NAME, "cluster_label", o.cluster_label, ["String", "Number"], "String");
  const prefix = o.label_prefix ?? "cluster-";
  const init = oneOf(NAME, "initialization", o.initialization, ["FarthestFirst", "KMeansPlusPlus"], "FarthestFirst");
  const restarts = o.restarts ?? 1;
  positiveInteger(NAME, "restarts", restarts, 1);
  if (restarts > 1 && init !== "KMeansPlusPlus") throw new TrainingError(`${NAME}: restarts need initialization KMeansPlusPlus (farthest-first always starts the same way)`, { option: "restarts" });

  checkpoint(o, { stage: "reading data", done: 0, total: 1 });
  const enc = kmeansEncoding(data, e);
  const p = enc.features.length;
  if (p === 0) throw new TrainingError(`${NAME}: no usable input fields`);
  const n = data.rowCount;
  const x = encodeRows(enc.features, data.inputs, n);
  const w = data.frequency ?? null;
  let positive = 0;
  for (let r = 0; r < n; r++) if (!w || w[r]! > 0) positive++;
  if (positive < k) throw new TrainingError(`${NAME}: ${positive} training records cannot form ${k} clusters (num_clusters)`, { option: "num_clusters" });
  const random = seededRandom(childSeed(data.seed, "k-means initial centres"));
  let best: LloydResult | null = null;
  for (let run = 0; run < restarts; run++) {
    const start = initialCenters(x, n, p, w, enc.weights, k, init, random);
    const result = lloyd(x, n, p, w, enc.weights, start, k, maxIterations, tolerance, o);
    if (!best || result.inertia < best.inertia) best = result;
  }
  const fit = best!;
  const inputs = data.inputs.map(plainField);
  const labels = Array.from({ length: k }, (_, c) => (labelling === "String" ? `${prefix}${c + 1}` : String(c + 1)));
  const modelName = o.model_name ?? NAME;
  const warnings = [...enc.warnings];
  if (!fit.converged) warnings.push(`the centres still moved after ${fit.iterations} iterations (max_iterations); the clustering may not be final`);
  checkpoint(o, { stage: "done", done: 1, total: 1 });
  return {
    algorithm: "KMeans", inputs, labels, centers: fit.centers, sizes: fit.sizes, inertia: fit.inertia,
    iterations: fit.iterations, converged: fit.converged, warnings,
    score: (d) => {
      const xs = encodeRows(enc.features, d.inputs, d.rowCount);
      const cluster = new Int32Array(d.rowCount);
      const distance = new Float64Array(d.rowCount);
      for (let r = 0; r < d.rowCount; r++) cluster[r] = nearestCenter(xs, r, fit.centers, k, enc.weights, p, distance);
      for (let r = 0; r < d.rowCount; r++) distance[r] = Math.sqrt(distance[r]!);
      return { cluster, distance };
    },
    toPmml: () => clusteringPmml({
      inputs, features: enc.features, fieldWeights: enc.weights, centers: fit.centers, labels, sizes: fit.sizes, modelName,
      clusterField: `$KM-${modelName}`, distanceField: o.gen_distance ? `$KMD-${modelName}` : undefined,
    }),
  };
}
