/**
 * Modeler's extension builders (`CFBuildModelNode` with `extensionID` / `extensionObjectID`)
 * read as trainable builders: for every such node of the corpus, the scripting properties
 * equal what its `Parameters` member says — the member is read here with fast-xml-parser, and
 * the expected values are derived from it by the tables below, written from the member's
 * parameter names, not from the code under test. Unsupported settings fail as they do for a
 * stream written in JSON; changed settings are written back into the member.
 */
import { readFileSync } from "node:fs";
import { XMLParser } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { runStream } from "../../src/engine/run.js";
import { ModelerBatchError } from "../../src/errors.js";
import { parseStreamBytes } from "../../src/load/index.js";
import { StrContainer } from "../../src/modeler/container/str-file.js";
import { writeZip } from "../../src/modeler/container/zip-writer.js";
import { StrWriteError, writeStr } from "../../src/modeler/export/index.js";
import { resolveProperties } from "../../src/nodes/properties.js";
import { defaultRegistry } from "../../src/nodes/registry.js";
import type { Stream, StreamNode } from "../../src/stream/model.js";
import { CORPUS_AVAILABLE, corpusFile, corpusFiles, refNodes, referenceDocument, shortClass } from "./helpers/corpus.js";

const registry = defaultRegistry();

/** One `<Parameter>` as fast-xml-parser sees it. */
interface RefParameter {
  name: string;
  value?: string;
  ListValue?: "" | { Value?: Array<{ value: string }>; StructuredValue?: Array<{ Attribute?: Array<{ name: string; value: string }> }> };
}

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  removeNSPrefix: true,
  parseAttributeValue: false,
  parseTagValue: false,
  isArray: (name) => ["Parameter", "Value", "StructuredValue", "Attribute"].includes(name),
});

/** The member's parameters: name → value, or list of values. */
class RefParameters {
  readonly byName = new Map<string, RefParameter>();
  constructor(text: string) {
    for (const p of (xml.parse(text) as { Parameters: { Parameter: RefParameter[] } }).Parameters.Parameter) if (!this.byName.has(p.name)) this.byName.set(p.name, p);
  }
  text(name: string): string | undefined {
    return this.byName.get(name)?.value;
  }
  bool(name: string): boolean | undefined {
    const v = this.text(name);
    return v === undefined ? undefined : v === "true";
  }
  number(name: string): number | undefined {
    const v = this.text(name);
    return v === undefined || v === "" ? undefined : Number(v);
  }
  list(name: string): string[] | undefined {
    const p = this.byName.get(name);
    if (!p) return undefined;
    if (p.value !== undefined) return [p.value];
    return p.ListValue === undefined ? undefined : p.ListValue === "" ? [] : (p.ListValue.Value ?? []).map((v) => v.value);
  }
  /** A field saved as a value or a one-item list. */
  field(name: string): string | undefined {
    return this.list(name)?.[0];
  }
}

function memberOf(strPath: string, member: string): string {
  return Buffer.from(StrContainer.open(readFileSync(strPath)).read(member)).toString("utf8");
}

const common = (p: RefParameters, a: string) => ({
  inputs: p.list(`${a}.InputFieldList`) ?? p.list(`${a}.InputFields`),
  use_frequency: p.text(`${a}.FrequencyWeightField`) === undefined ? undefined : p.text(`${a}.FrequencyWeightField`) !== "",
  splits: p.list("split_distribute.split_fields"),
  objective: p.text("objective_goal") === "standard" ? "Standard" : p.text("objective_goal"),
});

const tree = (p: RefParameters) => ({
  ...common(p, "tree"),
  custom_fields: p.bool("role_use"),
  target: p.field("tree.TargetField"),
  use_partitioned_data: p.bool("UsePartitionedData"),
  use_model_name: p.bool("modelRename"),
  model_output_type: p.text("SingleModel"),
  use_tree_directives: p.bool("use_tree_directives"),
  use_max_depth: p.text("MaxTreeDepth"),
  max_depth: p.number("tree.MaxTreeDepth"),
  use_percentage: p.text("tree.UsePercentageForNodeSizeRequirement") === "percentage",
  min_parent_records_pc: p.number("tree.MinParentRecordsPct"),
  min_child_records_pc: p.number("tree.MinChildRecordsPct"),
  min_parent_records_abs: p.number("tree.MinParentRecordsABS"),
  min_child_records_abs: p.number("tree.MinChildRecordsABS"),
  calculate_variable_importance: p.bool("calculate_variable_importance"),
  calculate_raw_propensities: p.bool("calculate_raw_propensities"),
  calculate_adjusted_propensities: p.text("calculate_adjusted_propensities") === "NoCalc" ? false : p.text("calculate_adjusted_propensities"),
});

