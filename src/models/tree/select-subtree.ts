/**
 * Choosing the final subtree of a cost-complexity sequence (Breiman et al. 1984, §3.4, §11):
 *
 * - `crossValidation` (the CART book's method, default): the rows are split into V folds
 *   (seeded); a tree is grown on each V−1 folds with the same settings, pruned at
 *   α′_k = √(α_k·α_{k+1}), and scored on its held-out fold. R_cv(T_k) and its standard error
 *   follow Breiman §11.5 (per-class, prior-weighted for classification).
 * - `trainingSample`: the risk of each subtree on the training rows themselves, with the same
 *   standard-error formula. With the standard-error rule this is the choice SPSS's tree
 *   procedures describe ("the smallest subtree whose risk is within m standard errors of the
 *   smallest"); without it, it keeps T_0.
 *
 * With `use_std_err_rule` the smallest subtree whose risk is ≤ min R + m·SE(min) is chosen
 * (the "1-SE rule" for m = 1); otherwise the subtree with the smallest risk.
 */
import type { DataColumn } from "../dataset.js";
import { compileRouters } from "./route.js";
import type { PruneStep } from "./prune.js";
import type { TreeTarget } from "./target.js";
import { isLeaf, type TreeNode } from "./tree-types.js";

export interface SubtreeChoice {
  readonly step: number;
  /** Estimated risk and standard error of every step (same order as the sequence). */
  readonly risks: readonly number[];
  readonly standardErrors: readonly number[];
}

/** Held-out loss sums per node of a tree: rows passing through the node, by class or moments. */
interface NodeTotals {
  /** Classification: weight per class. Regression: Σw·y^k for k = 0..4. */
  readonly sums: Float64Array;
}

/** Accumulates `rows` (with `weights`) of `columns` into every node on their path. */
export function pathTotals(root: TreeNode, columns: readonly DataColumn[], target: TreeTarget, rows: ArrayLike<number>, weights: Float64Array): Map<TreeNode, NodeTotals> {
  const routers = compileRouters(root, columns);
  const size = target.kind === "class" ? target.classes : 5;
  const totals = new Map<TreeNode, NodeTotals>();
  const get = (n: TreeNode) => {
    let t = totals.get(n);
    if (!t) totals.set(n, (t = { sums: new Float64Array(size) }));
    return t;
  };
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const w = weights[row]!;
    if (!(w > 0)) continue;
    let n = root;
    for (;;) {
      const s = get(n).sums;
      if (target.kind === "class") s[target.codes[row]!]! += w;
      else {
        const y = target.y[row]!;
        let m = w;
        for (let k = 0; k < 5; k++) {
          s[k]! += m;
          m *= y;
        }
      }
      const r = routers.get(n);
      if (!r) break;
      const k = r(row);
      if (k < 0) break;
      n = n.children[k]!;
    }
  }
  return totals;
}

/** Per-class (or moment) loss sums of the subtree in which `cut` nodes are leaves. */
export function subtreeLoss(root: TreeNode, cut: ReadonlySet<TreeNode>, totals: Map<TreeNode, NodeTotals>, target: TreeTarget): { loss: Float64Array; loss2: Float64Array; weight: Float64Array } {
  const J = target.kind === "class" ? target.classes : 1;
  const loss = new Float64Array(J);
  const loss2 = new Float64Array(J);
  const weight = new Float64Array(J);
  const visit = (n: TreeNode) => {
    const t = totals.get(n);
    if (!t) return;
    // Rows that stopped at an inner node (unseen category) count with the node's prediction.
    let passedOn = new Float64Array(t.sums.length);
    const leaf = isLeaf(n) || cut.has(n);
    if (!leaf) {
      for (const c of n.children) {
        visit(c);
        const ct = totals.get(c);
        if (ct) for (let k = 0; k < passedOn.length; k++) passedOn[k]! += ct.sums[k]!;
      }
    } else passedOn = new Float64Array(t.sums.length);
    const own = t.sums.map((v, k) => v - passedOn[k]!);
    if (target.kind === "class") {
      for (let j = 0; j < J; j++) {
        const c = target.costs ? target.costs[n.prediction * J + j]! : n.prediction === j ? 0 : 1;
        loss[j]! += own[j]! * c;
        loss2[j]! += own[j]! * c * c;
        weight[j]! += own[j]!;
      }
    } else {
      const p = n.prediction;
      const [s0, s1, s2, s3, s4] = own as unknown as number[];
      // Σw(y−p)² and Σw(y−p)⁴ from the moments.
      loss[0]! += s2! - 2 * p * s1! + p * p * s0!;
      loss2[0]! += s4! - 4 * p * s3! + 6 * p * p * s2! - 4 * p * p * p * s1! + p * p * p * p * s0!;
      weight[0]! += s0!;
    }
  };
  visit(root);
  return { loss, loss2, weight };
}

/** Risk and standard error (Breiman §11.5) from loss sums; `priors[j]` for classification. */
export function riskWithError(loss: Float64Array, loss2: Float64Array, weight: Float64Array, priors: Float64Array | null): { risk: number; se: number } {
  if (!priors) {
    const W = weight[0]!;
    if (!(W > 0)) return { risk: 0, se: 0 };
    const r = loss[0]! / W;
    const v = Math.max(0, loss2[0]! / W - r * r);
    return { risk: r, se: Math.sqrt(v / W) };
  }
  let risk = 0;
  let v = 0;
  for (let j = 0; j < priors.length; j++) {
    const Nj = weight[j]!;
    if (!(Nj > 0)) continue;
    const mean = loss[j]! / Nj;
    risk += priors[j]! * mean;
    const s2 = Math.max(0, loss2[j]! / Nj - mean * mean);
    v += (priors[j]! * priors[j]! * s2) / Nj;
  }
  return { risk, se: Math.sqrt(v) };
}

/** Index of the chosen step: least risk, or the smallest tree within `multiplier` SEs of it. */
export function chooseStep(risks: readonly number[], ses: readonly number[], seRule: boolean, multiplier: number): number {
  let best = 0;
  for (let k = 1; k < risks.length; k++) if (risks[k]! < risks[best]! - 1e-12) best = k;
  if (!seRule) return best;
  const limit = risks[best]! + multiplier * ses[best]! + 1e-12;
  let chosen = best;
  for (let k = best; k < risks.length; k++) if (risks[k]! <= limit) chosen = k;
  return chosen;
}

/** Index of the last step whose α ≤ `alpha` (the subtree optimal at that complexity). */
export function stepAt(steps: readonly PruneStep[], alpha: number): number {
  let k = 0;
  for (let i = 0; i < steps.length; i++) if (steps[i]!.alpha <= alpha * (1 + 1e-10)) k = i;
  return k;
}
