/**
 * MiningModel: every multipleModelMethod, the missing prediction treatments, model chains and
 * segment outputs, on segments whose predictions are fixed (one-node trees), so the combinations
 * are easy to follow by hand.
 */
import { describe, expect, it } from "vitest";
import { loadPmml } from "../../src/pmml/index.js";
import { miningSchema, pmml, type FieldSpec } from "./helpers.js";

const REG: FieldSpec[] = [["x", "double"], ["y", "double"]];
const constTree = (score: number | null, predicate = "<True/>") =>
  `<TreeModel functionName="regression">${miningSchema(["x"])}<Node${score === null ? "" : ` score="${score}"`}>${predicate}</Node></TreeModel>`;

function regression(method: string, scores: (number | null)[], weights = [1, 2, 3], extra = ""): string {
  const segs = scores.map((s, i) => `<Segment id="s${i + 1}" weight="${weights[i]}"><True/>${constTree(s)}</Segment>`).join("");
  return pmml(REG, `<MiningModel functionName="regression">${miningSchema(["x"], ["y"])}<Segmentation multipleModelMethod="${method}" ${extra}>${segs}</Segmentation></MiningModel>`);
}
const y = (text: string) => loadPmml(text).score({ x: 0 }).y;

describe("MiningModel regression methods on predictions 1, 2, 6 with weights 1, 2, 3", () => {
  it("average 3, weightedAverage 23/6, median 2, weightedMedian 2, sum 9, weightedSum 23, max 6", () => {
    expect(y(regression("average", [1, 2, 6]))).toBe(3);
    expect(y(regression("weightedAverage", [1, 2, 6]))).toBeCloseTo(23 / 6, 15);
    expect(y(regression("median", [1, 2, 6]))).toBe(2);
    // weights 1, 2, 3 (total 6): the cumulative weight reaches half (3) at 2.
    expect(y(regression("weightedMedian", [1, 2, 6]))).toBe(2);
    expect(y(regression("sum", [1, 2, 6]))).toBe(9);
    expect(y(regression("weightedSum", [1, 2, 6]))).toBe(23);
    expect(y(regression("max", [1, 2, 6]))).toBe(6);
  });
  it("missing predictions: returnMissing → none; skipSegment skips (up to missingThreshold); the tree fast path agrees", () => {
    expect(y(regression("average", [1, null, 6]))).toBeNull();
    expect(y(regression("average", [1, null, 6], [1, 2, 3], `missingPredictionTreatment="skipSegment"`))).toBe(3.5);
    // 2 of 6 weight missing = 0.33 > 0.3 → no prediction.
    expect(y(regression("average", [1, null, 6], [1, 2, 3], `missingPredictionTreatment="skipSegment" missingThreshold="0.3"`))).toBeNull();
  });
  it("selectFirst takes the first segment whose predicate is true", () => {
    const segs = `<Segment id="a"><SimplePredicate field="x" operator="greaterThan" value="10"/>${constTree(1)}</Segment><Segment id="b"><True/>${constTree(2)}</Segment>`;
    const text = pmml(REG, `<MiningModel functionName="regression">${miningSchema(["x"], ["y"])}<Segmentation multipleModelMethod="selectFirst">${segs}</Segmentation></MiningModel>`);
    expect(loadPmml(text).score({ x: 0 }).y).toBe(2);
    expect(loadPmml(text).score({ x: 20 }).y).toBe(1);
  });
  it("selectAll scores every segment; OutputField@segmentId reads one", () => {
    const out = `<Output><OutputField name="third" optype="continuous" dataType="double" feature="predictedValue" segmentId="s3"/></Output>`;
    const text = regression("selectAll", [1, 2, 6]).replace(`<Segmentation`, `${out}<Segmentation`);
    expect(loadPmml(text).score({ x: 0 })).toEqual({ y: null, third: 6 });
  });
  it("modelChain: a later segment reads an earlier segment's output field; the last result is the model's", () => {
    const seg1 = `<Segment id="1"><True/><TreeModel functionName="regression">${miningSchema(["x"])}<Output><OutputField name="o1" optype="continuous" dataType="double" feature="predictedValue"/></Output><Node score="5"><True/></Node></TreeModel></Segment>`;
    const seg2 = `<Segment id="2"><True/><RegressionModel functionName="regression">${miningSchema(["o1"])}<Output><OutputField name="o2" optype="continuous" dataType="double" feature="predictedValue"/></Output><RegressionTable intercept="1"><NumericPredictor name="o1" coefficient="2"/></RegressionTable></RegressionModel></Segment>`;
    const text = pmml(REG, `<MiningModel functionName="regression">${miningSchema(["x"], ["y"])}<Segmentation multipleModelMethod="modelChain">${seg1}${seg2}</Segmentation></MiningModel>`);
    const m = loadPmml(text);
    // The last segment's output fields are results of the whole model (as in JPMML).
    expect(m.score({ x: 0 })).toEqual({ y: 11, o2: 11 });
  });
});

