/**
 * Mini-batch training with Adam (Kingma & Ba 2015, "Adam: A Method for Stochastic
 * Optimization", with the paper's defaults: step 0.001, β₁ 0.9, β₂ 0.999, ε 1e−8), our choice
 * for large data sets, where a full-batch method spends hundreds of passes over redundant rows.
 * SPSS's MLP offers mini-batch training too (with plain gradient descent). Rows are shuffled
 * from the seed every epoch; batches of 200 rows.
 */
import type { RandomSource } from "../../data/random.js";
import { checkpoint, type TrainingControl } from "../progress.js";
import type { LossSum, Network, NetTargets } from "./network.js";

export interface AdamSettings {
  readonly maxEpochs: number;
  readonly batchSize: number;
  /** Called after every epoch with the weights and the epoch's mean training loss; true stops. */
  readonly afterEpoch: (epoch: number, w: Float64Array, loss: number) => boolean;
  readonly random: RandomSource;
  readonly control?: TrainingControl;
}

export function adam(net: Network, start: Float64Array, x: Float64Array, y: NetTargets, rows: number, freq: Float64Array | null, s: AdamSettings): { w: Float64Array; epochs: number; stopped: boolean } {
  const N = start.length;
  const w = Float64Array.from(start);
  const m = new Float64Array(N);
  const v = new Float64Array(N);
  const g = new Float64Array(N);
  const order = Int32Array.from({ length: rows }, (_, i) => i);
  const lr = 0.001, b1 = 0.9, b2 = 0.999, eps = 1e-8;
  let t = 0;
  for (let epoch = 1; epoch <= s.maxEpochs; epoch++) {
    checkpoint(s.control, { stage: "training", done: epoch, total: s.maxEpochs });
    for (let i = rows - 1; i > 0; i--) {
      const j = Math.floor(s.random() * (i + 1));
      const k = order[i]!;
      order[i] = order[j]!;
      order[j] = k;
    }
    const epochSum: LossSum = { loss: 0, weight: 0 };
    for (let from = 0; from < rows; from += s.batchSize) {
      const to = Math.min(rows, from + s.batchSize);
      g.fill(0);
      const batch: LossSum = { loss: 0, weight: 0 };
      net.accumulate(w, x, y, order, from, to, freq, g, batch);
      epochSum.loss += batch.loss;
      epochSum.weight += batch.weight;
      if (batch.weight === 0) continue;
      t++;
      const c1 = 1 - Math.pow(b1, t);
      const c2 = 1 - Math.pow(b2, t);
      const inv = 1 / batch.weight;
      for (let i = 0; i < N; i++) {
        const gi = g[i]! * inv;
        m[i] = b1 * m[i]! + (1 - b1) * gi;
        v[i] = b2 * v[i]! + (1 - b2) * gi * gi;
        w[i] = w[i]! - (lr * (m[i]! / c1)) / (Math.sqrt(v[i]! / c2) + eps);
      }
    }
    if (s.afterEpoch(epoch, w, epochSum.weight > 0 ? epochSum.loss / epochSum.weight : 0)) return { w, epochs: epoch, stopped: true };
  }
  return { w, epochs: s.maxEpochs, stopped: false };
}
