/**
 * DataDictionary and MiningSchema treatments of missing, invalid and outlying values, seen
 * through the identity regression y = x.
 */
import { describe, expect, it } from "vitest";
import { loadPmml, PmmlError } from "../../src/pmml/index.js";
import { pmml, type FieldSpec } from "./helpers.js";

function identity(fieldXml: string, miningAttrs: string, dataType = "double"): ReturnType<typeof loadPmml> {
  const text = pmml(
    [["x", dataType, "continuous", fieldXml], ["y", "double"]],
    `<RegressionModel functionName="regression"><MiningSchema><MiningField name="x" ${miningAttrs}/><MiningField name="y" usageType="target"/></MiningSchema>
      <RegressionTable intercept="0"><NumericPredictor name="x" coefficient="1"/></RegressionTable></RegressionModel>`,
  );
  return loadPmml(text);
}
const interval = `<Interval closure="closedClosed" leftMargin="0" rightMargin="10"/>`;

describe("missing values", () => {
  it("null, undefined, NaN, blank text and declared missing tokens are missing", () => {
    const m = identity(`<Value value="-999" property="missing"/><Value value="NA" property="missing"/>`, `missingValueReplacement="5"`);
    for (const v of [null, undefined, NaN, "", "  ", "NA", -999, "-999"]) expect(m.score({ x: v }).y).toBe(5);
    expect(m.score({ x: "3.5" }).y).toBe(3.5);
  });
  it("missingValueTreatment returnInvalid turns a missing value into an invalid result", () => {
    const m = identity("", `missingValueTreatment="returnInvalid"`);
    expect(() => m.score({ x: null })).toThrow(PmmlError);
    expect(m.score({ x: null }, { onInvalidValue: "missing" }).y).toBeNull();
  });
});

describe("invalid values (x must lie in [0, 10])", () => {
  it("returnInvalid (the default) stops the row with PMML_INVALID_VALUE naming the field", () => {
    try {
      identity(interval, "").score({ x: 20 });
      expect.unreachable();
    } catch (e) {
      expect((e as PmmlError).code).toBe("PMML_INVALID_VALUE");
      expect((e as PmmlError).message).toContain(`"x"`);
    }
  });
  it("asIs keeps the value, asMissing makes it missing (then replaced), asValue replaces it", () => {
    expect(identity(interval, `invalidValueTreatment="asIs"`).score({ x: 20 }).y).toBe(20);
    expect(identity(interval, `invalidValueTreatment="asMissing" missingValueReplacement="1"`).score({ x: 20 }).y).toBe(1);
    expect(identity(interval, `invalidValueTreatment="asValue" invalidValueReplacement="7"`).score({ x: 20 }).y).toBe(7);
  });
  it("text that is not a number is invalid for a double field", () => {
    expect(identity("", `invalidValueTreatment="asMissing" missingValueReplacement="2"`).score({ x: "abc" }).y).toBe(2);
  });
  it("an integer field rejects fractions", () => {
    expect(identity("", `invalidValueTreatment="asMissing" missingValueReplacement="2"`, "integer").score({ x: 1.5 }).y).toBe(2);
    expect(identity("", "", "integer").score({ x: "4" }).y).toBe(4);
  });
  it("categorical fields: only the listed valid values are valid", () => {
    const fields: FieldSpec[] = [["c", "string", "categorical", `<Value value="a"/><Value value="b"/><Value value="z" property="invalid"/>`], ["y", "double"]];
    const text = pmml(
      fields,
      `<RegressionModel functionName="regression"><MiningSchema><MiningField name="c" invalidValueTreatment="asMissing"/><MiningField name="y" usageType="target"/></MiningSchema>
        <RegressionTable intercept="1"><CategoricalPredictor name="c" value="a" coefficient="10"/></RegressionTable></RegressionModel>`,
    );
    const m = loadPmml(text);
    expect(m.score({ c: "a" }).y).toBe(11);
    expect(m.score({ c: "q" }).y).toBe(1); // invalid → missing → ignored
  });
});

describe("outliers (lowValue 0, highValue 10)", () => {
  it("asExtremeValues clamps; asMissingValues makes them missing", () => {
    expect(identity("", `outliers="asExtremeValues" lowValue="0" highValue="10"`).score({ x: 42 }).y).toBe(10);
    expect(identity("", `outliers="asExtremeValues" lowValue="0" highValue="10"`).score({ x: -3 }).y).toBe(0);
    expect(identity("", `outliers="asMissingValues" lowValue="0" highValue="10" missingValueReplacement="5"`).score({ x: 42 }).y).toBe(5);
    expect(identity("", `outliers="asIs"`).score({ x: 42 }).y).toBe(42);
  });
});

describe("float fields compute in float32", () => {
  it("0.1 read into a float field is Math.fround(0.1)", () => {
    expect(identity("", "", "float").score({ x: 0.1 }).y).toBe(Math.fround(0.1));
  });
});

describe("nested MiningSchema", () => {
  it("a segment's MiningField replaces a missing value for its own model only", () => {
    const text = pmml(
      [["x", "double"], ["y", "double"]],
      `<MiningModel functionName="regression"><MiningSchema><MiningField name="x"/><MiningField name="y" usageType="target"/></MiningSchema>
        <Segmentation multipleModelMethod="sum">
          <Segment><True/><RegressionModel functionName="regression"><MiningSchema><MiningField name="x" missingValueReplacement="3"/></MiningSchema><RegressionTable intercept="0"><NumericPredictor name="x" coefficient="1"/></RegressionTable></RegressionModel></Segment>
          <Segment><True/><RegressionModel functionName="regression"><MiningSchema><MiningField name="x" missingValueReplacement="4"/></MiningSchema><RegressionTable intercept="0"><NumericPredictor name="x" coefficient="1"/></RegressionTable></RegressionModel></Segment>
        </Segmentation></MiningModel>`,
    );
    expect(loadPmml(text).score({ x: null }).y).toBe(7);
    expect(loadPmml(text).score({ x: 1 }).y).toBe(2);
  });
});
