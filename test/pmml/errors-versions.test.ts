/**
 * Load-time checks: what is not PMML, not a supported version, or not implemented is an error
 * naming the culprit; every PMML namespace and version 3.0–4.4 reads the same.
 */
import { describe, expect, it } from "vitest";
import { loadPmml, PmmlError } from "../../src/pmml/index.js";
import { ModelerBatchError } from "../../src/errors.js";
import { apply, miningSchema, num, pmml, ref } from "./helpers.js";

const FIELDS: [string, string][] = [
  ["x", "double"],
  ["y", "double"],
];

/** y = 1 + 2x */
const REGRESSION = `<RegressionModel functionName="regression">${miningSchema(["x"], ["y"])}<RegressionTable intercept="1"><NumericPredictor name="x" coefficient="2"/></RegressionTable></RegressionModel>`;

function loadError(text: string): PmmlError {
  try {
    loadPmml(text);
  } catch (e) {
    if (e instanceof PmmlError) return e;
    throw e;
  }
  throw new Error("the document loaded");
}

describe("document checks", () => {
  it("reports text that is not XML, with line and column", () => {
    const e = loadError("<PMML version='4.4'><Header></PMML>");
    expect(e.code).toBe("PMML_PARSE");
    expect(e).toBeInstanceOf(ModelerBatchError);
    expect(e.details).toHaveProperty("line");
  });

  it("reports a root that is not PMML", () => {
    expect(loadError("<html/>").message).toMatch(/root element is <html>/);
  });

  it("refuses PMML 2.x and 5.0, naming the version", () => {
    const v2 = pmml(FIELDS, REGRESSION).replace('version="4.4"', 'version="2.1"');
    expect(loadError(v2).code).toBe("PMML_UNSUPPORTED");
    expect(loadError(v2).message).toMatch(/version 2\.1/);
    expect(loadError(pmml(FIELDS, REGRESSION).replace('version="4.4"', 'version="5.0"')).message).toMatch(/5\.0/);
  });

  it("refuses a foreign namespace", () => {
    const text = pmml(FIELDS, REGRESSION).replace("http://www.dmg.org/PMML-4_4", "http://example.com/not-pmml");
    expect(loadError(text).message).toMatch(/namespace http:\/\/example.com\/not-pmml/);
  });

  it("names an element it does not implement", () => {
    const text = pmml(FIELDS, `<AssociationModel functionName="associationRules" numberOfTransactions="1" minimumSupport="0" minimumConfidence="0" numberOfItems="0" numberOfItemsets="0" numberOfRules="0">${miningSchema(["x"])}</AssociationModel>`);
    const e = loadError(text);
    expect(e.code).toBe("PMML_UNSUPPORTED");
    expect(e.message).toMatch(/AssociationModel/);
  });

  it("names an unknown child element of a model with its path", () => {
    const text = pmml(FIELDS, REGRESSION.replace("<RegressionTable", "<Frobnicate/><RegressionTable"));
    const e = loadError(text);
    expect(e.message).toMatch(/Frobnicate/);
    expect(String(e.details.path)).toMatch(/RegressionModel/);
  });

  it("names an unsupported attribute value", () => {
    const text = pmml(FIELDS, REGRESSION.replace('functionName="regression"', 'functionName="regression" normalizationMethod="tanh"'));
    const e = loadError(text);
    expect(e.message).toMatch(/normalizationMethod/);
    expect(e.message).toMatch(/tanh/);
  });

  it("names an unknown function", () => {
    const derived = `<LocalTransformations><DerivedField name="z" optype="continuous" dataType="double">${apply("frobnicate", ref("x"))}</DerivedField></LocalTransformations>`;
    const text = pmml(FIELDS, REGRESSION.replace("</MiningSchema>", `</MiningSchema>${derived}`));
    const e = loadError(text);
    expect(e.message).toMatch(/frobnicate/);
  });

  it("refuses Aggregate, naming it", () => {
    const derived = `<LocalTransformations><DerivedField name="z" optype="continuous" dataType="double"><Aggregate field="x" function="sum"/></DerivedField></LocalTransformations>`;
    const text = pmml(FIELDS, REGRESSION.replace("</MiningSchema>", `</MiningSchema>${derived}`));
    const e = loadError(text);
    expect(e.code).toBe("PMML_UNSUPPORTED");
    expect(e.message).toMatch(/Aggregate/);
  });

  it("reports a field reference to nothing", () => {
    const text = pmml(FIELDS, REGRESSION.replace('NumericPredictor name="x"', 'NumericPredictor name="nope"'));
    expect(loadError(text).message).toMatch(/nope/);
  });

  it("reports a bad number in an attribute", () => {
    const text = pmml(FIELDS, REGRESSION.replace('coefficient="2"', 'coefficient="two"'));
    const e = loadError(text);
    expect(e.code).toBe("PMML_INVALID");
    expect(e.message).toMatch(/two/);
  });

  it("reports a document without a model", () => {
    expect(loadError(pmml(FIELDS, "")).message).toMatch(/no model/);
  });
});

