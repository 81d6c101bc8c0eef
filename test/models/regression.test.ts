/**
 * Linear regression (Regression node): hand-computed least squares, Longley's ill-conditioned
 * data against R's QR-based `lm`, indicator coding, and the selection methods.
 */
import { describe, expect, it } from "vitest";
import { categoricalColumn, continuousColumn, makeTrainingData } from "../../src/models/dataset.js";
import { UnsupportedTrainingOptionError } from "../../src/models/errors.js";
import { trainRegression } from "../../src/models/regression/train-regression.js";
import { loadPmml } from "../../src/pmml/index.js";

describe("least squares by hand", () => {
  // x = 1..5, y = 2 4 5 4 5: x̄ = 3, ȳ = 4, Sxx = 10, Sxy = 6 → b = 0.6, b₀ = 4 − 0.6·3 = 2.2.
  // Fitted 2.8 3.4 4.0 4.6 5.2, residuals −.8 .6 1 −.6 −.2: RSS = 2.4, SST = 6, R² = 0.6,
  // σ² = 2.4/3 = 0.8, SE(b) = √(0.8/10), SE(b₀) = √(0.8·(1/5 + 9/10)), F = 3.6/0.8 = 4.5.
  const data = makeTrainingData({ inputs: [continuousColumn("x", [1, 2, 3, 4, 5])], target: continuousColumn("y", [2, 4, 5, 4, 5]) });
  const m = trainRegression(data);

  it("coefficients, standard errors and t", () => {
    const [b0, b1] = m.coefficients;
    expect(b0!.b).toBeCloseTo(2.2, 12);
    expect(b1!.b).toBeCloseTo(0.6, 12);
    expect(b1!.se).toBeCloseTo(Math.sqrt(0.08), 12);
    expect(b0!.se).toBeCloseTo(Math.sqrt(0.88), 12);
    expect(b1!.t).toBeCloseTo(0.6 / Math.sqrt(0.08), 10);
    // Two-sided p of t = 2.1213 on 3 df; R: 2 * pt(-0.6/sqrt(0.08), 3) = 0.124027062657555.
    expect(b1!.p).toBeCloseTo(0.124027062657555, 10);
    expect(b1!.beta).toBeCloseTo(0.6 * Math.sqrt(10) / Math.sqrt(6), 12);
  });

  it("summary and ANOVA", () => {
    expect(m.summary.rSquare).toBeCloseTo(0.6, 12);
    expect(m.summary.adjustedRSquare).toBeCloseTo(1 - 0.4 * 4 / 3, 12);
    expect(m.summary.ssResidual).toBeCloseTo(2.4, 12);
    expect(m.summary.f).toBeCloseTo(4.5, 10);
    expect(m.summary.dfResidual).toBe(3);
    expect(m.summary.stdErrorOfEstimate).toBeCloseTo(Math.sqrt(0.8), 12);
  });

  it("predictions in memory and from the PMML", () => {
    expect(Array.from(m.score(data).prediction)).toEqual([2.8, 3.4, 4, 4.6, 5.2].map((v) => expect.closeTo(v, 12)));
    const pmml = loadPmml(m.toPmml());
    expect(pmml.score({ x: 10 })["$E-y"]).toBeCloseTo(8.2, 12);
    expect(pmml.score({ x: null })["$E-y"]).toBeNull();
  });

  it("through the origin: b = Σxy/Σx² = 66/55", () => {
    const m0 = trainRegression(data, { include_constant: false });
    expect(m0.coefficients).toHaveLength(1);
    expect(m0.coefficients[0]!.b).toBeCloseTo(66 / 55, 12);
  });

  it("frequency weights count as repeated rows", () => {
    const weighted = makeTrainingData({ inputs: [continuousColumn("x", [1, 2, 3, 4, 5])], target: continuousColumn("y", [2, 4, 5, 4, 5]), frequency: [1, 2, 1, 1, 3] });
    const repeated = makeTrainingData({ inputs: [continuousColumn("x", [1, 2, 2, 3, 4, 5, 5, 5])], target: continuousColumn("y", [2, 4, 4, 5, 4, 5, 5, 5]) });
    const a = trainRegression(weighted).coefficients;
    const b = trainRegression(repeated).coefficients;
    a.forEach((row, i) => {
      expect(row.b).toBeCloseTo(b[i]!.b, 12);
      expect(row.se).toBeCloseTo(b[i]!.se, 12);
    });
  });
});

