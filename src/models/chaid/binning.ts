/**
 * Pre-binning of continuous predictors for CHAID: once, on all training rows, each continuous
 * predictor becomes an ordinal predictor of at most `maxBins` equal-frequency intervals
 * (frequency-weighted; tied values never straddle a boundary), as SPSS's CHAID does before
 * growing. Boundaries are midpoints between the neighbouring distinct values, and interval
 * b holds t_{b−1} < x ≤ t_b.
 */
import { midpoint } from "../tree/tree-types.js";

export interface Binned {
  /** Upper boundaries t_0 < t_1 < … (one fewer than the bins). */
  readonly thresholds: readonly number[];
  /** Bin of each row, −1 = missing. */
  readonly bins: Int32Array;
}

export function equalFrequencyBins(values: Float64Array, order: Int32Array, weights: Float64Array, maxBins: number): Binned {
  let total = 0;
  for (let i = 0; i < order.length; i++) total += weights[order[i]!]!;
  const thresholds: number[] = [];
  let cum = 0;
  for (let i = 0; i < order.length - 1 && thresholds.length < maxBins - 1; i++) {
    cum += weights[order[i]!]!;
    const v = values[order[i]!]!;
    const next = values[order[i + 1]!]!;
    if (next === v) continue;
    // Cut when the running share passes the next boundary k/maxBins.
    if (cum >= ((thresholds.length + 1) * total) / maxBins - 1e-9 * total) thresholds.push(midpoint(v, next));
  }
  const bins = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) {
      bins[i] = -1;
      continue;
    }
    let lo = 0;
    let hi = thresholds.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (v <= thresholds[mid]!) hi = mid;
      else lo = mid + 1;
    }
    bins[i] = lo;
  }
  return { thresholds, bins };
}
