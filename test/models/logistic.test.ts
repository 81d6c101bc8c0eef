/**
 * Logistic regression against R: `glm(..., family = binomial)` for the binomial procedure,
 * `nnet::multinom` for the multinomial one, R's score (Rao) and likelihood-ratio tests for the
 * stepwise statistics, and a quasi-separated set that must stop with a warning.
 */
import { describe, expect, it } from "vitest";
import { categoricalColumn, continuousColumn, makeTrainingData } from "../../src/models/dataset.js";
import { UnsupportedTrainingOptionError } from "../../src/models/errors.js";
import { trainLogistic } from "../../src/models/logistic/train-logistic.js";
import { fitLogit, columnSpread } from "../../src/models/logistic/newton-fit.js";
import { likelihoodRatioTest, scoreTest } from "../../src/models/logistic/logit-tests.js";
import { loadPmml } from "../../src/pmml/index.js";

const NEWTON = { maxIterations: 100, pConverge: 1e-10, lConverge: 0, maxStepHalvings: 5 };

describe("binomial, against R's glm", () => {
  it("one predictor", () => {
    // R 4.2.2: x <- 1:10; y <- c(0,0,0,1,0,1,0,1,1,1)
    // m <- glm(y ~ x, family = binomial, control = glm.control(epsilon = 1e-14))
    // coef: -3.7218816847051475, 0.6767057608554814; SE: 2.34793490878355327, 0.39790487927292495;
    // logLik -4.3351114373346951
    const data = makeTrainingData({
      inputs: [continuousColumn("x", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])],
      target: categoricalColumn("y", [0, 0, 0, 1, 0, 1, 0, 1, 1, 1], { measure: "flag" }),
    });
    const m = trainLogistic(data, { logistic_procedure: "Binomial", p_converge: 1e-10 });
    expect(m.reference).toBe(0);
    const [b0, b1] = m.parameters;
    expect(b0!.b).toBeCloseTo(-3.7218816847051475, 10);
    expect(b1!.b).toBeCloseTo(0.6767057608554814, 10);
    expect(b0!.se).toBeCloseTo(2.34793490878355327, 10);
    expect(b1!.se).toBeCloseTo(0.39790487927292495, 10);
    expect(m.summary.minus2LogLikelihood).toBeCloseTo(2 * 4.3351114373346951, 10);
    expect(m.warnings).toEqual([]);
    // P(y = 1 | x = 5) = plogis(-3.72188 + 5 · 0.67671), in memory and from the PMML.
    const p5 = 1 / (1 + Math.exp(-(-3.72188168470504044 + 5 * 0.67670576085546186)));
    expect(m.score(data).probabilities![1]![4]).toBeCloseTo(p5, 9);
    const scored = loadPmml(m.toPmml()).score({ x: 5 });
    expect(scored["$L-y"]).toBe(0);
    expect(scored["$LP-y"]).toBeCloseTo(1 - p5, 9);
  });

  // R: set.seed(12); x1, g, yb as below; contrasts(g) <- contr.treatment(3, base = 3)
  const x1 = [2.04, 8.15, 3.09, 3.16, 1, 4.46, 4.37, 3.74, 4.79, 5.86, 3.44, 2.41, 3.44, 5.02, 4.7, 3.59, 7.38, 5.68, 6.01, 4.41, 5.45, 9.01, 7.02, 4.4, 2.95, 4.47, 4.6, 5.26, 5.29, 5.72];
  const g = ["b", "c", "c", "a", "c", "a", "c", "b", "a", "c", "b", "a", "a", "a", "c", "b", "c", "a", "c", "c", "b", "b", "b", "b", "b", "a", "a", "c", "b", "c"];
  const yb = [1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 0, 1, 1, 0, 0, 0, 0, 1, 0, 0, 1, 1, 0, 1, 0, 0];
  const data = makeTrainingData({ inputs: [continuousColumn("x1", x1), categoricalColumn("g", g)], target: categoricalColumn("yb", yb, { measure: "flag" }) });

  it("a categorical input, indicator-coded against its last category", () => {
    // m2 <- glm(yb ~ x1 + g, family = binomial, control = glm.control(epsilon = 1e-14))
    const expected = [[-1.70139160257713051, 1.39315634766497376], [0.21974286923805897, 0.23342283345056619], [0.99811924815449982, 0.96312878294582638], [0.25151074421853142, 0.92608408254943542]];
    const m = trainLogistic(data, { logistic_procedure: "Binomial", p_converge: 1e-10 });
    expect(m.parameters.map((p) => p.name)).toEqual(["(Intercept)", "x1", "g=a", "g=b"]);
    m.parameters.forEach((p, i) => {
      expect(p.b).toBeCloseTo(expected[i]![0]!, 8);
      expect(p.se).toBeCloseTo(expected[i]![1]!, 8);
    });
    expect(m.summary.minus2LogLikelihood).toBeCloseTo(39.3136464572294, 9);
    expect(m.summary.nullMinus2LogLikelihood).toBeCloseTo(41.053905907818, 9);
  });

  it("score (Rao) and likelihood-ratio tests as R's anova(test = 'Rao' / 'LRT')", () => {
    // anova(glm(yb ~ x1), m2, test = "Rao"): Rao 1.17561281611609, deviance 1.17826257181918 on 2 df.
    const problem = {
      x: Float64Array.from(x1.flatMap((v, i) => [v, g[i] === "a" ? 1 : 0, g[i] === "b" ? 1 : 0])), p: 3,
      y: Int32Array.from(yb, (v) => (v === 1 ? 0 : 1)), w: null, classes: 2, intercept: true,
    };
    const spread = columnSpread(problem);
    const small = fitLogit(problem, [0], NEWTON, spread);
    const big = fitLogit(problem, [0, 1, 2], NEWTON, spread);
    const score = scoreTest(problem, small, [1, 2]);
    expect(score.statistic).toBeCloseTo(1.17561281611609, 9);
    expect(score.df).toBe(2);
    const lr = likelihoodRatioTest(big, small, 2);
    expect(lr.statistic).toBeCloseTo(1.17826257181918, 9);
    expect(lr.p).toBeCloseTo(0.55481, 5);
    // anova(glm(yb ~ 1), glm(yb ~ x1), test = "Rao"): 0.558896321334448
    expect(scoreTest(problem, fitLogit(problem, [], NEWTON, spread), [0]).statistic).toBeCloseTo(0.558896321334448, 9);
  });

  it("Forwards (FSTEP with score entry) keeps neither weak predictor here", () => {
    const m = trainLogistic(data, { logistic_procedure: "Binomial", binomial_method: "Forwards" });
    expect(m.fieldsUsed).toEqual([]);
    expect(m.parameters.map((p) => p.name)).toEqual(["(Intercept)"]);
  });
});

