/**
 * The public API around scoring: field metadata, score vs scoreColumns, options, and the CSV
 * reader, writer and scoreCsv helper.
 */
import { describe, expect, it } from "vitest";
import { loadPmml, parseCsv, PmmlError, scoreCsv, writeCsv } from "../../src/pmml/index.js";
import { miningSchema, pmml } from "./helpers.js";

const FIELDS: [string, string, string?, string?][] = [
  ["x", "double"],
  ["colour", "string", "categorical", '<Value value="red"/><Value value="blue"/>'],
  ["class", "string", "categorical", '<Value value="a"/><Value value="b"/>'],
];

/**
 * x < 5 → "a" with counts a:3, b:1 (P(a) = 0.75); otherwise "b" with a:1, b:3 (P(b) = 0.75).
 * colour is an active field the tree does not split on (it shows in inputFields).
 */
const TREE = `<TreeModel functionName="classification" missingValueStrategy="nullPrediction">${miningSchema(["x", "colour"], ["class"])}
<Output>
  <OutputField name="P_a" optype="continuous" dataType="double" feature="probability" value="a"/>
  <OutputField name="node" optype="categorical" dataType="string" feature="entityId"/>
  <OutputField name="hidden" optype="continuous" dataType="double" feature="probability" value="b" isFinalResult="false"/>
</Output>
<Node id="root"><True/>
  <Node id="left" score="a"><SimplePredicate field="x" operator="lessThan" value="5"/>
    <ScoreDistribution value="a" recordCount="3"/><ScoreDistribution value="b" recordCount="1"/></Node>
  <Node id="right" score="b"><SimplePredicate field="x" operator="greaterOrEqual" value="5"/>
    <ScoreDistribution value="a" recordCount="1"/><ScoreDistribution value="b" recordCount="3"/></Node>
</Node></TreeModel>`;

const tree = (): ReturnType<typeof loadPmml> => loadPmml(pmml(FIELDS, TREE));

describe("model metadata", () => {
  it("describes inputs, targets and outputs", () => {
    const m = tree();
    expect(m.modelElement).toBe("TreeModel");
    expect(m.functionName).toBe("classification");
    expect(m.inputFields.map((f) => [f.name, f.dataType, f.optype])).toEqual([
      ["x", "double", "continuous"],
      ["colour", "string", "categorical"],
    ]);
    expect(m.inputFields[1]!.values).toEqual(["red", "blue"]);
    expect(m.targetFields).toEqual([{ name: "class", dataType: "string", optype: "categorical", categories: ["a", "b"], synthetic: false }]);
    expect(m.outputFields.map((f) => [f.name, f.feature])).toEqual([
      ["P_a", "probability"],
      ["node", "entityId"],
    ]);
    expect(m.resultFieldNames).toEqual(["class", "P_a", "node"]);
  });

  it("includes non-final outputs on request", () => {
    const m = loadPmml(pmml(FIELDS, TREE), { includeNonFinalOutputs: true });
    expect(m.resultFieldNames).toEqual(["class", "P_a", "node", "hidden"]);
    expect(m.score({ x: 1 })["hidden"]).toBe(0.25);
  });

  it("adds output fields the document does not declare (extraOutputs)", () => {
    const m = loadPmml(pmml(FIELDS, TREE), { extraOutputs: [{ name: "P_b", feature: "probability", value: "b" }] });
    expect(m.score({ x: 7 })["P_b"]).toBe(0.75);
  });
});

