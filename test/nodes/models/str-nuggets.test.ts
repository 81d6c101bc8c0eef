/**
 * The builders and nuggets of the real `.str` corpus (`../shared/fixtures/modeler-str`):
 *
 * - every nugget whose PMML the evaluator loads adds the fields Modeler's own nugget declares
 *   in the stream (`<model><outputs><output><name>` of the decoded stream document, an oracle
 *   written by Modeler), propensity fields aside: Modeler lists them from the settings at build
 *   time, not from the nugget's current settings;
 * - the classic builders' settings map onto the scripting properties;
 * - builders modeler-batch does not run fail naming the node, its type and its Modeler class.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { makeField } from "../../../src/data/field.js";
import { Schema } from "../../../src/data/schema.js";
import type { Storage } from "../../../src/data/storage.js";
import { runStream } from "../../../src/engine/index.js";
import { ModelerBatchError } from "../../../src/errors.js";
import { loadStream } from "../../../src/load/index.js";
import { defineNode } from "../../../src/nodes/definition.js";
import { documentElement } from "../../../src/modeler/fastinfoset/index.js";
import { parseXmlDocument } from "../../../src/modeler/xml/parse-xml.js";
import type { XmlElement } from "../../../src/nodes/common/str-mapping/index.js";
import { regressionMapping } from "../../../src/nodes/modeling/common/builder-mapping.js";
import { loadPmml } from "../../../src/pmml/index.js";
import type { Stream, StreamNode } from "../../../src/stream/index.js";
import { modellingRegistry } from "../modeling/helpers.js";

const corpus = resolve("../shared/fixtures/modeler-str");
const strDir = join(corpus, "str");
const decodedDir = join(corpus, "decoded");
const MAX_PMML = 3_000_000;

function storageOf(dataType: string): Storage {
  return dataType === "integer" ? "integer" : dataType === "double" || dataType === "float" ? "real" : dataType.startsWith("date") ? "date" : "string";
}

/** The fields Modeler declared for the node (`uid`), without propensities. */
function declaredOutputs(decoded: string, uid: string): string[] {
  const at = decoded.indexOf(`uid="${uid}"`);
  const start = decoded.indexOf("<outputs>", at);
  const end = decoded.indexOf("</outputs>", start);
  if (at < 0 || start < 0 || end < 0) return [];
  return [...decoded.slice(start, end).matchAll(/<output [^>]*>\s*<name>([^<]*)<\/name>[\s\S]*?<modelFieldInfo ([^/]*)\/>/g)]
    .filter((m) => !/role="propensity"/.test(m[2]!))
    .map((m) => m[1]!.replace(/&amp;/g, "&"));
}

/** Runs the nugget on no records after a source holding the model's input fields; returns the fields it adds. */
async function addedFields(nugget: StreamNode, text: string): Promise<string[]> {
  let schema = Schema.empty;
  try {
    schema = new Schema(loadPmml(text).inputFields.map((f) => makeField(f.name, storageOf(f.dataType))));
  } catch {
    // The nugget meets the same error when the run is planned, and reports it with its identity.
  }
  let added: string[] = [];
  const source = defineNode({ type: "nofields", label: "S", palette: "source", inputs: { min: 0, max: 0 }, properties: [], schema: () => schema, async *run() {} });
  const capture = defineNode({
    type: "capture", label: "C", palette: "output", inputs: { min: 1, max: 1 }, properties: [],
    async execute(ctx) {
      added = ctx.inputSchemas[0]!.names.slice(schema.length);
      return {};
    },
  });
  const registry = modellingRegistry().register(source).register(capture);
  const stream: Stream = {
    name: "nugget", parameters: [], properties: {},
    nodes: [{ id: "src", type: "nofields", enabled: true, properties: {} }, nugget, { id: "out", type: "capture", enabled: true, properties: {} }],
    links: [{ from: "src", to: nugget.id }, { from: nugget.id, to: "out" }],
  };
  await runStream(stream, { registry, seed: 1 });
  return added.filter((n) => !/^\$[A-Z]+RP\d*-/.test(n));
}

/** The text of the first element carrying the class (`<node>` or, inside an auto modeler, `<buildModelNode>`). */
function nodeElementText(decoded: string, cls: string): string {
  const at = decoded.indexOf(`class="com.spss.clementine.component.node.${cls}"`);
  const start = decoded.lastIndexOf("<", at);
  const name = /^<([\w]+)/.exec(decoded.slice(start))![1]!;
  const tag = new RegExp(`<(\\/?)${name}[\\s>]`, "g");
  tag.lastIndex = start + 1;
  let depth = 1;
  for (let m = tag.exec(decoded); m; m = tag.exec(decoded)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return decoded.slice(start, m.index + `</${name}>`.length);
  }
  throw new Error(`no end of the ${cls} element`);
}

