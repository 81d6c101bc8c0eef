/**
 * NaiveBayesModel, SupportVectorMachineModel and NearestNeighborModel on small hand-worked cases.
 */
import { describe, expect, it } from "vitest";
import { loadPmml } from "../../src/pmml/index.js";
import { miningSchema, pmml, type FieldSpec } from "./helpers.js";

describe("NaiveBayesModel", () => {
  // Classes yes (6), no (4). color: red yes 4 / no 1, blue yes 2 / no 3 (sums 6 and 4).
  // age | yes ~ N(30, 5²), age | no ~ N(40, 10²).
  const text = (blueYes = 2) =>
    pmml(
      [["color", "string"], ["age", "double"], ["t", "string", "categorical", `<Value value="yes"/><Value value="no"/>`]],
      `<NaiveBayesModel functionName="classification" threshold="0.001">${miningSchema(["color", "age"], ["t"])}
        <Output><OutputField name="pyes" optype="continuous" dataType="double" feature="probability" value="yes"/></Output>
        <BayesInputs>
          <BayesInput fieldName="color">
            <PairCounts value="red"><TargetValueCounts><TargetValueCount value="yes" count="4"/><TargetValueCount value="no" count="1"/></TargetValueCounts></PairCounts>
            <PairCounts value="blue"><TargetValueCounts><TargetValueCount value="yes" count="${blueYes}"/><TargetValueCount value="no" count="3"/></TargetValueCounts></PairCounts>
          </BayesInput>
          <BayesInput fieldName="age"><TargetValueStats>
            <TargetValueStat value="yes"><GaussianDistribution mean="30" variance="25"/></TargetValueStat>
            <TargetValueStat value="no"><GaussianDistribution mean="40" variance="100"/></TargetValueStat>
          </TargetValueStats></BayesInput>
        </BayesInputs>
        <BayesOutput fieldName="t"><TargetValueCounts><TargetValueCount value="yes" count="6"/><TargetValueCount value="no" count="4"/></TargetValueCounts></BayesOutput>
      </NaiveBayesModel>`,
    );
  it("L(yes) = 6·4/6·N(35; 30, 5), L(no) = 4·1/4·N(35; 40, 10); P(yes) = 0.8461139359292633", () => {
    const r = loadPmml(text()).score({ color: "red", age: 35 });
    expect(r.t).toBe("yes");
    expect(r.pyes).toBeCloseTo(0.8461139359292633, 14);
  });
  it("a zero count takes the threshold (0.001): blue with yes 0 → P(yes) = 0.002741619971113228", () => {
    expect(loadPmml(text(0)).score({ color: "blue", age: 35 }).pyes).toBeCloseTo(0.002741619971113228, 14);
  });
  it("missing inputs are ignored: only the prior counts remain (6 : 4)", () => {
    expect(loadPmml(text()).score({ color: null, age: null }).pyes).toBeCloseTo(0.6, 15);
  });
});

