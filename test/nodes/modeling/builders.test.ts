/**
 * Model builders on data small enough to check by hand: where a tree splits, what a leaf's
 * confidence is, the coefficients of an exact line, the probabilities of a saturated logit,
 * the clusters and distances of two obvious groups; then what the builders share (roles from
 * a Type node or the node's own fields, the Training partition, frequency weights, seeds,
 * names) and the errors that name what to change.
 */
import { describe, expect, it } from "vitest";
import { ModelerBatchError } from "../../../src/errors.js";
import { loadPmml } from "../../../src/pmml/index.js";
import { buildModel, column, scoreRows, type Chain, type FieldSpec } from "./helpers.js";

/** X = 1..10; Y is "a" up to 5, "b" above; Z is noise. */
const STEP_FIELDS: FieldSpec[] = [["X", "real"], ["Z", "integer"], ["Y", "string"]];
const STEP_ROWS = Array.from({ length: 10 }, (_, i) => [i + 1, (i * 7) % 3, i < 5 ? "a" : "b"]);
const ROLES: Chain = [["type", { direction: { Y: "Target", X: "Input", Z: "None" } }]];

function splitValues(pmml: string, field: string): number[] {
  return [...pmml.matchAll(new RegExp(`<SimplePredicate field="${field}" operator="(?:lessOrEqual|lessThan)" value="([^"]+)"`, "g"))].map((m) => Number(m[1]));
}

async function rejection(p: Promise<unknown>): Promise<ModelerBatchError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ModelerBatchError) return e;
    throw e;
  }
  throw new Error("expected the run to fail");
}

describe("tree builders on a step", () => {
  it("C&R Tree splits X at 5.5, the midpoint between the classes, into pure leaves", async () => {
    const { model } = await buildModel(STEP_FIELDS, STEP_ROWS, ROLES, ["cart", { prune_tree: false }]);
    expect(model).toMatchObject({ nuggetType: "applycart", name: "Y" });
    expect(splitValues(model.pmmlText, "X")).toEqual([5.5]);
    const scored = await scoreRows(STEP_FIELDS, [[2, 0, null], [5.5, 0, null], [5.6, 0, null], [40, 0, null]], ["applycart", {}], model.pmmlText);
    expect(column(scored, "$R-Y")).toEqual(["a", "a", "b", "b"]);
    // A pure leaf: probability (and C&R Tree's confidence) 1.
    expect(column(scored, "$RC-Y")).toEqual([1, 1, 1, 1]);
  });

  it("C5.0 splits X between 5 and 6 and gives Laplace confidences (n+1)/(N+2)", async () => {
    const { model } = await buildModel(STEP_FIELDS, STEP_ROWS, ROLES, ["c50", {}]);
    expect(model).toMatchObject({ nuggetType: "applyc50", name: "Y" });
    expect(splitValues(model.pmmlText, "X")).toEqual([5.5]);
    const scored = await scoreRows(STEP_FIELDS, [[1, 0, null], [9, 0, null]], ["applyc50", {}], model.pmmlText);
    expect(column(scored, "$C-Y")).toEqual(["a", "b"]);
    // Each leaf holds 5 records of one class: (5 + 1) / (5 + 2).
    for (const c of column(scored, "$CC-Y")) expect(c).toBeCloseTo(6 / 7, 12);
  });

  it("QUEST puts the split between the class means (3 and 8): X ≤ 5.5", async () => {
    const { model } = await buildModel(STEP_FIELDS, STEP_ROWS, ROLES, ["quest", { prune_tree: false }]);
    expect(model.nuggetType).toBe("applyquest");
    expect(splitValues(model.pmmlText, "X")).toEqual([5.5]);
  });

  it("CHAID merges the two categories with the same distribution and splits p from {q, r}", async () => {
    const rows = Array.from({ length: 90 }, (_, i) => {
      const x = ["p", "q", "r"][i % 3]!;
      return [x, x === "p" ? "yes" : "no"];
    });
    const { model } = await buildModel([["X", "string"], ["Y", "string"]], rows, [["type", { direction: { Y: "Target" } }]], ["chaid", {}]);
    expect(model.nuggetType).toBe("applychaid");
    const doc = loadPmml(model.pmmlText);
    expect(doc.modelElement).toBe("TreeModel");
    // Two children: X = p, and X in {q, r}.
    expect(model.pmmlText).toContain('<SimplePredicate field="X" operator="equal" value="p"/>');
    expect(model.pmmlText).toMatch(/<SimpleSetPredicate field="X" booleanOperator="isIn">\s*<Array n="2" type="string">"q" "r"<\/Array>/);
    const scored = await scoreRows([["X", "string"], ["Y", "string"]], [["p", null], ["q", null], ["r", null]], ["applychaid", { display_rule_id: true }], model.pmmlText);
    expect(column(scored, "$R-Y")).toEqual(["yes", "no", "no"]);
    expect(column(scored, "$RC-Y")).toEqual([1, 1, 1]);
    expect(new Set(column(scored, "$RI-Y")).size).toBe(2);
  });

  it("Exhaustive CHAID is CHAID's method property", async () => {
    const { model } = await buildModel(STEP_FIELDS, STEP_ROWS, ROLES, ["chaid", { method: "ExhaustiveChaid", use_percentage: false, min_parent_records_abs: 2, min_child_records_abs: 1 }]);
    expect(model.pmmlText).toContain('algorithmName="Exhaustive CHAID"');
  });

  it("Random Trees builds number_of_models trees that vote", async () => {
    const { model } = await buildModel(STEP_FIELDS, STEP_ROWS, ROLES, ["randomtrees", { number_of_models: 7, min_child_node_size: 1 }]);
    expect(model.nuggetType).toBe("applyrandomtrees");
    expect(model.pmmlText.match(/<Segment /g)).toHaveLength(7);
    expect(model.pmmlText).toContain('multipleModelMethod="majorityVote"');
  });
});

