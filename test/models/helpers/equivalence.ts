/**
 * Checks that a trained model's PMML, scored by the project's evaluator, gives what the
 * in-memory model gives: same predicted value, and confidences / probabilities within 1e-9.
 */
import { loadPmml } from "../../../src/pmml/index.js";
import type { Value } from "../../../src/data/values.js";
import { categoricalColumn, continuousColumn, type DataColumn, type TrainingData } from "../../../src/models/dataset.js";
import { categoryText } from "../../../src/models/pmml-writer/fields.js";
import type { TrainedModel } from "../../../src/models/trained-model.js";

/** Columns of raw values (as a data source would give them) from coded training columns. */
export function rawColumns(data: Pick<TrainingData, "inputs" | "rowCount">): Record<string, Value[]> {
  const out: Record<string, Value[]> = {};
  for (const c of data.inputs) {
    out[c.name] = c.measure === "continuous"
      ? Array.from(c.values, (v) => (Number.isNaN(v) ? null : v))
      : Array.from(c.codes, (k) => (k < 0 ? null : c.categories[k]!));
  }
  return out;
}

/** A copy of the data with a share of input values set missing (seeded, repeatable). */
export function withMissing(data: TrainingData, share: number, seed = 7): TrainingData {
  let s = seed >>> 0;
  const rnd = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  const inputs: DataColumn[] = data.inputs.map((c) => {
    if (c.measure === "continuous") return continuousColumn(c.name, Array.from(c.values, (v) => (rnd() < share ? null : v)), c.storage);
    return categoricalColumn(c.name, Array.from(c.codes, (k) => (rnd() < share || k < 0 ? null : c.categories[k]!)), { measure: c.measure, categories: c.categories, storage: c.storage });
  });
  return { ...data, inputs };
}

export interface Mismatch {
  row: number;
  field: string;
  expected: Value;
  actual: Value;
}

export function compareWithEvaluator(model: TrainedModel, data: Pick<TrainingData, "inputs" | "rowCount">, prefix: string): { mismatches: Mismatch[]; rows: number } {
  const pmml = loadPmml(model.toPmml());
  const result = pmml.scoreColumns(rawColumns(data), data.rowCount);
  const mine = model.score(data);
  const t = model.target;
  const mismatches: Mismatch[] = [];
  const predField = `$${prefix}-${t.name}`;
  const confField = `$${prefix}C-${t.name}`;
  for (let r = 0; r < data.rowCount; r++) {
    const expected: Value = t.categories ? categoryText(t.categories[mine.prediction[r]!]!) : mine.prediction[r]!;
    const actual = result[predField]![r]!;
    const same = typeof expected === "number" && typeof actual === "number" ? Math.abs(expected - actual) <= 1e-9 * Math.max(1, Math.abs(expected)) : String(expected) === String(actual);
    if (!same) mismatches.push({ row: r, field: predField, expected, actual });
    if (t.categories && result[confField]) {
      const c = result[confField]![r] as number;
      if (!(Math.abs(c - mine.confidence[r]!) <= 1e-9)) mismatches.push({ row: r, field: confField, expected: mine.confidence[r]!, actual: c });
    }
    if (t.categories && mine.probabilities) {
      t.categories.forEach((cat, k) => {
        const col = result[`$${prefix}P-${categoryText(cat)}`];
        if (!col) return;
        const p = col[r] as number;
        if (!(Math.abs(p - mine.probabilities![k]![r]!) <= 1e-9)) mismatches.push({ row: r, field: `$${prefix}P-${categoryText(cat)}`, expected: mine.probabilities![k]![r]!, actual: p });
      });
    }
  }
  return { mismatches, rows: data.rowCount };
}
