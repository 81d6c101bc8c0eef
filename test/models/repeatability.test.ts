/** Same data and seed → byte-identical PMML; a different seed changes what is random. */
import { describe, expect, it } from "vitest";
import { trainCart } from "../../src/models/cart/train-cart.js";
import { trainChaid } from "../../src/models/chaid/train-chaid.js";
import { trainC50 } from "../../src/models/c50/train-c50.js";
import { trainQuest } from "../../src/models/quest/train-quest.js";
import { trainRandomTrees } from "../../src/models/random-trees/train-random-trees.js";
import { drugData, fixturesPresent } from "./helpers/data-files.js";

describe.skipIf(!fixturesPresent())("repeatability", () => {
  const runs: [string, (seed: number) => string][] = [
    ["C&R Tree (cross-validated pruning)", (s) => trainCart(drugData(s)).toPmml()],
    ["CHAID", (s) => trainChaid(drugData(s)).toPmml()],
    ["QUEST", (s) => trainQuest(drugData(s)).toPmml()],
    ["C5.0 boosted", (s) => trainC50(drugData(s), { use_boost: true }).toPmml()],
    ["C5.0 rule set", (s) => trainC50(drugData(s), { output_type: "RuleSet" }).toPmml()],
    ["Random Trees", (s) => trainRandomTrees(drugData(s)).toPmml()],
  ];
  for (const [name, run] of runs) {
    it(`${name}: same seed, same PMML text`, () => {
      expect(run(42)).toBe(run(42));
    });
  }

  it("Random Trees: another seed grows other trees", () => {
    expect(trainRandomTrees(drugData(1)).toPmml()).not.toBe(trainRandomTrees(drugData(2)).toPmml());
  });
});