describe("regression-family builders", () => {
  /** y = 2x + 1 exactly. */
  const LINE: FieldSpec[] = [["x", "real"], ["y", "real"]];
  const LINE_ROWS = [0, 1, 2, 3, 4, 5].map((x) => [x, 2 * x + 1]);
  const LINE_ROLES: Chain = [["type", { direction: { y: "Target" } }]];

  it("Regression recovers y = 2x + 1 and its nugget adds $E-y", async () => {
    const { model } = await buildModel(LINE, LINE_ROWS, LINE_ROLES, ["regression", {}]);
    expect(model).toMatchObject({ nuggetType: "applyregression", name: "y" });
    const scored = await scoreRows(LINE, [[10, null], [-0.5, null]], ["applyregression", {}], model.pmmlText);
    expect(scored.schema.field("$E-y")).toMatchObject({ storage: "real", measure: "continuous" });
    column(scored, "$E-y").forEach((v, i) => expect(v).toBeCloseTo([21, 0][i]!, 9));
  });

  it("Linear recovers the same line under $L-y", async () => {
    const { model } = await buildModel(LINE, LINE_ROWS, LINE_ROLES, ["linear", { model_selection: "None" }]);
    expect(model.nuggetType).toBe("applylinear");
    const scored = await scoreRows(LINE, [[10, null]], ["applylinear", {}], model.pmmlText);
    expect(column(scored, "$L-y")[0]).toBeCloseTo(21, 9);
  });

  it("Logistic with one flag input is saturated: the fitted probabilities are the observed shares", async () => {
    // x = 0: 3 of 4 are "T"; x = 1: 1 of 4.
    const rows = [[0, "T"], [0, "T"], [0, "T"], [0, "F"], [1, "T"], [1, "F"], [1, "F"], [1, "F"]];
    const fields: FieldSpec[] = [["x", "string"], ["y", "string"]];
    const data = rows.map(([x, y]) => [String(x), y]);
    const { model } = await buildModel(fields, data, [["type", { direction: { y: "Target" } }]], ["logreg", { logistic_procedure: "Binomial" }]);
    expect(model.nuggetType).toBe("applylogreg");
    const scored = await scoreRows(fields, [["0", null], ["1", null]], ["applylogreg", { calculate_raw_propensities: true, all_probabilities: true }], model.pmmlText);
    expect(column(scored, "$L-y")).toEqual(["T", "F"]);
    column(scored, "$LP-y").forEach((v) => expect(v).toBeCloseTo(0.75, 6));
    column(scored, "$LP-T").forEach((v, i) => expect(v).toBeCloseTo([0.75, 0.25][i]!, 6));
    column(scored, "$LP-F").forEach((v, i) => expect(v).toBeCloseTo([0.25, 0.75][i]!, 6));
    // The raw propensity is the probability of the true value, T.
    column(scored, "$LRP-y").forEach((v, i) => expect(v).toBeCloseTo([0.75, 0.25][i]!, 6));
  });

  it("K-Means finds two obvious groups; $KMD- is the distance to the centre in Modeler's 0–1 scale", async () => {
    const fields: FieldSpec[] = [["v", "real"]];
    const rows = [[1], [2], [3], [10], [11], [12]];
    const { model } = await buildModel(fields, rows, [], ["kmeans", { num_clusters: 2 }]);
    expect(model).toMatchObject({ nuggetType: "applykmeans", name: "K-Means" });
    const scored = await scoreRows(fields, rows, ["applykmeans", { gen_distance: true }], model.pmmlText);
    const clusters = column(scored, "$KM-K-Means");
    expect(new Set(clusters)).toEqual(new Set(["cluster-1", "cluster-2"]));
    expect(clusters.slice(0, 3).every((c) => c === clusters[0])).toBe(true);
    expect(clusters.slice(3).every((c) => c === clusters[3] && c !== clusters[0])).toBe(true);
    // v rescaled to (v − 1) / 11: centres 1/11 and 10/11; row v = 1 is 1/11 from its centre.
    const d = column(scored, "$KMD-K-Means") as number[];
    [1, 0, 1, 1, 0, 1].forEach((k, i) => expect(d[i]).toBeCloseTo(k / 11, 9));
    expect(scored.schema.field("$KM-K-Means")).toMatchObject({ storage: "string", role: "none" });
  });

  it("KNN with k = 1 predicts the nearest training record's class", async () => {
    const fields: FieldSpec[] = [["x", "real"], ["y", "string"]];
    const rows = [[0, "low"], [1, "low"], [9, "high"], [10, "high"]];
    const { model } = await buildModel(fields, rows, [["type", { direction: { y: "Target" } }]], ["knn", { automatic_k_selection: false, fixed_k: 1 }]);
    expect(model.nuggetType).toBe("applyknn");
    const scored = await scoreRows(fields, [[2, null], [8, null]], ["applyknn", {}], model.pmmlText);
    expect(column(scored, "$KNN-y")).toEqual(["low", "high"]);
  });

  it("Neural Net learns the step with a fixed seed, and names its fields $N- / $NC-", async () => {
    const rows = Array.from({ length: 60 }, (_, i) => [i / 6, i < 30 ? "a" : "b"]);
    const fields: FieldSpec[] = [["x", "real"], ["y", "string"]];
    const { model } = await buildModel(fields, rows, [["type", { direction: { y: "Target" } }]], ["neuralnetwork", { use_random_seed: true, random_seed: 42, overfit_prevention_pct: 0 }]);
    expect(model.nuggetType).toBe("applyneuralnetwork");
    const scored = await scoreRows(fields, [[0.5, null], [9.5, null]], ["applyneuralnetwork", {}], model.pmmlText);
    expect(column(scored, "$N-y")).toEqual(["a", "b"]);
    for (const c of column(scored, "$NC-y")) expect(c as number).toBeGreaterThan(0.5);
  });
});

