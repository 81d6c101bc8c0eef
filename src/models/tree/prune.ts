/**
 * Minimal cost-complexity pruning (Breiman et al. 1984, ch. 3 and 10): the sequence of nested
 * subtrees T_0 ⊃ T_1 ⊃ … ⊃ {root} and the complexity parameters α_k at which each becomes
 * optimal, found by repeatedly cutting the "weakest link" — the inner node t with the
 * smallest g(t) = (R(t) − R(T_t)) / (|leaves(T_t)| − 1), R being the resubstitution risk.
 * T_0 is the smallest subtree with the risk of the full tree (cuts with g = 0).
 */
import { isLeaf, type TreeNode } from "./tree-types.js";

export interface PruneStep {
  /** Complexity parameter at which this subtree becomes optimal. */
  readonly alpha: number;
  readonly leaves: number;
  /** Resubstitution risk of the subtree. */
  readonly risk: number;
  /** Inner nodes of the full tree that are leaves in this subtree (cumulative). */
  readonly cut: ReadonlySet<TreeNode>;
}

interface Stats {
  leaves: number;
  risk: number;
}

export function pruningSequence(root: TreeNode): PruneStep[] {
  const cut = new Set<TreeNode>();
  const stats = new Map<TreeNode, Stats>();
  const compute = (n: TreeNode): Stats => {
    let s: Stats;
    if (isLeaf(n) || cut.has(n)) s = { leaves: 1, risk: n.risk ?? 0 };
    else {
      s = { leaves: 0, risk: 0 };
      for (const c of n.children) {
        const cs = compute(c);
        s.leaves += cs.leaves;
        s.risk += cs.risk;
      }
    }
    stats.set(n, s);
    return s;
  };
  const weakest = (): { g: number; nodes: TreeNode[] } => {
    let g = Infinity;
    let nodes: TreeNode[] = [];
    const visit = (n: TreeNode) => {
      if (isLeaf(n) || cut.has(n)) return;
      const s = stats.get(n)!;
      const gn = Math.max(0, ((n.risk ?? 0) - s.risk) / (s.leaves - 1));
      if (g === Infinity || gn < g - 1e-12 * Math.max(1, g)) {
        g = gn;
        nodes = [n];
      } else if (Math.abs(gn - g) <= 1e-12 * Math.max(1, g)) nodes.push(n);
      n.children.forEach(visit);
    };
    visit(root);
    return { g, nodes };
  };
  const steps: PruneStep[] = [];
  let first = true;
  for (;;) {
    const total = compute(root);
    const w = weakest();
    if (first && !(w.g <= 1e-12)) {
      steps.push({ alpha: 0, leaves: total.leaves, risk: total.risk, cut: new Set(cut) });
      first = false;
    }
    if (w.nodes.length === 0) break;
    if (first) {
      // Still removing splits that do not lower the risk (T_0 of the sequence).
      for (const n of w.nodes) cut.add(n);
      continue;
    }
    for (const n of w.nodes) cut.add(n);
    const after = compute(root);
    steps.push({ alpha: w.g, leaves: after.leaves, risk: after.risk, cut: new Set(cut) });
  }
  if (steps.length === 0) steps.push({ alpha: 0, leaves: 1, risk: root.risk ?? 0, cut: new Set(cut) });
  return steps;
}

/** A deep copy of the tree with the nodes in `cut` made leaves. */
export function prunedCopy(root: TreeNode, cut: ReadonlySet<TreeNode>): TreeNode {
  const copy = (n: TreeNode): TreeNode => {
    const leaf = isLeaf(n) || cut.has(n);
    return { ...n, split: leaf ? null : n.split, children: leaf ? [] : n.children.map(copy) };
  };
  return copy(root);
}
