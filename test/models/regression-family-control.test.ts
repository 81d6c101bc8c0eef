/**
 * What every regression-family trainer shares: same data and seed → the same PMML text;
 * progress reports; cancellation through an AbortSignal.
 */
import { describe, expect, it } from "vitest";
import { trainKMeans } from "../../src/models/kmeans/train-kmeans.js";
import { trainKnn } from "../../src/models/knn/train-knn.js";
import { trainLinear } from "../../src/models/linear/train-linear.js";
import { trainLogistic } from "../../src/models/logistic/train-logistic.js";
import { trainNeuralNet } from "../../src/models/neural/train-neural.js";
import { trainRegression } from "../../src/models/regression/train-regression.js";
import type { TrainingControl } from "../../src/models/progress.js";
import type { TrainingData } from "../../src/models/dataset.js";
import { makeTrainingData } from "../../src/models/dataset.js";
import { drugSet, fixturesPresent } from "./support/fixture-tables.js";

function drugK(seed: number): TrainingData {
  const d = drugSet().data;
  return makeTrainingData({ inputs: d.inputs.filter((c) => c.name !== "K"), target: d.inputs.find((c) => c.name === "K")!, seed });
}

const trainers: [string, (seed: number, c?: TrainingControl) => string][] = [
  ["Regression (Stepwise)", (s, c) => trainRegression(drugK(s), { method: "Stepwise", ...c }).toPmml()],
  ["Linear (AICC)", (s, c) => trainLinear(drugK(s), { ...c }).toPmml()],
  ["Logistic (multinomial, Stepwise)", (s, c) => trainLogistic({ ...drugSet().data, seed: s }, { method: "Stepwise", ...c }).toPmml()],
  ["Neural Net", (s, c) => trainNeuralNet({ ...drugSet().data, seed: s }, { ...c }).toPmml()],
  ["K-Means (k-means++)", (s, c) => trainKMeans({ ...drugSet().data, seed: s }, { initialization: "KMeansPlusPlus", ...c }).toPmml()],
  ["KNN (automatic k)", (s, c) => trainKnn({ ...drugSet().data, seed: s }, { ...c }).toPmml()],
];

describe.skipIf(!fixturesPresent())("repeatability, progress and cancellation", () => {
  for (const [name, run] of trainers) {
    it(`${name}: same seed, same PMML; progress reported; abort throws`, () => {
      expect(run(42)).toBe(run(42));
      const stages: string[] = [];
      run(42, { onProgress: (p) => stages.push(p.stage) });
      expect(stages.length).toBeGreaterThan(1);
      expect(stages.at(-1)).toBe("done");
      const ac = new AbortController();
      ac.abort();
      expect(() => run(42, { signal: ac.signal })).toThrow(/cancelled/);
    });
  }
  it("seeded trainers change with the seed", () => {
    expect(trainers[3]![1](1)).not.toBe(trainers[3]![1](2));
    expect(trainers[4]![1](1)).not.toBe(trainers[4]![1](2));
  });
});