describe("quasi-complete separation", () => {
  // R: set.seed(11) data; every row of group c has yb = 1, so glm's estimates run off
  // (SE ≈ 2750) while the log-likelihood approaches its supremum −8.3799555005363899.
  const x1 = [3.82, 5.05, 1.97, 2.27, 7.36, 3.13, 7.65, 6.25, 4.91, 2.99, 3.34, 4.3, 1.92, 4.49, 2.7, 5.02, 4.55, 6.78, 3.82, 3.69, 3.63, 4.97, 4.11, 5.71];
  const g = ["a", "c", "a", "a", "a", "b", "a", "b", "c", "a", "b", "b", "a", "b", "c", "a", "a", "c", "b", "b", "a", "b", "b", "b"];
  const yb = [1, 1, 1, 0, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1, 1, 1, 1, 1, 0, 1, 0, 0, 1];
  it("stops with a warning, at R's log-likelihood", () => {
    const data = makeTrainingData({ inputs: [continuousColumn("x1", x1), categoricalColumn("g", g)], target: categoricalColumn("yb", yb, { measure: "flag" }) });
    const m = trainLogistic(data, { logistic_procedure: "Binomial" });
    expect(m.warnings.join(" ")).toMatch(/separated/);
    expect(m.summary.iterations).toBeLessThan(100);
    expect(m.summary.minus2LogLikelihood).toBeCloseTo(2 * 8.3799555005363899, 6);
  });
});

