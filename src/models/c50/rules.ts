/**
 * C5.0 rule sets, derived from a pruned tree in the manner of C4.5rules (Quinlan 1993, ch. 5):
 * 1. one rule per leaf: the conjunction of the conditions on its path (conditions on the same
 *    predictor intersected) → the leaf's class;
 * 2. each rule is generalised by greedily dropping the condition whose removal gives the
 *    lowest pessimistic error rate U_CF(E, N) on the training rows it then covers, while that
 *    rate does not exceed the current one;
 * 3. duplicate rules and rules that cover no correct row are dropped;
 * 4. the default class is the majority class of the training rows no rule covers (of all rows
 *    when every row is covered).
 * Classification (PMML RuleSelectionMethod `weightedSum`): every firing rule adds its weight
 * (its Laplace confidence (correct + 1)/(covered + 2), C5.0's rule confidence) to its class; the
 * class with the largest total wins, with confidence total / number of firing rules; a row no
 * rule covers gets the default class. A rule fires only when all its conditions hold; a
 * missing value fails the condition on it.
 *
 * Simplifications against C4.5rules (documented in docs/models.md): no MDL-based selection of
 * rule subsets per class and no rule ordering, since weighted voting replaces ordered rules.
 */
import type { DataColumn, TrainingData } from "../dataset.js";
import type { ModelScores } from "../tree/route.js";
import { isLeaf, type Condition, type TreeNode } from "../tree/tree-types.js";
import { upperErrorRate } from "./grow-c50.js";

export interface RuleCondition {
  readonly input: number;
  readonly condition: Condition;
}

export interface Rule {
  readonly conditions: readonly RuleCondition[];
  readonly prediction: number;
  readonly covered: number;
  readonly correct: number;
  readonly confidence: number;
}

export interface RuleSet {
  readonly rules: readonly Rule[];
  readonly defaultClass: number;
  readonly defaultConfidence: number;
  readonly classes: number;
}

function intersect(a: Condition, b: Condition): Condition {
  if (a.kind === "range" && b.kind === "range") return { kind: "range", low: Math.max(a.low, b.low), high: Math.min(a.high, b.high) };
  if (a.kind === "set" && b.kind === "set") return { kind: "set", codes: a.codes.filter((c) => b.codes.includes(c)) };
  return b;
}

function pathRules(root: TreeNode): { conditions: RuleCondition[]; prediction: number }[] {
  const out: { conditions: RuleCondition[]; prediction: number }[] = [];
  const visit = (n: TreeNode, path: RuleCondition[]) => {
    if (isLeaf(n)) {
      out.push({ conditions: path, prediction: n.prediction });
      return;
    }
    n.children.forEach((c, k) => {
      const cond = n.split!.conditions[k]!;
      const i = path.findIndex((p) => p.input === n.split!.input);
      const next = [...path];
      if (i >= 0) next[i] = { input: n.split!.input, condition: intersect(path[i]!.condition, cond) };
      else next.push({ input: n.split!.input, condition: cond });
      visit(c, next);
    });
  };
  visit(root, []);
  return out;
}

export function conditionTrue(col: DataColumn, row: number, c: Condition): boolean {
  if (col.measure === "continuous") {
    const v = col.values[row]!;
    return !Number.isNaN(v) && c.kind === "range" && v > c.low && v <= c.high;
  }
  const v = col.codes[row]!;
  return v >= 0 && c.kind === "set" && c.codes.includes(v);
}

