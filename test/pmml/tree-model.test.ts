/**
 * TreeModel: missing value strategies, no-true-child strategies, distributions and confidences,
 * worked out by hand on one small tree:
 *
 *   root (score a; 100 records: a 53, b 47)
 *   ├─ N1  x < 5   (60 records: a 45, b 15; score a)
 *   │   ├─ N11 y = "u"   (40: a 36, b 4; score a)
 *   │   └─ N12 y ≠ "u"   (20: a 9,  b 11; score b)
 *   └─ N2  x ≥ 5   (40 records: a 8, b 32; score b)
 */
import { describe, expect, it } from "vitest";
import { loadPmml } from "../../src/pmml/index.js";
import { miningSchema, pmml, type FieldSpec } from "./helpers.js";

const FIELDS: FieldSpec[] = [
  ["x", "double"],
  ["y", "string"],
  ["t", "string", "categorical", `<Value value="a"/><Value value="b"/>`],
];

const dist = (a: number, b: number, conf = "") => `<ScoreDistribution value="a" recordCount="${a}"${conf}/><ScoreDistribution value="b" recordCount="${b}"/>`;

function tree(attrs: string, rootExtra = ""): string {
  const output = `<Output><OutputField name="pa" optype="continuous" dataType="double" feature="probability" value="a"/><OutputField name="pb" optype="continuous" dataType="double" feature="probability" value="b"/><OutputField name="node" optype="categorical" dataType="string" feature="entityId"/><OutputField name="conf" optype="continuous" dataType="double" feature="confidence"/></Output>`;
  return pmml(
    FIELDS,
    `<TreeModel functionName="classification" ${attrs}>${miningSchema(["x", "y"], ["t"])}${output}
      <Node id="root" score="a" recordCount="100" ${rootExtra}><True/>${dist(53, 47)}
        <Node id="N1" score="a" recordCount="60"><SimplePredicate field="x" operator="lessThan" value="5"/>${dist(45, 15)}
          <Node id="N11" score="a" recordCount="40"><SimplePredicate field="y" operator="equal" value="u"/>${dist(36, 4)}</Node>
          <Node id="N12" score="b" recordCount="20"><SimplePredicate field="y" operator="notEqual" value="u"/>${dist(9, 11)}</Node>
        </Node>
        <Node id="N2" score="b" recordCount="40"><SimplePredicate field="x" operator="greaterOrEqual" value="5"/><ScoreDistribution value="a" recordCount="8" confidence="0.1"/><ScoreDistribution value="b" recordCount="32" confidence="0.9"/></Node>
      </Node></TreeModel>`,
  );
}

describe("TreeModel", () => {
  it("follows the first true child to a leaf; probabilities are record count shares", () => {
    const m = loadPmml(tree(""));
    expect(m.score({ x: 3, y: "u" })).toEqual({ t: "a", pa: 0.9, pb: 0.1, node: "N11", conf: 0.9 });
    // N2: 32/40 = 0.8; its ScoreDistribution gives the confidence 0.9 explicitly.
    expect(m.score({ x: 7, y: "u" })).toMatchObject({ t: "b", pb: 0.8, node: "N2", conf: 0.9 });
  });

  it("lastPrediction: a missing split value stops at the current node (the root: a, 53/100)", () => {
    const m = loadPmml(tree(`missingValueStrategy="lastPrediction"`));
    expect(m.score({ x: null, y: "u" })).toMatchObject({ t: "a", pa: 0.53, node: "root" });
  });

  it("nullPrediction gives no prediction", () => {
    expect(loadPmml(tree(`missingValueStrategy="nullPrediction"`)).score({ x: null })).toMatchObject({ t: null, pa: null, node: null });
  });

  it("none: UNKNOWN counts as FALSE, then noTrueChildStrategy decides", () => {
    expect(loadPmml(tree(`missingValueStrategy="none"`)).score({ x: null }).t).toBeNull();
    expect(loadPmml(tree(`missingValueStrategy="none" noTrueChildStrategy="returnLastPrediction"`)).score({ x: null })).toMatchObject({ t: "a", node: "root" });
  });

  it("defaultChild continues in the default child and multiplies confidences by missingValuePenalty", () => {
    const m = loadPmml(tree(`missingValueStrategy="defaultChild" missingValuePenalty="0.8"`, `defaultChild="N2"`));
    // N2, confidence 0.9 × 0.8 = 0.72; the probability is unaffected (0.8).
    const r = m.score({ x: null, y: "u" });
    expect(r).toMatchObject({ t: "b", pb: 0.8, node: "N2" });
    expect(r.conf).toBeCloseTo(0.72, 15);
  });

  it("weightedConfidence sums the children's confidences weighted by their share of records", () => {
    // N1 (60/100) scored further to N11: a 0.9, b 0.1; N2 (40/100): its confidences a 0.1, b 0.9.
    // a = 0.6·0.9 + 0.4·0.1 = 0.58; b = 0.6·0.1 + 0.4·0.9 = 0.42 → a.
    const r = loadPmml(tree(`missingValueStrategy="weightedConfidence"`)).score({ x: null, y: "u" });
    expect(r.t).toBe("a");
    expect(r.conf).toBeCloseTo(0.58, 15);
    // The probabilities are weighted the same way: a = 0.6·0.9 + 0.4·0.2 = 0.62.
    expect(r.pa).toBeCloseTo(0.62, 15);
  });

  it("aggregateNodes sums the record counts of every leaf a missing value could reach", () => {
    // x missing, y = "u": N1 is followed (N11: a 36, b 4) and so is N2 (a 8, b 32): a 44, b 36 → a, 44/80.
    const r = loadPmml(tree(`missingValueStrategy="aggregateNodes"`)).score({ x: null, y: "u" });
    expect(r.t).toBe("a");
    expect(r.pa).toBeCloseTo(0.55, 15);
  });

  it("returnLastPrediction returns the last node with a score when no child is true", () => {
    const text = pmml(
      [["x", "double"], ["r", "double"]],
      `<TreeModel functionName="regression" noTrueChildStrategy="returnLastPrediction">${miningSchema(["x"], ["r"])}
        <Node score="10"><True/>
          <Node score="20"><SimplePredicate field="x" operator="greaterThan" value="0"/>
            <Node score="30"><SimplePredicate field="x" operator="greaterThan" value="100"/></Node>
          </Node>
        </Node></TreeModel>`,
    );
    const m = loadPmml(text);
    expect(m.score({ x: 5 }).r).toBe(20); // N(x>0) has no true child: its own score
    expect(m.score({ x: -5 }).r).toBe(10);
    expect(m.score({ x: 500 }).r).toBe(30);
  });

  it("refuses weightedConfidence on a regression tree at load time, naming the attribute", () => {
    const text = pmml([["x", "double"], ["r", "double"]], `<TreeModel functionName="regression" missingValueStrategy="weightedConfidence">${miningSchema(["x"], ["r"])}<Node score="1"><True/></Node></TreeModel>`);
    expect(() => loadPmml(text)).toThrow(/missingValueStrategy="weightedConfidence"/);
  });
});
