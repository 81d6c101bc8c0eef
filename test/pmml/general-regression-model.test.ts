/**
 * GeneralRegressionModel: the design (PPMatrix with covariate exponents, factors and a contrast
 * matrix), every model type, link functions with offset and trials, and Cox regression, each on
 * values worked out by hand.
 */
import { describe, expect, it } from "vitest";
import { loadPmml } from "../../src/pmml/index.js";
import { miningSchema, pmml, type FieldSpec } from "./helpers.js";

const params = (names: string[]) => `<ParameterList>${names.map((n) => `<Parameter name="${n}"/>`).join("")}</ParameterList>`;
const cells = (list: [string, string, string, string?][]) =>
  `<PPMatrix>${list.map(([value, predictor, parameter, target]) => `<PPCell value="${value}" predictorName="${predictor}" parameterName="${parameter}"${target ? ` targetCategory="${target}"` : ""}/>`).join("")}</PPMatrix>`;
const betas = (list: [string, number, string?][]) =>
  `<ParamMatrix>${list.map(([p, b, t]) => `<PCell parameterName="${p}" beta="${b}" df="1"${t ? ` targetCategory="${t}"` : ""}/>`).join("")}</ParamMatrix>`;

describe("GeneralRegressionModel, generalLinear", () => {
  // y = 1 + 2·x + 0.5·x² − 1·[c = k]
  const fields: FieldSpec[] = [["x", "double"], ["c", "string"], ["y", "double"]];
  const text = pmml(
    fields,
    `<GeneralRegressionModel modelType="generalLinear" functionName="regression">${miningSchema(["x", "c"], ["y"])}
      ${params(["p0", "p1", "p2", "p3"])}<FactorList><Predictor name="c"/></FactorList><CovariateList><Predictor name="x"/></CovariateList>
      ${cells([["1", "x", "p1"], ["2", "x", "p2"], ["k", "c", "p3"]])}${betas([["p0", 1], ["p1", 2], ["p2", 0.5], ["p3", -1]])}
    </GeneralRegressionModel>`,
  );
  it("x = 2, c = k: 1 + 4 + 2 − 1 = 6; c = m: 7", () => {
    const m = loadPmml(text);
    expect(m.score({ x: 2, c: "k" }).y).toBe(6);
    expect(m.score({ x: 2, c: "m" }).y).toBe(7);
    expect(m.score({ x: null, c: "m" }).y).toBeNull();
  });
});

describe("GeneralRegressionModel, standardError from PCovMatrix", () => {
  // y = 1 + 2·x; Var(p0) 0.25, Var(p1) 0.04, Cov(p0, p1) −0.05.
  // x = 2: (1, 2)·Σ·(1, 2)ᵀ = 0.25 + 2·2·(−0.05) + 4·0.04 = 0.21 → se √0.21 = 0.458257569495584
  const text = pmml(
    [["x", "double"], ["y", "double"]],
    `<GeneralRegressionModel modelType="regression" functionName="regression">${miningSchema(["x"], ["y"])}
      <Output><OutputField name="se" optype="continuous" dataType="double" feature="standardError"/></Output>
      ${params(["p0", "p1"])}<CovariateList><Predictor name="x"/></CovariateList>${cells([["1", "x", "p1"]])}${betas([["p0", 1], ["p1", 2]])}
      <PCovMatrix><PCovCell pRow="p0" pCol="p0" value="0.25"/><PCovCell pRow="p1" pCol="p0" value="-0.05"/><PCovCell pRow="p1" pCol="p1" value="0.04"/></PCovMatrix>
    </GeneralRegressionModel>`,
  );
  it("x = 2: y 5, se √0.21; missing x: neither", () => {
    const m = loadPmml(text);
    const r = m.score({ x: 2 });
    expect(r.y).toBe(5);
    expect(r.se).toBeCloseTo(0.458257569495584, 15);
    expect(m.score({ x: null })).toEqual({ y: null, se: null });
  });
});

