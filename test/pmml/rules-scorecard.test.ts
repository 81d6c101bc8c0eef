/**
 * RuleSetModel (every rule selection criterion, compound rules, default score) and Scorecard
 * (partial scores, ComplexPartialScore, reason codes both ways), worked out by hand.
 */
import { describe, expect, it } from "vitest";
import { loadPmml } from "../../src/pmml/index.js";
import { miningSchema, pmml, type FieldSpec } from "./helpers.js";

describe("RuleSetModel", () => {
  // R1: x > 0 → A (weight .9, confidence .9); R2: x > 1 → B (.6); R3: y = u → B (.36);
  // compound z > 0 { R4: true → C (weight 1, confidence .5) }; default D (confidence .1).
  const fields: FieldSpec[] = [["x", "double"], ["y", "string"], ["z", "double"], ["t", "string", "categorical", `<Value value="A"/><Value value="B"/><Value value="C"/><Value value="D"/>`]];
  const text = (criterion: string) =>
    pmml(
      fields,
      `<RuleSetModel functionName="classification">${miningSchema(["x", "y", "z"], ["t"])}
        <Output><OutputField name="rule" optype="categorical" dataType="string" feature="entityId"/><OutputField name="conf" optype="continuous" dataType="double" feature="confidence"/><OutputField name="confB" optype="continuous" dataType="double" feature="confidence" value="B"/></Output>
        <RuleSet defaultScore="D" defaultConfidence="0.1"><RuleSelectionMethod criterion="${criterion}"/>
          <SimpleRule id="R1" score="A" weight="0.9" confidence="0.9"><SimplePredicate field="x" operator="greaterThan" value="0"/></SimpleRule>
          <SimpleRule id="R2" score="B" weight="0.6" confidence="0.6"><SimplePredicate field="x" operator="greaterThan" value="1"/></SimpleRule>
          <SimpleRule id="R3" score="B" weight="0.36" confidence="0.36"><SimplePredicate field="y" operator="equal" value="u"/></SimpleRule>
          <CompoundRule><SimplePredicate field="z" operator="greaterThan" value="0"/>
            <SimpleRule id="R4" score="C" weight="1" confidence="0.5"><True/></SimpleRule>
          </CompoundRule>
        </RuleSet></RuleSetModel>`,
    );
  const rec = { x: 2, y: "u", z: -1 }; // fires R1, R2, R3
  it("firstHit: R1 → A with its confidence", () => {
    expect(loadPmml(text("firstHit")).score(rec)).toMatchObject({ t: "A", rule: "R1", conf: 0.9 });
  });
  it("weightedSum: A 0.9/3 = 0.3, B (0.6 + 0.36)/3 = 0.32 → B through R2", () => {
    const r = loadPmml(text("weightedSum")).score(rec);
    expect(r).toMatchObject({ t: "B", rule: "R2" });
    expect(r.conf).toBeCloseTo(0.32, 15);
    expect(r.confB).toBeCloseTo(0.32, 15);
  });
  it("weightedMax: the heaviest fired rule R1 → A, confidence 0.9", () => {
    expect(loadPmml(text("weightedMax")).score(rec)).toMatchObject({ t: "A", rule: "R1", conf: 0.9 });
  });
  it("a compound rule's rules are tried only when its predicate holds; no rule fired → the default", () => {
    expect(loadPmml(text("firstHit")).score({ x: -1, y: "v", z: 1 })).toMatchObject({ t: "C", rule: "R4" });
    expect(loadPmml(text("firstHit")).score({ x: -1, y: "v", z: -1 })).toMatchObject({ t: "D", conf: 0.1 });
  });
});

describe("Scorecard", () => {
  // initialScore 100; age: < 30 → 10 ("young"), ≥ 30 → 20 ("old"), baseline 20;
  // income ("inc", baseline 15): missing → 5, ≤ 1000 → 8, ≤ 5000 → 30, else income/100.
  const text = (algorithm: string) =>
    pmml(
      [["age", "double"], ["income", "double"], ["s", "double"]],
      `<Scorecard functionName="regression" initialScore="100" useReasonCodes="true" reasonCodeAlgorithm="${algorithm}">${miningSchema(["age", "income"], ["s"])}
        <Output><OutputField name="rc1" optype="categorical" dataType="string" feature="reasonCode" rank="1"/><OutputField name="rc2" optype="categorical" dataType="string" feature="reasonCode" rank="2"/></Output>
        <Characteristics>
          <Characteristic name="ageScore" baselineScore="20">
            <Attribute partialScore="10" reasonCode="young"><SimplePredicate field="age" operator="lessThan" value="30"/></Attribute>
            <Attribute partialScore="20" reasonCode="old"><SimplePredicate field="age" operator="greaterOrEqual" value="30"/></Attribute>
          </Characteristic>
          <Characteristic name="incomeScore" reasonCode="inc" baselineScore="15">
            <Attribute partialScore="5"><SimplePredicate field="income" operator="isMissing"/></Attribute>
            <Attribute partialScore="8"><SimplePredicate field="income" operator="lessOrEqual" value="1000"/></Attribute>
            <Attribute partialScore="30"><SimplePredicate field="income" operator="lessOrEqual" value="5000"/></Attribute>
            <Attribute><True/><ComplexPartialScore><Apply function="/"><FieldRef field="income"/><Constant dataType="double">100</Constant></Apply></ComplexPartialScore></Attribute>
          </Characteristic>
        </Characteristics></Scorecard>`,
    );
  it("age 25, income 500: 100 + 10 + 8 = 118; points below: young 10, inc 7", () => {
    expect(loadPmml(text("pointsBelow")).score({ age: 25, income: 500 })).toEqual({ s: 118, rc1: "young", rc2: "inc" });
  });
  it("age 40, income 6000: 100 + 20 + 60 = 180; old has 0 points (reported), inc −45 (not reported)", () => {
    expect(loadPmml(text("pointsBelow")).score({ age: 40, income: 6000 })).toEqual({ s: 180, rc1: "old", rc2: null });
  });
  it("pointsAbove reverses the difference: age 25, income 500 has only negative points", () => {
    expect(loadPmml(text("pointsAbove")).score({ age: 25, income: 500 })).toEqual({ s: 118, rc1: null, rc2: null });
    expect(loadPmml(text("pointsAbove")).score({ age: 25, income: 2000 })).toEqual({ s: 140, rc1: "inc", rc2: null });
  });
  it("a characteristic with no matching attribute makes the score invalid (a PMML_INVALID_VALUE error)", () => {
    expect(() => loadPmml(text("pointsBelow")).score({ age: null, income: 1 })).toThrow(/no Attribute applies/);
    expect(loadPmml(text("pointsBelow")).score({ age: null, income: 1 }, { onInvalidValue: "missing" }).s).toBeNull();
  });
});
