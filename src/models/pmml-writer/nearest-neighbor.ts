/**
 * KNN → PMML 4.4 NearestNeighborModel. The training instances are written with their raw input
 * values (InlineTable columns `c1`, `c2`, … so that any field name is allowed), and the KNN
 * inputs are the derived features (adjusted-normalised `NormContinuous`, `NormDiscrete`
 * indicators), which the evaluator computes for the instances and the scored record alike.
 */
import type { Category } from "../dataset.js";
import type { Feature } from "../regression/features.js";
import type { FieldInfo } from "../tree/tree-types.js";
import { featureFieldNames, featureTransformations, inputMiningSchema } from "./derived-inputs.js";
import { categoryText, pmmlDocument } from "./fields.js";
import { el, formatNumber, serializeXml, type XmlNode } from "./xml.js";

export interface NearestNeighborPmmlSpec {
  readonly inputs: readonly FieldInfo[];
  readonly target: FieldInfo;
  readonly features: readonly Feature[];
  readonly fieldWeights: Float64Array;
  readonly metric: "Euclidean" | "CityBlock";
  readonly k: number;
  readonly continuousMethod: "average" | "median";
  /** Raw values of the instances: per input, one value per instance (NaN / −1 never occur). */
  readonly instanceInputs: readonly (Float64Array | Int32Array)[];
  readonly instanceTarget: Float64Array | Int32Array;
  readonly output: XmlNode;
  readonly modelName?: string;
}

function cellText(field: FieldInfo, v: number): string {
  return field.categories ? categoryText(field.categories[v]! as Category) : formatNumber(v);
}

export function nearestNeighborPmml(spec: NearestNeighborPmmlSpec): string {
  const names = featureFieldNames(spec.features, spec.inputs);
  const fields = [...spec.inputs, spec.target];
  const columns = [...spec.instanceInputs, spec.instanceTarget];
  const rows: XmlNode[] = [];
  const n = spec.instanceTarget.length;
  for (let r = 0; r < n; r++) {
    rows.push(el("row", {}, fields.map((f, i) => ({ name: `c${i + 1}`, attrs: [], children: [], text: cellText(f, columns[i]![r]!) }))));
  }
  const model = el("NearestNeighborModel", {
    modelName: spec.modelName,
    functionName: spec.target.categories ? "classification" : "regression",
    algorithmName: "KNN",
    numberOfNeighbors: spec.k,
    continuousScoringMethod: spec.continuousMethod,
    categoricalScoringMethod: "majorityVote",
  }, [
    inputMiningSchema(spec.inputs, [spec.target]),
    spec.output,
    featureTransformations(spec.features, spec.inputs, names),
    el("TrainingInstances", { recordCount: n, fieldCount: fields.length, isTransformed: false }, [
      el("InstanceFields", {}, fields.map((f, i) => el("InstanceField", { field: f.name, column: `c${i + 1}` }))),
      el("InlineTable", {}, rows),
    ]),
    el("ComparisonMeasure", { kind: "distance", compareFunction: "absDiff" }, [el(spec.metric === "Euclidean" ? "euclidean" : "cityBlock")]),
    el("KNNInputs", {}, names.map((name, j) => el("KNNInput", { field: name, compareFunction: "absDiff", fieldWeight: spec.fieldWeights[j]! }))),
  ]);
  return serializeXml(pmmlDocument(fields, "KNN model trained by modeler-batch", [model]));
}
