/**
 * Training data without a target, for the unsupervised trainers (K-Means): the input columns,
 * frequency weights and seed of `dataset.ts`'s `TrainingData`, which it reuses. Any
 * `TrainingData` is also a `ClusterData` (its target is simply not read).
 */
import { columnLength, frequencyWeights, type DataColumn } from "./dataset.js";
import { TrainingError } from "./errors.js";

export interface ClusterData {
  readonly rowCount: number;
  readonly inputs: readonly DataColumn[];
  /** Optional frequency weights (≥ 0), one per row. */
  readonly frequency?: Float64Array;
  readonly seed: number;
}

export interface ClusterDataSpec {
  inputs: readonly DataColumn[];
  frequency?: ArrayLike<number | null>;
  seed?: number;
}

/** Checks lengths, names and weights (as `makeTrainingData` does) and freezes the result. */
export function makeClusterData(spec: ClusterDataSpec): ClusterData {
  if (spec.inputs.length === 0) throw new TrainingError("at least one input field is needed to train a model");
  const n = columnLength(spec.inputs[0]!);
  const names = new Set<string>();
  for (const c of spec.inputs) {
    if (columnLength(c) !== n) throw new TrainingError(`input "${c.name}" has ${columnLength(c)} rows but "${spec.inputs[0]!.name}" has ${n}`, { field: c.name });
    if (names.has(c.name)) throw new TrainingError(`field "${c.name}" is listed twice`, { field: c.name });
    names.add(c.name);
  }
  const frequency = spec.frequency && frequencyWeights(spec.frequency, n);
  return { rowCount: n, inputs: [...spec.inputs], frequency, seed: (spec.seed ?? 0) >>> 0 };
}
