/**
 * A multilayer perceptron as one flat weight vector, with the loss and its gradient over a
 * set of rows (backpropagation; Rumelhart, Hinton & Williams 1986).
 *
 * Layers: inputs → one or two hidden layers of tanh units (SPSS MLP's default hidden
 * activation, "hyperbolic tangent") → outputs: softmax with cross-entropy error for a
 * categorical target, identity with sum-of-squares error for a continuous one (SPSS MLP's
 * defaults for each; IBM SPSS Neural Networks, "Output Layer" and "Training").
 *
 * Weight layout, layer after layer: for each unit of the layer, its incoming weights then its
 * bias — `(fanIn + 1) × units` numbers per layer. All activations and deltas of a row live in
 * one flat buffer (layer l at `start[l]`), so the hot loops index typed arrays only.
 */

export interface Architecture {
  /** Units per layer: inputs, hidden layer(s), outputs. */
  readonly sizes: readonly number[];
  readonly output: "softmax" | "identity";
}

export function weightCount(a: Architecture): number {
  let n = 0;
  for (let l = 1; l < a.sizes.length; l++) n += (a.sizes[l - 1]! + 1) * a.sizes[l]!;
  return n;
}

/** Targets of the rows: class codes (softmax) or standardised values (identity). */
export type NetTargets = Int32Array | Float64Array;

/** Sum of losses and of weights over some rows (callers divide for the mean). */
export interface LossSum {
  loss: number;
  weight: number;
}

export class Network {
  readonly architecture: Architecture;
  readonly weights: number;
  private readonly sizes: Int32Array;
  /** Offset of each layer's activations in `act` / `delta`. */
  private readonly start: Int32Array;
  /** Offset of each layer's incoming weights (layer l ≥ 1) in the weight vector. */
  private readonly wStart: Int32Array;
  private readonly act: Float64Array;
  private readonly delta: Float64Array;
  private readonly softmax: boolean;

  constructor(a: Architecture) {
    this.architecture = a;
    this.sizes = Int32Array.from(a.sizes);
    const L = a.sizes.length;
    this.start = new Int32Array(L + 1);
    this.wStart = new Int32Array(L);
    for (let l = 0; l < L; l++) this.start[l + 1] = this.start[l]! + a.sizes[l]!;
    for (let l = 1; l < L; l++) this.wStart[l] = (l > 1 ? this.wStart[l - 1]! + (a.sizes[l - 2]! + 1) * a.sizes[l - 1]! : 0);
    this.weights = weightCount(a);
    this.act = new Float64Array(this.start[L]!);
    this.delta = new Float64Array(this.start[L]!);
    this.softmax = a.output === "softmax";
  }

  /** Forward pass of row r of x (row-major, sizes[0] columns); returns the output layer's offset in `act`. */
  forward(w: Float64Array, x: Float64Array, r: number): number {
    const { sizes, start, wStart, act } = this;
    const p = sizes[0]!;
    const xo = r * p;
    for (let j = 0; j < p; j++) act[j] = x[xo + j]!;
    const L = sizes.length - 1;
    for (let l = 1; l <= L; l++) {
      const fanIn = sizes[l - 1]!;
      const prev = start[l - 1]!;
      const cur = start[l]!;
      let off = wStart[l]!;
      const units = sizes[l]!;
      for (let u = 0; u < units; u++) {
        // Σ weight·input, then the bias: the evaluator's order of operations.
        let z = 0;
        for (let i = 0; i < fanIn; i++) z += w[off + i]! * act[prev + i]!;
        z += w[off + fanIn]!;
        off += fanIn + 1;
        act[cur + u] = l < L ? Math.tanh(z) : z;
      }
    }
    const out = start[L]!;
    if (this.softmax) {
      const K = sizes[L]!;
      let max = -Infinity;
      for (let k = 0; k < K; k++) if (act[out + k]! > max) max = act[out + k]!;
      let sum = 0;
      for (let k = 0; k < K; k++) {
        const e = Math.exp(act[out + k]! - max);
        act[out + k] = e;
        sum += e;
      }
      for (let k = 0; k < K; k++) act[out + k] = act[out + k]! / sum;
    }
    return out;
  }

