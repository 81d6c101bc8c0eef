/**
 * The k-d tree behind KNN scoring returns what the scan returns — the same neighbours in the
 * same order, ties in training order, and bit-identical distances — on data built to tie
 * (coarse grid values, 0/1 indicators, duplicated rows); scikit-learn's brute-force
 * NearestNeighbors agrees on data without ties; and a trained KNN model scores as the PMML
 * evaluator does when the evaluator scans every instance.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { seededRandom, type RandomSource } from "../../src/data/random.js";
import { categoricalColumn, continuousColumn, makeTrainingData } from "../../src/models/dataset.js";
import { kNearest, kNearestByScan, neighbourSearch, type Metric } from "../../src/models/knn/neighbours.js";
import { trainKnn } from "../../src/models/knn/train-knn.js";
import { KdTree, type CoordinateMetric } from "../../src/pmml/models/nearest-neighbor/kd-tree.js";
import { loadPmml } from "../../src/pmml/index.js";

/** n rows of p coordinates: two on a 5-point grid, the rest 0/1 indicators; ~20% copies of earlier rows. */
function tieRich(random: RandomSource, n: number, p: number): Float64Array {
  const x = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    if (i > 0 && random() < 0.2) {
      const from = Math.floor(random() * i);
      x.copyWithin(i * p, from * p, from * p + p);
      continue;
    }
    for (let j = 0; j < p; j++) x[i * p + j] = j < 2 ? Math.floor(random() * 5) / 2 - 1 : random() < 0.5 ? 0 : 1;
  }
  return x;
}

describe("k-d tree against the scan", () => {
  const random = seededRandom(20240611);
  const n = 1500;
  const p = 6;
  const train = tieRich(random, n, p);
  // Half the queries are training rows (distance 0 to themselves and their copies), half new grid points.
  const queries = new Float64Array(200 * p);
  queries.set(train.subarray(0, 100 * p));
  queries.set(tieRich(random, 100, p), 100 * p);

  for (const metric of ["Euclidean", "CityBlock"] as Metric[]) {
    it(`${metric}: same neighbours, order and distances for k = 1, 4, 10, 33`, () => {
      const search = neighbourSearch(train, n, p, new Float64Array(p).fill(1), metric);
      expect(search.tree()).toBeDefined();
      let tiesAtTheBoundary = 0;
      for (const k of [1, 4, 10, 33]) {
        const a = new Int32Array(k);
        const da = new Float64Array(k);
        const b = new Int32Array(k + 1);
        const db = new Float64Array(k + 1);
        for (let q = 0; q < 200; q++) {
          expect(kNearest(search, queries, q, k, a, da)).toBe(k);
          expect(kNearestByScan(search, queries, q, k + 1, b, db)).toBe(k + 1);
          expect(a).toEqual(b.subarray(0, k));
          expect(da).toEqual(db.subarray(0, k));
          if (db[k - 1] === db[k]) tiesAtTheBoundary++;
        }
      }
      // The data do tie where it matters: the k-th and (k+1)-th at one distance, so the
      // training order alone decides who is in.
      expect(tiesAtTheBoundary).toBeGreaterThan(200);
    });
  }

  it("skips excluded rows (cross-validation folds) as the scan does", () => {
    const search = neighbourSearch(train, n, p, new Float64Array(p).fill(1), "Euclidean");
    const fold = Int32Array.from({ length: n }, () => Math.floor(random() * 10));
    const a = new Int32Array(5);
    const da = new Float64Array(5);
    const b = new Int32Array(5);
    const db = new Float64Array(5);
    for (let q = 0; q < 200; q++) {
      const out = (t: number) => fold[t] === q % 10;
      kNearest(search, train, q, 5, a, da, out);
      kNearestByScan(search, train, q, 5, b, db, out);
      expect(a).toEqual(b);
      expect(da).toEqual(db);
      for (const t of a) expect(fold[t]).not.toBe(q % 10);
    }
  });

  it("weighted coordinates and squared Euclidean: the scan's arithmetic, Σ w·c² and Σ w·c", () => {
    const weights = Float64Array.from([2.5, 0.3, 1, 7, 0.01, 1.25]);
    for (const metric of ["euclidean", "squaredEuclidean", "cityBlock"] as CoordinateMetric[]) {
      const tree = KdTree.over(train, n, p, { metric, weights })!;
      const index = new Int32Array(6);
      const dist = new Float64Array(6);
      for (let q = 0; q < 200; q++) {
        tree.kNearest(queries, q * p, 6, index, dist);
        // The reference: every row's distance written out, sorted by (distance, row).
        const all = Array.from({ length: n }, (_, t) => {
          let acc = 0;
          for (let j = 0; j < p; j++) {
            const c = Math.abs(queries[q * p + j]! - train[t * p + j]!);
            acc += metric === "cityBlock" ? weights[j]! * c : weights[j]! * (c * c);
          }
          return { t, d: metric === "euclidean" ? Math.sqrt(acc) : acc };
        }).sort((u, v) => u.d - v.d || u.t - v.t);
        expect(Array.from(index)).toEqual(all.slice(0, 6).map((e) => e.t));
        expect(Array.from(dist)).toEqual(all.slice(0, 6).map((e) => e.d));
      }
    }
  });

  it("a query with a missing input is scanned, with the distance scaled up for it", () => {
    const search = neighbourSearch(train, n, p, new Float64Array(p).fill(1), "Euclidean");
    const x = Float64Array.from(train.subarray(0, p));
    x[1] = NaN;
    const a = new Int32Array(3);
    const da = new Float64Array(3);
    kNearest(search, x, 0, 3, a, da);
    // Row 0 itself is at 0 over the five present inputs.
    expect(a[0]).toBe(0);
    expect(da[0]).toBe(0);
    const b = new Int32Array(3);
    const db = new Float64Array(3);
    kNearestByScan(search, x, 0, 3, b, db);
    expect(a).toEqual(b);
    expect(da).toEqual(db);
  });

  it("is not built for coordinates or weights it cannot order (NaN, infinite, zero weight) nor for small sets", () => {
    const w = new Float64Array(p).fill(1);
    expect(KdTree.over(Float64Array.from(train).fill(NaN, 7, 8), n, p, { metric: "euclidean", weights: w })).toBeUndefined();
    expect(KdTree.over(Float64Array.from(train).fill(Infinity, 7, 8), n, p, { metric: "euclidean", weights: w })).toBeUndefined();
    expect(KdTree.over(train, n, p, { metric: "cityBlock", weights: Float64Array.from(w).fill(0, 2, 3) })).toBeUndefined();
    expect(neighbourSearch(train, 63, p, w, "Euclidean").tree()).toBeUndefined();
  });
});