describe("what every builder shares", () => {
  it("roles from a Type node and the node's own fields build the same model", async () => {
    const byRoles = await buildModel(STEP_FIELDS, STEP_ROWS, ROLES, ["cart", { prune_tree: false }]);
    const byFields = await buildModel(STEP_FIELDS, STEP_ROWS, [], ["cart", { prune_tree: false, custom_fields: true, target: "Y", inputs: ["X"] }]);
    expect(byFields.model.pmmlText).toBe(byRoles.model.pmmlText);
    // Z had role None: the model does not read it.
    expect(byRoles.model.pmmlText).not.toContain('name="Z"');
  });

  it("trains on the Training partition only: training and testing rows disagree, and the tree follows training", async () => {
    // Training rows: a up to 5; testing rows (more of them): a up to 8.
    const rows: unknown[][] = [];
    for (let x = 1; x <= 10; x++) rows.push([x, x <= 5 ? "a" : "b", "1_Training"]);
    for (let r = 0; r < 3; r++) for (let x = 1; x <= 10; x++) rows.push([x + 0.25, x <= 8 ? "a" : "b", "2_Testing"]);
    const fields: FieldSpec[] = [["X", "real"], ["Y", "string"], ["Partition", "string"]];
    const chain: Chain = [["type", { direction: { Y: "Target", Partition: "Partition" }, values: { Partition: ["1_Training", "2_Testing"] } }]];
    const training = await buildModel(fields, rows as never, chain, ["cart", { prune_tree: false }]);
    const everything = await buildModel(fields, rows as never, chain, ["cart", { prune_tree: false, use_partitioned_data: false }]);
    expect(splitValues(training.model.pmmlText, "X")).toEqual([5.5]);
    expect(splitValues(everything.model.pmmlText, "X")[0]).toBeGreaterThan(8);
    // The training model's root holds the 10 training records only.
    expect(training.model.pmmlText).toMatch(/<Node id="0" score="[ab]" recordCount="10">/);
  });

  it("the Training partition is the partition field's first value, from a Partition node", async () => {
    const rows = Array.from({ length: 200 }, (_, i) => [i % 20, i % 20 < 10 ? "a" : "b"]);
    const fields: FieldSpec[] = [["X", "real"], ["Y", "string"]];
    const { model } = await buildModel(fields, rows, [["type", { direction: { Y: "Target" } }], ["partition", { training_size: 30, testing_size: 70, random_seed: 5 }]], ["cart", { prune_tree: false }]);
    const root = Number(/<Node id="0" score="[ab]" recordCount="(\d+)">/.exec(model.pmmlText)![1]);
    expect(root).toBeGreaterThan(30);
    expect(root).toBeLessThan(100);
  });

  it("a frequency field counts a record that many times", async () => {
    const fields: FieldSpec[] = [["X", "real"], ["Y", "string"], ["n", "integer"]];
    const weighted = STEP_ROWS.map(([x, , y]) => [x, y, 2]);
    const doubled = STEP_ROWS.flatMap(([x, , y]) => [[x, y, 1], [x, y, 1]]);
    const chain: Chain = [["type", { direction: { Y: "Target", n: "Frequency" } }]];
    const a = await buildModel(fields, weighted as never, chain, ["cart", { prune_tree: false }]);
    const b = await buildModel(fields, doubled as never, chain, ["cart", { prune_tree: false }]);
    expect(a.model.pmmlText).toBe(b.model.pmmlText);
    expect(a.model.pmmlText).toContain('recordCount="20"');
    const c = await buildModel(fields, weighted as never, [["type", { direction: { Y: "Target", n: "None" } }]], ["cart", { prune_tree: false, use_frequency: true, frequency_field: "n" }]);
    expect(c.model.pmmlText).toBe(a.model.pmmlText);
  });

  it("categories come from the Type node's declared values, else from the data", async () => {
    const declared = await buildModel(STEP_FIELDS, STEP_ROWS, [["type", { direction: { Y: "Target", Z: "None" }, values: { Y: ["a", "b", "c"] }, type: { Y: "Set" } }]], ["cart", { prune_tree: false }]);
    expect(loadPmml(declared.model.pmmlText).targetFields[0]!.categories).toEqual(["a", "b", "c"]);
    const read = await buildModel(STEP_FIELDS, STEP_ROWS, ROLES, ["cart", { prune_tree: false }]);
    expect(loadPmml(read.model.pmmlText).targetFields[0]!.categories).toEqual(["a", "b"]);
  });

  it("same seed, same PMML; every builder", async () => {
    const rows = Array.from({ length: 60 }, (_, i) => [(i * 37) % 60, (i * 11) % 7, i % 3 === 0 ? "a" : i % 3 === 1 ? "b" : "c"]);
    const fields: FieldSpec[] = [["X", "real"], ["Z", "real"], ["Y", "string"]];
    const roles: Chain = [["type", { direction: { Y: "Target" } }]];
    const builders: Array<readonly [string, Record<string, unknown>]> = [
      ["c50", {}], ["chaid", {}], ["cart", {}], ["quest", {}], ["randomtrees", {}], ["logreg", {}], ["neuralnetwork", { use_max_cycles: true, max_cycles: 20 }],
      ["kmeans", { num_clusters: 3 }], ["knn", {}],
    ];
    for (const b of builders) {
      const one = await buildModel(fields, rows, roles, b, { seed: 11 });
      const two = await buildModel(fields, rows, roles, b, { seed: 11 });
      expect(two.model.pmmlText, b[0]).toBe(one.model.pmmlText);
    }
    const numeric: FieldSpec[] = [["X", "real"], ["Z", "real"], ["Y", "real"]];
    const line = rows.map(([x, z]) => [x, z, 3 * (x as number) - (z as number)]);
    for (const b of [["regression", {}], ["linear", {}]] as const) {
      const one = await buildModel(numeric, line, roles, b, { seed: 11 });
      const two = await buildModel(numeric, line, roles, b, { seed: 11 });
      expect(two.model.pmmlText, b[0]).toBe(one.model.pmmlText);
    }
  });

  it("the run's seed draws the randomness: another seed grows other random trees", async () => {
    const rows = Array.from({ length: 80 }, (_, i) => [(i * 37) % 80, (i * 13) % 9, (i * 7) % 80 < 40 ? "a" : "b"]);
    const fields: FieldSpec[] = [["X", "real"], ["Z", "real"], ["Y", "string"]];
    const a = await buildModel(fields, rows, [["type", { direction: { Y: "Target" } }]], ["randomtrees", {}], { seed: 1 });
    const b = await buildModel(fields, rows, [["type", { direction: { Y: "Target" } }]], ["randomtrees", {}], { seed: 2 });
    expect(b.model.pmmlText).not.toBe(a.model.pmmlText);
  });

  it("use_model_name names the model and its PMML", async () => {
    const { model } = await buildModel(STEP_FIELDS, STEP_ROWS, ROLES, ["cart", { prune_tree: false, use_model_name: true, model_name: "step tree" }]);
    expect(model.name).toBe("step tree");
    expect(loadPmml(model.pmmlText).modelName).toBe("step tree");
  });

  it("a builder passes records through nothing and adds no document", async () => {
    const { report } = await buildModel(STEP_FIELDS, STEP_ROWS, ROLES, ["cart", {}]);
    expect(report.documents).toEqual([]);
    expect(report.terminals[0]!.result.models).toHaveLength(1);
  });
});