/** Expected properties by `extensionID/extensionObjectID`, from the member's parameters. */
const ORACLES: Record<string, { type: string; expect: (p: RefParameters) => Record<string, unknown> }> = {
  "spss.neuralnet-extension/neuralnet": {
    type: "neuralnetwork",
    expect: (p) => ({
      ...common(p, "neuralnet"),
      custom_fields: p.bool("role_use"),
      targets: p.list("neuralnet.TargetField"),
      use_partition: p.bool("UsePartitionedData"),
      use_model_name: p.bool("modelRename"),
      continue: p.text("objective_choose") === "buildNewModel" ? false : p.text("objective_choose"),
      method: p.text("neuralnet.NeuralNetworkAlgorithm") === "multilayerPerceptron" ? "MultilayerPerceptron" : p.text("neuralnet.NeuralNetworkAlgorithm"),
      use_custom_layers: p.text("neuralnet.HiddenLayers") === "customUnits",
      first_layer_units: p.number("neuralnet.HiddenLayer1Units"),
      second_layer_units: p.number("neuralnet.HiddenLayer2Units"),
      hidden_activation: p.text("neuralnet.MLPHiddenLayerActivationFunction") === "hyperbolicTangent" ? "HyperbolicTangent" : p.text("neuralnet.MLPHiddenLayerActivationFunction"),
      use_max_time: p.bool("neuralnet.MLPStoppingMaximumTrainingTime"),
      max_time: p.number("neuralnet.MLPStoppingMaximumTrainingTimeMinutes"),
      use_max_cycles: p.text("neuralnet.MLPStoppingTrainingEpochsMaximum") === "specifyCustomValue",
      max_cycles: p.number("neuralnet.MLPStoppingTrainingEpochsMaximumNumber"),
      use_min_accuracy: p.bool("neuralnet.MLPStoppingMinimumAccuracy"),
      min_accuracy: p.number("neuralnet.MLPStoppingMinimumAccuracyValue"),
      min_relative_change: p.number("neuralnet.MLPStoppingMinimumRelativeTrainingErrorChange"),
      overfit_prevention_pct: p.bool("neuralnet.UseOverFitPreventionSet") ? p.number("neuralnet.OverFitPreventionSetPct") : 0,
      use_random_seed: p.bool("neuralnet.UseRandomSeed"),
      random_seed: p.number("neuralnet.RandomSeed"),
      missing_values: p.text("neuralnet.MissingValueHandling"),
    }),
  },
  "spss.tree-extension/Chaid": {
    type: "chaid",
    expect: (p) => ({
      ...tree(p),
      method: p.text("method"),
      split_alpha: p.number("tree.SplitAlpha"),
      merge_alpha: p.number("tree.MergeAlpha"),
      chi_square: p.text("tree.ChiSquareType") === "pearson" ? "Pearson" : p.text("tree.ChiSquareType"),
      // Modeler's defaults of the ordinal row-effects model, which the trainer refuses when given.
      epsilon: p.number("tree.Epsilon") === 0.001 ? undefined : p.number("tree.Epsilon"),
      max_iterations: p.number("tree.MaxIterations") === 100 ? undefined : p.number("tree.MaxIterations"),
      split_merged_categories: p.bool("tree.SplitMergedCategories"),
      bonferroni_adjustment: p.bool("tree.BonferroniAdjustment"),
    }),
  },
  "spss.tree-extension/Cart": {
    type: "cart",
    expect: (p) => ({
      ...tree(p),
      prune_tree: p.bool("tree.PruneTree"),
      use_std_err_rule: p.bool("tree.UseStdErrRule"),
      std_err_multiplier: p.number("tree.StdErrMultiplier"),
      max_surrogates: p.number("tree.MaxSurrogates"),
      min_impurity: p.number("tree.MinImpurity"),
      impurity_measure: p.text("tree.ImpurityMeasure"),
      priors: p.text("tree.Priors"),
      adjust_priors: p.bool("tree.AdjustPriors"),
      use_costs: p.bool("tree.UseCosts"),
    }),
  },
  "spss.alm-extension/LinearRegression": {
    type: "linear",
    expect: (p) => ({
      ...common(p, "linreg"),
      custom_fields: p.bool("role_use"),
      target: p.field("linreg.TargetField"),
      use_partitioned_data: p.bool("UsePartitionedData"),
      use_custom_model_name: p.bool("modelRename"),
      continue_training_existing_model: p.text("objective_choose") === "buildNewModel" ? false : p.text("objective_choose"),
      use_auto_data_preparation: p.bool("linreg.AutoDataPreparation"),
      confidence_level: p.number("linreg.CIn"),
      model_selection: p.text("linreg.VarSelectionMethod") === "none" ? "None" : p.text("linreg.VarSelectionMethod"),
      criteria_forward_stepwise: p.text("linreg.CriteriaForForwardStepwise"),
      probability_entry: p.number("linreg.PIn"),
      probability_removal: p.number("linreg.POut"),
      use_max_effects: p.bool("linreg.UseCustomMaxEffects"),
      max_effects: p.number("linreg.MaxEffects"),
      use_max_steps: p.bool("linreg.UseCustomMaxSteps"),
      max_steps: p.number("linreg.MaxSteps"),
      include_intercept: p.bool("linreg.Intercept"),
    }),
  },
  "spss.rf/rf": {
    type: "randomtrees",
    expect: (p) => ({
      custom_fields: p.bool("roleUse"),
      target: p.field("rf.TargetField"),
      inputs: p.list("rf.InputFields"),
      number_of_models: p.number("rf.numTrees"),
      max_depth: p.bool("rf.specifyMaxDepth") ? p.number("rf.maxDepth") : undefined,
      min_child_node_size: p.number("rf.minChildLeaf"),
    }),
  },
};

