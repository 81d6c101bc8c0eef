/**
 * Neural Net: backpropagation against numerical derivatives, scaled conjugate gradient on a
 * quadratic whose minimum is known, learning a smooth function and a nonlinear class boundary,
 * stopping rules, repeatability and refusals.
 */
import { describe, expect, it } from "vitest";
import { categoricalColumn, continuousColumn, makeTrainingData, type CategoricalColumn } from "../../src/models/dataset.js";
import { UnsupportedTrainingOptionError } from "../../src/models/errors.js";
import { lossAndGradient, weightCount, type Architecture } from "../../src/models/neural/network.js";
import { scg } from "../../src/models/neural/scg.js";
import { trainNeuralNet } from "../../src/models/neural/train-neural.js";
import { loadPmml } from "../../src/pmml/index.js";

function numericalGradient(a: Architecture, w: Float64Array, x: Float64Array, y: Int32Array | Float64Array, n: number): Float64Array {
  const g = new Float64Array(w.length);
  const h = 1e-6;
  for (let i = 0; i < w.length; i++) {
    const wp = Float64Array.from(w);
    const wm = Float64Array.from(w);
    wp[i] = wp[i]! + h;
    wm[i] = wm[i]! - h;
    g[i] = (lossAndGradient(a, wp, x, y, n, null, null) - lossAndGradient(a, wm, x, y, n, null, null)) / (2 * h);
  }
  return g;
}

describe("backpropagation", () => {
  const x = Float64Array.from([0.5, -1, 1.5, 0.2, -0.3, 0.8, 1, 1, -2, 0.1, 0.4, -0.6]);
  const w0 = (a: Architecture) => Float64Array.from({ length: weightCount(a) }, (_, i) => Math.sin(i * 1.7) * 0.7);
  for (const a of [
    { sizes: [3, 4, 3], output: "softmax" },
    { sizes: [3, 4, 2, 3], output: "softmax" },
    { sizes: [3, 5, 1], output: "identity" },
  ] as Architecture[]) {
    it(`gradient equals central differences (${a.sizes.join("-")}, ${a.output})`, () => {
      const y = a.output === "softmax" ? Int32Array.from([0, 2, 1, 2]) : Float64Array.from([0.3, -1.2, 2, 0.5]);
      const w = w0(a);
      const g = new Float64Array(w.length);
      lossAndGradient(a, w, x, y, 4, Float64Array.from([1, 2, 1, 0.5]), g);
      // A frequency weight of 2 is the row twice.
      const xr = Float64Array.from([...x.slice(0, 3), ...x.slice(3, 6), ...x.slice(3, 6), ...x.slice(6, 9), ...x.slice(9, 12)]);
      const yr = a.output === "softmax" ? Int32Array.from([0, 2, 2, 1, 2]) : Float64Array.from([0.3, -1.2, -1.2, 2, 0.5]);
      const wr = Float64Array.from([1, 1, 1, 1, 0.5]);
      const gr = new Float64Array(w.length);
      lossAndGradient(a, w, xr, yr, 5, wr, gr);
      for (let i = 0; i < w.length; i++) expect(g[i]).toBeCloseTo(gr[i]!, 12);
      const g1 = new Float64Array(w.length);
      lossAndGradient(a, w, x, y, 4, null, g1);
      const n1 = numericalGradient(a, w, x, y, 4);
      for (let i = 0; i < w.length; i++) expect(g1[i]).toBeCloseTo(n1[i]!, 7);
    });
  }
});

describe("scaled conjugate gradient", () => {
  it("finds the minimum of a quadratic (A w = b) in about N = 3 iterations", () => {
    // E(w) = ½ wᵀAw − bᵀw with A = [[4,1,0],[1,3,1],[0,1,2]], b = (1, 2, 3): w* = A⁻¹b.
    const A = [[4, 1, 0], [1, 3, 1], [0, 1, 2]];
    const b = [1, 2, 3];
    const obj = {
      dimension: 3,
      evaluate(w: Float64Array, g: Float64Array | null) {
        let e = 0;
        for (let i = 0; i < 3; i++) {
          let aw = 0;
          for (let j = 0; j < 3; j++) aw += A[i]![j]! * w[j]!;
          if (g) g[i] = aw - b[i]!;
          e += 0.5 * w[i]! * aw - b[i]! * w[i]!;
        }
        return e;
      },
    };
    const r = scg(obj, new Float64Array(3), { maxIterations: 50, afterStep: (_, w) => Math.hypot(...[0, 1, 2].map((i) => A[i]!.reduce((s, a, j) => s + a * w[j]!, 0) - b[i]!))  < 1e-6 });
    // A⁻¹b by hand (det A = 18): w* = (4, 2, 26)/18. Conjugate gradients end in N steps in exact
    // arithmetic; SCG's finite-difference curvature and λ leave ~1e−7 after the third.
    expect(Array.from(r.w)).toEqual([4 / 18, 2 / 18, 26 / 18].map((v) => expect.closeTo(v, 6)));
    expect(r.iterations).toBeLessThanOrEqual(4);
  });
});

