/**
 * What every trainer returns: the model's fields, an in-memory scorer over coded columns
 * and its PMML document. The in-memory scorer and the PMML must agree (tested).
 */
import type { DataColumn, TrainingData } from "./dataset.js";
import type { ModelScores } from "./tree/route.js";
import type { FieldInfo } from "./tree/tree-types.js";

export type { ModelScores } from "./tree/route.js";

/** Rows to score: columns coded like the training data (same categories), inputs in model order. */
export interface ScoringColumns {
  readonly rowCount: number;
  readonly inputs: readonly DataColumn[];
}

export interface TrainedModel {
  /** PMML algorithmName, e.g. `C&RT`, `CHAID`, `QUEST`, `C5`, `RandomTrees`. */
  readonly algorithm: string;
  readonly inputs: readonly FieldInfo[];
  readonly target: FieldInfo;
  score(data: ScoringColumns | TrainingData): ModelScores;
  /** The PMML 4.4 document (same model and seed → the same text). */
  toPmml(): string;
}

/** The class label (or value) of a prediction code. */
export function predictionLabel(target: FieldInfo, prediction: number): string | number | null {
  if (Number.isNaN(prediction)) return null;
  return target.categories ? target.categories[prediction] ?? null : prediction;
}
