/**
 * Each node type's .str mapping on real files: for every node of each mapped class in the
 * corpus, the scripting properties equal what the reference decoding (decoded/*.xml, parsed
 * here with fast-xml-parser) says, and they pass the node type's own property checks.
 * A few values are also spelled out as read by hand from the decoded XML.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { parseStreamBytes } from "../../src/load/index.js";
import { defaultRegistry } from "../../src/nodes/registry.js";
import { resolveProperties } from "../../src/nodes/properties.js";
import type { Stream, StreamNode } from "../../src/stream/model.js";
import { CORPUS_AVAILABLE, corpusFile, corpusFiles, refChild, refChildren, refNodes, refText, referenceDocument, shortClass, type CorpusFile, type RefElement } from "./helpers/corpus.js";
import { CLASS_ORACLES } from "./helpers/oracles.js";

const registry = defaultRegistry();
const streams = new Map<string, Stream>();

function load(file: CorpusFile): Stream {
  let s = streams.get(file.name);
  if (!s) {
    s = parseStreamBytes(readFileSync(file.strPath), file.strPath, registry);
    streams.set(file.name, s);
  }
  return s;
}

function node(fileName: string, uid: string): StreamNode {
  const n = load(corpusFile(fileName)).nodes.find((x) => x.id === uid);
  if (!n) throw new Error(`no node ${uid} in ${fileName}`);
  return n;
}

/** Every (file, reference node, loaded node) of a class; the 16 MB 14.2 file is left to the corpus test. */
function nodesOfClass(cls: string): Array<{ file: string; ref: RefElement; node: StreamNode }> {
  const out: Array<{ file: string; ref: RefElement; node: StreamNode }> = [];
  for (const f of corpusFiles()) {
    if (f.name.includes("Prediction_Model")) continue;
    const refs = refNodes(referenceDocument(f)).filter((n) => shortClass(n.attrs.class!) === cls);
    if (refs.length === 0) continue;
    const s = load(f);
    for (const ref of refs) out.push({ file: f.name, ref, node: s.nodes.find((n) => n.id === ref.attrs.uid)! });
  }
  return out;
}

