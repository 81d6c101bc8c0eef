/**
 * The Linear node: forward stepwise by AICC, F statistics or adjusted R², effect limits, and
 * the options it refuses.
 */
import { describe, expect, it } from "vitest";
import { categoricalColumn, continuousColumn, makeTrainingData } from "../../src/models/dataset.js";
import { UnsupportedTrainingOptionError } from "../../src/models/errors.js";
import { criterionValue } from "../../src/models/linear/criterion-selection.js";
import { trainLinear } from "../../src/models/linear/train-linear.js";
import { regressionDesign } from "../../src/models/regression/design.js";
import { encodeRows } from "../../src/models/regression/features.js";
import { fitSubset, leastSquaresProblem } from "../../src/models/regression/least-squares.js";
import { loadPmml } from "../../src/pmml/index.js";

describe("AICC by hand", () => {
  // x = 1..5, y = 2 4 5 4 5 (see regression.test.ts): SSE 2.4 with x, 6 without.
  // AICC = n ln(SSE/n) + 2kn/(n − k − 1):
  //   with x (k = 2):   5 ln(0.48) + 20/2 = 6.330154…
  //   without (k = 1):  5 ln(1.2)  + 10/3 = 4.244941…
  const data = makeTrainingData({ inputs: [continuousColumn("x", [1, 2, 3, 4, 5])], target: continuousColumn("y", [2, 4, 5, 4, 5]) });
  const design = regressionDesign(data.inputs);
  const x = encodeRows(design.features, data.inputs, 5);
  const problem = leastSquaresProblem(design, x, Float64Array.from([2, 4, 5, 4, 5]), null, true, 1e-4);

  it("criterion values", () => {
    expect(criterionValue(problem, fitSubset(problem, [0]), "AICC")).toBeCloseTo(5 * Math.log(0.48) + 10, 12);
    expect(criterionValue(problem, fitSubset(problem, []), "AICC")).toBeCloseTo(5 * Math.log(1.2) + 10 / 3, 12);
  });

  it("so forward stepwise by AICC keeps the constant only; model_selection None keeps x", () => {
    expect(trainLinear(data).fieldsUsed).toEqual([]);
    expect(trainLinear(data, { model_selection: "None" }).fieldsUsed).toEqual(["x"]);
    // F statistics: p = 0.124 > 0.05, so x does not enter either.
    expect(trainLinear(data, { criteria_forward_stepwise: "Fstatistics" }).fieldsUsed).toEqual([]);
  });
});

describe("selection on a larger example", () => {
  const n = 80;
  const x1 = Array.from({ length: n }, (_, i) => (i * 7) % 13);
  const x2 = Array.from({ length: n }, (_, i) => ((i * 5) % 11) / 3);
  const x3 = Array.from({ length: n }, (_, i) => Math.cos(i * 3.1));
  const g = Array.from({ length: n }, (_, i) => ["a", "b", "c"][i % 3]!);
  const y = x1.map((v, i) => 1 + 2 * v - 1.5 * x3[i]! + (g[i] === "b" ? 3 : 0) + Math.sin(i * 12.9898) * 0.4);
  const data = makeTrainingData({
    inputs: [continuousColumn("x1", x1), continuousColumn("x2", x2), continuousColumn("x3", x3), categoricalColumn("g", g)],
    target: continuousColumn("y", y),
  });
  for (const criterion of ["AICC", "Fstatistics", "AdjustedRSquare"] as const) {
    it(`${criterion} finds x1, x3 and g`, () => {
      const m = trainLinear(data, { criteria_forward_stepwise: criterion });
      expect([...m.fieldsUsed].sort()).toContain("x1");
      expect([...m.fieldsUsed].sort()).toEqual(expect.arrayContaining(["g", "x1", "x3"]));
      expect(loadPmml(m.toPmml()).score({ x1: 2, x2: 1, x3: 0, g: "a" })["$L-y"]).toBeCloseTo(m.score({ rowCount: 1, inputs: [continuousColumn("x1", [2]), continuousColumn("x2", [1]), continuousColumn("x3", [0]), categoricalColumn("g", ["a"], { categories: ["a", "b", "c"] })] }).prediction[0]!, 10);
    });
  }
  it("max_effects stops entry", () => {
    const m = trainLinear(data, { use_max_effects: true, max_effects: 1 });
    expect(m.fieldsUsed).toEqual(["x1"]);
  });
  it("refuses what it does not implement, by name", () => {
    expect(() => trainLinear(data, { use_auto_data_preparation: true })).toThrow(UnsupportedTrainingOptionError);
    expect(() => trainLinear(data, { model_selection: "BestSubsets" })).toThrow(/BestSubsets/);
    expect(() => trainLinear(data, { criteria_forward_stepwise: "ASE" })).toThrow(/ASE/);
    expect(() => trainLinear(data, { objective: "Bagging" })).toThrow(/Bagging/);
  });
});

describe("include_intercept (a .str's linreg.Intercept)", () => {
  // Through the origin, least squares gives b = Σxy / Σx²: x = 1, 2, 3 and y = 2, 4, 7 → 31/14.
  const data = makeTrainingData({ inputs: [continuousColumn("x", [1, 2, 3])], target: continuousColumn("y", [2, 4, 7]) });

  it("false fits the line through the origin", () => {
    const pmml = loadPmml(trainLinear(data, { model_selection: "None", include_intercept: false }).toPmml());
    expect(pmml.score({ x: 1 })["$L-y"]).toBeCloseTo(31 / 14, 12);
    expect(pmml.score({ x: 0 })["$L-y"]).toBeCloseTo(0, 12);
  });

  it("true (the default) keeps the constant: y = −2/3 + 2.5x", () => {
    // x̄ = 2, ȳ = 13/3; b = Σ(x−x̄)(y−ȳ) / Σ(x−x̄)² = 5/2; a = 13/3 − 5 = −2/3.
    const pmml = loadPmml(trainLinear(data, { model_selection: "None" }).toPmml());
    expect(pmml.score({ x: 0 })["$L-y"]).toBeCloseTo(-2 / 3, 12);
    expect(pmml.score({ x: 1 })["$L-y"]).toBeCloseTo(-2 / 3 + 2.5, 12);
  });
});
