/**
 * Output features (display values, residuals, ranks, decisions, transformed values that read
 * other outputs) and Targets (priors and default values when a model cannot predict).
 */
import { describe, expect, it } from "vitest";
import { loadPmml } from "../../src/pmml/index.js";
import { miningSchema, pmml, type FieldSpec } from "./helpers.js";

// Three-class softmax over fixed scores 1, 2, 3 → P = 0.0900…, 0.2447…, 0.6652…
const fields: FieldSpec[] = [["x", "double"], ["t", "string", "categorical", `<Value value="a"/><Value value="b"/><Value value="c"/>`]];
function classifier(output: string, targets = "", tableA = `<RegressionTable intercept="1" targetCategory="a"/>`): string {
  return pmml(
    fields,
    `<RegressionModel functionName="classification" normalizationMethod="softmax">${miningSchema(["x"], ["t"])}<Output>${output}</Output>${targets}
      ${tableA}<RegressionTable intercept="2" targetCategory="b"/><RegressionTable intercept="3" targetCategory="c"/></RegressionModel>`,
  );
}

describe("Output", () => {
  it("rank picks the k-th most probable class and its probability", () => {
    const out = `<OutputField name="second" optype="categorical" dataType="string" feature="predictedValue" rank="2"/><OutputField name="p2" optype="continuous" dataType="double" feature="probability" rank="2"/>
      <OutputField name="last" optype="categorical" dataType="string" feature="predictedValue" rank="1" rankOrder="ascending"/>`;
    const r = loadPmml(classifier(out)).score({ x: 0 });
    expect(r.second).toBe("b");
    expect(r.p2).toBeCloseTo(0.24472847105479767, 15);
    expect(r.last).toBe("a");
  });
  it("isMultiValued gives ranks 1 … rank as a JSON array (c, b most probable; ascending: a, b)", () => {
    const out = `<OutputField name="top2" optype="categorical" dataType="string" feature="predictedValue" rank="2" isMultiValued="1"/>
      <OutputField name="bottom2" optype="categorical" dataType="string" feature="predictedValue" rank="2" rankOrder="ascending" isMultiValued="true"/>`;
    const m = loadPmml(classifier(out));
    expect(m.outputFields.map((f) => f.dataType)).toEqual(["string", "string"]);
    expect(m.score({ x: 0 })).toMatchObject({ top2: '["c","b"]', bottom2: '["a","b"]' });
  });
  it("predictedDisplayValue comes from TargetValue@displayValue", () => {
    const targets = `<Targets><Target field="t"><TargetValue value="c" displayValue="Class C"/></Target></Targets>`;
    const out = `<OutputField name="shown" optype="categorical" dataType="string" feature="predictedDisplayValue"/>`;
    expect(loadPmml(classifier(out, targets)).score({ x: 0 }).shown).toBe("Class C");
  });
  it("residual: 1 − P(actual class) for classification", () => {
    const out = `<OutputField name="res" optype="continuous" dataType="double" feature="residual"/>`;
    // actual a: 1 − 0.09003057317038046
    expect(loadPmml(classifier(out)).score({ x: 0, t: "a" }).res).toBeCloseTo(1 - 0.09003057317038046, 15);
  });
  it("decision and transformedValue expressions may read other output fields", () => {
    const out = `<OutputField name="pc" optype="continuous" dataType="double" feature="probability" value="c"/>
      <OutputField name="act" optype="categorical" dataType="string" feature="decision"><Decisions><Decision value="call"/><Decision value="wait"/></Decisions>
        <Apply function="if"><Apply function="greaterThan"><FieldRef field="pc"/><Constant>0.5</Constant></Apply><Constant>call</Constant><Constant>wait</Constant></Apply></OutputField>
      <OutputField name="pct" feature="transformedValue"><Apply function="*"><FieldRef field="pc"/><Constant>100</Constant></Apply></OutputField>`;
    const r = loadPmml(classifier(out)).score({ x: 0 });
    expect(r.act).toBe("call");
    expect(r.pct).toBeCloseTo(66.52409557748219, 12);
  });
  it("isFinalResult=false fields are computed for others but not returned", () => {
    const out = `<OutputField name="pc" optype="continuous" dataType="double" feature="probability" value="c" isFinalResult="false"/><OutputField name="twice" feature="transformedValue"><Apply function="*"><FieldRef field="pc"/><Constant>2</Constant></Apply></OutputField>`;
    const m = loadPmml(classifier(out));
    expect(m.resultFieldNames).toEqual(["t", "twice"]);
    expect(m.score({ x: 0 }).twice).toBeCloseTo(1.3304819115496438, 15);
  });
  it("an output feature the model does not have is refused at load time", () => {
    expect(() => loadPmml(classifier(`<OutputField name="e" feature="entityId"/>`))).toThrow(/OutputField@feature="entityId" for RegressionModel is not supported/);
  });
});

describe("Targets", () => {
  it("priorProbability gives the prediction when the model cannot compute one", () => {
    const targets = `<Targets><Target field="t"><TargetValue value="a" priorProbability="0.2"/><TargetValue value="b" priorProbability="0.5"/><TargetValue value="c" priorProbability="0.3"/></Target></Targets>`;
    const tableA = `<RegressionTable intercept="1" targetCategory="a"><NumericPredictor name="x" coefficient="1"/></RegressionTable>`;
    const out = `<OutputField name="pb" optype="continuous" dataType="double" feature="probability" value="b"/>`;
    expect(loadPmml(classifier(out, targets, tableA)).score({ x: null })).toEqual({ t: "b", pb: 0.5 });
  });
  it("TargetValue@defaultValue is the regression prediction when inputs are missing", () => {
    const text = pmml(
      [["x", "double"], ["y", "double"]],
      `<RegressionModel functionName="regression">${miningSchema(["x"], ["y"])}<Targets><Target field="y"><TargetValue defaultValue="42"/></Target></Targets><RegressionTable intercept="0"><NumericPredictor name="x" coefficient="1"/></RegressionTable></RegressionModel>`,
    );
    expect(loadPmml(text).score({ x: null }).y).toBe(42);
  });
});