interface Found {
  readonly file: string;
  readonly strPath: string;
  readonly uid: string;
  readonly extension: string;
  readonly member: string;
}

const streams = new Map<string, Stream>();
function load(name: string): Stream {
  let s = streams.get(name);
  if (!s) {
    const f = corpusFile(name);
    s = parseStreamBytes(readFileSync(f.strPath), f.strPath, registry);
    streams.set(name, s);
  }
  return s;
}

function nodeOf(file: string, uid: string): StreamNode {
  return load(file).nodes.find((n) => n.id === uid)!;
}

/** Every CFBuildModelNode of the corpus (the 14.2 file included), from the reference decodings. */
function extensionBuilders(): Found[] {
  const out: Found[] = [];
  for (const f of corpusFiles()) {
    for (const n of refNodes(referenceDocument(f))) {
      if (shortClass(n.attrs.class!) !== "CFBuildModelNode") continue;
      out.push({ file: f.name, strPath: f.strPath, uid: n.attrs.uid!, extension: `${n.attrs.extensionID}/${n.attrs.extensionObjectID}`, member: n.attrs.properties! });
    }
  }
  return out;
}

/** Runs the builder behind a User Input node holding its fields, and returns the error it fails with. */
async function failure(builder: StreamNode, fields: readonly string[]): Promise<ModelerBatchError> {
  const stream: Stream = {
    name: "refusal", parameters: [], properties: {},
    nodes: [{ id: "src", type: "userinput", enabled: true, properties: { names: [...fields], data: Object.fromEntries(fields.map((f) => [f, "1"])) } }, builder],
    links: [{ from: "src", to: builder.id }],
  };
  try {
    await runStream(stream, { registry, seed: 1 });
  } catch (e) {
    return e as ModelerBatchError;
  }
  throw new Error("the run did not fail");
}