describe("errors name what to change", () => {
  it("a property the trainer does not implement is an error naming it", async () => {
    const e = await rejection(buildModel(STEP_FIELDS, STEP_ROWS, ROLES, ["c50", { use_winnowing: true }]));
    expect(e.code).toBe("MODEL_OPTION_UNSUPPORTED");
    expect(e.message).toContain("use_winnowing");
    const f = await rejection(buildModel(STEP_FIELDS, STEP_ROWS, ROLES, ["randomtrees", { num_bins: 20 }]));
    expect(f.code).toBe("NODE_PROPERTY");
    expect(f.message).toContain("num_bins");
  });

  it("an option the trainer does not implement fails before any record is read", async () => {
    const e = await rejection(buildModel(STEP_FIELDS, "refuse to be read", ROLES, ["c50", { use_costs: true }]));
    expect(e.code).toBe("MODEL_OPTION_UNSUPPORTED");
    expect(e.message).toContain("use_costs");
    const nn = await rejection(buildModel(STEP_FIELDS, "refuse to be read", ROLES, ["neuralnetwork", { method: "RadialBasisFunction" }]));
    expect(nn.message).toContain("RadialBasisFunction");
    // A valid stream does read its records.
    await expect(buildModel(STEP_FIELDS, "refuse to be read", ROLES, ["c50", {}])).rejects.toThrow("the source was read");
  });

  it("adjusted propensities are refused before any record is read", async () => {
    const e = await rejection(buildModel(STEP_FIELDS, STEP_ROWS, ROLES, ["cart", { calculate_adjusted_propensities: true }]));
    expect(e.code).toBe("NODE_PROPERTY");
    expect(e.message).toContain("calculate_adjusted_propensities");
    expect(e.details.node).toBe("builder");
  });

  it("no target, two targets, a continuous target for C5.0, a categorical one for Regression", async () => {
    expect((await rejection(buildModel(STEP_FIELDS, STEP_ROWS, [], ["cart", {}]))).message).toMatch(/no field has the role Target/);
    expect((await rejection(buildModel(STEP_FIELDS, STEP_ROWS, [["type", { direction: { Y: "Target", Z: "Target" } }]], ["cart", {}]))).message).toMatch(/2 fields have the role Target/);
    const c50 = await rejection(buildModel(STEP_FIELDS, STEP_ROWS, [["type", { direction: { X: "Target" } }]], ["c50", {}]));
    expect(c50.code).toBe("MODEL_FIELDS");
    expect(c50.message).toContain('"X" is continuous');
    const regression = await rejection(buildModel(STEP_FIELDS, STEP_ROWS, ROLES, ["regression", {}]));
    expect(regression.message).toContain('"Y" is categorical');
  });

  it("custom fields that do not exist, and split fields", async () => {
    const unknown = await rejection(buildModel(STEP_FIELDS, STEP_ROWS, [], ["cart", { custom_fields: true, target: "Y", inputs: ["X", "W"] }]));
    expect(unknown.message).toContain('unknown field "W"');
    const split = await rejection(buildModel(STEP_FIELDS, STEP_ROWS, [["type", { direction: { Y: "Target", Z: "Split" } }]], ["cart", {}]));
    expect(split.message).toContain("use_split_data");
    const ok = await buildModel(STEP_FIELDS, STEP_ROWS, [["type", { direction: { Y: "Target", Z: "Split" } }]], ["cart", { use_split_data: false, prune_tree: false }]);
    expect(ok.model.pmmlText).toContain('name="X"');
  });

  it("an empty Training partition", async () => {
    const rows = STEP_ROWS.map(([x, , y]) => [x, y, "2_Testing"]);
    const fields: FieldSpec[] = [["X", "real"], ["Y", "string"], ["Partition", "string"]];
    const e = await rejection(buildModel(fields, rows as never, [["type", { direction: { Y: "Target", Partition: "Partition" }, values: { Partition: ["1_Training", "2_Testing"] } }]], ["cart", {}]));
    expect(e.message).toContain('no record is in the Training partition ("1_Training"');
  });
});