describe("score and scoreColumns", () => {
  it("score gives targets and outputs; missing x gives the null prediction", () => {
    const m = tree();
    expect(m.score({ x: 1, colour: "red" })).toEqual({ class: "a", P_a: 0.75, node: "left" });
    expect(m.score({ x: 9 })).toEqual({ class: "b", P_a: 0.25, node: "right" });
    expect(m.score({})).toEqual({ class: null, P_a: null, node: null });
  });

  it("scoreColumns agrees with score row by row, for arrays and typed arrays (NaN is missing)", () => {
    const m = tree();
    const xs = [1, 9, Number.NaN, 5, 4.999];
    const typed = Float64Array.from(xs);
    const byColumns = m.scoreColumns({ x: xs }, xs.length);
    const byTyped = m.scoreColumns({ x: typed }, xs.length);
    xs.forEach((x, i) => {
      const one = m.score({ x });
      for (const name of m.resultFieldNames) {
        expect(byColumns[name]![i]).toEqual(one[name]);
        expect(byTyped[name]![i]).toEqual(one[name]);
      }
    });
    expect(byColumns["class"]).toEqual(["a", "b", null, "b", "a"]);
  });

  it("reads numbers given as text", () => {
    expect(tree().score({ x: "4.5" })["class"]).toBe("a");
  });

  it("an invalid value under returnInvalid throws with the row number, or gives missing results", () => {
    const body = TREE.replace('<MiningField name="colour"/>', '<MiningField name="colour" invalidValueTreatment="returnInvalid"/>');
    const m = loadPmml(pmml(FIELDS, body));
    let error: unknown;
    try {
      m.scoreColumns({ x: [1, 1], colour: ["red", "green"] }, 2);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PmmlError);
    expect((error as PmmlError).code).toBe("PMML_INVALID_VALUE");
    expect((error as PmmlError).details["row"]).toBe(1);
    const lenient = m.scoreColumns({ x: [1, 1], colour: ["red", "green"] }, 2, { onInvalidValue: "missing" });
    expect(lenient["class"]).toEqual(["a", null]);
  });

  it("names the prediction of a model without a target only when asked (syntheticTargetName)", () => {
    // One-dimensional k-means with centres 0 and 10: x = 3 is nearer the first cluster.
    const clustering = `<ClusteringModel functionName="clustering" modelClass="centerBased" numberOfClusters="2">${miningSchema(["x"])}
<ComparisonMeasure kind="distance"><squaredEuclidean/></ComparisonMeasure>
<ClusteringField field="x"/>
<Cluster id="c0"><Array n="1" type="real">0</Array></Cluster><Cluster id="c1"><Array n="1" type="real">10</Array></Cluster>
</ClusteringModel>`;
    const fields: [string, string][] = [["x", "double"]];
    expect(loadPmml(pmml(fields, clustering)).resultFieldNames).toEqual([]);
    const named = loadPmml(pmml(fields, clustering), { syntheticTargetName: "cluster" });
    expect(named.targetFields[0]!.synthetic).toBe(true);
    expect(named.score({ x: 3 })).toEqual({ cluster: "c0" });
  });

  it("gives dates as ISO-8601 text", () => {
    const fields: [string, string][] = [
      ["d", "date"],
      ["y", "double"],
    ];
    const body = `<RegressionModel functionName="regression">${miningSchema(["d"], ["y"])}<Output><OutputField name="same" feature="transformedValue" dataType="date" optype="continuous"><FieldRef field="d"/></OutputField></Output><RegressionTable intercept="0"/></RegressionModel>`;
    expect(loadPmml(pmml(fields, body)).score({ d: "2024-02-29" })["same"]).toBe("2024-02-29");
  });
});

describe("CSV", () => {
  it("parses quotes, doubled quotes, separators and line breaks inside quotes, CRLF and a BOM", () => {
    const text = '\uFEFFa,b,c\r\n1,"x, y","say ""hi"""\r\n2,"two\nlines",\n';
    expect(parseCsv(text)).toEqual([
      ["a", "b", "c"],
      ["1", "x, y", 'say "hi"'],
      ["2", "two\nlines", ""],
    ]);
  });

  it("accepts LF-only and a last line without a line break, and other separators", () => {
    expect(parseCsv("a;b\n1;2", ";")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });

  it("rejects an unclosed quote and text after a closing quote", () => {
    expect(() => parseCsv('a\n"open')).toThrow(/not closed/);
    expect(() => parseCsv('a\n"x"y')).toThrow(/after a closing quote/);
  });

  it("writes RFC 4180: quotes only where needed, CRLF, empty for missing", () => {
    expect(writeCsv(["n", "s"], [[1.5, 'a "q"'], [null, "x,y"], [Number.NaN, "line\nbreak"]])).toBe(
      'n,s\r\n1.5,"a ""q"""\r\n,"x,y"\r\nNaN,"line\nbreak"\r\n',
    );
  });

  it("round-trips what it writes", () => {
    const rows = [["a,b", '"', "\r\n", ""]];
    expect(parseCsv(writeCsv(["1", "2", "3", "4"], rows))).toEqual([["1", "2", "3", "4"], ...rows]);
  });
});

describe("scoreCsv", () => {
  const model = pmml(FIELDS, TREE);

  it("writes one row per input row: targets, then outputs; NA, N/A and empty are missing", () => {
    const input = "id,x,colour\n1,1,red\n2,9,blue\n3,NA,red\n4,N/A,\n5,,blue\n";
    expect(scoreCsv(model, input)).toBe(
      "class,P_a,node\r\na,0.75,left\r\nb,0.25,right\r\n,,\r\n,,\r\n,,\r\n",
    );
  });

  it("keeps chosen input columns in front", () => {
    const out = scoreCsv(model, "id,x\r\n7,1\r\n", { keepColumns: ["id"] });
    expect(out).toBe("id,class,P_a,node\r\n7,a,0.75,left\r\n");
    expect(() => scoreCsv(model, "x\n1\n", { keepColumns: ["id"] })).toThrow(/no column "id"/);
  });

  it("uses the given separator and missing-value tokens", () => {
    const out = scoreCsv(model, "x;colour\n-;red\n2;blue\n", { separator: ";", missingValues: ["-"] });
    expect(out).toBe("class;P_a;node\r\n;;\r\na;0.75;left\r\n");
  });
});