describe("Longley (1967): ill-conditioned data, against R", () => {
  // R 4.2.2: m <- lm(Employed ~ ., longley); coef(m); summary(m)$coefficients
  const cols = {
    "GNP.deflator": [83, 88.5, 88.2, 89.5, 96.2, 98.1, 99, 100, 101.2, 104.6, 108.4, 110.8, 112.6, 114.2, 115.7, 116.9],
    GNP: [234.289, 259.426, 258.054, 284.599, 328.975, 346.999, 365.385, 363.112, 397.469, 419.18, 442.769, 444.546, 482.704, 502.601, 518.173, 554.894],
    Unemployed: [235.6, 232.5, 368.2, 335.1, 209.9, 193.2, 187, 357.8, 290.4, 282.2, 293.6, 468.1, 381.3, 393.1, 480.6, 400.7],
    "Armed.Forces": [159, 145.6, 161.6, 165, 309.9, 359.4, 354.7, 335, 304.8, 285.7, 279.8, 263.7, 255.2, 251.4, 257.2, 282.7],
    Population: [107.608, 108.632, 109.773, 110.929, 112.075, 113.27, 115.094, 116.219, 117.388, 118.734, 120.445, 121.95, 123.366, 125.368, 127.852, 130.081],
    Year: [1947, 1948, 1949, 1950, 1951, 1952, 1953, 1954, 1955, 1956, 1957, 1958, 1959, 1960, 1961, 1962],
  };
  const employed = [60.323, 61.122, 60.171, 61.187, 63.221, 63.639, 64.989, 63.761, 66.019, 67.857, 68.169, 66.513, 68.655, 69.564, 69.331, 70.551];
  const expected: [number, number][] = [
    [-3.4822586345958125e3, 8.90420383607376e2],
    [1.5061872271372992e-2, 8.49149257747674e-2],
    [-3.5819179292590986e-2, 3.34910077722434e-2],
    [-2.0202298038168236e-2, 4.88399681651703e-3],
    [-1.0332268671735883e-2, 2.14274163161676e-3],
    [-5.1104105653578973e-2, 2.26073200069373e-1],
    [1.8291514646135489, 4.55478499142213e-1],
  ];
  it("coefficients to 9 significant digits, R² and σ", () => {
    const data = makeTrainingData({ inputs: Object.entries(cols).map(([n, v]) => continuousColumn(n, v)), target: continuousColumn("Employed", employed) });
    const m = trainRegression(data);
    expect(m.coefficients).toHaveLength(7);
    m.coefficients.forEach((row, i) => {
      expect(Math.abs(row.b - expected[i]![0]) / Math.abs(expected[i]![0])).toBeLessThan(1e-9);
      expect(Math.abs(row.se - expected[i]![1]) / expected[i]![1]).toBeLessThan(1e-8);
    });
    expect(m.summary.rSquare).toBeCloseTo(0.995479004577296, 12);
    expect(m.summary.stdErrorOfEstimate).toBeCloseTo(0.304854073561966, 12);
  });
});

describe("categorical inputs and selection", () => {
  // y depends on x1 and on the group (a: +0, b: +3, c: −2); x2 is noise.
  const n = 60;
  const x1 = Array.from({ length: n }, (_, i) => (i * 7) % 13);
  const x2 = Array.from({ length: n }, (_, i) => ((i * 5) % 11) / 3);
  const g = Array.from({ length: n }, (_, i) => ["a", "b", "c"][i % 3]!);
  const noise = Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898) * 0.5);
  const y = x1.map((v, i) => 1 + 2 * v + (g[i] === "b" ? 3 : g[i] === "c" ? -2 : 0) + noise[i]!);
  const data = makeTrainingData({
    inputs: [continuousColumn("x1", x1), continuousColumn("x2", x2), categoricalColumn("g", g)],
    target: continuousColumn("y", y),
  });

  it("indicator coding against the last category (c)", () => {
    const m = trainRegression(data);
    const byName = new Map(m.coefficients.map((r) => [r.name, r.b]));
    expect(byName.get("g=a")!).toBeCloseTo(2, 0);
    expect(byName.get("g=b")!).toBeCloseTo(5, 0);
    expect(byName.has("g=c")).toBe(false);
  });

  for (const method of ["Stepwise", "Forwards", "Backwards"] as const) {
    it(`${method} keeps x1 and g and drops the noise`, () => {
      const m = trainRegression(data, { method });
      expect([...m.fieldsUsed].sort()).toEqual(["g", "x1"]);
      expect(m.steps.length).toBeGreaterThan(0);
    });
  }

  it("F criteria select the same fields", () => {
    expect([...trainRegression(data, { method: "Stepwise", stepping_method: "useF" }).fieldsUsed].sort()).toEqual(["g", "x1"]);
  });

  it("an exactly collinear column is left out with a warning", () => {
    const twice = continuousColumn("x1x2", x1.map((v) => 2 * v));
    const d = makeTrainingData({ inputs: [continuousColumn("x1", x1), twice, categoricalColumn("g", g)], target: continuousColumn("y", y) });
    const m = trainRegression(d);
    expect(m.warnings.join()).toMatch(/x1x2 is a linear combination/);
    expect(m.coefficients.find((r) => r.name === "x1x2")!.aliased).toBe(true);
  });

  it("refuses what it does not implement, by name", () => {
    expect(() => trainRegression(data, { use_weight: true })).toThrow(UnsupportedTrainingOptionError);
    expect(() => trainRegression(data, { complete_records: false })).toThrow(/complete_records/);
    expect(() => trainRegression(data, { probability_entry: 0.2, probability_removal: 0.1 })).toThrow(/probability_entry/);
  });
});
