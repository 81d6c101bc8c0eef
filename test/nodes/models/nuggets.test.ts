/**
 * Nuggets on PMML documents small enough to score by hand (`pmml-fixtures.ts`): the fields each
 * kind of nugget adds, their names (Modeler's prefixes, numbering when a name is taken),
 * storages and values; confidences and propensities; where the PMML comes from; and the errors
 * that name the node, the field or the PMML element at fault.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeField } from "../../../src/data/field.js";
import { ModelerBatchError } from "../../../src/errors.js";
import { runStream } from "../../../src/engine/index.js";
import type { TableContent } from "../../../src/reports/document.js";
import { StreamBuilder } from "../../../src/stream/index.js";
import { column, modellingRegistry, scoreRows, type FieldSpec } from "../modeling/helpers.js";
import { clusteringPmml, KNN_PMML, LOGISTIC_PMML, NEURAL_PMML, REGRESSION_PMML, TIME_SERIES_PMML, treePmml } from "./pmml-fixtures.js";

const X: FieldSpec[] = [["x", "real"]];
const XS = [[3], [8]];

async function rejection(p: Promise<unknown>): Promise<ModelerBatchError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ModelerBatchError) return e;
    throw e;
  }
  throw new Error("expected the run to fail");
}

const added = (r: { schema: { names: string[] } }, input: readonly FieldSpec[]) => r.schema.names.slice(input.length);

describe("tree nuggets", () => {
  it("CHAID: $R- prediction, $RC- the leaf's ScoreDistribution confidence, $RP- per class, $RRP-, $RI- node id", async () => {
    const r = await scoreRows(X, XS, ["applychaid", { all_probabilities: true, calculate_raw_propensities: true, display_rule_id: true }], treePmml());
    expect(added(r, X)).toEqual(["$R-churn", "$RC-churn", "$RP-N", "$RP-Y", "$RRP-churn", "$RI-churn"]);
    expect(column(r, "$R-churn")).toEqual(["N", "Y"]);
    expect(column(r, "$RC-churn")).toEqual([0.625, 0.625]);
    expect(column(r, "$RP-N")).toEqual([0.75, 0.25]);
    expect(column(r, "$RP-Y")).toEqual([0.25, 0.75]);
    // The true value of the flag is Y: 1 − confidence where N is predicted, the confidence where Y is.
    expect(column(r, "$RRP-churn")).toEqual([0.375, 0.625]);
    expect(column(r, "$RI-churn")).toEqual([1, 2]);
    expect(r.schema.field("$R-churn")).toMatchObject({ storage: "string", measure: "flag", role: "none", values: ["N", "Y"] });
    expect(r.schema.field("$RC-churn")).toMatchObject({ storage: "real", measure: "continuous", role: "none" });
    expect(r.schema.field("$RI-churn")!.storage).toBe("integer");
  });

  it("C5.0 names its fields $C- and $CC-; C&R Tree and QUEST $R- and $RC-", async () => {
    expect(added(await scoreRows(X, XS, ["applyc50", {}], treePmml("C5")), X)).toEqual(["$C-churn", "$CC-churn"]);
    expect(added(await scoreRows(X, XS, ["applycart", {}], treePmml("C&RT")), X)).toEqual(["$R-churn", "$RC-churn"]);
    expect(added(await scoreRows(X, XS, ["applyquest", { calculate_conf: false }], treePmml("QUEST")), X)).toEqual(["$R-churn"]);
  });

  it("the raw propensity follows the flag's declared true value", async () => {
    // A Type node declares the flag [Y, N]: N is the true value.
    const fields: FieldSpec[] = [["x", "real"], ["churn", "string"]];
    const r = await scoreRows(fields, [[3, "N"], [8, "Y"]], ["applychaid", { calculate_raw_propensities: true }], treePmml(), {
      chain: [["type", { type: { churn: "Flag" }, values: { churn: ["Y", "N"] } }]],
    });
    expect(column(r, "$RRP-churn")).toEqual([0.625, 0.375]);
  });

  it("raw propensities of a target that is not a flag are left out with a warning", async () => {
    const r = await scoreRows(X, XS, ["applycart", { calculate_raw_propensities: true }], treePmml("C&RT", "churn", "string", ["N", "Y"]).replace('<Value value="Y"/>', '<Value value="Y"/><Value value="M"/>'));
    expect(added(r, X)).toEqual(["$R-churn", "$RC-churn"]);
    expect(r.report.warnings.join("\n")).toContain("raw propensities are for flag targets");
  });
});

describe("the other nuggets", () => {
  it("Regression: $E- (Real)", async () => {
    const r = await scoreRows(X, XS, ["applyregression", {}], REGRESSION_PMML);
    expect(added(r, X)).toEqual(["$E-y"]);
    expect(column(r, "$E-y")).toEqual([7, 17]);
    expect(r.schema.field("$E-y")!.storage).toBe("real");
  });

  it("Linear: $L- (Real)", async () => {
    expect(column(await scoreRows(X, XS, ["applylinear", {}], REGRESSION_PMML), "$L-y")).toEqual([7, 17]);
  });

  it("Logistic: $L-, $LP- the probability of the prediction, $LP-<category>, $LRP- the probability of the true value", async () => {
    const r = await scoreRows(X, [[1], [-1]], ["applylogreg", { all_probabilities: true, calculate_raw_propensities: true }], LOGISTIC_PMML);
    expect(added(r, X)).toEqual(["$L-buy", "$LP-buy", "$LP-yes", "$LP-no", "$LRP-buy"]);
    const p = 1 / (1 + Math.exp(-1));
    expect(column(r, "$L-buy")).toEqual(["yes", "no"]);
    column(r, "$LP-buy").forEach((v) => expect(v).toBeCloseTo(p, 12));
    column(r, "$LP-yes").forEach((v, i) => expect(v).toBeCloseTo([p, 1 - p][i]!, 12));
    column(r, "$LRP-buy").forEach((v, i) => expect(v).toBeCloseTo([p, 1 - p][i]!, 12));
  });

  it("Neural Net: $N-, $NC-, $NP-<category> for the first max_categories, $NRP- with score_propensity", async () => {
    const r = await scoreRows(X, [[0.5]], ["applyneuralnetwork", { score_category_probabilities: true, max_categories: 1, score_propensity: true }], NEURAL_PMML);
    expect(added(r, X)).toEqual(["$N-k", "$NC-k", "$NP-a", "$NRP-k"]);
    const p = 1 / (1 + Math.exp(-1));
    expect(column(r, "$N-k")).toEqual(["a"]);
    expect(column(r, "$NC-k")[0]).toBeCloseTo(p, 12);
    expect(column(r, "$NP-a")[0]).toBeCloseTo(p, 12);
    // True value b (the larger): the prediction is a, so 1 − confidence.
    expect(column(r, "$NRP-k")[0]).toBeCloseTo(1 - p, 12);
  });

  it("K-Means: $KM-<model name> the cluster's name, $KMD- the distance to its centre", async () => {
    const r = await scoreRows(X, [[2], [7]], ["applykmeans", { gen_distance: true }], clusteringPmml());
    expect(added(r, X)).toEqual(["$KM-K-Means", "$KMD-K-Means"]);
    expect(column(r, "$KM-K-Means")).toEqual(["cluster-1", "cluster-2"]);
    expect(column(r, "$KMD-K-Means")).toEqual([2, 3]);
    expect(added(await scoreRows(X, [[2]], ["applykmeans", {}], clusteringPmml("Segments")), X)).toEqual(["$KM-Segments"]);
  });

  it("KNN: $KNN-, $KNNP- the neighbours' vote, $KNN-distance-<n>", async () => {
    const r = await scoreRows(X, [[0.2], [6]], ["applyknn", { save_distances: true }], KNN_PMML);
    expect(added(r, X)).toEqual(["$KNN-level", "$KNNP-level", "$KNN-distance-1", "$KNN-distance-2"]);
    expect(column(r, "$KNN-level")).toEqual(["low", "low"]);
    expect(column(r, "$KNN-distance-1")).toEqual([0.2, 4]);
    expect(column(r, "$KNN-distance-2")[0]).toBeCloseTo(0.8, 12);
    expect(column(r, "$KNN-distance-2")[1]).toBe(5);
    // The evaluator does not give the vote shares yet; the run says so.
    expect(column(r, "$KNNP-level")).toEqual([null, null]);
    expect(r.report.warnings.join("\n")).toContain("no class probabilities for a NearestNeighborModel");
  });
});

describe("naming, storage and batches", () => {
  it("names the input already holds are numbered as Modeler numbers them", async () => {
    const fields: FieldSpec[] = [["x", "real"], ["$R-churn", "string"]];
    const r = await scoreRows(fields, [[3, "old"]], ["applychaid", {}], treePmml());
    expect(added(r, fields)).toEqual(["$R1-churn", "$RC1-churn"]);
    const twice: FieldSpec[] = [["x", "real"], ["$R-churn", "string"], ["$RC1-churn", "real"]];
    expect(added(await scoreRows(twice, [[3, "old", 1]], ["applychaid", {}], treePmml()), twice)).toEqual(["$R2-churn", "$RC2-churn"]);
  });

  it("two nuggets in a row keep both sets of fields", async () => {
    const { registry } = { registry: modellingRegistry() };
    const b = new StreamBuilder("two");
    b.add("userinput", { names: ["x"], data: { x: "3" }, custom_storage: { x: "Real" } }, { id: "src" })
      .then("applychaid", {}, { id: "first", model: { pmmlText: treePmml() } })
      .then("applychaid", {}, { id: "second", model: { pmmlText: treePmml() } })
      .then("table", {}, { id: "table" });
    const report = await runStream(b.build(), { registry, seed: 1 });
    const names = (report.documents[0]!.content as TableContent).columns.map((c) => c.name);
    expect(names).toEqual(["x", "$R-churn", "$RC-churn", "$R1-churn", "$RC1-churn"]);
  });

  it("a categorical prediction takes the target field's storage when the input holds it, else the PMML's", async () => {
    const numeric = treePmml("CHAID", "churn", "double", ["0", "1"]);
    const withTarget: FieldSpec[] = [["x", "real"], ["churn", "integer"]];
    const a = await scoreRows(withTarget, [[3, 0], [8, 1]], ["applychaid", {}], numeric);
    expect(a.schema.field("$R-churn")!.storage).toBe("integer");
    expect(column(a, "$R-churn")).toEqual([0, 1]);
    const b = await scoreRows(X, XS, ["applychaid", {}], numeric);
    expect(b.schema.field("$R-churn")!.storage).toBe("real");
    expect(column(b, "$R-churn")).toEqual([0, 1]);
    const asText: FieldSpec[] = [["x", "real"], ["churn", "string"]];
    expect(column(await scoreRows(asText, [[3, "0"]], ["applychaid", {}], numeric), "$R-churn")).toEqual(["0"]);
  });

  it("scores the same in batches of one row as in one batch", async () => {
    const rows = Array.from({ length: 25 }, (_, i) => [i / 2]);
    const big = await scoreRows(X, rows, ["applychaid", { display_rule_id: true, all_probabilities: true }], treePmml(), { batchSize: 1000 });
    const small = await scoreRows(X, rows, ["applychaid", { display_rule_id: true, all_probabilities: true }], treePmml(), { batchSize: 1 });
    expect(small.rows).toEqual(big.rows);
  });

  it("ignores the outputs the PMML declares: the nugget's fields come from its settings", async () => {
    // reasonCode is not something the evaluator computes for a tree; the nugget does not ask for it.
    const declared = treePmml().replace("</MiningSchema>", '</MiningSchema><Extension name="x"/><Output><OutputField name="why" feature="reasonCode"/><OutputField name="$R-churn" feature="probability"/></Output>');
    const r = await scoreRows(X, XS, ["applychaid", {}], declared);
    expect(added(r, X)).toEqual(["$R-churn", "$RC-churn"]);
    expect(column(r, "$R-churn")).toEqual(["N", "Y"]);
  });

  it("a missing input value scores as the model's missing-value rules say, and the record is kept", async () => {
    const r = await scoreRows(X, [[null], [8]], ["applyregression", {}], REGRESSION_PMML);
    expect(column(r, "$E-y")).toEqual([null, 17]);
  });
});

describe("the generic nugget (applymodel)", () => {
  it("takes the naming from the PMML's model element and algorithm", async () => {
    expect(added(await scoreRows(X, XS, ["applymodel", {}], treePmml("C5")), X)).toEqual(["$C-churn", "$CC-churn"]);
    expect(added(await scoreRows(X, XS, ["applymodel", {}], treePmml("CHAID")), X)).toEqual(["$R-churn", "$RC-churn"]);
    expect(added(await scoreRows(X, XS, ["applymodel", {}], NEURAL_PMML), X)).toEqual(["$N-k", "$NC-k"]);
    expect(added(await scoreRows(X, XS, ["applymodel", {}], LOGISTIC_PMML), X)).toEqual(["$L-buy", "$LP-buy"]);
    expect(added(await scoreRows(X, XS, ["applymodel", {}], REGRESSION_PMML), X)).toEqual(["$E-y"]);
    expect(added(await scoreRows(X, XS, ["applymodel", {}], clusteringPmml()), X)).toEqual(["$KM-K-Means"]);
    expect(added(await scoreRows(X, XS, ["applymodel", {}], KNN_PMML), X)).toEqual(["$KNN-level", "$KNNP-level"]);
  });

  it("model_type chooses the naming", async () => {
    expect(added(await scoreRows(X, XS, ["applymodel", { model_type: "svm" }], LOGISTIC_PMML), X)).toEqual(["$S-buy", "$SP-buy"]);
    expect(added(await scoreRows(X, XS, ["applymodel", { model_type: "linear" }], REGRESSION_PMML), X)).toEqual(["$L-y"]);
  });
});

describe("where the model comes from, and errors", () => {
  it("reads {pmml: path} relative to the stream's folder", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mb-nugget-"));
    writeFileSync(join(dir, "tree.xml"), treePmml());
    const b = new StreamBuilder("file", dir);
    b.add("userinput", { names: ["x"], data: { x: "3" }, custom_storage: { x: "Real" } }, { id: "src" })
      .then("applychaid", {}, { id: "nugget", model: { pmml: "tree.xml" } })
      .then("table", {}, { id: "table" });
    const report = await runStream(b.build(), { registry: modellingRegistry(), seed: 1 });
    expect((report.documents[0]!.content as TableContent).rows).toEqual([[3, "N", 0.625]]);
  });

  it("no model: an error naming the node", async () => {
    const b = new StreamBuilder("none");
    b.add("userinput", { names: ["x"], data: { x: "3" } }, { id: "src" }).then("applychaid", {}, { id: "nugget" }).then("table", {}, { id: "table" });
    const e = await rejection(runStream(b.build(), { registry: modellingRegistry(), seed: 1 }));
    expect(e.code).toBe("NUGGET_MODEL");
    expect(e.message).toContain('node "nugget"');
    expect(e.message).toContain("has no model");
  });

  it("a PMML model the evaluator does not score: an error naming the node and the element", async () => {
    const e = await rejection(scoreRows(X, XS, ["applymodel", {}], TIME_SERIES_PMML));
    expect(e.code).toBe("PMML_UNSUPPORTED");
    expect(e.message).toContain("TimeSeriesModel");
    expect(e.details.node).toBe("nugget");
  });

  it("an input without a field the model reads: an error naming it, before any record is read", async () => {
    const e = await rejection(scoreRows([["y", "real"]], [[1]], ["applychaid", {}], treePmml()));
    expect(e.code).toBe("NUGGET_MODEL");
    expect(e.message).toContain('reads field "x", which the input does not have');
  });

  it("settings the nugget cannot honour are errors naming them", async () => {
    const adjusted = await rejection(scoreRows(X, XS, ["applycart", { calculate_adjusted_propensities: true }], treePmml()));
    expect(adjusted.code).toBe("NODE_PROPERTY");
    expect(adjusted.message).toContain("calculate_adjusted_propensities");
    const increase = await rejection(scoreRows(X, XS, ["applyneuralnetwork", { confidence: "onIncrease" }], NEURAL_PMML));
    expect(increase.message).toContain("onIncrease");
  });

  it("field metadata: every added field has role None", async () => {
    const r = await scoreRows(X, XS, ["applychaid", { display_rule_id: true }], treePmml());
    expect(r.schema.fields.slice(1).every((f) => f.role === "none")).toBe(true);
    expect(makeField("x", "real").role).toBe("input");
  });
});
