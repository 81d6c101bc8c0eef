/**
 * K-Means → PMML 4.4 ClusteringModel (center-based). The inputs are encoded by derived fields
 * (min–max `NormContinuous`, `NormDiscrete` indicators, both with `mapMissingTo` for Modeler's
 * neutral blank values; see `../kmeans/encoding.ts`); each `ClusteringField` compares one of
 * them with `absDiff` and its weight (e² for indicators), under `<euclidean/>`, so the
 * winning cluster is the one at the smallest squared distance and `entityAffinity` is the
 * distance itself (Modeler's `$KMD-` field).
 */
import type { Feature } from "../regression/features.js";
import type { FieldInfo } from "../tree/tree-types.js";
import { featureFieldNames, featureTransformations, inputMiningSchema } from "./derived-inputs.js";
import { pmmlDocument } from "./fields.js";
import { el, formatNumber, serializeXml, type XmlNode } from "./xml.js";

export interface ClusteringPmmlSpec {
  readonly inputs: readonly FieldInfo[];
  readonly features: readonly Feature[];
  readonly fieldWeights: Float64Array;
  /** Row-major clusters × features. */
  readonly centers: Float64Array;
  /** Cluster ids (the predicted values) in cluster order. */
  readonly labels: readonly string[];
  readonly sizes: Float64Array;
  readonly modelName: string;
  /** Names of the cluster and distance fields (`$KM-K-Means`, `$KMD-K-Means`). */
  readonly clusterField: string;
  readonly distanceField?: string;
}

export function clusteringPmml(spec: ClusteringPmmlSpec): string {
  const names = featureFieldNames(spec.features, spec.inputs);
  const p = spec.features.length;
  const outputs: XmlNode[] = [el("OutputField", { name: spec.clusterField, optype: "categorical", dataType: "string", feature: "predictedValue" })];
  if (spec.distanceField) outputs.push(el("OutputField", { name: spec.distanceField, optype: "continuous", dataType: "double", feature: "entityAffinity" }));
  const clusters = spec.labels.map((label, c) => {
    const values = Array.from({ length: p }, (_, j) => formatNumber(spec.centers[c * p + j]!));
    return el("Cluster", { id: label, name: label, size: Math.round(spec.sizes[c]!) }, [
      { name: "Array", attrs: [["n", String(p)], ["type", "real"]], children: [], text: values.join(" ") },
    ]);
  });
  const model = el("ClusteringModel", {
    modelName: spec.modelName, functionName: "clustering", algorithmName: "KMeans", modelClass: "centerBased", numberOfClusters: spec.labels.length,
  }, [
    inputMiningSchema(spec.inputs, []),
    el("Output", {}, outputs),
    featureTransformations(spec.features, spec.inputs, names),
    el("ComparisonMeasure", { kind: "distance", compareFunction: "absDiff" }, [el("euclidean")]),
    ...names.map((name, j) => el("ClusteringField", { field: name, compareFunction: "absDiff", fieldWeight: spec.fieldWeights[j]! })),
    ...clusters,
  ]);
  return serializeXml(pmmlDocument(spec.inputs, `K-Means model trained by modeler-batch`, [model]));
}
