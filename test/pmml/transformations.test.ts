/**
 * Transformations: NormContinuous, NormDiscrete, Discretize, MapValues (InlineTable and a
 * TableLocator holding one), TextIndex, and DerivedField scoping.
 */
import { describe, expect, it } from "vitest";
import { loadPmml } from "../../src/pmml/index.js";
import { evaluate, pmml, ref } from "./helpers.js";

const X: [string, string][] = [["x", "double"]];
const norm = (outliers: string, extra = "") =>
  `<NormContinuous field="x" outliers="${outliers}" ${extra}><LinearNorm orig="0" norm="0"/><LinearNorm orig="10" norm="1"/><LinearNorm orig="20" norm="3"/></NormContinuous>`;

describe("NormContinuous (0→0, 10→1, 20→3)", () => {
  it("interpolates within a segment: 15 → 2", () => expect(evaluate(norm("asIs"), X, { x: 15 })).toBe(2));
  it("outside: asIs extrapolates (−5 → −0.5), asExtremeValues clamps (0), asMissingValues gives mapMissingTo", () => {
    expect(evaluate(norm("asIs"), X, { x: -5 })).toBe(-0.5);
    expect(evaluate(norm("asIs"), X, { x: 25 })).toBe(4);
    expect(evaluate(norm("asExtremeValues"), X, { x: -5 })).toBe(0);
    expect(evaluate(norm("asMissingValues", `mapMissingTo="-1"`), X, { x: 25 })).toBe(-1);
    expect(evaluate(norm("asIs", `mapMissingTo="-1"`), X, { x: null })).toBe(-1);
  });
});

describe("NormDiscrete and Discretize", () => {
  it("NormDiscrete is 1 for the value, 0 otherwise, mapMissingTo when missing", () => {
    const nd = `<NormDiscrete field="c" value="red" mapMissingTo="0.5"/>`;
    expect(evaluate(nd, [["c", "string"]], { c: "red" })).toBe(1);
    expect(evaluate(nd, [["c", "string"]], { c: "blue" })).toBe(0);
    expect(evaluate(nd, [["c", "string"]], { c: null })).toBe(0.5);
  });
  it("Discretize: (−∞, 10) low, [10, 20] mid, otherwise defaultValue high; missing → mapMissingTo", () => {
    const d = `<Discretize field="x" defaultValue="high" mapMissingTo="none">
      <DiscretizeBin binValue="low"><Interval closure="openOpen" rightMargin="10"/></DiscretizeBin>
      <DiscretizeBin binValue="mid"><Interval closure="closedClosed" leftMargin="10" rightMargin="20"/></DiscretizeBin></Discretize>`;
    expect([5, 10, 20, 21].map((x) => evaluate(d, X, { x }))).toEqual(["low", "mid", "mid", "high"]);
    expect(evaluate(d, X, { x: null })).toBe("none");
  });
});

describe("MapValues", () => {
  const table = `<InlineTable><row><a>1</a><b>x</b><out>one-x</out></row><row><a>1</a><b>y</b><out>one-y</out></row><row><a>2</a><b>x</b><out>two-x</out></row></InlineTable>`;
  const mv = (content: string) =>
    `<MapValues outputColumn="out" defaultValue="other" mapMissingTo="gap"><FieldColumnPair field="n" column="a"/><FieldColumnPair field="s" column="b"/>${content}</MapValues>`;
  const fields: [string, string][] = [["n", "integer"], ["s", "string"]];
  it("looks up several key columns, typed (the integer 1 matches the cell '1')", () => {
    expect(evaluate(mv(table), fields, { n: 1, s: "y" })).toBe("one-y");
    expect(evaluate(mv(table), fields, { n: "2", s: "x" })).toBe("two-x");
    expect(evaluate(mv(table), fields, { n: 3, s: "x" })).toBe("other");
    expect(evaluate(mv(table), fields, { n: null, s: "x" })).toBe("gap");
  });
  it("reads an InlineTable carried by a TableLocator's Extension; an external TableLocator is refused", () => {
    const located = `<TableLocator><Extension name="table">${table}</Extension></TableLocator>`;
    expect(evaluate(mv(located), fields, { n: 2, s: "x" })).toBe("two-x");
    expect(() => evaluate(mv(`<TableLocator/>`), fields, { n: 2, s: "x" })).toThrow(/TableLocator referring to an external table/);
  });
  it("typed output: dataType double", () => {
    const d = `<MapValues outputColumn="v" dataType="double"><FieldColumnPair field="s" column="k"/><InlineTable><row><k>a</k><v>1.5</v></row></InlineTable></MapValues>`;
    expect(evaluate(d, [["s", "string"]], { s: "a" })).toBe(1.5);
  });
});