const NUGGET_TYPES = new Set(["applyc50", "applychaid", "applycart", "applylogreg", "applykmeans", "applyregression", "applymodel"]);

describe.skipIf(!existsSync(strDir))("nuggets of the .str corpus", () => {
  it("add the fields Modeler's nuggets declare", async () => {
    const registry = modellingRegistry();
    const compared: string[] = [];
    const failed: string[] = [];
    for (const file of readdirSync(strDir).filter((f) => f.endsWith(".str"))) {
      const decoded = readFileSync(join(decodedDir, file.replace(/\.str$/, ".xml")), "utf8");
      if (!/class="[\w.]*(Apply\w*|CFApplyModel|ExtensionApplyModel)Node"/.test(decoded)) continue;
      const stream = await loadStream(join(strDir, file), { registry });
      for (const node of stream.nodes) {
        const cls = node.modeler?.modelerClass ?? "";
        if (!/^(Apply(C5Rule|ChaidRule|CartRule|Logistic|KMeans|Regression)Node|CFApplyModelNode|ExtensionApplyModelNode)$/.test(cls)) continue;
        expect(NUGGET_TYPES.has(node.type), `${file} ${node.id} ${cls} loads as ${node.type}`).toBe(true);
        let text: string;
        try {
          text = (node.model as { pmmlText: string }).pmmlText;
        } catch (e) {
          // Models kept in forms other than PMML (Python pickles, Spark) are reported by name.
          expect((e as Error).message).toContain(node.id);
          continue;
        }
        if (text.length > MAX_PMML) continue;
        let added: string[];
        try {
          added = await addedFields(node, text);
        } catch (e) {
          expect(e, `${file} ${node.id}`).toBeInstanceOf(ModelerBatchError);
          const err = e as ModelerBatchError;
          expect(err.details.node, `${file} ${node.id}: ${err.message}`).toBe(node.id);
          expect(err.code).toMatch(/^PMML_/);
          failed.push(`${node.id}: ${err.message}`);
          continue;
        }
        const want = declaredOutputs(decoded, node.id);
        if (file.startsWith("AbdelrahmanHamada404__breast-cancer")) {
          // A C&R Tree with a continuous target: Modeler declares $RC-Class too, whose value is
          // undocumented; the nugget leaves it out (docs/nodes.md).
          expect(want).toEqual(["$R-Class", "$RC-Class"]);
          expect(added).toEqual(["$R-Class"]);
          continue;
        }
        expect(added, `${file} ${node.id} (${cls})`).toEqual(want);
        compared.push(`${file} ${node.id} ${node.type}`);
      }
    }
    // C5.0, CHAID, C&R Tree, Logistic, Neural Net, Linear, SVM, Random Trees nuggets of Modeler 14–18.
    expect(compared.length).toBeGreaterThanOrEqual(25);
    expect(compared.some((c) => c.includes("applyc50"))).toBe(true);
    expect(compared.some((c) => c.includes("applylogreg"))).toBe(true);
    expect(compared.some((c) => c.includes("pmservice__drug-selection__Drug1n.str"))).toBe(true);
    expect(failed.every((f) => /\(at PMML/.test(f))).toBe(true);
  }, 300_000);
});

describe.skipIf(!existsSync(strDir))("classic builders of the .str corpus", () => {
  const registry = modellingRegistry();
  const node = async (file: string, cls: string) => (await loadStream(join(strDir, file), { registry })).nodes.find((n) => n.modeler?.modelerClass === cls)!;

  it("C5.0 and Logistic (Jigar2712 Intrusion Detection)", async () => {
    const c50 = await node("Jigar2712__Intrusion-Detection__Project.str", "BuildC5RuleNode");
    expect(c50.type).toBe("c50");
    expect(c50.properties).toMatchObject({
      custom_fields: true, target: "reclassified", partition: "Partition", use_partitioned_data: true, use_split_data: true,
      output_type: "DecisionTree", mode: "Simple", favor: "Accuracy", expected_noise: 0, min_child_records: 2, pruning_severity: 75,
      use_boost: false, boost_num_trials: 10, use_global_pruning: true, use_winnowing: false, use_model_name: false,
    });
    expect((c50.properties.inputs as string[])[0]).toBe("wrong_fragment_transformed");
    expect(c50.properties.inputs).toHaveLength(35);
    const logreg = await node("Jigar2712__Intrusion-Detection__Project.str", "BuildLogisticNode");
    expect(logreg.type).toBe("logreg");
    expect(logreg.name).toBe("Logistic_analysis");
    expect(logreg.properties).toMatchObject({
      logistic_procedure: "Multinomial", method: "Stepwise", mode: "Expert", model_type: "MainEffects", scale: "None", include_constant: true,
      tolerance: 1e-8, p_converge: 1e-6, max_iterations: 20, probability_entry: 0.05, probability_removal: 0.1, entry_criterion: "Score", removal_criterion: "LR",
    });
  });

  it("K-Means (Pushti-dureja)", async () => {
    const kmeans = await node("Pushti-dureja__loan-credit-risk-spss-modeler__predictive_mini_project.str", "BuildKMeansNode");
    expect(kmeans.type).toBe("kmeans");
    expect(kmeans.properties).toMatchObject({
      custom_fields: true, num_clusters: 3, cluster_label: "String", label_prefix: "cluster-", mode: "Simple", stop_on: "Custom",
      max_iterations: 100, tolerance: 0, gen_distance: false, optimize: "Memory", inputs: ["CreditScore", "Income", "DebtToIncomeRatio", "LoanAmount", "MissedPayments", "PreviousDefaults"],
    });
  });

  it("Regression (the BuildRegressionNode an auto-numeric builder of jhagulshan's stream holds)", () => {
    const decoded = readFileSync(join(decodedDir, "jhagulshan__IBM-SPSS-PROJECT__project_fie.xml"), "utf8");
    const element = documentElement(parseXmlDocument(nodeElementText(decoded, "BuildRegressionNode"), { what: "BuildRegressionNode" }))!;
    const props = element.children.find((c) => c.kind === "element" && c.name.localName === "properties") as XmlElement;
    const read = Object.fromEntries(Object.entries(regressionMapping.properties).map(([name, codec]) => [name, codec.read(props, { node: element, warn: () => {} })]));
    expect(read).toMatchObject({
      custom_fields: false, method: "Enter", mode: "Simple", include_constant: true, complete_records: true, tolerance: 1e-4,
      stepping_method: "useP", probability_entry: 0.05, probability_removal: 0.1, F_value_entry: 3.84, F_value_removal: 2.71,
      use_model_name: true, model_name: "Regression 1", model_fit: true, regression_coefficients: true,
    });
  });

  it("classic nuggets keep their scoring settings", async () => {
    const logit = await node("pmservice__wml-sample-models__german_credit_risk_tutorial.str", "ApplyLogisticNode");
    expect(logit.type).toBe("applylogreg");
    expect(logit.properties).toMatchObject({ calculate_conf: true, calculate_raw_propensities: true, all_probabilities: false });
    const chaid = await node("adityayadav0234__SPSS_Project__Project.str", "ApplyChaidRuleNode");
    expect(chaid.properties).toMatchObject({ calculate_conf: true, display_rule_id: false, calculate_raw_propensities: false });
  });

  it("builders modeler-batch does not run fail naming the node, the type and the Modeler class", async () => {
    const cases: Array<readonly [string, string, string]> = [
      ["hkwd__spssmodelerscript__221121automodeling__automodeling2.str", "ExtensionBuildModelNode", "svm"],
      // An extension builder no type reads (scikit-learn's SVM): the message names its extension too.
      ["IBMPredictiveAnalytics__SVM_with_scikit-learn__example.str", "CFBuildModelNode", "cfbuildmodelnode"],
      ["Pushti-dureja__loan-credit-risk-spss-modeler__predictive_mini_project.str", "BuildAprioriNode", "apriori"],
    ];
    for (const [file, cls, type] of cases) {
      const builder = await node(file, cls);
      expect(builder.type).toBe(type);
      const stream: Stream = {
        name: "unsupported", parameters: [], properties: {},
        nodes: [{ id: "src", type: "userinput", enabled: true, properties: { names: ["a"], data: { a: "1" } } }, builder],
        links: [{ from: "src", to: builder.id }],
      };
      let error: ModelerBatchError | undefined;
      try {
        await runStream(stream, { registry, seed: 1 });
      } catch (e) {
        error = e as ModelerBatchError;
      }
      expect(error?.code, file).toBe("UNSUPPORTED_NODE");
      expect(error!.message).toContain(`type ${type}, Modeler class ${cls}`);
      if (cls === "CFBuildModelNode") expect(error!.message).toContain("extension spss.SVM_ScikitLearn/SVM_ScikitLearn");
    }
  });
});