const CLS: FieldSpec[] = [["x", "double"], ["t", "string", "categorical", `<Value value="a"/><Value value="b"/>`]];
const clsTree = (score: string, pa: number) =>
  `<TreeModel functionName="classification">${miningSchema(["x"])}<Node score="${score}"><True/><ScoreDistribution value="a" recordCount="${pa * 100}"/><ScoreDistribution value="b" recordCount="${(1 - pa) * 100}"/></Node></TreeModel>`;

function classification(method: string, weights = [1, 1, 2]): string {
  // Segments: a (P(a) 0.6), b (0.3), b (0.45).
  const segs = [clsTree("a", 0.6), clsTree("b", 0.3), clsTree("b", 0.45)].map((t, i) => `<Segment weight="${weights[i]}"><True/>${t}</Segment>`).join("");
  const out = `<Output><OutputField name="pa" optype="continuous" dataType="double" feature="probability" value="a"/></Output>`;
  return pmml(CLS, `<MiningModel functionName="classification">${miningSchema(["x"], ["t"])}${out}<Segmentation multipleModelMethod="${method}">${segs}</Segmentation></MiningModel>`);
}
const cls = (text: string) => loadPmml(text).score({ x: 0 });

describe("MiningModel classification methods on segments a (P(a) .6), b (.3), b (.45)", () => {
  it("majorityVote: b 2 : a 1; P(a) = 1/3. weightedMajorityVote (1, 1, 2): a 1 : b 3; P(a) = 1/4", () => {
    expect(cls(classification("majorityVote"))).toEqual({ t: "b", pa: 1 / 3 });
    expect(cls(classification("weightedMajorityVote"))).toEqual({ t: "b", pa: 0.25 });
  });
  it("average: P(a) = 0.45 → b; weightedAverage with weights 3, 1, 1: P(a) = 2.55/5 = 0.51 → a", () => {
    const avg = cls(classification("average"));
    expect(avg.t).toBe("b");
    expect(avg.pa).toBeCloseTo(0.45, 15);
    const wavg = cls(classification("weightedAverage", [3, 1, 1]));
    expect(wavg.t).toBe("a");
    expect(wavg.pa).toBeCloseTo(0.51, 15);
  });
  it("max: the largest class probability is P(b) = 0.7 of the second segment, whose distribution is taken", () => {
    expect(cls(classification("max"))).toMatchObject({ t: "b", pa: 0.3 });
  });
  it("median: medians P(a) .45, P(b) .55 → b, with the distribution of the segment at the median (P(a) .45)", () => {
    const r = cls(classification("median"));
    expect(r.t).toBe("b");
    expect(r.pa).toBeCloseTo(0.45, 15);
  });
  it("a vote tie goes to the class voted for first", () => {
    const segs = [clsTree("b", 0.3), clsTree("a", 0.6)].map((t) => `<Segment><True/>${t}</Segment>`).join("");
    const text = pmml(CLS, `<MiningModel functionName="classification">${miningSchema(["x"], ["t"])}<Segmentation multipleModelMethod="majorityVote">${segs}</Segmentation></MiningModel>`);
    expect(loadPmml(text).score({ x: 0 }).t).toBe("b");
  });
});