describe("TextIndex", () => {
  const ti = (term: string, attrs = "", normalization = "") =>
    `<TextIndex textField="doc" ${attrs}>${normalization}<Constant dataType="string">${term}</Constant></TextIndex>`;
  const doc = "The cat sat. The CAT ran, the dog sat!";
  const f: [string, string][] = [["doc", "string"]];
  it("termFrequency counts tokens case-insensitively after trimming punctuation: cat → 2, sat → 2", () => {
    expect(evaluate(ti("cat"), f, { doc })).toBe(2);
    expect(evaluate(ti("sat"), f, { doc })).toBe(2);
    expect(evaluate(ti("cat", `isCaseSensitive="true"`), f, { doc })).toBe(1);
  });
  it("binary caps at 1, logarithmic is log10(1 + tf); multi-word terms match token sequences", () => {
    expect(evaluate(ti("the", `localTermWeights="binary"`), f, { doc })).toBe(1);
    expect(evaluate(ti("the", `localTermWeights="logarithmic"`), f, { doc })).toBeCloseTo(Math.log10(4), 15);
    expect(evaluate(ti("the cat"), f, { doc })).toBe(2);
  });
  it("maxLevenshteinDistance 1 also counts 'car' and 'cut' for 'cat'", () => {
    expect(evaluate(ti("cat", `maxLevenshteinDistance="1"`), f, { doc: "cat car cut dog" })).toBe(3);
  });
  it("TextIndexNormalization replaces before tokenising (regex rows, recursive)", () => {
    const table = `<TextIndexNormalization recursive="true"><InlineTable><row><string>dogs?</string><stem>hound</stem><regex>true</regex></row><row><string>hounds</string><stem>hound</stem></row></InlineTable></TextIndexNormalization>`;
    expect(evaluate(ti("hound", "", table), f, { doc: "dog dogs hounds" })).toBe(3);
  });
  it("JPMML's x-wordRE tokenises by matching words", () => {
    expect(evaluate(ti("b2", `x-wordRE="\\w+"`), f, { doc: "a-b2=b2" })).toBe(2);
  });
});

describe("DerivedField scoping", () => {
  it("local fields may use dictionary fields and each other in any order; self-reference is an error", () => {
    const text = (local: string) =>
      pmml(
        [["x", "double"], ["y", "double"]],
        `<TransformationDictionary><DerivedField name="d" optype="continuous" dataType="double"><Apply function="*">${ref("x")}<Constant>2</Constant></Apply></DerivedField></TransformationDictionary>
        <RegressionModel functionName="regression"><MiningSchema><MiningField name="x"/><MiningField name="y" usageType="target"/></MiningSchema>
        <LocalTransformations>${local}</LocalTransformations>
        <RegressionTable intercept="0"><NumericPredictor name="b" coefficient="1"/></RegressionTable></RegressionModel>`,
      );
    const ok = `<DerivedField name="b" optype="continuous" dataType="double"><Apply function="+">${ref("a")}<Constant>1</Constant></Apply></DerivedField><DerivedField name="a" optype="continuous" dataType="double">${ref("d")}</DerivedField>`;
    expect(loadPmml(text(ok)).score({ x: 3 }).y).toBe(7);
    const loop = `<DerivedField name="b" optype="continuous" dataType="double">${ref("b")}</DerivedField>`;
    expect(() => loadPmml(text(loop))).toThrow(/refers to itself/);
  });
});
