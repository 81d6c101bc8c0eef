/**
 * The PMML each regression-family trainer writes, scored by the project's evaluator, must give
 * what the trained model gives in memory — predictions, confidences, class probabilities and
 * k-means distances — on real data (DRUG1n, telco churn, audit), as given and with 10% of the
 * input values blanked (missing-value paths: no prediction for regression and networks,
 * neutral values for k-means, the distance adjustment for KNN).
 */
import { describe, expect, it } from "vitest";
import { makeTrainingData, subsetRows, type TrainingData } from "../../src/models/dataset.js";
import { trainKMeans } from "../../src/models/kmeans/train-kmeans.js";
import { trainKnn } from "../../src/models/knn/train-knn.js";
import { trainLinear } from "../../src/models/linear/train-linear.js";
import { trainLogistic } from "../../src/models/logistic/train-logistic.js";
import { trainNeuralNet } from "../../src/models/neural/train-neural.js";
import { trainRegression } from "../../src/models/regression/train-regression.js";
import type { TrainedModel } from "../../src/models/trained-model.js";
import { loadPmml } from "../../src/pmml/index.js";
import { blanked, evaluatorMismatches, rawColumns, type Fields } from "./support/evaluator-check.js";
import { auditSet, drugSet, fixturesPresent, telcoSet } from "./support/fixture-tables.js";

/** DRUG1n with K as a continuous target. */
function drugK(): TrainingData {
  const d = drugSet().data;
  return makeTrainingData({ inputs: d.inputs.filter((c) => c.name !== "K"), target: d.inputs.find((c) => c.name === "K")!, seed: 3 });
}

function firstRows(d: TrainingData, n: number): TrainingData {
  return subsetRows(d, Int32Array.from({ length: Math.min(n, d.rowCount) }, (_, i) => i));
}

const f = (prefix: string, target: string, probabilities?: string, confidence?: string): Fields => ({
  prediction: `$${prefix}-${target}`, confidence, probabilityPrefix: probabilities,
});

describe.skipIf(!fixturesPresent())("regression-family PMML scores like the trained model", () => {
  const cases: [string, () => TrainingData, (d: TrainingData) => TrainedModel, Fields][] = [
    ["Regression, Enter (DRUG1n K)", drugK, (d) => trainRegression(d), f("E", "K")],
    ["Regression, Stepwise (telco MonthlyCharges)", () => telcoSet(["MonthlyCharges", "c"]).data, (d) => trainRegression(d, { method: "Stepwise" }), f("E", "MonthlyCharges")],
    ["Linear, forward stepwise AICC (DRUG1n K)", drugK, (d) => trainLinear(d), f("L", "K")],
    ["Logistic, binomial (telco churn)", () => telcoSet().data, (d) => trainLogistic(d, { logistic_procedure: "Binomial", all_probabilities: true }), f("L", "Churn", "$LP-", "$LP-Churn")],
    ["Logistic, binomial Forwards (audit)", () => auditSet().data, (d) => trainLogistic(d, { logistic_procedure: "Binomial", binomial_method: "Forwards", all_probabilities: true }), f("L", "Adjusted", "$LP-", "$LP-Adjusted")],
    ["Logistic, multinomial (DRUG1n)", () => drugSet().data, (d) => trainLogistic(d, { all_probabilities: true }), f("L", "DRUG", "$LP-", "$LP-DRUG")],
    ["Neural Net (DRUG1n)", () => drugSet().data, (d) => trainNeuralNet(d, { score_category_probabilities: true }), f("N", "DRUG", "$NP-", "$NC-DRUG")],
    ["Neural Net, two layers (telco churn)", () => firstRows(telcoSet().data, 2000), (d) => trainNeuralNet(d, { use_custom_layers: true, first_layer_units: 6, second_layer_units: 4, score_category_probabilities: true }), f("N", "Churn", "$NP-", "$NC-Churn")],
    ["Neural Net, continuous target (DRUG1n K)", drugK, (d) => trainNeuralNet(d), f("N", "K")],
    ["KNN, automatic k (DRUG1n)", () => drugSet().data, (d) => trainKnn(d), f("KNN", "DRUG")],
    ["KNN, city block, median (DRUG1n K)", drugK, (d) => trainKnn(d, { distance_computation: "CityBlock", range_predictions: "Median", automatic_k_selection: false, fixed_k: 4 }), f("KNN", "K")],
    ["KNN, k = 7 (telco churn, 800 rows)", () => firstRows(telcoSet().data, 800), (d) => trainKnn(d, { automatic_k_selection: false, fixed_k: 7 }), f("KNN", "Churn")],
  ];
  for (const [name, load, train, fields] of cases) {
    for (const share of [0, 0.1]) {
      it(`${name}${share ? ", 10% blanks" : ""}`, () => {
        const data = load();
        const scored = share ? blanked(data, share) : data;
        const model = train(data);
        const r = evaluatorMismatches(model, scored, fields);
        expect(r.mismatches.slice(0, 5)).toEqual([]);
        expect(r.predicted).toBeGreaterThan(share ? scored.rowCount * 0.1 : scored.rowCount * 0.99);
      });
    }
  }

  for (const [name, load] of [["DRUG1n", () => drugSet().data], ["telco", () => telcoSet().data]] as const) {
    it(`K-Means clusters and distances (${name}, with 10% blanks)`, () => {
      const data = load();
      const model = trainKMeans(data, { num_clusters: 4, gen_distance: true });
      const scored = blanked(data, 0.1);
      const mine = model.score(scored);
      const out = loadPmml(model.toPmml()).scoreColumns(rawColumns(scored.inputs), scored.rowCount);
      for (let r = 0; r < scored.rowCount; r++) {
        expect(out["$KM-K-Means"]![r]).toBe(model.labels[mine.cluster[r]!]);
        expect(out["$KMD-K-Means"]![r]).toBe(mine.distance[r]);
      }
    });
  }
});
