/**
 * Lloyd's iterations (Lloyd 1982; the batch k-means the Modeler node documents: "assign each
 * record to the nearest centre, then update the centres to the mean of their records, until
 * the maximum number of iterations or the change falls below the tolerance").
 *
 * Change = the largest distance any centre moved in an iteration (in the weighted encoded
 * space); the iterations stop when it is ≤ `tolerance`. A cluster left without records is
 * re-seeded at the record farthest from its own centre, so k clusters are always returned.
 * Frequency weights weight the means.
 */
import { checkpoint, type TrainingControl } from "../progress.js";
import { nearestCenter } from "./distance.js";

export interface LloydResult {
  readonly centers: Float64Array;
  readonly assignment: Int32Array;
  /** Squared distance of every row to its centre. */
  readonly d2: Float64Array;
  /** Σ weight × squared distance (the within-cluster sum of squares). */
  readonly inertia: number;
  /** Total weight per cluster. */
  readonly sizes: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
}

export function lloyd(
  x: Float64Array, n: number, p: number, w: Float64Array | null, fieldWeights: Float64Array, start: Float64Array, k: number,
  maxIterations: number, tolerance: number, control?: TrainingControl,
): LloydResult {
  const centers = Float64Array.from(start);
  const assignment = new Int32Array(n);
  const d2 = new Float64Array(n);
  const sums = new Float64Array(k * p);
  const sizes = new Float64Array(k);
  let iterations = 0;
  let converged = false;
  const assign = () => {
    for (let r = 0; r < n; r++) assignment[r] = nearestCenter(x, r, centers, k, fieldWeights, p, d2);
  };
  assign();
  while (iterations < maxIterations) {
    iterations++;
    checkpoint(control, { stage: "iterating", done: iterations, total: maxIterations });
    sums.fill(0);
    sizes.fill(0);
    for (let r = 0; r < n; r++) {
      const wr = w ? w[r]! : 1;
      if (wr === 0) continue;
      const c = assignment[r]!;
      sizes[c] = sizes[c]! + wr;
      const so = c * p;
      const xo = r * p;
      for (let j = 0; j < p; j++) sums[so + j] = sums[so + j]! + wr * x[xo + j]!;
    }
    let change = 0;
    for (let c = 0; c < k; c++) {
      if (sizes[c]! > 0) {
        let moved = 0;
        for (let j = 0; j < p; j++) {
          const v = sums[c * p + j]! / sizes[c]!;
          const d = v - centers[c * p + j]!;
          moved += fieldWeights[j]! * d * d;
          centers[c * p + j] = v;
        }
        change = Math.max(change, Math.sqrt(moved));
      } else {
        // Empty cluster: re-seed at the record farthest from its centre.
        let far = -1;
        let best = -1;
        for (let r = 0; r < n; r++) {
          if ((w ? w[r]! : 1) > 0 && d2[r]! > best) {
            best = d2[r]!;
            far = r;
          }
        }
        if (far >= 0) {
          for (let j = 0; j < p; j++) centers[c * p + j] = x[far * p + j]!;
          d2[far] = 0;
          change = Infinity;
        }
      }
    }
    assign();
    if (change <= tolerance) {
      converged = true;
      break;
    }
  }
  let inertia = 0;
  sizes.fill(0);
  for (let r = 0; r < n; r++) {
    const wr = w ? w[r]! : 1;
    inertia += wr * d2[r]!;
    sizes[assignment[r]!] = sizes[assignment[r]!]! + wr;
  }
  return { centers, assignment, d2, inertia, sizes, iterations, converged };
}