describe.skipIf(!CORPUS_AVAILABLE)("per-class .str mappings, checked against the reference decoding", () => {
  beforeAll(() => {
    for (const f of corpusFiles()) if (!f.name.includes("Prediction_Model")) load(f);
  }, 120_000);

  it.each(Object.keys(CLASS_ORACLES))("%s", (cls) => {
    const found = nodesOfClass(cls);
    expect(found.length, `no ${cls} in the corpus`).toBeGreaterThan(0);
    const def = registry.forModelerClass(cls)!;
    for (const { file, ref, node } of found) {
      const where = `${file} ${ref.attrs.uid}`;
      expect(node.type, where).toBe(def.type);
      const expected = CLASS_ORACLES[cls]!(refChild(ref, "properties")!, ref);
      const actual = Object.fromEntries(Object.keys(expected).map((k) => [k, node.properties[k]]));
      expect(actual, where).toEqual(expected);
      expect(() => resolveProperties(def.properties, node), where).not.toThrow();
    }
  });

  it("Var. File of Drug1n_capitalized: the file, its delimiters, roles and values as saved; stale rows skipped", () => {
    const train = node("pmservice__drug-selection__Drug1n_capitalized", "id5D6SD4P3MMA");
    expect(train.name).toBe("trainingInput");
    expect(train.properties).toMatchObject({
      full_filename: "/Users/cmielowski/Workspace/sample_applications/drug-selection/data/drug_train_data.csv",
      read_field_names: true,
      delimit_comma: true,
      delimit_other: true,
      other: ";",
      quotes_1: "Discard",
      quotes_2: "Discard",
      strip_spaces: "None",
      decimal_symbol: "Default",
      lines_to_scan: 50,
      encoding: "StreamDefault",
      default_value_mode: "Read",
      direction: { DRUG: "Target" },
    });
    // AGE is saved as a real range 15.0 .. 74.0 with values "computed" (Current); "Age" is a stale row.
    expect((train.properties.values as Record<string, unknown>).AGE).toEqual([15, 74]);
    expect((train.properties.value_mode as Record<string, unknown>).AGE).toBe("Current");
    expect(Object.keys(train.properties.values as object)).not.toContain("Age");
  });

  it("telecom_analysis: Merge, Append, Aggregate, Set to Flag, Sort, Distinct as saved", () => {
    const f = "Nitish-Drafts__IBM-SPSS__telecom_analysis";
    expect(node(f, "idI1XKEH2SD4").properties).toMatchObject({ method: "Keys", join: "PartialOuter", key_fields: ["customer_id"], common_keys: true });
    expect(node(f, "idAU1131N59G8").properties).toMatchObject({ match_by: "Position", include_fields_from: "Main", create_tag_field: false, tag_field_name: "Input" });
    const agg = node(f, "id5P71ZHU6B3RC").properties;
    expect(agg).toMatchObject({ keys: ["customer_id"], inc_record_count: false, count_field: "Record_Count" });
    expect((agg.aggregates as Record<string, string[]>).International_calls).toEqual(["Sum"]);
    expect(node(f, "id6VR11A1TIA5A").properties).toMatchObject({ true_value: "yes", false_value: "no", aggregate: true, keys: ["customer_id"] });
    expect(node(f, "id77E1ZJRPMV94").properties.keys).toEqual([["customer_id", "Ascending"]]);
    expect(node(f, "id2GI1117EJW3Q").properties).toMatchObject({ mode: "Include", grouping_fields: ["customer_id"], inc_record_count: true });
  });

  it("Merge and Append inputs: tags from the node's tags, input order from its tagTable", () => {
    const s = load(corpusFile("Nitish-Drafts__IBM-SPSS__telecom_analysis"));
    const into = (uid: string) => s.links.filter((l) => l.to === uid).map((l) => [l.from, l.tag]);
    // Append: tag 1 = telecom_cdr_q1.csv (id18XYQ7RYM9), tag 2 = telecom_cdr_q2.csv (id2F61Z3WRZENW); tagTable order 1, 2.
    expect(into("idAU1131N59G8")).toEqual([["id18XYQ7RYM9", "1"], ["id2F61Z3WRZENW", "2"]]);
    // Merge: 1 customers (via Distinct), 2 Append (via Aggregate), 3 products (via Set to Flag).
    expect(into("idI1XKEH2SD4")).toEqual([["id2GI1117EJW3Q", "1"], ["id5P71ZHU6B3RC", "2"], ["id6VR11A1TIA5A", "3"]]);
  });

  it("every Merge and Append of the corpus: position and origin labels agree on the tags, each input has its own", () => {
    let checked = 0;
    for (const f of corpusFiles()) {
      if (f.name.includes("Prediction_Model")) continue;
      const s = load(f);
      expect(s.warnings!.filter((w) => /by its origin|has no tag|same tag/.test(w)), f.name).toEqual([]);
      for (const n of s.nodes.filter((x) => x.type === "merge" || x.type === "append")) {
        const tags = s.links.filter((l) => l.to === n.id).map((l) => l.tag);
        expect(tags.every((t) => t !== undefined), `${f.name} ${n.id}`).toBe(true);
        expect(new Set(tags).size, `${f.name} ${n.id}`).toBe(tags.length);
        checked++;
      }
    }
    expect(checked).toBe(17);
  });

  it("SuperNodes are flattened for execution and kept for inspection", () => {
    const s = load(corpusFile("IBM__Industry-Accelerators__Retail_Model"));
    const root = referenceDocument(corpusFile("IBM__Industry-Accelerators__Retail_Model"));
    const supers = refNodes(root).filter((n) => shortClass(n.attrs.class!) === "MutableSuperNode");
    expect(supers.length).toBe(2);
    for (const sn of supers) {
      const uid = sn.attrs.uid!;
      const inner = refChildren(refChild(refChild(sn, "diagram"), "nodes"), "node").map((n) => n.attrs.uid);
      for (const id of inner) expect(s.nodes.find((n) => n.id === id)!.superNode).toBe(uid);
      // No executed link touches the SuperNode or its connectors.
      const structural = new Set([uid, ...refChildren(refChild(refChild(sn, "diagram"), "nodes"), "node").filter((n) => /Connector/.test(n.attrs.class!)).map((n) => n.attrs.uid)]);
      expect(s.links.some((l) => structural.has(l.from) || structural.has(l.to))).toBe(false);
    }
    // "Sales Calcs" feeds the Merge from its last inner node: the Merge's inputs are inner nodes now.
    const merge = s.nodes.find((n) => n.modeler?.modelerClass === "MergeNode")!;
    const fromNodes = s.links.filter((l) => l.to === merge.id).map((l) => s.nodes.find((n) => n.id === l.from)!);
    expect(fromNodes.every((n) => n.superNode !== undefined)).toBe(true);
    expect(refText(refChild(refChild(root, "stream"), "properties"), "name")).toBe(s.name);
  });

  it("CF and extension builders no type reads: target and inputs from the Parameters member and underscore properties", () => {
    // The extension builders a type reads (Neural Net, C&R Tree, CHAID, Linear, Random Forest)
    // are checked in extension-builders.test.ts.
    expect(node("pmservice__wml-sample-models__car-price-prediction", "id7DUUUG7I77X")).toMatchObject({
      type: "cfbuildmodelnode",
      properties: { target: "price", inputs: ["make", "engine-location", "num-of-cylinders", "fuel-system", "width_transformed", "highway-mpg_transformed", "engine-size_transformed", "bore_transformed", "horsepower_transformed"] },
    });
    const knn = node("Jigar2712__Intrusion-Detection__Project", "id5UPU2BSXTK8").properties;
    expect(knn.target).toBe("reclassified");
    expect((knn.inputs as string[])[0]).toBe("wrong_fragment_transformed");
  });

  it("nuggets: builder by uid and PMML from plain, SCF and length-prefixed members", () => {
    const cf = node("pmservice__drug-selection__Drug1n_capitalized", "id2SGR14P43KS");
    expect(cf.builder).toBe("id5EIQTQCRX6B");
    expect(cf.model && "pmmlText" in cf.model && cf.model.pmmlText).toMatch(/^<\?xml[^>]*\?>\s*<PMML[^>]*version="4\.2"[\s\S]*<NeuralNetwork[\s\S]*<\/PMML>$/);
    // The README of the corpus: Drug1n's neural-net nugget holds PMML 4.1 inside SCF.
    const drug = load(corpusFile("pmservice__drug-selection__Drug1n")).nodes.find((n) => n.modeler?.modelerClass === "CFApplyModelNode")!;
    expect(drug.model && "pmmlText" in drug.model && drug.model.pmmlText).toMatch(/<PMML[^>]*version="4\.1"[\s\S]*<\/PMML>$/);
    const c5 = node("Jigar2712__Intrusion-Detection__Project", "id1ZIT6CDWRF3");
    expect(c5.builder).toBe("id53QTVKI2KWH");
    expect(c5.model && "pmmlText" in c5.model && c5.model.pmmlText).toContain("<TreeModel");
  });
});
