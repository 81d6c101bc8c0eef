/** The training-data abstraction: coding, validation, weights, subsets, batches. */
import { describe, expect, it } from "vitest";
import { makeField } from "../../src/data/field.js";
import { Schema } from "../../src/data/schema.js";
import { batchFromRows } from "../../src/data/batch.js";
import {
  baseWeights, categoricalColumn, continuousColumn, isMissingAt, makeTrainingData, randomFor, subsetRows, trainingDataFromBatch,
} from "../../src/models/dataset.js";
import { TrainingError } from "../../src/models/errors.js";

describe("training data", () => {
  it("codes categories in sorted order (or the declared order) with −1 for missing", () => {
    const c = categoricalColumn("BP", ["LOW", null, "HIGH", "LOW"]);
    expect(c.categories).toEqual(["HIGH", "LOW"]);
    expect(Array.from(c.codes)).toEqual([1, -1, 0, 1]);
    const o = categoricalColumn("size", ["M", "S", "L"], { measure: "ordinal", categories: ["S", "M", "L"] });
    expect(Array.from(o.codes)).toEqual([1, 0, 2]);
    expect(() => categoricalColumn("size", ["XL"], { categories: ["S"] })).toThrow(/not one of its declared categories/);
  });

  it("keeps numbers as doubles with NaN for missing", () => {
    const c = continuousColumn("Age", [23, null, "x", 40n]);
    expect(Array.from(c.values)).toEqual([23, NaN, NaN, 40]);
    expect(isMissingAt(c, 1)).toBe(true);
  });

  it("checks lengths, duplicate names and weights", () => {
    const t = categoricalColumn("y", ["a", "b"]);
    expect(() => makeTrainingData({ inputs: [continuousColumn("x", [1])], target: t })).toThrow(TrainingError);
    expect(() => makeTrainingData({ inputs: [continuousColumn("y", [1, 2])], target: t })).toThrow(/listed twice/);
    expect(() => makeTrainingData({ inputs: [continuousColumn("x", [1, 2])], target: t, frequency: [1, -1] })).toThrow(/≥ 0/);
  });

  it("gives rows without a target weight 0 and frequencies their weight", () => {
    const d = makeTrainingData({ inputs: [continuousColumn("x", [1, 2, 3])], target: categoricalColumn("y", ["a", null, "b"]), frequency: [2, 5, null] });
    expect(Array.from(baseWeights(d))).toEqual([2, 0, 0]);
  });

  it("takes row subsets with the same coding, and repeatable random streams", () => {
    const d = makeTrainingData({ inputs: [categoricalColumn("c", ["a", "b", "c"])], target: continuousColumn("y", [1, 2, 3]), seed: 9 });
    const s = subsetRows(d, [2, 0]);
    expect(s.rowCount).toBe(2);
    expect((s.inputs[0] as { codes: Int32Array }).codes).toEqual(Int32Array.from([2, 0]));
    expect((s.inputs[0] as { categories: readonly unknown[] }).categories).toEqual(["a", "b", "c"]);
    const a = randomFor(d, "x");
    const b = randomFor(d, "x");
    expect([a(), a()]).toEqual([b(), b()]);
    expect(randomFor(d, "y")()).not.toBe(randomFor(d, "x")());
  });

  it("builds from a record batch using the fields' measures", () => {
    const schema = new Schema([
      makeField("Age", "integer", { measure: "continuous" }),
      makeField("BP", "string", { measure: "nominal", values: ["HIGH", "LOW", "NORMAL"] }),
      makeField("Drug", "string", { measure: "categorical" }),
      makeField("n", "integer", { measure: "continuous", role: "frequency" }),
    ]);
    const batch = batchFromRows(schema, [[20, "LOW", "drugA", 2], [30, "HIGH", "drugB", 1]]);
    const d = trainingDataFromBatch(batch, { target: "Drug", inputs: ["Age", "BP"], frequency: "n", seed: 3 });
    expect(d.inputs.map((c) => c.measure)).toEqual(["continuous", "nominal"]);
    expect((d.inputs[1] as { categories: readonly unknown[] }).categories).toEqual(["HIGH", "LOW", "NORMAL"]);
    expect(d.target.measure).toBe("flag");
    expect(Array.from(d.frequency!)).toEqual([2, 1]);
    expect(() => trainingDataFromBatch(batch, { target: "Nope", inputs: ["Age"] })).toThrow(/unknown field "Nope"/);
  });
});
