/**
 * Checks that a trained model's PMML, scored by the project's evaluator (`src/pmml`), gives
 * what the in-memory model gives: the same prediction (class exactly, numbers within 1e-9
 * relative) and the same confidence and class probabilities within 1e-9.
 */
import { loadPmml } from "../../../src/pmml/index.js";
import type { Value } from "../../../src/data/values.js";
import { categoricalColumn, continuousColumn, type DataColumn, type TrainingData } from "../../../src/models/dataset.js";
import { categoryText } from "../../../src/models/pmml-writer/fields.js";
import type { TrainedModel } from "../../../src/models/trained-model.js";

/** Columns of raw values (as a data source gives them) from coded columns. */
export function rawColumns(inputs: readonly DataColumn[]): Record<string, Value[]> {
  const out: Record<string, Value[]> = {};
  for (const c of inputs) {
    out[c.name] = c.measure === "continuous"
      ? Array.from(c.values, (v) => (Number.isNaN(v) ? null : v))
      : Array.from(c.codes, (k) => (k < 0 ? null : c.categories[k]!));
  }
  return out;
}

/** A copy with a share of input values blanked (seeded, repeatable). */
export function blanked<T extends Pick<TrainingData, "inputs">>(data: T, share: number, seed = 7): T {
  let s = seed >>> 0;
  const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0), s / 4294967296);
  const inputs: DataColumn[] = data.inputs.map((c) => c.measure === "continuous"
    ? continuousColumn(c.name, Array.from(c.values, (v) => (rnd() < share ? null : v)), c.storage)
    : categoricalColumn(c.name, Array.from(c.codes, (k) => (rnd() < share || k < 0 ? null : c.categories[k]!)), { measure: c.measure, categories: c.categories, storage: c.storage }));
  return { ...data, inputs };
}

export interface Fields {
  readonly prediction: string;
  /** Field with the probability of the prediction (categorical targets). */
  readonly confidence?: string;
  /** Prefix of per-category probability fields (`$LP-`, `$NP-`). */
  readonly probabilityPrefix?: string;
}

export interface Mismatch {
  readonly row: number;
  readonly field: string;
  readonly expected: Value;
  readonly actual: Value;
}

const close = (a: number, b: number, tol: number) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(a));

export function evaluatorMismatches(model: TrainedModel, data: Pick<TrainingData, "inputs" | "rowCount">, fields: Fields): { mismatches: Mismatch[]; predicted: number } {
  const result = loadPmml(model.toPmml()).scoreColumns(rawColumns(data.inputs), data.rowCount);
  const mine = model.score(data);
  const t = model.target;
  const mismatches: Mismatch[] = [];
  let predicted = 0;
  for (let r = 0; r < data.rowCount; r++) {
    const p = mine.prediction[r]!;
    const expected: Value = Number.isNaN(p) ? null : t.categories ? categoryText(t.categories[p]!) : p;
    const actual = result[fields.prediction]![r]!;
    if (expected !== null) predicted++;
    const same = expected === null || actual === null ? expected === actual
      : typeof expected === "number" && typeof actual === "number" ? close(expected, actual, 1e-9) : String(expected) === String(actual);
    if (!same) mismatches.push({ row: r, field: fields.prediction, expected, actual });
    if (expected === null) continue;
    if (fields.confidence) {
      const c = result[fields.confidence]![r] as number;
      if (!close(mine.confidence[r]!, c, 1e-9)) mismatches.push({ row: r, field: fields.confidence, expected: mine.confidence[r]!, actual: c });
    }
    if (fields.probabilityPrefix && mine.probabilities && t.categories) {
      t.categories.forEach((cat, k) => {
        const col = result[`${fields.probabilityPrefix}${categoryText(cat)}`];
        if (!col) return;
        const v = col[r] as number;
        if (!close(mine.probabilities![k]![r]!, v, 1e-9)) mismatches.push({ row: r, field: `${fields.probabilityPrefix}${categoryText(cat)}`, expected: mine.probabilities![k]![r]!, actual: v });
      });
    }
  }
  return { mismatches, predicted };
}
