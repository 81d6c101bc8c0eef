/**
 * The tree-ensemble fast path (segments that are plain always-true trees are walked to their
 * leaves and combined directly) must give exactly what the general segment path gives. The same
 * forest is scored twice: once as written, once with each segment predicate spelled as an
 * always-true CompoundPredicate, which the fast path does not recognise.
 */
import { describe, expect, it } from "vitest";
import { loadPmml, type Value } from "../../src/pmml/index.js";
import { miningSchema, pmml, type FieldSpec } from "./helpers.js";

let nodeIds = 0;
/** A leaf; regression leaves carry no class distribution. */
const leaf = (score: string, a: number, b: number, predicate: string, numeric: boolean) =>
  `<Node id="n${++nodeIds}" score="${score}">${predicate}${numeric ? "" : `<ScoreDistribution value="a" recordCount="${a}"/><ScoreDistribution value="b" recordCount="${b}"/>`}</Node>`;
const lt = (f: string, v: number) => `<SimplePredicate field="${f}" operator="lessThan" value="${v}"/>`;
const ge = (f: string, v: number) => `<SimplePredicate field="${f}" operator="greaterOrEqual" value="${v}"/>`;
/** An inner node whose defaultChild (for missingValueStrategy="defaultChild") is its first child. */
const inner = (predicate: string, children: string, score = "") => {
  const first = /id="(n\d+)"/.exec(children)![1]!;
  return `<Node id="n${++nodeIds}" defaultChild="${first}"${score}>${predicate}${children}</Node>`;
};

function tree(fn: string, body: string, strategy: string): string {
  return `<TreeModel functionName="${fn}" missingValueStrategy="${strategy}" noTrueChildStrategy="returnLastPrediction">${miningSchema(["x", "z"])}${inner("<True/>", body)}</TreeModel>`;
}

/** Class scores; for regression the scores are the numbers. */
function trees(numeric: boolean): string[] {
  const s = (c: string, v: number) => (numeric ? String(v) : c);
  const l = (score: string, a: number, b: number, predicate: string) => leaf(score, a, b, predicate, numeric);
  return [
    // x < 3 → a (8:2); else z < 1 → b (3:7), else a (6:4)
    l(s("a", 1.5), 8, 2, lt("x", 3)) + inner(ge("x", 3), l(s("b", -2), 3, 7, lt("z", 1)) + l(s("a", 0.25), 6, 4, ge("z", 1)), ` score="${s("b", 0)}"`),
    // z < 0 → b (1:9); else a (7:3)
    l(s("b", 3), 1, 9, lt("z", 0)) + l(s("a", -1), 7, 3, ge("z", 0)),
    // x < 5 → b (4:6); else a (9:1)
    l(s("b", 0.5), 4, 6, lt("x", 5)) + l(s("a", 4), 9, 1, ge("x", 5)),
  ];
}

const FIELDS: FieldSpec[] = [["x", "double"], ["z", "double"], ["t", "string", "categorical", `<Value value="a"/><Value value="b"/>`], ["y", "double"]];
const ALWAYS_TRUE_GENERIC = `<CompoundPredicate booleanOperator="or"><True/><False/></CompoundPredicate>`;

function forest(fn: "classification" | "regression", method: string, fast: boolean, strategy: string, extra = ""): string {
  const target = fn === "classification" ? "t" : "y";
  const segs = trees(fn === "regression")
    .map((body, i) => `<Segment id="${i + 1}" weight="${i + 1}">${fast ? "<True/>" : ALWAYS_TRUE_GENERIC}${tree(fn, body, strategy)}</Segment>`)
    .join("");
  const out =
    fn === "classification"
      ? `<Output><OutputField name="pa" optype="continuous" dataType="double" feature="probability" value="a"/><OutputField name="pb" optype="continuous" dataType="double" feature="probability" value="b"/></Output>`
      : "";
  return pmml(FIELDS, `<MiningModel functionName="${fn}">${miningSchema(["x", "z"], [target])}${out}<Segmentation multipleModelMethod="${method}" ${extra}>${segs}</Segmentation></MiningModel>`);
}

const ROWS: Record<string, Value>[] = [];
for (const x of [0, 2, 3, 4, 6, null]) for (const z of [-1, 0, 0.5, 2, null]) ROWS.push({ x, z });

function compare(text: (fast: boolean) => string): void {
  const fast = loadPmml(text(true));
  const general = loadPmml(text(false));
  const columns = { x: ROWS.map((r) => r.x), z: ROWS.map((r) => r.z) };
  const a = fast.scoreColumns(columns, ROWS.length);
  const b = general.scoreColumns(columns, ROWS.length);
  expect(a).toEqual(b);
}

