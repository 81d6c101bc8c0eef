/**
 * Ensembles → PMML MiningModel with a Segmentation: Random Trees (`majorityVote` /
 * `average`) and boosted C5.0 (`weightedMajorityVote`). Each segment holds a complete model
 * element (TreeModel or RuleSetModel, with its own MiningSchema); the Output fields sit on
 * the MiningModel only.
 */
import { miningSchema, outputFields, pmmlDocument, type OutputNaming } from "./fields.js";
import { el, serializeXml, type XmlNode } from "./xml.js";
import type { FieldInfo } from "../tree/tree-types.js";

export interface EnsembleOptions {
  readonly algorithmName: string;
  readonly modelName?: string;
  readonly method: "majorityVote" | "weightedMajorityVote" | "average";
  readonly output: OutputNaming;
}

export function ensemblePmml(inputs: readonly FieldInfo[], target: FieldInfo, segments: readonly XmlNode[], weights: readonly number[], options: EnsembleOptions): string {
  const model = el("MiningModel", {
    modelName: options.modelName,
    functionName: target.categories ? "classification" : "regression",
    algorithmName: options.algorithmName,
  }, [
    miningSchema(inputs, target),
    outputFields(target, options.output),
    el("Segmentation", { multipleModelMethod: options.method }, segments.map((m, i) => el("Segment", { id: String(i + 1), weight: weights[i]! }, [el("True"), m]))),
  ]);
  return serializeXml(pmmlDocument([...inputs, target], `${options.algorithmName} model trained by modeler-batch`, [model]));
}
