/**
 * In-memory scoring of a trained network, as the PMML evaluator scores the NeuralNetwork it is
 * written to (`src/pmml/models/neural-network/neural-network.ts`): a row with a missing
 * feature gets no prediction; the predicted class is the first most probable output unit;
 * a continuous output is mapped back through the target's standardisation.
 */
import type { DataColumn } from "../dataset.js";
import { encodeRows, type Feature } from "../regression/features.js";
import type { ModelScores } from "../trained-model.js";
import { destandardise, type Standardisation } from "./encoding.js";
import { Network, type Architecture } from "./network.js";

export function neuralScorer(
  a: Architecture, w: Float64Array, features: readonly Feature[], classes: readonly number[] | undefined, categoryCount: number | null, targetScale: Standardisation | null,
): (inputs: readonly DataColumn[], rowCount: number) => ModelScores {
  const P = features.length;
  const net = new Network(a);
  const act = net.activations;
  return (inputs, rowCount) => {
    const x = encodeRows(features, inputs, rowCount);
    const prediction = new Float64Array(rowCount);
    const confidence = new Float64Array(rowCount).fill(NaN);
    const probabilities = categoryCount !== null ? Array.from({ length: categoryCount }, () => new Float64Array(rowCount)) : null;
    for (let r = 0; r < rowCount; r++) {
      let missing = false;
      for (let j = 0; j < P; j++) if (Number.isNaN(x[r * P + j]!)) missing = true;
      if (missing) {
        prediction[r] = NaN;
        if (probabilities) for (const p of probabilities) p[r] = NaN;
        continue;
      }
      const out = net.forward(w, x, r);
      if (!classes || !probabilities) {
        prediction[r] = destandardise(targetScale!, act[out]!);
        continue;
      }
      let best = 0;
      for (let k = 0; k < classes.length; k++) {
        probabilities[classes[k]!]![r] = act[out + k]!;
        if (act[out + k]! > act[out + best]!) best = k;
      }
      prediction[r] = classes[best]!;
      confidence[r] = act[out + best]!;
    }
    return { prediction, confidence, probabilities };
  };
}