describe.skipIf(!CORPUS_AVAILABLE)("extension builders of the corpus read from their Parameters members", () => {
  let found: Found[] = [];
  beforeAll(() => {
    found = extensionBuilders();
  }, 120_000);

  it("every CFBuildModelNode of a mapped extension loads as its builder, with the member's settings", () => {
    const counts: Record<string, number> = {};
    for (const f of found) {
      const oracle = ORACLES[f.extension];
      if (!oracle) continue;
      const where = `${f.file} ${f.uid} (${f.extension})`;
      const node = nodeOf(f.file, f.uid);
      expect(node.type, where).toBe(oracle.type);
      const want = Object.fromEntries(Object.entries(oracle.expect(new RefParameters(memberOf(f.strPath, f.member)))).filter(([, v]) => v !== undefined));
      const got = Object.fromEntries(Object.keys(oracle.expect(new RefParameters(memberOf(f.strPath, f.member)))).map((k) => [k, node.properties[k]]).filter(([, v]) => v !== undefined));
      expect(got, where).toEqual(want);
      expect(() => resolveProperties(registry.get(node.type)!.properties, node), where).not.toThrow();
      counts[f.extension] = (counts[f.extension] ?? 0) + 1;
    }
    // The stream nodes of the corpus (the others of the survey's counts sit inside nuggets' model-builder containers).
    expect(counts).toEqual({
      "spss.neuralnet-extension/neuralnet": 8,
      "spss.tree-extension/Chaid": 5,
      "spss.tree-extension/Cart": 2,
      "spss.alm-extension/LinearRegression": 1,
      "spss.rf/rf": 1,
    });
  }, 120_000);

  it("extensions no type reads load under the class name and name their extension when a run needs them", () => {
    const others = found.filter((f) => !ORACLES[f.extension]).map((f) => [f.extension, nodeOf(f.file, f.uid).type] as const);
    expect(new Set(others.map(([e]) => e))).toEqual(new Set(["spss.normalisation/normalisation", "spss.SVM_ScikitLearn/SVM_ScikitLearn", "spss.xgboost/xgboosttree", "spss.scripts/script"]));
    expect(others.every(([, type]) => type === "cfbuildmodelnode")).toBe(true);
    expect(nodeOf("pmservice__wml-sample-models__car-price-prediction", "id7DUUUG7I77X").modeler).toMatchObject({ extensionId: "spss.xgboost", extensionObjectId: "xgboosttree" });
  });

  it("Drug1n_capitalized's Neural Net, as saved (values read by hand from data/0009.dat)", () => {
    const nn = nodeOf("pmservice__drug-selection__Drug1n_capitalized", "id5EIQTQCRX6B");
    expect(nn.type).toBe("neuralnetwork");
    expect(nn.modeler).toMatchObject({ modelerClass: "CFBuildModelNode", extensionId: "spss.neuralnet-extension", extensionObjectId: "neuralnet" });
    expect(nn.properties).toMatchObject({
      custom_fields: false, targets: ["DRUG"], inputs: ["AGE", "SEX", "BP", "CHOLESTEROL", "NA", "K"], use_partition: true,
      method: "MultilayerPerceptron", use_custom_layers: false, hidden_activation: "HyperbolicTangent", use_max_time: true, max_time: 15,
      use_max_cycles: false, use_min_accuracy: false, overfit_prevention_pct: 30, use_random_seed: true, random_seed: 229176228,
      missing_values: "listwiseDeletion", min_relative_change: 1e-4, objective: "Standard", continue: false,
    });
    expect(load("pmservice__drug-selection__Drug1n_capitalized").warnings!.filter((w) => w.includes("id5EIQTQCRX6B"))).toEqual([]);
  });

  it("custom field assignments: akbarnaeem's CHAID (role_use true) lists inputs the Type node does not", () => {
    expect(nodeOf("akbarnaeem__bank-customer-churn-prediction-chaid-spss__stream", "id8A21ZT1VMTEP").properties).toMatchObject({ custom_fields: true, target: "churn", method: "Chaid", use_max_depth: "Default", max_depth: 5 });
  });

  it("Retail_Model's Random Forest: trees, leaf size, and what Random Trees does otherwise is reported", () => {
    const s = load("IBM__Industry-Accelerators__Retail_Model");
    expect(nodeOf("IBM__Industry-Accelerators__Retail_Model", "id6JFVYJKVNUV").properties).toMatchObject({ target: "Revenue_Sum", number_of_models: 10, min_child_node_size: 1 });
    expect(nodeOf("IBM__Industry-Accelerators__Retail_Model", "id6JFVYJKVNUV").properties.max_depth).toBeUndefined();
    const warnings = s.warnings!.filter((w) => w.includes("id6JFVYJKVNUV"));
    expect(warnings.some((w) => w.includes("rf.specifyMaxDepth"))).toBe(true);
    expect(warnings.some((w) => w.includes("rf.splitfeatures"))).toBe(true);
  });

  it("a setting the trainer does not implement fails as it does in a JSON stream (Intrusion Detection's missing-value imputation)", async () => {
    const nn = nodeOf("Jigar2712__Intrusion-Detection__Project", "id361TAMLW1D3");
    expect(nn.properties.missing_values).toBe("missingValueImputation");
    const fields = [...(nn.properties.inputs as string[]), ...(nn.properties.targets as string[])];
    const fromStr = await failure(nn, fields);
    const { modeler: _, ...json } = nn;
    const fromJson = await failure({ ...json, properties: JSON.parse(JSON.stringify(nn.properties)) }, fields);
    expect(fromStr.code).toBe("MODEL_OPTION_UNSUPPORTED");
    expect(fromStr.message).toMatch(/missing_values=missingValueImputation/);
    expect(fromStr.message).toBe(fromJson.message);
  });

  it("changed settings are written into the member; the rest of it is left as saved", async () => {
    const name = "pmservice__drug-selection__Drug1n_capitalized";
    const s = load(name);
    const changed: Stream = {
      ...s,
      nodes: s.nodes.map((n) => (n.id === "id5EIQTQCRX6B" ? { ...n, properties: { ...n.properties, use_custom_layers: true, first_layer_units: 4, overfit_prevention_pct: 0, random_seed: 7, method: "RadialBasisFunction" } } : n)),
    };
    const bytes = writeStr(changed, { registry }).bytes;
    const back = parseStreamBytes(bytes, "changed.str", registry).nodes.find((n) => n.id === "id5EIQTQCRX6B")!;
    expect(back.properties).toMatchObject({ use_custom_layers: true, first_layer_units: 4, overfit_prevention_pct: 0, random_seed: 7, method: "RadialBasisFunction" });

    const before = new RefParameters(memberOf(corpusFile(name).strPath, "data/0009.dat"));
    const after = new RefParameters(Buffer.from(StrContainer.open(bytes).read("data/0009.dat")).toString("utf8"));
    const edited: Record<string, string> = {
      "neuralnet.HiddenLayers": "customUnits", "neuralnet.HiddenLayer1Units": "4", "neuralnet.UseOverFitPreventionSet": "false",
      "neuralnet.RandomSeed": "7", "neuralnet.NeuralNetworkAlgorithm": "radialBasisFunction",
    };
    expect([...after.byName.keys()]).toEqual([...before.byName.keys()]);
    for (const [key, p] of before.byName) {
      if (key in edited) expect(after.text(key), key).toBe(edited[key]);
      else expect(after.byName.get(key), key).toEqual(p);
    }
    // RBF reaches the trainer, which refuses it by name, as for a stream written in JSON (the
    // node's own field lists are used: the User Input node sets no roles).
    const error = await failure({ ...back, properties: { ...back.properties, custom_fields: true } }, ["AGE", "SEX", "BP", "CHOLESTEROL", "NA", "K", "DRUG"]);
    expect(error.code).toBe("MODEL_OPTION_UNSUPPORTED");
    expect(error.message).toMatch(/method=RadialBasisFunction/);
  });

  it("a builder whose member is missing loads under its class name, so that it cannot train with default settings", () => {
    const c = StrContainer.open(readFileSync(corpusFile("pmservice__drug-selection__Drug1n_capitalized").strPath));
    const without = writeZip(c.entries.filter((e) => e.name !== "data/0009.dat").map((e) => ({ name: e.name, raw: c.raw(e), dosTime: e.dosTime, dosDate: e.dosDate })));
    const s = parseStreamBytes(without, "without-member.str", registry);
    expect(s.nodes.find((n) => n.id === "id5EIQTQCRX6B")!.type).toBe("cfbuildmodelnode");
    expect(s.warnings!.filter((w) => w.includes("id5EIQTQCRX6B"))).toEqual([expect.stringMatching(/settings member "data\/0009\.dat" is missing.*loads as "cfbuildmodelnode" and cannot run/)]);
  });

  it("a property with no form in the member is refused on writing, naming it", () => {
    const name = "adityayadav0234__SPSS_Project__Project";
    const s = load(name);
    const priors: Stream = { ...s, nodes: s.nodes.map((n) => (n.id === "id11JXX6566E4" ? { ...n, properties: { ...n.properties, custom_priors: [["No", 0.7], ["Yes", 0.3]] } } : n)) };
    expect(() => writeStr(priors, { registry })).toThrow(StrWriteError);
    expect(() => writeStr(priors, { registry })).toThrow(/id11JXX6566E4.*"custom_priors"/);
    // It was read: adityayadav saved equal custom priors (with priors Data, so unused).
    expect(nodeOf(name, "id11JXX6566E4").properties.custom_priors).toEqual([["No", 0.5], ["Yes", 0.5]]);
  });
});

describe("extension builder mappings", () => {
  it("map only properties their type declares, and each extension to one type", () => {
    const seen = new Map<string, string>();
    for (const def of registry.definitions) {
      for (const ext of def.modelerExtensions ?? []) {
        expect(seen.get(ext), ext).toBeUndefined();
        seen.set(ext, def.type);
        const declared = new Set(def.properties.map((p) => p.name));
        expect(Object.keys(def.modeler?.parameters ?? {}).filter((k) => !declared.has(k)), def.type).toEqual([]);
      }
    }
    expect(Object.fromEntries(seen)).toEqual({
      "spss.neuralnet-extension/neuralnet": "neuralnetwork",
      "spss.tree-extension/Cart": "cart",
      "spss.tree-extension/Chaid": "chaid",
      "spss.alm-extension/LinearRegression": "linear",
      "spss.rf/rf": "randomtrees",
    });
  });
});