describe("GeneralRegressionModel, generalizedLinear links (η = 1 + 2·x)", () => {
  const fields: FieldSpec[] = [["x", "double"], ["y", "double"]];
  const glm = (attrs: string) =>
    pmml(
      fields,
      `<GeneralRegressionModel modelType="generalizedLinear" functionName="regression" ${attrs}>${miningSchema(["x"], ["y"])}
        ${params(["p0", "p1"])}<CovariateList><Predictor name="x"/></CovariateList>${cells([["1", "x", "p1"]])}${betas([["p0", 1], ["p1", 2]])}
      </GeneralRegressionModel>`,
    );
  const at = (attrs: string, x: number) => loadPmml(glm(attrs)).score({ x }).y as number;
  it("log link with offsetValue 0.5 and trialsValue 3: 3·e^(1 + 0.5) = 13.445067211014194", () => {
    expect(at(`linkFunction="log" offsetValue="0.5" trialsValue="3"`, 0)).toBeCloseTo(13.445067211014194, 13);
  });
  it("power link, linkParameter 0.5: η² (η = 3 → 9); oddspower 1: 1/(1 + (1 + η)^−1) (η = 1 → 2/3)", () => {
    expect(at(`linkFunction="power" linkParameter="0.5"`, 1)).toBeCloseTo(9, 14);
    expect(at(`linkFunction="oddspower" linkParameter="1"`, 0)).toBeCloseTo(2 / 3, 15);
  });
  it("negbin, distParameter 2: 1/(2·(e^−η − 1)) at η = −1 → 0.2909883534346632", () => {
    expect(at(`linkFunction="negbin" distParameter="2"`, -1)).toBeCloseTo(0.2909883534346632, 15);
  });
  it("identity, logit, probit, cloglog, loglog, cauchit, logc at η = 0 give 0, ½, ½, 1 − e^−1, e^−1, ½, 0", () => {
    expect(at(`linkFunction="identity"`, -0.5)).toBe(0);
    expect(at(`linkFunction="logit"`, -0.5)).toBe(0.5);
    expect(at(`linkFunction="probit"`, -0.5)).toBe(0.5);
    expect(at(`linkFunction="cloglog"`, -0.5)).toBeCloseTo(1 - Math.exp(-1), 15);
    expect(at(`linkFunction="loglog"`, -0.5)).toBeCloseTo(Math.exp(-1), 15);
    expect(at(`linkFunction="cauchit"`, -0.5)).toBe(0.5);
    expect(at(`linkFunction="logc"`, -0.5)).toBe(0);
  });
  it("offsetVariable reads the offset from a field", () => {
    const t = pmml(
      [["x", "double"], ["o", "double"], ["y", "double"]],
      `<GeneralRegressionModel modelType="generalizedLinear" functionName="regression" linkFunction="identity" offsetVariable="o">${miningSchema(["x", "o"], ["y"])}
        ${params(["p0"])}${betas([["p0", 1]])}</GeneralRegressionModel>`,
    );
    expect(loadPmml(t).score({ x: 0, o: 2.5 }).y).toBe(3.5);
  });
});