describe("tree ensembles: fast path = general path", () => {
  it("by hand, x = 0, z = −1: trees say a (.8), b (.1), b (.4)", () => {
    // majorityVote: b 2 : a 1, P(a) = 1/3; average P(a) = (.8 + .1 + .4)/3 = .4333… → b;
    // weightedAverage (weights 1, 2, 3): (.8 + .2 + 1.2)/6 = .3666… → b
    for (const fast of [true, false]) {
      expect(loadPmml(forest("classification", "majorityVote", fast, "none")).score({ x: 0, z: -1 })).toEqual({ t: "b", pa: 1 / 3, pb: 2 / 3 });
      const avg = loadPmml(forest("classification", "average", fast, "none")).score({ x: 0, z: -1 });
      expect(avg.t).toBe("b");
      expect(avg.pa).toBeCloseTo(1.3 / 3, 15);
      expect(loadPmml(forest("classification", "weightedAverage", fast, "none")).score({ x: 0, z: -1 }).pa).toBeCloseTo(2.2 / 6, 15);
    }
  });

  it("regression by hand, x = 4, z = 2: leaves 0.25, −1, 0.5 → sum −0.25, weightedSum 0.25 − 2 + 1.5 = −0.25, average −1/12", () => {
    for (const fast of [true, false]) {
      expect(loadPmml(forest("regression", "sum", fast, "none")).score({ x: 4, z: 2 }).y).toBeCloseTo(-0.25, 15);
      expect(loadPmml(forest("regression", "weightedSum", fast, "none")).score({ x: 4, z: 2 }).y).toBeCloseTo(-0.25, 15);
      expect(loadPmml(forest("regression", "average", fast, "none")).score({ x: 4, z: 2 }).y).toBeCloseTo(-1 / 12, 15);
    }
  });

  for (const strategy of ["none", "lastPrediction", "nullPrediction", "defaultChild"]) {
    for (const method of ["majorityVote", "weightedMajorityVote", "average", "weightedAverage"]) {
      it(`classification, ${method}, missingValueStrategy ${strategy}`, () => {
        compare((fast) => forest("classification", method, fast, strategy));
      });
    }
    for (const method of ["sum", "weightedSum", "average", "weightedAverage"]) {
      it(`regression, ${method}, missingValueStrategy ${strategy}`, () => {
        compare((fast) => forest("regression", method, fast, strategy));
      });
    }
  }

  for (const treatment of ["returnMissing", "skipSegment", "continue"]) {
    it(`missingPredictionTreatment ${treatment}`, () => {
      const extra = `missingPredictionTreatment="${treatment}" missingThreshold="0.5"`;
      compare((fast) => forest("regression", "average", fast, "nullPrediction", extra));
      compare((fast) => forest("classification", "majorityVote", fast, "nullPrediction", extra));
    });
  }
});

describe("tree ensembles walked a block of rows at a time", () => {
  // Trees without defaultChild under missingValueStrategy="defaultChild": a missing x cannot be
  // scored. The block walk meets that while walking ahead; it must surface for that row only.
  const noDefault = `<TreeModel functionName="regression" missingValueStrategy="defaultChild">${miningSchema(["x", "z"])}<Node id="r"><True/><Node id="a" score="1">${lt("x", 3)}</Node><Node id="b" score="2">${ge("x", 3)}</Node></Node></TreeModel>`;
  const text = pmml(FIELDS, `<MiningModel functionName="regression">${miningSchema(["x", "z"], ["y"])}<Segmentation multipleModelMethod="sum"><Segment><True/>${noDefault}</Segment><Segment><True/>${noDefault}</Segment></Segmentation></MiningModel>`);

  it("scores rows 0 and 2 and reports row 1's missing defaultChild for row 1", () => {
    const m = loadPmml(text);
    expect(m.scoreColumns({ x: [1, 5] }, 2)["y"]).toEqual([2, 4]);
    expect(() => m.scoreColumns({ x: [1, null, 5] }, 3)).toThrow(/row 1: tree Node r has no defaultChild/);
  });

  it("agrees with row-by-row scoring across block boundaries (1,500 rows)", () => {
    const text = forest("classification", "weightedAverage", true, "lastPrediction");
    const m = loadPmml(text);
    const n = 1500;
    const x = Array.from({ length: n }, (_, i) => (i % 7 === 0 ? null : (i * 37) % 9));
    const z = Array.from({ length: n }, (_, i) => (i % 11 === 0 ? null : ((i * 13) % 5) - 1.5));
    const batch = m.scoreColumns({ x, z }, n);
    for (let i = 0; i < n; i += 7) expect(batch["pa"]![i]).toBe(m.score({ x: x[i], z: z[i] })["pa"]);
  });
});
