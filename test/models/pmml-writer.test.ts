/** The PMML writer: valid, namespaced PMML 4.4 that survives awkward field names. */
import { describe, expect, it } from "vitest";
import { XMLParser } from "fast-xml-parser";
import { loadPmml } from "../../src/pmml/index.js";
import { trainCart } from "../../src/models/cart/train-cart.js";
import { trainChaid } from "../../src/models/chaid/train-chaid.js";
import { categoricalColumn, continuousColumn, makeTrainingData } from "../../src/models/dataset.js";
import { escapeXml, el, serializeXml } from "../../src/models/pmml-writer/xml.js";
import { pmmlArray } from "../../src/models/pmml-writer/predicates.js";
import { pmmlDataType } from "../../src/models/pmml-writer/fields.js";

/** Field names and categories with spaces, `$`, quotes, `&`, `<` and non-ASCII letters. */
function awkward() {
  const n = 60;
  const x = Array.from({ length: n }, (_, i) => i % 10);
  const cats = ['A & "B"', "<c> d", "e'f", "Ünïcode"];
  const c = Array.from({ length: n }, (_, i) => cats[i % 4]!);
  const y = Array.from({ length: n }, (_, i) => (x[i]! < 5 ? "yes $" : i % 4 === 0 ? "no <" : "yes $"));
  return makeTrainingData({
    inputs: [continuousColumn("$X one", x, "integer"), categoricalColumn('cat "&" <field>', c)],
    target: categoricalColumn("target & $R", y, { measure: "flag" }),
    seed: 1,
  });
}

describe("PMML writer", () => {
  const small = { use_percentage: false, min_parent_records_abs: 2, min_child_records_abs: 1, prune_tree: false } as const;

  it("escapes markup in attribute values and text", () => {
    expect(escapeXml(`a<b>&"c"'`)).toBe("a&lt;b&gt;&amp;&quot;c&quot;&apos;");
    expect(serializeXml(el("R", { name: "x & y" }))).toContain('<R name="x &amp; y"/>');
  });

  it("quotes string Array values and escapes embedded quotes", () => {
    const a = pmmlArray(['a b', 'say "hi"'], "string");
    expect(a.text).toBe('"a b" "say \\"hi\\""');
  });

  it("maps date and time storages to PMML's numeric date types", () => {
    expect(pmmlDataType("date")).toBe("dateDaysSince[1970]");
    expect(pmmlDataType("time")).toBe("timeSeconds");
    expect(pmmlDataType("timestamp")).toBe("dateTimeSecondsSince[1970]");
  });

  it("writes well-formed PMML 4.4 whose names round-trip through an XML parser", () => {
    const text = trainCart(awkward(), small).toPmml();
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(text);
    expect(doc.PMML.version).toBe("4.4");
    expect(doc.PMML.xmlns).toBe("http://www.dmg.org/PMML-4_4");
    const names = doc.PMML.DataDictionary.DataField.map((f: { name: string }) => f.name);
    expect(names).toEqual(["$X one", 'cat "&" <field>', "target & $R"]);
    const outputs = doc.PMML.TreeModel.Output.OutputField.map((f: { name: string }) => f.name);
    expect(outputs).toContain("$R-target & $R");
    expect(outputs).toContain("$RC-target & $R");
  });

  it("is loaded by the evaluator, which predicts the training classes from awkward names", () => {
    const data = awkward();
    for (const model of [trainCart(data, small), trainChaid(data, { ...small, split_alpha: 0.5 })]) {
      const pmml = loadPmml(model.toPmml());
      const out = pmml.score({ "$X one": 2, 'cat "&" <field>': 'A & "B"' });
      expect(out["$R-target & $R"]).toBe("yes $");
      expect(pmml.inputFields.map((f) => f.name)).toEqual(["$X one", 'cat "&" <field>']);
    }
  });

  it("gives Modeler's nugget fields: prediction, confidence, per-class probability, node id", () => {
    const pmml = loadPmml(trainCart(awkward(), small).toPmml());
    expect(pmml.resultFieldNames).toEqual(["target & $R", "$R-target & $R", "$RC-target & $R", "$RP-no <", "$RP-yes $", "$RI-target & $R"]);
  });
});
