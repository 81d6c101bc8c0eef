/**
 * KNN worked by hand: adjusted normalisation, nearest-first ranking with ties in training
 * order, the vote and its PMML tie-break, mean and median, and automatic k.
 */
import { describe, expect, it } from "vitest";
import { categoricalColumn, continuousColumn, makeTrainingData } from "../../src/models/dataset.js";
import { UnsupportedTrainingOptionError } from "../../src/models/errors.js";
import { trainKnn } from "../../src/models/knn/train-knn.js";
import { loadPmml } from "../../src/pmml/index.js";

// x = 0 1 2 10 → adjusted normalisation 2x/10 − 1 = −1 −.8 −.6 1; y = a a b b.
const data = makeTrainingData({ inputs: [continuousColumn("x", [0, 1, 2, 10])], target: categoricalColumn("y", ["a", "a", "b", "b"]) });
const query = (values: number[]) => ({ rowCount: values.length, inputs: [continuousColumn("x", values)] });

describe("by hand", () => {
  it("k = 3: x = 1.5 (−.7) is .1 from rows 2 and 3, .3 from row 1 → a, a, b → a", () => {
    const m = trainKnn(data, { automatic_k_selection: false, fixed_k: 3 });
    const s = m.score(query([1.5, 6]));
    expect(s.prediction[0]).toBe(0);
    expect(s.confidence[0]).toBeCloseTo(2 / 3, 12);
    // x = 6 (.2): rows 3 and 4 at .8, row 2 at 1.0 → b, b, a → b
    expect(s.prediction[1]).toBe(1);
    const pmml = loadPmml(m.toPmml());
    expect(pmml.score({ x: 1.5 })["$KNN-y"]).toBe("a");
    expect(pmml.score({ x: 6 })["$KNN-y"]).toBe("b");
  });

  it("k = 2 tie 1:1 goes to the class with more instances, then the smaller value", () => {
    const m = trainKnn(data, { automatic_k_selection: false, fixed_k: 2 });
    // x = 1.5: rows 2 (a) and 3 (b) at .1 — two instances each — so "a".
    expect(m.score(query([1.5])).prediction[0]).toBe(0);
    expect(loadPmml(m.toPmml()).score({ x: 1.5 })["$KNN-y"]).toBe("a");
  });

  it("distances saved in the PMML; city block without normalisation", () => {
    const m = trainKnn(data, { automatic_k_selection: false, fixed_k: 2, save_distances: true, normalize_ranges: false, distance_computation: "CityBlock" });
    const r = loadPmml(m.toPmml()).score({ x: 1.5 });
    expect(r["$KNN-distance-1"]).toBeCloseTo(0.5, 12);
    expect(r["$KNN-distance-2"]).toBeCloseTo(0.5, 12);
  });

  it("continuous target: mean and median of the neighbours", () => {
    const d = makeTrainingData({ inputs: [continuousColumn("x", [0, 1, 2, 10])], target: continuousColumn("y", [1, 2, 6, 100]) });
    const mean = trainKnn(d, { automatic_k_selection: false, fixed_k: 3 });
    expect(mean.score(query([1.5])).prediction[0]).toBeCloseTo(3, 12);
    const median = trainKnn(d, { automatic_k_selection: false, fixed_k: 3, range_predictions: "Median" });
    expect(median.score(query([1.5])).prediction[0]).toBe(2);
    expect(loadPmml(median.toPmml()).score({ x: 1.5 })["$KNN-y"]).toBe(2);
  });

  it("categorical inputs are one-of-c; a blank input scales the distance up", () => {
    const d = makeTrainingData({
      inputs: [continuousColumn("x", [0, 0, 10, 10]), categoricalColumn("g", ["u", "v", "u", "v"])],
      target: categoricalColumn("y", ["a", "b", "c", "d"]),
    });
    const m = trainKnn(d, { automatic_k_selection: false, fixed_k: 1, save_distances: true });
    const pmml = loadPmml(m.toPmml());
    // (x = 0, g = v): record 2 exactly.
    expect(pmml.score({ x: 0, g: "v" })["$KNN-y"]).toBe("b");
    // (x = 10, g blank): only x counts, scaled by 3 features / 1 present: √(0 · 3) = 0 for rows 3 and 4 → row 3.
    const r = pmml.score({ x: 10, g: null });
    expect(r["$KNN-y"]).toBe("c");
    expect(r["$KNN-distance-1"]).toBe(0);
    // (x = 5 → 0, g = u): distance 1 from rows 1 and 3, √3 from rows 2 and 4; the first in training order wins.
    expect(pmml.score({ x: 5, g: "u" })["$KNN-y"]).toBe("a");
  });
});

describe("automatic k", () => {
  // Two noisy classes along x: cross-validation prefers a k that smooths the noise.
  const n = 120;
  const x = Array.from({ length: n }, (_, i) => i / n);
  const y = x.map((v, i) => ((v < 0.5) !== (i % 7 === 0) ? "lo" : "hi"));
  const d = makeTrainingData({ inputs: [continuousColumn("x", x)], target: categoricalColumn("y", y), seed: 4 });
  it("chooses the k with the smallest cross-validated error, repeatably", () => {
    const m = trainKnn(d, { minimum_k: 1, maximum_k: 9 });
    expect(m.kErrors).toHaveLength(9);
    const min = Math.min(...m.kErrors!);
    expect(m.kErrors![m.k - 1]).toBe(min);
    expect(m.kErrors!.indexOf(min) + 1).toBe(m.k);
    expect(m.k).toBeGreaterThan(1);
    expect(trainKnn(d, { minimum_k: 1, maximum_k: 9 }).toPmml()).toBe(m.toPmml());
  });
});

describe("options", () => {
  it("refuses what it does not implement, by name", () => {
    expect(() => trainKnn(data, { weight_by_importance: true })).toThrow(UnsupportedTrainingOptionError);
    expect(() => trainKnn(data, { objective: "Balance" })).toThrow(/objective=Balance/);
    expect(() => trainKnn(data, { perform_feature_selection: true })).toThrow(/perform_feature_selection/);
    expect(() => trainKnn(data, { analysis: "IdentifyNeighbors" })).toThrow(/IdentifyNeighbors/);
    expect(() => trainKnn(data, { automatic_k_selection: false, fixed_k: 9 })).toThrow(/fewer than k/);
  });
});