describe("multinomial, against nnet::multinom", () => {
  // R: set.seed(5); z1, z2, cls as below;
  // multinom(factor(cls) ~ z1 + z2, reltol = 1e-15, abstol = 1e-300, maxit = 10000) — base "p".
  const z1 = [-0.841, 1.384, -1.255, 0.07, 1.711, -0.603, -0.472, -0.635, -0.286, 0.138, 1.228, -0.802, -1.08, -0.158, -1.072, -0.139, -0.597, -2.184, 0.241, -0.259, 0.901, 0.942, 1.468, 0.707, 0.819, -0.293, 1.419, 1.499, -0.657, -0.853, 0.316, 1.11, 2.215, 1.217, 1.479, 0.952, -1.01, -2, -1.762, -0.143, 1.55, -0.802, -0.075, 1.896, -0.457];
  const z2 = [2.852, 1.344, 0.75, 1.588, 1.291, 3.264, 0.938, 2.502, 1.89, 1.823, 3.713, 2.883, 2.298, 3.681, 3.386, 1.594, 1.108, 2.078, 1.821, 1.266, 0.71, 2.062, 3.097, 1.184, 1.821, 1.572, 1.898, 0.413, 2.369, 0.745, 0.511, 3.928, 3.215, 3.478, 1.126, 0.169, 2.761, 3.052, 0.894, 1.335, 1.466, 0.71, 0.071, 3.377, 1.526];
  const cls = ["r", "q", "r", "r", "q", "r", "r", "r", "q", "q", "r", "r", "r", "r", "r", "r", "p", "r", "r", "p", "q", "r", "q", "q", "p", "p", "q", "q", "p", "p", "p", "r", "q", "r", "r", "q", "p", "p", "r", "r", "p", "r", "r", "q", "r"];
  const data = makeTrainingData({ inputs: [continuousColumn("z1", z1), continuousColumn("z2", z2)], target: categoricalColumn("cls", cls) });
  const expected = [-0.3368542457464333006, 2.0388637067557975335, -0.31650127561627162, -0.0077696099415741071, 0.0048069592039874558, 0.44724898948858832];

  it("coefficients and log-likelihood with base category p", () => {
    const m = trainLogistic(data, { multinomial_base_category: "p", p_converge: 1e-10 });
    expect(m.parameters.map((p) => `${p.category}:${p.name}`)).toEqual(["q:(Intercept)", "q:z1", "q:z2", "r:(Intercept)", "r:z1", "r:z2"]);
    m.parameters.forEach((p, i) => expect(p.b).toBeCloseTo(expected[i]!, 5));
    expect(m.summary.minus2LogLikelihood).toBeCloseTo(2 * 35.31167894314801, 7);
  });

  it("the default base category is the last (r); probabilities do not depend on it", () => {
    const last = trainLogistic(data);
    const first = trainLogistic(data, { multinomial_base_category: "p" });
    expect(last.reference).toBe("r");
    const a = last.score(data).probabilities!;
    const b = first.score(data).probabilities!;
    for (let k = 0; k < 3; k++) for (let r = 0; r < data.rowCount; r++) expect(a[k]![r]).toBeCloseTo(b[k]![r]!, 6);
  });

  it("PMML with all probabilities scores like the model", () => {
    const m = trainLogistic(data, { all_probabilities: true });
    const pmml = loadPmml(m.toPmml());
    const mine = m.score(data);
    const out = pmml.scoreColumns({ z1, z2 }, z1.length);
    for (let r = 0; r < z1.length; r++) {
      expect(out["$L-cls"]![r]).toBe(["p", "q", "r"][mine.prediction[r]!]);
      expect(out["$LP-q"]![r] as number).toBeCloseTo(mine.probabilities![1]![r]!, 12);
      expect(out["$LP-cls"]![r] as number).toBeCloseTo(mine.confidence[r]!, 12);
    }
  });

  it("refuses what it does not implement, by name", () => {
    expect(() => trainLogistic(data, { model_type: "FullFactorial" })).toThrow(UnsupportedTrainingOptionError);
    expect(() => trainLogistic(data, { scale: "Pearson" })).toThrow(/scale=Pearson/);
    expect(() => trainLogistic(data, { binomial_input_contrast: "Helmert" })).toThrow(/Helmert/);
    expect(() => trainLogistic(data, { logistic_procedure: "Binomial" })).toThrow(/two categories/);
  });
});
