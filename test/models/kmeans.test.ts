/**
 * K-Means: a two-cluster example worked by hand, Modeler's encoding of categorical fields and
 * blanks, repeatability, and the PMML scored by the project's evaluator.
 */
import { describe, expect, it } from "vitest";
import { makeClusterData } from "../../src/models/cluster-data.js";
import { categoricalColumn, continuousColumn } from "../../src/models/dataset.js";
import { trainKMeans } from "../../src/models/kmeans/train-kmeans.js";
import { loadPmml } from "../../src/pmml/index.js";

describe("two clusters by hand", () => {
  // x = 0 1 2 8 9 10 → min–max scaled 0 .1 .2 .8 .9 1. Farthest-first: the first record (0) is
  // the first centre, the farthest from it (1.0) the second. Assignment {0,.1,.2} / {.8,.9,1};
  // centres .1 and .9; the next assignment is the same, so the centres stop moving.
  // Within-cluster sum of squares: 2 × (.01 + 0 + .01) = .04.
  const data = makeClusterData({ inputs: [continuousColumn("x", [0, 1, 2, 8, 9, 10])] });
  const m = trainKMeans(data, { num_clusters: 2, gen_distance: true });

  it("centres, sizes, inertia, convergence", () => {
    expect(Array.from(m.centers)).toEqual([expect.closeTo(0.1, 12), expect.closeTo(0.9, 12)]);
    expect(Array.from(m.sizes)).toEqual([3, 3]);
    expect(m.inertia).toBeCloseTo(0.04, 12);
    expect(m.converged).toBe(true);
    expect(m.labels).toEqual(["cluster-1", "cluster-2"]);
  });

  it("scores and distances, in memory and from the PMML", () => {
    const s = m.score(data);
    expect(Array.from(s.cluster)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(s.distance[0]).toBeCloseTo(0.1, 12);
    const pmml = loadPmml(m.toPmml());
    const r = pmml.score({ x: 5.5 }); // scaled .55: distance .45 to centre 1, .35 to centre 2
    expect(r["$KM-K-Means"]).toBe("cluster-2");
    expect(r["$KMD-K-Means"]).toBeCloseTo(0.35, 12);
    // A blank is Modeler's neutral 0.5: distance .4 to both, the first wins.
    expect(pmml.score({ x: null })["$KM-K-Means"]).toBe("cluster-1");
    expect(pmml.score({ x: null })["$KMD-K-Means"]).toBeCloseTo(0.4, 12);
  });

  it("numbered labels", () => {
    expect(loadPmml(trainKMeans(data, { num_clusters: 2, cluster_label: "Number" }).toPmml()).score({ x: 0 })["$KM-K-Means"]).toBe("1");
  });
});

describe("categorical fields", () => {
  // Two records that differ only in a categorical field are e² + e² = 2 · 0.5 = 1 apart
  // (squared), i.e. as far as the two ends of a continuous field's range.
  const data = makeClusterData({
    inputs: [continuousColumn("x", [0, 0, 1, 1]), categoricalColumn("g", ["a", "b", "a", "b"])],
  });
  it("a category disagreement counts as the full range of a continuous field", () => {
    const m = trainKMeans(data, { num_clusters: 4, gen_distance: true });
    const pmml = loadPmml(m.toPmml());
    // Centres are the four records; a record (x = 0, g = a) is 1 from (0, b) and from (1, a).
    const scored = pmml.scoreColumns({ x: [0, 0.5, 0], g: ["a", "a", null] }, 3);
    expect(scored["$KMD-K-Means"]![0]).toBe(0);
    // x = .5, g = a: .25 from (0, a) and (1, a); the first of them wins.
    expect(scored["$KMD-K-Means"]![1]).toBeCloseTo(0.5, 12);
    // g blank: all indicators 0, so (x = 0) is .5 + 0 from (0, a) and from (0, b) (squared).
    expect(scored["$KMD-K-Means"]![2]).toBeCloseTo(Math.sqrt(0.5), 12);
    const mine = m.score({ rowCount: 3, inputs: [continuousColumn("x", [0, 0.5, 0]), categoricalColumn("g", ["a", "a", null], { categories: ["a", "b"] })] });
    expect(Array.from(mine.distance)).toEqual((scored["$KMD-K-Means"] as number[]).map((v) => v));
  });

  it("encoding value 1 doubles the categorical contribution", () => {
    const m = trainKMeans(data, { num_clusters: 4, gen_distance: true, mode: "Expert", encoding_value: 1 });
    const r = loadPmml(m.toPmml()).scoreColumns({ x: [0], g: [null] }, 1);
    expect(r["$KMD-K-Means"]![0]).toBeCloseTo(1, 12);
  });
});

describe("options", () => {
  const x = Array.from({ length: 200 }, (_, i) => Math.sin(i * 1.3) * 10 + (i % 3) * 20);
  const data = makeClusterData({ inputs: [continuousColumn("x", x), continuousColumn("y", x.map((v, i) => v * 0.5 + Math.cos(i)))], seed: 3 });
  it("k-means++ is repeatable for a seed and restarts keep the best run", () => {
    const a = trainKMeans(data, { num_clusters: 3, initialization: "KMeansPlusPlus" });
    const b = trainKMeans(data, { num_clusters: 3, initialization: "KMeansPlusPlus" });
    expect(a.toPmml()).toBe(b.toPmml());
    const best = trainKMeans(data, { num_clusters: 3, initialization: "KMeansPlusPlus", restarts: 5 });
    expect(best.inertia).toBeLessThanOrEqual(a.inertia + 1e-12);
  });
  it("stop_on Custom bounds the iterations", () => {
    const m = trainKMeans(data, { num_clusters: 6, mode: "Expert", stop_on: "Custom", max_iterations: 1 });
    expect(m.iterations).toBe(1);
  });
  it("errors name the option", () => {
    expect(() => trainKMeans(data, { num_clusters: 0 })).toThrow(/num_clusters/);
    expect(() => trainKMeans(makeClusterData({ inputs: [continuousColumn("x", [1, 1, 2])] }), { num_clusters: 3 })).toThrow(/distinct/);
    expect(() => trainKMeans(data, { mode: "Expert", encoding_value: 2 })).toThrow(/encoding_value/);
  });
});