/** Builds the rule set of a pruned tree, generalising rules on `weights` over `data`. */
export function treeToRules(root: TreeNode, data: TrainingData, weights: Float64Array, cf: number): RuleSet {
  const target = data.target;
  if (target.measure === "continuous") throw new Error("rule sets need a categorical target");
  const J = target.categories.length;
  const codes = target.codes;
  const rows: number[] = [];
  for (let i = 0; i < data.rowCount; i++) if (weights[i]! > 0) rows.push(i);
  const rules: Rule[] = [];
  const seen = new Set<string>();
  for (const raw of pathRules(root)) {
    const conds = raw.conditions;
    const m = conds.length;
    // Bit b of failed[r] set ⇔ row r fails condition b.
    const failed = new Uint32Array(rows.length);
    rows.forEach((row, r) => {
      let mask = 0;
      conds.forEach((c, b) => {
        if (!conditionTrue(data.inputs[c.input]!, row, c.condition)) mask |= 1 << b;
      });
      failed[r] = mask;
    });
    let removed = 0;
    const counts = (rem: number) => {
      const n = new Float64Array(m + 1);
      const e = new Float64Array(m + 1);
      rows.forEach((row, r) => {
        const f = failed[r]! & ~rem;
        const w = weights[row]!;
        const wrong = codes[row] !== raw.prediction;
        if (f === 0) {
          n[m]! += w;
          if (wrong) e[m]! += w;
          for (let b = 0; b < m; b++) {
            if (rem & (1 << b)) continue;
            n[b]! += w;
            if (wrong) e[b]! += w;
          }
        } else if ((f & (f - 1)) === 0) {
          const b = 31 - Math.clz32(f);
          n[b]! += w;
          if (wrong) e[b]! += w;
        }
      });
      return { n, e };
    };
    // Generalisation tracks conditions in a 32-bit mask; longer rules keep all conditions.
    for (; m <= 31;) {
      const { n, e } = counts(removed);
      const current = upperErrorRate(e[m]!, n[m]!, cf);
      let best = -1;
      let bestRate = current;
      for (let b = 0; b < m; b++) {
        if (removed & (1 << b)) continue;
        const rate = upperErrorRate(e[b]!, n[b]!, cf);
        if (rate <= bestRate) {
          bestRate = rate;
          best = b;
        }
      }
      if (best < 0) break;
      removed |= 1 << best;
    }
    const kept = conds.filter((_, b) => !(removed & (1 << b)));
    const { n, e } = counts(removed);
    const covered = n[m]!;
    const correct = covered - e[m]!;
    if (!(correct > 0)) continue;
    const key = JSON.stringify([raw.prediction, kept]);
    if (seen.has(key)) continue;
    seen.add(key);
    rules.push({ conditions: kept, prediction: raw.prediction, covered, correct, confidence: (correct + 1) / (covered + 2) });
  }
  // Default class: majority of the rows no rule covers.
  const uncovered = new Float64Array(J);
  const all = new Float64Array(J);
  for (const row of rows) {
    all[codes[row]!]! += weights[row]!;
    if (!rules.some((r) => r.conditions.every((c) => conditionTrue(data.inputs[c.input]!, row, c.condition)))) uncovered[codes[row]!]! += weights[row]!;
  }
  const pool = uncovered.some((x) => x > 0) ? uncovered : all;
  let def = 0;
  for (let j = 1; j < J; j++) if (pool[j]! > pool[def]!) def = j;
  const poolTotal = pool.reduce((a, b) => a + b, 0);
  return { rules, defaultClass: def, defaultConfidence: (pool[def]! + 1) / (poolTotal + 2), classes: J };
}

/** Scores rows by weighted voting of the firing rules (PMML `weightedSum`). */
export function scoreRuleSet(rs: RuleSet, columns: readonly DataColumn[], rowCount: number): ModelScores {
  const prediction = new Float64Array(rowCount);
  const confidence = new Float64Array(rowCount);
  const totals = new Float64Array(rs.classes);
  for (let row = 0; row < rowCount; row++) {
    totals.fill(0);
    let fired = 0;
    for (const r of rs.rules) {
      if (r.conditions.every((c) => conditionTrue(columns[c.input]!, row, c.condition))) {
        totals[r.prediction]! += r.confidence;
        fired++;
      }
    }
    if (fired === 0) {
      prediction[row] = rs.defaultClass;
      confidence[row] = rs.defaultConfidence;
      continue;
    }
    let best = 0;
    for (let j = 1; j < rs.classes; j++) if (totals[j]! > totals[best]!) best = j;
    prediction[row] = best;
    confidence[row] = totals[best]! / fired;
  }
  return { prediction, confidence, probabilities: null };
}
