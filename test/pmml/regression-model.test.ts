/**
 * RegressionModel: predictors and every normalizationMethod, with values computed by hand
 * (the constants below are the closed forms evaluated to 16 digits).
 */
import { describe, expect, it } from "vitest";
import { loadPmml } from "../../src/pmml/index.js";
import { miningSchema, pmml, type FieldSpec } from "./helpers.js";

const CLS: FieldSpec[] = [
  ["x", "double"],
  ["t", "string", "categorical", `<Value value="yes"/><Value value="no"/>`],
];
const probs = `<Output><OutputField name="p1" optype="continuous" dataType="double" feature="probability" value="yes"/><OutputField name="p2" optype="continuous" dataType="double" feature="probability" value="no"/></Output>`;

/** Binary classification: y(yes) = 0.5 + x; the second table is the reference. */
function binary(method: string): string {
  return pmml(
    CLS,
    `<RegressionModel functionName="classification" normalizationMethod="${method}">${miningSchema(["x"], ["t"])}${probs}
      <RegressionTable intercept="0.5" targetCategory="yes"><NumericPredictor name="x" coefficient="1"/></RegressionTable>
      <RegressionTable intercept="0" targetCategory="no"/></RegressionModel>`,
  );
}

describe("RegressionModel classification, two categories (y = 0.5 + x = 1.5 at x = 1)", () => {
  const cases: [string, number][] = [
    ["logit", 0.8175744761936437], // 1 / (1 + e^−1.5)
    ["probit", 0.9331927987311419], // Φ(1.5)
    ["cloglog", 0.9886857136195404], // 1 − exp(−exp(1.5))
    ["loglog", 0.8000107130043536], // exp(−exp(−1.5))
    ["cauchit", 0.8128329581890013], // 1/2 + atan(1.5)/π
    ["none", 1], // clamped to [0, 1]
  ];
  for (const [method, p] of cases) {
    it(`${method}: P(yes) = ${p}, P(no) = 1 − P(yes)`, () => {
      const r = loadPmml(binary(method)).score({ x: 1 });
      expect(r.p1).toBeCloseTo(p, 15);
      expect(r.p2).toBeCloseTo(1 - p, 15);
      expect(r.t).toBe("yes");
    });
  }
  it("a missing numeric input leaves no prediction (no priors declared)", () => {
    expect(loadPmml(binary("logit")).score({ x: null })).toEqual({ t: null, p1: null, p2: null });
  });
});

function three(method: string, intercepts: [number, number, number], ordinal = false): string {
  const fields: FieldSpec[] = [["t", "string", ordinal ? "ordinal" : "categorical", `<Value value="a"/><Value value="b"/><Value value="c"/>`]];
  const out = `<Output>${["a", "b", "c"].map((c) => `<OutputField name="p${c}" optype="continuous" dataType="double" feature="probability" value="${c}"/>`).join("")}</Output>`;
  const tables = ["a", "b", "c"].map((c, i) => `<RegressionTable intercept="${intercepts[i]}" targetCategory="${c}"/>`).join("");
  return pmml(fields, `<RegressionModel functionName="classification" normalizationMethod="${method}">${miningSchema([], ["t"])}${out}${tables}</RegressionModel>`);
}

describe("RegressionModel classification, three categories (y = 1, 2, 3)", () => {
  it("softmax: e^y / Σe^y", () => {
    const r = loadPmml(three("softmax", [1, 2, 3])).score({});
    expect(r.pa).toBeCloseTo(0.09003057317038046, 15);
    expect(r.pb).toBeCloseTo(0.24472847105479767, 15);
    expect(r.pc).toBeCloseTo(0.6652409557748219, 15);
    expect(r.t).toBe("c");
  });
  it("simplemax: y / Σy = 1/6, 1/3, 1/2", () => {
    const r = loadPmml(three("simplemax", [1, 2, 3])).score({});
    expect([r.pa, r.pb, r.pc]).toEqual([1 / 6, 2 / 6, 3 / 6]);
  });
  it("none: the last category gets what the others leave (0.2, 0.3 → 0.5)", () => {
    const r = loadPmml(three("none", [0.2, 0.3, 0])).score({});
    expect(r.pc).toBeCloseTo(0.5, 15);
  });
  it("logit with more than two categories: one-vs-rest logistics, then normalised (as sklearn and JPMML)", () => {
    const r = loadPmml(three("logit", [1, 2, 3])).score({});
    expect(r.pa).toBeCloseTo(0.2850764654792385, 15);
    expect(r.pc).toBeCloseTo(0.37145650583897777, 15);
  });
  it("ordinal targets are cumulative: P(a) = F(−1), P(b) = F(1) − F(−1), P(c) = 1 − F(1)", () => {
    const r = loadPmml(three("logit", [-1, 1, 0], true)).score({});
    expect(r.pa).toBeCloseTo(0.2689414213699951, 15);
    expect(r.pb).toBeCloseTo(0.4621171572600098, 15);
    expect(r.pc).toBeCloseTo(0.2689414213699951, 15);
    expect(r.t).toBe("b");
  });
});

describe("RegressionModel regression", () => {
  const fields: FieldSpec[] = [["x", "double"], ["z", "double"], ["c", "string"], ["r", "double"]];
  const text = (norm: string) =>
    pmml(
      fields,
      `<RegressionModel functionName="regression" normalizationMethod="${norm}">${miningSchema(["x", "z", "c"], ["r"])}
        <RegressionTable intercept="1">
          <NumericPredictor name="x" exponent="2" coefficient="2"/>
          <CategoricalPredictor name="c" value="k" coefficient="3"/>
          <CategoricalPredictor name="c" value="m" coefficient="-3"/>
          <PredictorTerm coefficient="0.5"><FieldRef field="x"/><FieldRef field="z"/></PredictorTerm>
        </RegressionTable></RegressionModel>`,
    );
  it("y = 1 + 2·x² + 3·[c = k] + 0.5·x·z: at x = 2, z = 4, c = k → 16", () => {
    expect(loadPmml(text("none")).score({ x: 2, z: 4, c: "k" }).r).toBe(16);
  });
  it("a missing categorical input contributes nothing (13); a missing numeric one makes the result missing", () => {
    const m = loadPmml(text("none"));
    expect(m.score({ x: 2, z: 4, c: null }).r).toBe(13);
    expect(m.score({ x: null, z: 4, c: "k" }).r).toBeNull();
  });
  it("normalizationMethod exp: e^y", () => {
    // y = 1 + 2·0 + 0 + 0 → but use a point where y = 1.5: x = 0.5 → 1 + 0.5 + 0.5·0.5·0 = 1.5
    expect(loadPmml(text("exp")).score({ x: 0.5, z: 0, c: null }).r).toBeCloseTo(4.4816890703380645, 14);
  });
  it("Targets rescale, clamp and cast: y·10 + 5, clamped to max 100 first, then rounded", () => {
    const t = pmml(
      [["x", "double"], ["r", "double"]],
      `<RegressionModel functionName="regression">${miningSchema(["x"], ["r"])}<Targets><Target field="r" max="7" rescaleFactor="10" rescaleConstant="5" castInteger="round"/></Targets><RegressionTable intercept="0"><NumericPredictor name="x" coefficient="1"/></RegressionTable></RegressionModel>`,
    );
    const m = loadPmml(t);
    expect(m.score({ x: 1.26 }).r).toBe(18); // 1.26·10 + 5 = 17.6 → 18
    expect(m.score({ x: 9 }).r).toBe(75); // clamped to 7 first: 75
  });
});