  /** The activations after `forward` (read-only use). */
  get activations(): Float64Array {
    return this.act;
  }

  /**
   * Adds the loss of rows `rows[from..to)` (or rows from..to of x when `rows` is null) to
   * `sum`, and, when `grad` is given, their gradient (summed, not averaged) to `grad`.
   */
  accumulate(w: Float64Array, x: Float64Array, y: NetTargets, rows: Int32Array | null, from: number, to: number, freq: Float64Array | null, grad: Float64Array | null, sum: LossSum): void {
    const { sizes, start, wStart, act, delta } = this;
    const L = sizes.length - 1;
    const out = start[L]!;
    const K = sizes[L]!;
    for (let i = from; i < to; i++) {
      const r = rows ? rows[i]! : i;
      const f = freq ? freq[r]! : 1;
      if (f === 0) continue;
      sum.weight += f;
      this.forward(w, x, r);
      if (this.softmax) {
        const c = y[r]!;
        sum.loss -= f * Math.log(Math.max(act[out + c]!, 1e-300));
        if (grad) for (let k = 0; k < K; k++) delta[out + k] = f * (act[out + k]! - (k === c ? 1 : 0));
      } else {
        const e = act[out]! - y[r]!;
        sum.loss += 0.5 * f * e * e;
        delta[out] = f * e;
      }
      if (!grad) continue;
      for (let l = L; l >= 1; l--) {
        const fanIn = sizes[l - 1]!;
        const prev = start[l - 1]!;
        const cur = start[l]!;
        const units = sizes[l]!;
        const back = l > 1;
        if (back) for (let k = 0; k < fanIn; k++) delta[prev + k] = 0;
        let off = wStart[l]!;
        for (let u = 0; u < units; u++) {
          const du = delta[cur + u]!;
          if (du !== 0) {
            for (let k = 0; k < fanIn; k++) grad[off + k] = grad[off + k]! + du * act[prev + k]!;
            grad[off + fanIn] = grad[off + fanIn]! + du;
            if (back) for (let k = 0; k < fanIn; k++) delta[prev + k] = delta[prev + k]! + du * w[off + k]!;
          }
          off += fanIn + 1;
        }
        if (back) for (let k = 0; k < fanIn; k++) delta[prev + k] = delta[prev + k]! * (1 - act[prev + k]! * act[prev + k]!);
      }
    }
  }

  /** Mean loss over the first `rows` rows of x; the mean gradient into `grad` (overwritten) when given. */
  meanLoss(w: Float64Array, x: Float64Array, y: NetTargets, rows: number, freq: Float64Array | null, grad: Float64Array | null): number {
    if (grad) grad.fill(0);
    const sum: LossSum = { loss: 0, weight: 0 };
    this.accumulate(w, x, y, null, 0, rows, freq, grad, sum);
    if (sum.weight === 0) return 0;
    if (grad) for (let i = 0; i < grad.length; i++) grad[i] = grad[i]! / sum.weight;
    return sum.loss / sum.weight;
  }

  /** Share of rows whose most probable class is the true one (softmax networks). */
  accuracy(w: Float64Array, x: Float64Array, y: Int32Array, rows: number): number {
    const L = this.sizes.length - 1;
    const K = this.sizes[L]!;
    let ok = 0;
    for (let r = 0; r < rows; r++) {
      const out = this.forward(w, x, r);
      let best = 0;
      for (let k = 1; k < K; k++) if (this.act[out + k]! > this.act[out + best]!) best = k;
      if (best === y[r]) ok++;
    }
    return rows > 0 ? ok / rows : 0;
  }
}

/** Mean loss and gradient of a network (see `Network.meanLoss`). */
export function lossAndGradient(a: Architecture, w: Float64Array, x: Float64Array, y: NetTargets, rows: number, freq: Float64Array | null, grad: Float64Array | null): number {
  return new Network(a).meanLoss(w, x, y, rows, freq, grad);
}