describe("versions and namespaces", () => {
  const versions = ["3.0", "3.1", "3.2", "4.0", "4.1", "4.2", "4.3", "4.4"];
  for (const v of versions) {
    it(`reads PMML ${v} in its own namespace`, () => {
      const m = loadPmml(pmml(FIELDS, REGRESSION, v));
      expect(m.version).toBe(v);
      expect(m.score({ x: 3 })["y"]).toBe(7);
    });
  }

  it("reads a document without a namespace", () => {
    const text = pmml(FIELDS, REGRESSION).replace(' xmlns="http://www.dmg.org/PMML-4_4"', "");
    expect(loadPmml(text).score({ x: 1 })["y"]).toBe(3);
  });

  it("reads prefixed elements (pmml:Node)", () => {
    const plain = pmml(FIELDS, REGRESSION);
    const prefixed = plain
      .replace(/<(\/?)([A-Z]\w*)/g, "<$1pmml:$2")
      .replace(' xmlns="http://www.dmg.org/PMML-4_4"', ' xmlns:pmml="http://www.dmg.org/PMML-4_4"');
    expect(prefixed).toContain("<pmml:RegressionTable");
    expect(loadPmml(prefixed).score({ x: 2 })["y"]).toBe(5);
  });

  it("reads RapidMiner's version 4.0 in the PMML-3_1 namespace", () => {
    const text = pmml(FIELDS, REGRESSION).replace("PMML-4_4", "PMML-3_1").replace('version="4.4"', 'version="4.0"');
    expect(loadPmml(text).version).toBe("4.0");
  });

  it("reads a 4.4.1 version number", () => {
    const text = pmml(FIELDS, REGRESSION).replace('version="4.4"', 'version="4.4.1"');
    expect(loadPmml(text).score({ x: 0 })["y"]).toBe(1);
  });

  it("chooses a model by name among several", () => {
    const second = REGRESSION.replace('functionName="regression"', 'functionName="regression" modelName="b"').replace('intercept="1"', 'intercept="10"');
    const text = pmml(FIELDS, REGRESSION + second);
    expect(loadPmml(text).score({ x: 0 })["y"]).toBe(1);
    expect(loadPmml(text, { modelName: "b" }).score({ x: 0 })["y"]).toBe(10);
    expect(() => loadPmml(text, { modelName: "c" })).toThrow(/no model is named "c"/);
  });
});

describe("producer quirks", () => {
  // SAS writes <Constant>W</Constant> where it means the parameter W; the fix reads it as FieldRef.
  const sasFunction = `<TransformationDictionary><DefineFunction name="twice" optype="continuous" dataType="double"><ParameterField name="W" dataType="double"/>${apply("*", "<Constant>W</Constant>", num(2))}</DefineFunction></TransformationDictionary>`;
  const body = `${sasFunction}<RegressionModel functionName="regression">${miningSchema(["x"], ["y"])}<Output><OutputField name="t" feature="transformedValue" dataType="double">${apply("twice", ref("x"))}</OutputField></Output><RegressionTable intercept="0"/></RegressionModel>`;
  const sas = pmml(FIELDS, body).replace("<Header/>", '<Header><Application name="SAS(R) Enterprise Miner" version="14.1"/></Header>');

  it("reads a SAS DefineFunction's parameter-named Constant as the parameter, and says so", () => {
    const m = loadPmml(sas);
    expect(m.score({ x: 4 })["t"]).toBe(8);
    expect(m.quirkFixes).toHaveLength(1);
    expect(m.quirkFixes[0]!.producer).toBe("SAS");
  });

  it("leaves the document as written when fixes are off (the text 'W' is then multiplied)", () => {
    const m = loadPmml(sas, { fixProducerQuirks: false });
    expect(m.quirkFixes).toHaveLength(0);
    expect(() => m.score({ x: 4 })).toThrow(/expects a number, got "W"/);
  });

  it("does not touch the same Constant in another producer's document", () => {
    expect(loadPmml(pmml(FIELDS, body)).quirkFixes).toHaveLength(0);
  });
});
