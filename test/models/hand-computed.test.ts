/**
 * Splits worked out by hand on the 10-row example of `helpers/ten-rows.ts`.
 */
import { describe, expect, it } from "vitest";
import { trainCart } from "../../src/models/cart/train-cart.js";
import { trainChaid } from "../../src/models/chaid/train-chaid.js";
import { trainC50 } from "../../src/models/c50/train-c50.js";
import { upperErrorRate } from "../../src/models/c50/grow-c50.js";
import { SMALL, tenRows } from "./helpers/ten-rows.js";

describe("C&R Tree, Gini, on the 10-row example", () => {
  // Root: 5 no / 5 yes, Gini 0.5.
  // X1 ≤ 4.5: left rows 1–4 (4 no, Gini 0); right rows 5–10 (5 yes, 1 no),
  //   Gini 1 − (5/6)² − (1/6)² = 10/36; improvement 0.5 − 0.6·10/36 = 1/3.
  // X1 ≤ 8.5: left 5 no / 3 yes, Gini 30/64; right 2 yes; improvement 0.5 − 0.8·30/64 = 0.125.
  // X2 {a} | {b,c}: right 2 no / 5 yes, Gini 20/49; improvement 0.5 − 0.7·20/49 = 3/14 ≈ 0.214.
  // X2 {a,b} | {c}: 4/1 and 1/4, Gini 0.32 each; improvement 0.5 − 0.32 = 0.18.
  // X2 {a,c} | {b}: 4/4 and 1/1, improvement 0.
  // Best: X1 ≤ 4.5 (1/3 > 3/14).
  const model = trainCart(tenRows(), { ...SMALL, max_depth: 1, prune_tree: false, max_surrogates: 0 });
  const root = model.tree.root;

  it("splits the root on X1 at the midpoint 4.5", () => {
    expect(root.split!.input).toBe(0);
    expect(root.split!.conditions[0]).toEqual({ kind: "range", low: -Infinity, high: 4.5 });
    expect(root.split!.improvement).toBeCloseTo(1 / 3, 12);
  });

  it("puts 4 rows (all no) left and 6 rows (5 yes, 1 no) right", () => {
    const [left, right] = root.children;
    expect(left!.weight).toBe(4);
    expect(Array.from(left!.classWeights!)).toEqual([4, 0]);
    expect(right!.weight).toBe(6);
    expect(Array.from(right!.classWeights!)).toEqual([1, 5]);
    expect(right!.prediction).toBe(1);
    expect(right!.confidence).toBeCloseTo(5 / 6, 12);
  });

  it("chooses the best subset of X2 when X1 is not offered", () => {
    const m = trainCart(tenRows({ withX1: false }), { ...SMALL, max_depth: 1, prune_tree: false });
    const s = m.tree.root.split!;
    // {a} | {b, c}: improvement 3/14, the best of the three subsets (codes: a = 0, b = 1, c = 2).
    expect(s.conditions).toEqual([{ kind: "set", codes: [0] }, { kind: "set", codes: [1, 2] }]);
    expect(s.improvement).toBeCloseTo(3 / 14, 12);
    expect(m.tree.root.children.map((c) => c.weight)).toEqual([3, 7]);
  });
});

describe("C5.0, gain ratio, on the 10-row example", () => {
  // info(root) = 1 bit. X1: best threshold 4.5 by gain, 1 − 0.6·H(1/6) = 0.609987; with 9
  // candidate thresholds the gain is reduced by log2(9)/10 = 0.316993 → 0.292995;
  // split info H(0.4, 0.6) = 0.970951 → ratio 0.301761.
  // X2 (a, b, c): 1 − (0.3·0 + 0.2·1 + 0.5·H(0.2)) = 0.439036; split info H(0.3, 0.2, 0.5)
  // = 1.485475 → ratio 0.295553.
  // Average gain 0.366015: X1 (0.293) is below it, so X2 wins despite its lower ratio.
  const model = trainC50(tenRows(), { min_child_records: 2 });
  const root = model.members[0]!.tree.root;

  it("splits three ways on X2", () => {
    expect(root.split!.input).toBe(1);
    expect(root.split!.conditions).toEqual([{ kind: "set", codes: [0] }, { kind: "set", codes: [1] }, { kind: "set", codes: [2] }]);
    expect(root.split!.improvement).toBeCloseTo(0.295553, 5);
  });

  it("has branches of 3, 2 and 5 rows that stay after pessimistic pruning", () => {
    // Leaf root: 10·U(5, 10) = 6.49; subtree 3·U(0,3) + 2·U(1,2) + 5·U(1,5) = 1.110 + 1.732 + 2.271 = 5.11.
    expect(root.children.map((c) => c.weight)).toEqual([3, 2, 5]);
    expect(root.children.map((c) => c.prediction)).toEqual([0, 0, 1]);
  });

  it("computes C4.5's upper error limits at CF = 25%", () => {
    // Values from the binomial (scipy.stats.binom, brentq).
    expect(upperErrorRate(0, 3, 0.25)).toBeCloseTo(0.3700394750525634, 9);
    expect(upperErrorRate(1, 2, 0.25)).toBeCloseTo(0.8660254037844387, 9);
    expect(upperErrorRate(1, 5, 0.25)).toBeCloseTo(0.4541805647736157, 9);
    expect(upperErrorRate(5, 10, 0.25)).toBeCloseTo(0.6493191858437559, 9);
  });

  it("gives Laplace confidences (n + 1)/(N + 2) at the leaves", () => {
    const c = root.children[2]!;
    expect(c.confidence).toBeCloseTo(5 / 7, 12);
  });
});

describe("CHAID, Pearson chi-square, on X2 of the 10-row example", () => {
  // Pairs of categories (2×2 tables, 1 df):
  //   a–b [[3,0],[1,1]]: X² = 1.875, p = 0.1709
  //   a–c [[3,0],[1,4]]: X² = 4.8,   p = 0.0285
  //   b–c [[1,1],[1,4]]: X² = 0.63,  p = 0.4274  ← most similar, p > merge_alpha: merge
  // {a} vs {b, c} [[3,0],[2,5]]: X² = 30/7 = 4.2857, p = 0.03843 < 0.05: stop merging.
  // Bonferroni for 3 nominal categories into 2 groups: S(3, 2) = 3 → adjusted p = 0.1153.
  const data = tenRows({ withX1: false });

  it("merges b and c and splits when the Bonferroni adjustment is off", () => {
    const m = trainChaid(data, { ...SMALL, bonferroni_adjustment: false });
    const root = m.tree.root;
    expect(root.split!.conditions).toEqual([{ kind: "set", codes: [0] }, { kind: "set", codes: [1, 2] }]);
    expect(root.split!.improvement).toBeCloseTo(0.03843393023678176, 10);
    expect(root.children.map((c) => c.weight)).toEqual([3, 7]);
    expect(Array.from(root.children[1]!.classWeights!)).toEqual([2, 5]);
  });

  it("does not split when the adjusted p-value 0.1153 exceeds split_alpha 0.05", () => {
    const m = trainChaid(data, { ...SMALL });
    expect(m.tree.root.split).toBeNull();
  });

  it("splits with the adjustment when split_alpha allows it", () => {
    const m = trainChaid(data, { ...SMALL, split_alpha: 0.2 });
    expect(m.tree.root.split!.improvement).toBeCloseTo(0.11530179071034527, 10);
  });
});