describe("GeneralRegressionModel classification", () => {
  const target: FieldSpec = ["t", "string", "categorical", `<Value value="a"/><Value value="b"/><Value value="c"/>`];
  const out = `<Output>${["a", "b", "c"].map((c) => `<OutputField name="p${c}" optype="continuous" dataType="double" feature="probability" value="${c}"/>`).join("")}</Output>`;
  it("multinomialLogistic: η_a = 1 + x, η_b = 2 − x, reference c (η = 0); x = 1 → e²/(1 + e² + e), e/(…), 1/(…)", () => {
    const t = pmml(
      [["x", "double"], target],
      `<GeneralRegressionModel modelType="multinomialLogistic" functionName="classification" targetReferenceCategory="c">${miningSchema(["x"], ["t"])}${out}
        ${params(["p0", "p1"])}<CovariateList><Predictor name="x"/></CovariateList>${cells([["1", "x", "p1"]])}
        ${betas([["p0", 1, "a"], ["p1", 1, "a"], ["p0", 2, "b"], ["p1", -1, "b"]])}</GeneralRegressionModel>`,
    );
    const r = loadPmml(t).score({ x: 1 });
    expect(r.pa).toBeCloseTo(0.6652409557748219, 15);
    expect(r.pb).toBeCloseTo(0.24472847105479764, 15);
    expect(r.pc).toBeCloseTo(0.09003057317038046, 15);
    expect(r.t).toBe("a");
  });
  it("ordinalMultinomial, cumulative logit: θ_a = −1, θ_b = 1, slope 0.5; x = 2 → ½, 0.3807970779778823, 0.11920292202211769", () => {
    const t = pmml(
      [["x", "double"], ["t", "string", "ordinal", `<Value value="a"/><Value value="b"/><Value value="c"/>`]],
      `<GeneralRegressionModel modelType="ordinalMultinomial" functionName="classification" cumulativeLink="logit">${miningSchema(["x"], ["t"])}${out}
        ${params(["p0", "p1"])}<CovariateList><Predictor name="x"/></CovariateList>${cells([["1", "x", "p1"]])}
        ${betas([["p0", -1, "a"], ["p0", 1, "b"], ["p1", 0.5]])}</GeneralRegressionModel>`,
    );
    const r = loadPmml(t).score({ x: 2 });
    expect(r.pa).toBeCloseTo(0.5, 15);
    expect(r.pb).toBeCloseTo(0.3807970779778823, 15);
    expect(r.pc).toBeCloseTo(0.11920292202211769, 15);
  });
  it("a factor coded by a contrast matrix takes the matrix entry (row: the value, column: the cell's category)", () => {
    const t = pmml(
      [["c", "string"], ["y", "double"]],
      `<GeneralRegressionModel modelType="regression" functionName="regression">${miningSchema(["c"], ["y"])}
        ${params(["p0", "p1"])}<FactorList><Predictor name="c" contrastMatrixType="custom"><Categories><Category value="k"/><Category value="m"/><Category value="n"/></Categories>
        <Matrix><Array type="real">1 0 0</Array><Array type="real">0 2 0</Array><Array type="real">0 0 3</Array></Matrix></Predictor></FactorList>
        ${cells([["m", "c", "p1"]])}${betas([["p0", 10], ["p1", 5]])}</GeneralRegressionModel>`,
    );
    const m = loadPmml(t);
    expect(m.score({ c: "m" }).y).toBe(20); // 10 + 5·2
    expect(m.score({ c: "k" }).y).toBe(10); // 10 + 5·M[k][m] = 10 + 0
  });
});

describe("GeneralRegressionModel, CoxRegression", () => {
  // H(t) = H0(t)·exp(Σβ(x − ref)); β_age = 0.1 (ref 50), β_[sex=1] = 0.5 (ref 0.4); stratum A: H0(10) = 0.1, H0(20) = 0.25.
  const t = pmml(
    [["age", "double"], ["sex", "string"], ["time", "double"], ["inst", "string"], ["h", "double"]],
    `<GeneralRegressionModel modelType="CoxRegression" functionName="regression" endTimeVariable="time" baselineStrataVariable="inst">${miningSchema(["age", "sex", "time", "inst"], ["h"])}
      <ParameterList><Parameter name="p0" referencePoint="50"/><Parameter name="p1" referencePoint="0.4"/></ParameterList>
      <FactorList><Predictor name="sex"/></FactorList><CovariateList><Predictor name="age"/></CovariateList>
      ${cells([["1", "age", "p0"], ["1", "sex", "p1"]])}${betas([["p0", 0.1], ["p1", 0.5]])}
      <BaseCumHazardTables><BaselineStratum value="A" maxTime="30"><BaselineCell time="10" cumHazard="0.1"/><BaselineCell time="20" cumHazard="0.25"/></BaselineStratum></BaseCumHazardTables>
    </GeneralRegressionModel>`,
  );
  const m = loadPmml(t);
  it("t = 15 uses the cell at time 10: 0.1·e^(6.5 − 5.2) = 0.36692966676192446", () => {
    expect(m.score({ age: 60, sex: "1", time: 15, inst: "A" }).h).toBeCloseTo(0.36692966676192446, 15);
  });
  it("before the first time H = 0; after maxTime or in an unknown stratum there is no prediction", () => {
    expect(m.score({ age: 60, sex: "1", time: 5, inst: "A" }).h).toBe(0);
    expect(m.score({ age: 60, sex: "1", time: 31, inst: "A" }).h).toBeNull();
    expect(m.score({ age: 60, sex: "1", time: 15, inst: "B" }).h).toBeNull();
  });
});