describe("SupportVectorMachineModel", () => {
  const dict = `<VectorDictionary><VectorFields><FieldRef field="x1"/><FieldRef field="x2"/></VectorFields>
    <VectorInstance id="v1"><Array n="2" type="real">1 0</Array></VectorInstance>
    <VectorInstance id="v2"><REAL-SparseArray n="2"><Indices>2</Indices><REAL-Entries>1</REAL-Entries></REAL-SparseArray></VectorInstance></VectorDictionary>`;
  const three: FieldSpec = ["t", "string", "categorical", `<Value value="a"/><Value value="b"/><Value value="c"/>`];
  it("one against one, linear kernel: f = K(x, v1) − K(x, v2) + 0.5 = x1 − x2 + 0.5; f < 0 votes a", () => {
    const text = pmml(
      [["x1", "double"], ["x2", "double"], three],
      `<SupportVectorMachineModel functionName="classification" classificationMethod="OneAgainstOne">${miningSchema(["x1", "x2"], ["t"])}
        <Output><OutputField name="pa" optype="continuous" dataType="double" feature="probability" value="a"/></Output>
        <LinearKernelType/>${dict}
        <SupportVectorMachine targetCategory="a" alternateTargetCategory="b"><SupportVectors><SupportVector vectorId="v1"/><SupportVector vectorId="v2"/></SupportVectors>
          <Coefficients absoluteValue="0.5"><Coefficient value="1"/><Coefficient value="-1"/></Coefficients></SupportVectorMachine>
      </SupportVectorMachineModel>`,
    );
    const m = loadPmml(text);
    expect(m.score({ x1: 0, x2: 1 })).toEqual({ t: "a", pa: 1 }); // f = −0.5
    expect(m.score({ x1: 1, x2: 0 })).toEqual({ t: "b", pa: 0 }); // f = 1.5
  });
  it("one against all, Coefficients representation: the smallest decision value wins (largest with maxWins)", () => {
    const machine = (cat: string, c1: number, c2: number, b: number) =>
      `<SupportVectorMachine targetCategory="${cat}"><Coefficients absoluteValue="${b}"><Coefficient value="${c1}"/><Coefficient value="${c2}"/></Coefficients></SupportVectorMachine>`;
    const text = (maxWins: boolean) =>
      pmml(
        [["x1", "double"], ["x2", "double"], three],
        `<SupportVectorMachineModel functionName="classification" svmRepresentation="Coefficients" classificationMethod="OneAgainstAll" maxWins="${maxWins}">${miningSchema(["x1", "x2"], ["t"])}
          <LinearKernelType/><VectorDictionary><VectorFields><FieldRef field="x1"/><FieldRef field="x2"/></VectorFields></VectorDictionary>
          ${machine("a", 1, 0, 0)}${machine("b", 0, 1, 0)}${machine("c", 0, 0, 0.3)}</SupportVectorMachineModel>`,
      );
    // f_a = 0.5, f_b = 0.2, f_c = 0.3
    expect(loadPmml(text(false)).score({ x1: 0.5, x2: 0.2 }).t).toBe("b");
    expect(loadPmml(text(true)).score({ x1: 0.5, x2: 0.2 }).t).toBe("a");
  });
  it("regression with kernels: RBF γ = 0.5 at (1, 1) vs (0, 0): 2·e^−1 + 1; polynomial and sigmoid", () => {
    const reg = (kernel: string) =>
      loadPmml(
        pmml(
          [["x1", "double"], ["x2", "double"], ["y", "double"]],
          `<SupportVectorMachineModel functionName="regression">${miningSchema(["x1", "x2"], ["y"])}${kernel}
            <VectorDictionary><VectorFields><FieldRef field="x1"/><FieldRef field="x2"/></VectorFields><VectorInstance id="o"><Array n="2" type="real">0 0</Array></VectorInstance></VectorDictionary>
            <SupportVectorMachine><SupportVectors><SupportVector vectorId="o"/></SupportVectors><Coefficients absoluteValue="1"><Coefficient value="2"/></Coefficients></SupportVectorMachine>
          </SupportVectorMachineModel>`,
        ),
      ).score({ x1: 1, x2: 1 }).y;
    expect(reg(`<RadialBasisKernelType gamma="0.5"/>`)).toBeCloseTo(1.7357588823428847, 15);
    expect(reg(`<PolynomialKernelType gamma="1" coef0="1" degree="2"/>`)).toBe(3); // 2·(0 + 1)² + 1
    expect(reg(`<SigmoidKernelType gamma="1" coef0="0"/>`)).toBe(1); // 2·tanh(0) + 1
  });
});

describe("NearestNeighborModel", () => {
  // Training: (x 1, y 10, c a), (2, 20, b), (4, 40, b), (10, 100, a). Query x = 2.5: distances 1.5, 0.5, 1.5, 7.5.
  const text = (k: number, continuous = "average", categorical = "majorityVote") =>
    pmml(
      [["x", "double"], ["y", "double"], ["c", "string", "categorical", `<Value value="a"/><Value value="b"/>`]],
      `<NearestNeighborModel functionName="mixed" numberOfNeighbors="${k}" continuousScoringMethod="${continuous}" categoricalScoringMethod="${categorical}">${miningSchema(["x"], ["y", "c"])}
        <Output><OutputField name="n1" optype="categorical" dataType="string" feature="entityId" rank="1"/><OutputField name="n2" optype="categorical" dataType="string" feature="entityId" rank="2"/><OutputField name="d1" optype="continuous" dataType="double" feature="affinity" rank="1"/></Output>
        <TrainingInstances><InstanceFields><InstanceField field="x" column="x"/><InstanceField field="y" column="y"/><InstanceField field="c" column="c"/></InstanceFields>
          <InlineTable><row><x>1</x><y>10</y><c>a</c></row><row><x>2</x><y>20</y><c>b</c></row><row><x>4</x><y>40</y><c>b</c></row><row><x>10</x><y>100</y><c>a</c></row></InlineTable></TrainingInstances>
        <ComparisonMeasure kind="distance"><euclidean/></ComparisonMeasure><KNNInputs><KNNInput field="x"/></KNNInputs>
      </NearestNeighborModel>`,
    );
  it("k = 2: neighbours rows 2 and 1 (a tie at 1.5 keeps training order); y = 15; a 1:1 vote goes to the larger class, then the smaller value (a)", () => {
    expect(loadPmml(text(2)).score({ x: 2.5 })).toEqual({ y: 15, c: "a", n1: "2", n2: "1", d1: 0.5 });
  });
  it("k = 3: y = (20 + 10 + 40)/3, c = b; median 20; weighted average with weights 1/(d + 0.001)", () => {
    expect(loadPmml(text(3)).score({ x: 2.5 })).toMatchObject({ c: "b" });
    expect(loadPmml(text(3)).score({ x: 2.5 }).y).toBeCloseTo(70 / 3, 14);
    expect(loadPmml(text(3, "median")).score({ x: 2.5 }).y).toBe(20);
    expect(loadPmml(text(3, "weightedAverage")).score({ x: 2.5 }).y).toBeCloseTo(22.001598082301232, 13);
  });
});