describe("training", () => {
  const n = 300;
  const x1 = Array.from({ length: n }, (_, i) => ((i * 37) % 101) / 50 - 1);
  const x2 = Array.from({ length: n }, (_, i) => ((i * 53) % 97) / 48 - 1);
  it("learns a smooth function (continuous target, identity output)", () => {
    const y = x1.map((v, i) => Math.sin(2 * v) + 0.5 * x2[i]! * x2[i]!);
    const d = makeTrainingData({ inputs: [continuousColumn("x1", x1), continuousColumn("x2", x2)], target: continuousColumn("y", y), seed: 2 });
    const m = trainNeuralNet(d, { overfit_prevention_pct: 0, use_custom_layers: true, first_layer_units: 8, use_max_cycles: true, max_cycles: 400 });
    const p = m.score(d).prediction;
    let sse = 0;
    let sst = 0;
    const mean = y.reduce((a, b) => a + b, 0) / n;
    for (let i = 0; i < n; i++) {
      sse += (p[i]! - y[i]!) ** 2;
      sst += (y[i]! - mean) ** 2;
    }
    expect(1 - sse / sst).toBeGreaterThan(0.99);
  });

  it("learns a circular class boundary that no linear model can", () => {
    const y = x1.map((v, i) => (v * v + x2[i]! * x2[i]! < 0.5 ? "in" : "out"));
    const d = makeTrainingData({ inputs: [continuousColumn("x1", x1), continuousColumn("x2", x2)], target: categoricalColumn("y", y), seed: 5 });
    const m = trainNeuralNet(d, { overfit_prevention_pct: 0, use_custom_layers: true, first_layer_units: 6 });
    const s = m.score(d);
    let ok = 0;
    for (let i = 0; i < n; i++) if (s.prediction[i] === (y[i] === "in" ? 0 : 1)) ok++;
    expect(ok / n).toBeGreaterThan(0.95);
  });

  const y = x1.map((v, i) => (v + x2[i]! > 0.3 ? "b" : v > 0 ? "c" : "a"));
  const d = makeTrainingData({ inputs: [continuousColumn("x1", x1), continuousColumn("x2", x2), categoricalColumn("g", x1.map((_, i) => (i % 3 ? "p" : "q")))], target: categoricalColumn("y", y), seed: 9 });

  it("is repeatable for a seed; another random_seed gives other weights", () => {
    expect(trainNeuralNet(d).toPmml()).toBe(trainNeuralNet(d).toPmml());
    expect(trainNeuralNet(d, { use_random_seed: true, random_seed: 77 }).toPmml()).not.toBe(trainNeuralNet(d).toPmml());
  });

  it("automatic architecture: one hidden layer of ⌈√(inputs × outputs)⌉ units", () => {
    // 2 standardised inputs + 2 indicators = 4 inputs, 3 classes: ⌈√12⌉ = 4.
    expect(trainNeuralNet(d).architecture.sizes).toEqual([4, 4, 3]);
    const pmml = loadPmml(trainNeuralNet(d, { use_custom_layers: true, first_layer_units: 5, second_layer_units: 3 }).toPmml());
    expect(pmml.modelElement).toBe("NeuralNetwork");
  });

  it("stopping rules: max_cycles and min_accuracy", () => {
    expect(trainNeuralNet(d, { use_max_cycles: true, max_cycles: 3, overfit_prevention_pct: 0 }).iterations).toBeLessThanOrEqual(3);
    const m = trainNeuralNet(d, { use_min_accuracy: true, min_accuracy: 60 });
    expect(m.stoppedBy).toBe("min_accuracy reached");
  });

  it("mini-batch training (Adam) learns the same boundary", () => {
    const opts = { training_type: "MiniBatch", overfit_prevention_pct: 0, use_max_cycles: true, max_cycles: 1500, min_relative_change: 0 } as const;
    const m = trainNeuralNet(d, opts);
    expect(m.trainingType).toBe("MiniBatch");
    const s = m.score(d);
    let ok = 0;
    const codes = (d.target as CategoricalColumn).codes;
    for (let i = 0; i < n; i++) if (s.prediction[i] === codes[i]) ok++;
    expect(ok / n).toBeGreaterThan(0.9);
    expect(trainNeuralNet(d, opts).toPmml()).toBe(m.toPmml());
  });

  it("reports progress and stops on abort", () => {
    const seen: string[] = [];
    trainNeuralNet(d, { onProgress: (p) => seen.push(p.stage) });
    expect(seen).toContain("training");
    const ac = new AbortController();
    ac.abort();
    expect(() => trainNeuralNet(d, { signal: ac.signal })).toThrow(/cancelled/);
  });

  it("refuses what it does not implement, by name", () => {
    expect(() => trainNeuralNet(d, { method: "RadialBasisFunction" })).toThrow(UnsupportedTrainingOptionError);
    expect(() => trainNeuralNet(d, { objective: "Boosting" })).toThrow(/objective=Boosting/);
    expect(() => trainNeuralNet(d, { missing_values: "missingValueImputation" })).toThrow(/missing_values/);
    expect(() => trainNeuralNet(d, { continue: true })).toThrow(/continue/);
  });
});