const python = "/usr/bin/python3";

describe.skipIf(!existsSync(python))("scikit-learn NearestNeighbors(algorithm='brute') as the oracle", () => {
  it("weighted Euclidean and city block: the same 7 neighbours and distances", () => {
    const random = seededRandom(77);
    const n = 400;
    const p = 4;
    const k = 7;
    // Continuous values: no two distances tie, so the order is the distances' alone.
    const train = Float64Array.from({ length: n * p }, () => random() * 2 - 1);
    const queries = Float64Array.from({ length: 60 * p }, () => random() * 2 - 1);
    const weights = [1, 2, 0.5, 1.5];
    const dir = mkdtempSync(join(tmpdir(), "mb-knn-"));
    const csv = (x: Float64Array) => Array.from({ length: x.length / p }, (_, i) => Array.from(x.subarray(i * p, i * p + p)).join(",")).join("\n") + "\n";
    writeFileSync(join(dir, "train.csv"), csv(train));
    writeFileSync(join(dir, "queries.csv"), csv(queries));
    const script = `
import json, sys, numpy as np
from sklearn.neighbors import NearestNeighbors
X = np.loadtxt(sys.argv[1] + "/train.csv", delimiter=",")
Q = np.loadtxt(sys.argv[1] + "/queries.csv", delimiter=",")
w = np.array(${JSON.stringify(weights)})
out = {}
for name, p in (("euclidean", 2), ("cityBlock", 1)):
    d, i = NearestNeighbors(n_neighbors=${k}, algorithm="brute", metric="minkowski", p=p, metric_params={"w": w}).fit(X).kneighbors(Q)
    out[name] = {"dist": d.tolist(), "index": i.tolist()}
print(json.dumps(out))
`;
    const r = spawnSync(python, ["-c", script, dir]);
    expect(r.status, r.stderr.toString()).toBe(0);
    const sk = JSON.parse(r.stdout.toString()) as Record<string, { dist: number[][]; index: number[][] }>;
    for (const metric of ["euclidean", "cityBlock"] as const) {
      const tree = KdTree.over(train, n, p, { metric, weights: Float64Array.from(weights) })!;
      const index = new Int32Array(k);
      const dist = new Float64Array(k);
      for (let q = 0; q < 60; q++) {
        tree.kNearest(queries, q * p, k, index, dist);
        expect(Array.from(index)).toEqual(sk[metric]!.index[q]);
        sk[metric]!.dist[q]!.forEach((d, i) => expect(dist[i]).toBeCloseTo(d, 12));
      }
    }
  });
});

