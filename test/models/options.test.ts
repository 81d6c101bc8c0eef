/** Options: defaults, bad values and unimplemented options fail naming the option; progress and cancellation. */
import { describe, expect, it } from "vitest";
import { trainCart } from "../../src/models/cart/train-cart.js";
import { trainChaid } from "../../src/models/chaid/train-chaid.js";
import { trainC50 } from "../../src/models/c50/train-c50.js";
import { trainQuest } from "../../src/models/quest/train-quest.js";
import { trainRandomTrees } from "../../src/models/random-trees/train-random-trees.js";
import { CancelledError } from "../../src/errors.js";
import { TrainingError, UnsupportedTrainingOptionError } from "../../src/models/errors.js";
import type { TrainingProgress } from "../../src/models/progress.js";
import { categoricalColumn, continuousColumn, makeTrainingData } from "../../src/models/dataset.js";
import { SMALL, tenRows } from "./helpers/ten-rows.js";

describe("unimplemented options are errors that name them", () => {
  const data = tenRows();
  const cases: [string, () => unknown, string][] = [
    ["C5.0 winnowing", () => trainC50(data, { use_winnowing: true }), "use_winnowing"],
    ["C5.0 costs", () => trainC50(data, { use_costs: true }), "use_costs"],
    ["C5.0 cross-validation", () => trainC50(data, { use_xval: true }), "use_xval"],
    ["C5.0 local pruning only", () => trainC50(data, { use_global_pruning: false }), "use_global_pruning"],
    ["C5.0 Simple mode, favor Generality", () => trainC50(data, { mode: "Simple", favor: "Generality" }), "favor=Generality"],
    ["CHAID split_merged_categories", () => trainChaid(data, { split_merged_categories: true }), "split_merged_categories"],
    ["CHAID epsilon", () => trainChaid(data, { epsilon: 0.001 }), "epsilon"],
    ["C&R Tree boosting objective", () => trainCart(data, { objective: "Boosting" }), "objective=Boosting"],
    ["QUEST interactive builder", () => trainQuest(data, { model_output_type: "InteractiveBuilder" }), "model_output_type"],
    ["C&R Tree tree directives", () => trainCart(data, { use_tree_directives: true }), "use_tree_directives"],
    ["Random Trees imbalanced-data handling", () => trainRandomTrees(data, { handle_imbalanced_data: true }), "handle_imbalanced_data"],
    ["Random Trees weighted predictor sampling", () => trainRandomTrees(data, { use_weighted_sampling: true }), "use_weighted_sampling"],
  ];
  for (const [name, run, option] of cases) {
    it(name, () => {
      expect(run).toThrow(UnsupportedTrainingOptionError);
      expect(run).toThrow(option);
    });
  }
});

describe("bad values", () => {
  const data = tenRows();
  it("reject out-of-range numbers and unknown choices", () => {
    expect(() => trainCart(data, { impurity_measure: "Entropy" as never })).toThrow(/impurity_measure must be one of Gini, Twoing, Ordered/);
    expect(() => trainCart(data, { impurity_measure: "Ordered" })).toThrow(/Ordered needs an ordinal target/);
    expect(() => trainChaid(data, { split_alpha: 1.5 })).toThrow(/split_alpha must be between 0 and 1/);
    expect(() => trainC50(data, { pruning_severity: 100 })).toThrow(/pruning_severity/);
    expect(() => trainRandomTrees(data, { num_trees: 0 })).toThrow(/num_trees must be an integer ≥ 1/);
    expect(() => trainRandomTrees(data, { number_of_models: 0 })).toThrow(/number_of_models must be an integer ≥ 1/);
    expect(() => trainRandomTrees(data, { use_number_of_predictors: true, number_of_predictors: 3 })).toThrow(/exceeds the 2 inputs/);
    expect(() => trainCart(data, { custom_priors: [["maybe", 1]], priors: "Custom" })).toThrow(/"maybe", which is not a value of the target/);
  });

  it("C5.0 and QUEST refuse a continuous target", () => {
    const d = makeTrainingData({ inputs: [categoricalColumn("c", ["a", "b"])], target: continuousColumn("y", [1, 2]) });
    expect(() => trainC50(d)).toThrow(TrainingError);
    expect(() => trainQuest(d)).toThrow(/categorical target/);
  });
});

describe("Modeler's names", () => {
  it("Random Trees: number_of_models sets the number of trees", () => {
    expect(trainRandomTrees(tenRows(), { number_of_models: 3 }).trees).toHaveLength(3);
  });
});

describe("progress and cancellation", () => {
  it("reports progress", () => {
    const seen: TrainingProgress[] = [];
    trainCart(tenRows(), { ...SMALL, onProgress: (p) => seen.push(p) });
    expect(seen.some((p) => p.stage === "growing")).toBe(true);
    expect(seen.some((p) => p.stage === "cross-validation")).toBe(true);
    expect(seen.at(-1)!.stage).toBe("done");
  });

  it("stops with CancelledError when the signal fires", () => {
    const controller = new AbortController();
    const train = [
      () => trainCart(tenRows(), { ...SMALL, signal: controller.signal }),
      () => trainChaid(tenRows(), { ...SMALL, signal: controller.signal }),
      () => trainQuest(tenRows(), { ...SMALL, signal: controller.signal }),
      () => trainC50(tenRows(), { use_boost: true, signal: controller.signal }),
      () => trainRandomTrees(tenRows(), { signal: controller.signal }),
    ];
    controller.abort();
    for (const t of train) expect(t).toThrow(CancelledError);
  });

  it("cancels in the middle of a run", () => {
    const controller = new AbortController();
    let calls = 0;
    const run = () => trainRandomTrees(tenRows(), {
      num_trees: 50, signal: controller.signal,
      onProgress: () => {
        if (++calls === 20) controller.abort();
      },
    });
    expect(run).toThrow(CancelledError);
    expect(calls).toBe(20);
  });
});
