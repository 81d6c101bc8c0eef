import { describe, expect, it } from "vitest";
import { compileClem, seededRandom } from "../../src/clem/index.js";
import { batchOf, column, schemaOf, value } from "./helpers.js";

describe("special fields (CLEM.md §4.17)", () => {
  it("@FIELD is the field the node applies the expression to (Filler, Derive multiple)", () => {
    const storages = { Scrap: "integer", Parts: "integer" } as const;
    const cols = { Scrap: [null, 4], Parts: [10, 8] };
    expect(column("@NULL(@FIELD)", storages, cols, { currentField: "Scrap" })).toEqual([true, false]);
    expect(column("@FIELD / Parts", storages, cols, { currentField: "Scrap" })).toEqual([null, 0.5]);
    expect(column("to_integer(@FIELD)", { v: "real" }, { v: [2.7] }, { currentField: "v" })).toEqual([2]);
  });

  it("@TARGET and @PREDICTED name the model's fields", () => {
    const special = { target: "Drug", predicted: "$C-Drug" };
    expect(column("@TARGET = @PREDICTED", { Drug: "string", "$C-Drug": "string" }, { Drug: ["a", "b"], "$C-Drug": ["a", "c"] }, { special })).toEqual([true, false]);
  });

  it("@PARTITION_FIELD = @TRAINING_PARTITION selects training records", () => {
    const special = { partitionField: "Partition", trainingPartition: "1_Training", testingPartition: "2_Testing" };
    const cols = { Partition: ["1_Training", "2_Testing"] };
    expect(column("@PARTITION_FIELD = @TRAINING_PARTITION", { Partition: "string" }, cols, { special })).toEqual([true, false]);
    expect(column("@PARTITION_FIELD = @TESTING_PARTITION", { Partition: "string" }, cols, { special })).toEqual([false, true]);
  });

  it("@FIELDS_BETWEEN and @FIELDS_MATCHING stand for lists of fields", () => {
    const storages = { id: "string", card1: "integer", card2: "integer", other: "integer", card10: "integer" } as const;
    const cols = { id: ["x"], card1: [1], card2: [null], other: [5], card10: [3] };
    expect(column("sum_n(@FIELDS_BETWEEN(card1, other))", storages, cols)).toEqual([6]);
    expect(column("count_nulls(@FIELDS_MATCHING('card*'))", storages, cols)).toEqual([1]);
    expect(column('sum_n(@FIELDS_MATCHING("card?"))', storages, cols)).toEqual([1]);
    expect(() => column("sum_n(@FIELDS_BETWEEN(other, card1))", storages, cols)).toThrow(/comes before/);
  });
});

describe("globals (CLEM.md §4.15) come from the environment", () => {
  const globals = new Map([["Age", { mean: 40, sdev: 10, max: 70, min: 18, sum: 4000 }]]);

  it("standardising with @GLOBAL_MEAN and @GLOBAL_SDEV", () => {
    expect(column("(Age - @GLOBAL_MEAN(Age)) / @GLOBAL_SDEV(Age)", { Age: "integer" }, { Age: [50, 25] }, { globals })).toEqual([1, -1.5]);
  });

  it("@GLOBAL_MAX/MIN/SUM keep an integer field's storage", () => {
    const schema = schemaOf({ Age: "integer" });
    const c = compileClem("@GLOBAL_MAX(Age) - @GLOBAL_MIN(Age) + @GLOBAL_SUM(Age)", { schema, globals });
    expect(c.storage).toBe("integer");
    expect(c.evaluate(batchOf(schema, { Age: [1] }))).toEqual([4052]);
  });
});

describe("parameters", () => {
  it("'$P-name' substitutes the parameter's value", () => {
    const parameters = new Map([["min_age", { storage: "integer" as const, value: 18 }], ["label", { storage: "string" as const, value: "adult" }]]);
    expect(column("if Age >= '$P-min_age' then '$P-label' else \"minor\" endif", { Age: "integer" }, { Age: [17, 18] }, { parameters })).toEqual(["minor", "adult"]);
  });
});

describe("random functions (CLEM.md §4.10) draw from the environment's generator", () => {
  const fixed = (u: number) => () => u;

  it("random(N) is 1..N for an integer N; random0(N) is 0..N-1", () => {
    expect(value("random(10)", {}, { random: fixed(0) })).toBe(1);
    expect(value("random(10)", {}, { random: fixed(0.99999) })).toBe(10);
    expect(value("random0(10)", {}, { random: fixed(0) })).toBe(0);
    expect(value("random0(10)", {}, { random: fixed(0.99999) })).toBe(9);
  });

  it("a real N gives reals: random in (0, N], random0 in [0, N)", () => {
    expect(value("random(2.0)", {}, { random: fixed(0) })).toBe(2);
    expect(value("random0(2.0)", {}, { random: fixed(0.25) })).toBe(0.5);
    expect(value("random(0)", {}, { random: fixed(0.5) })).toBeNull();
  });

  it("oneof picks a list element", () => {
    expect(value('oneof(["a" "b" "c"])', {}, { random: fixed(0.5) })).toBe("b");
    expect(value("oneof([x y])", { x: 1, y: 2 }, { random: fixed(0.9) })).toBe(2);
  });

  it("the same seed repeats the same draws; random expressions are not folded to constants", () => {
    const schema = schemaOf({ i: "integer" });
    const b = batchOf(schema, { i: [0, 0, 0, 0, 0, 0, 0, 0] });
    const draw = (seed: number) => compileClem("random(1000)", { schema, random: seededRandom(seed) }).evaluate(b);
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    expect(new Set(draw(7)).size).toBeGreaterThan(1);
  });

  it("the seeded generator is uniform enough: mean and spread of 200 000 draws", () => {
    const u = seededRandom(42);
    let sum = 0;
    let sumSq = 0;
    const n = 200_000;
    const buckets = new Array(10).fill(0);
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const x = u();
      if (!(x >= 0 && x < 1)) outside++;
      sum += x;
      sumSq += x * x;
      buckets[Math.floor(x * 10)]++;
    }
    expect(outside).toBe(0);
    expect(sum / n).toBeCloseTo(0.5, 2);
    expect(sumSq / n - (sum / n) ** 2).toBeCloseTo(1 / 12, 2);
    for (const count of buckets) expect(Math.abs(count - n / 10)).toBeLessThan(600); // ~6 standard deviations
  });
});