describe("a trained KNN model", () => {
  afterEach(() => vi.restoreAllMocks());

  // Drug-like inputs: two continuous on a coarse grid, one categorical; 400 rows, so the tree is used.
  const random = seededRandom(5);
  const n = 400;
  const age = Array.from({ length: n }, () => 20 + 5 * Math.floor(random() * 10));
  const na = Array.from({ length: n }, () => Math.round(random() * 10) / 10);
  const bp = Array.from({ length: n }, () => ["LOW", "NORMAL", "HIGH"][Math.floor(random() * 3)]!);
  const drug = age.map((a, i) => (a > 50 || bp[i] === "HIGH" ? "drugY" : na[i]! > 0.5 ? "drugX" : "drugA"));
  const k = age.map((a, i) => a / 10 + na[i]!);
  const queries = 120;
  const q = {
    age: Array.from({ length: queries }, (_, i) => (i % 10 === 9 ? NaN : 22 + 5 * Math.floor(random() * 10))),
    na: Array.from({ length: queries }, () => Math.round(random() * 10) / 10),
    bp: Array.from({ length: queries }, (_, i) => (i % 15 === 14 ? null : ["LOW", "NORMAL", "HIGH"][Math.floor(random() * 3)]!)),
  };
  const batch = { rowCount: queries, inputs: [continuousColumn("age", q.age), continuousColumn("na", q.na), categoricalColumn("bp", q.bp, { categories: ["HIGH", "LOW", "NORMAL"] })] };
  const record = (i: number) => ({ age: Number.isNaN(q.age[i]!) ? null : q.age[i]!, na: q.na[i]!, bp: q.bp[i]! });
  // An ascending-rank output makes the evaluator rank every instance, i.e. scan.
  const scanning = (text: string) => text.replace("</Output>", `<OutputField name="farthest" optype="categorical" dataType="string" feature="entityId" rank="1" rankOrder="ascending"/></Output>`);

  for (const metric of ["Euclidean", "CityBlock"] as const) {
    it(`${metric}, categorical target: the vote of the PMML evaluator's full scan, for complete and incomplete records`, () => {
      const spy = vi.spyOn(KdTree.prototype, "kNearest");
      const data = makeTrainingData({ inputs: [continuousColumn("age", age), continuousColumn("na", na), categoricalColumn("bp", bp)], target: categoricalColumn("drug", drug) });
      const m = trainKnn(data, { automatic_k_selection: false, fixed_k: 5, distance_computation: metric });
      const scores = m.score(batch);
      expect(spy).toHaveBeenCalled();
      const pmml = loadPmml(scanning(m.toPmml()));
      const categories = ["drugA", "drugX", "drugY"];
      for (let i = 0; i < queries; i++) expect(categories[scores.prediction[i]!]).toBe(pmml.score(record(i))["$KNN-drug"]);
    });
  }

  it("continuous target, mean and median: the same values as the full scan, to the last bit", () => {
    const data = makeTrainingData({ inputs: [continuousColumn("age", age), continuousColumn("na", na), categoricalColumn("bp", bp)], target: continuousColumn("K", k) });
    for (const range_predictions of ["Mean", "Median"] as const) {
      const m = trainKnn(data, { automatic_k_selection: false, fixed_k: 6, range_predictions, save_distances: true });
      const scores = m.score(batch);
      const pmml = loadPmml(scanning(m.toPmml()));
      const fast = loadPmml(m.toPmml());
      for (let i = 0; i < queries; i++) {
        const full = pmml.score(record(i));
        expect(scores.prediction[i]).toBe(full["$KNN-K"]);
        // The evaluator's own tree path: the same prediction and the six distances.
        const { farthest: _, ...same } = full;
        expect(fast.score(record(i))).toEqual(same);
      }
    }
  });

  it("automatic k: cross-validation through the tree picks the k and errors the scan gives", () => {
    const data = makeTrainingData({ inputs: [continuousColumn("age", age), continuousColumn("na", na), categoricalColumn("bp", bp)], target: categoricalColumn("drug", drug), seed: 9 });
    const m = trainKnn(data, { minimum_k: 1, maximum_k: 7 });
    // The same folds and k with the tree switched off (every query scanned).
    vi.spyOn(KdTree, "over").mockReturnValue(undefined);
    const scanned = trainKnn(data, { minimum_k: 1, maximum_k: 7 });
    expect(m.kErrors).toEqual(scanned.kErrors);
    expect(m.k).toBe(scanned.k);
  });
});
