/**
 * Every trainer's PMML, scored by the project's evaluator (`src/pmml`), must reproduce the
 * in-memory model: predicted value, confidence and per-class probabilities, on the 200 rows
 * of DRUG1n, as given and with 15% of the input values blanked (missing-value routing:
 * surrogates, CHAID's missing category, C5.0's fractional cases, rules failing on a missing value).
 */
import { describe, expect, it } from "vitest";
import { loadPmml } from "../../src/pmml/index.js";
import { trainCart } from "../../src/models/cart/train-cart.js";
import { trainChaid } from "../../src/models/chaid/train-chaid.js";
import { trainC50 } from "../../src/models/c50/train-c50.js";
import { trainQuest } from "../../src/models/quest/train-quest.js";
import { trainRandomTrees } from "../../src/models/random-trees/train-random-trees.js";
import { makeTrainingData, type TrainingData } from "../../src/models/dataset.js";
import type { TrainedModel } from "../../src/models/trained-model.js";
import { drugData, fixturesPresent } from "./helpers/data-files.js";
import { compareWithEvaluator, withMissing } from "./helpers/equivalence.js";

const present = fixturesPresent();

/** DRUG1n with K as a continuous target (regression trees). */
function drugRegression(): TrainingData {
  const d = drugData(3);
  return makeTrainingData({ inputs: d.inputs.filter((c) => c.name !== "K"), target: d.inputs.find((c) => c.name === "K")!, seed: 3 });
}

const trainers: [string, (d: TrainingData) => TrainedModel, string][] = [
  ["C&R Tree (Gini, pruned by 10-fold CV)", (d) => trainCart(d), "R"],
  ["C&R Tree (twoing, 1-SE rule)", (d) => trainCart(d, { impurity_measure: "Twoing", use_std_err_rule: true }), "R"],
  ["CHAID", (d) => trainChaid(d), "R"],
  ["Exhaustive CHAID (likelihood ratio)", (d) => trainChaid(d, { method: "ExhaustiveChaid", chi_square: "LR" }), "R"],
  ["QUEST", (d) => trainQuest(d), "R"],
  ["C5.0 tree", (d) => trainC50(d), "C"],
  ["C5.0 tree, grouped symbolics", (d) => trainC50(d, { group_symbolics: true }), "C"],
  ["C5.0 boosted (10 trials)", (d) => trainC50(d, { use_boost: true, boost_num_trials: 10 }), "C"],
  ["Random Trees", (d) => trainRandomTrees(d, { num_trees: 15 }), "R"],
];

describe.skipIf(!present)("PMML written by the trainers scores like the trained model (DRUG1n)", () => {
  for (const [name, train, prefix] of trainers) {
    for (const missing of [0, 0.15]) {
      it(`${name}${missing ? ", 15% missing inputs" : ""}`, () => {
        const data = missing ? withMissing(drugData(1), missing) : drugData(1);
        const r = compareWithEvaluator(train(data), data, prefix);
        expect(r.mismatches).toEqual([]);
      });
    }
  }

  it("boosting really ran several trials", () => {
    const m = trainC50(drugData(1), { use_boost: true });
    expect(m.members.length).toBeGreaterThan(1);
    expect(loadPmml(m.toPmml()).modelElement).toBe("MiningModel");
  });

  for (const [name, train] of [
    ["C&R Tree, least squares", (d: TrainingData) => trainCart(d)],
    ["CHAID, F test", (d: TrainingData) => trainChaid(d)],
    ["Random Trees, average", (d: TrainingData) => trainRandomTrees(d)],
  ] as const) {
    it(`${name} (continuous target K)`, () => {
      const data = withMissing(drugRegression(), 0.1);
      expect(compareWithEvaluator(train(data), data, "R").mismatches).toEqual([]);
    });
  }

  for (const [name, options] of [
    ["C5.0 rule set (RuleSetModel, weightedSum)", { output_type: "RuleSet" }],
    ["C5.0 boosted rule sets (MiningModel of RuleSetModels)", { output_type: "RuleSet", use_boost: true }],
  ] as const) {
    for (const missing of [0, 0.15]) {
      it(`${name}${missing ? ", 15% missing inputs" : ""}`, () => {
        const data = missing ? withMissing(drugData(1), missing) : drugData(1);
        const model = trainC50(data, options);
        expect(compareWithEvaluator(model, data, "C").mismatches).toEqual([]);
      });
    }
  }
});
