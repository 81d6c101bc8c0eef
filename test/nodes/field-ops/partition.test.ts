import { describe, expect, it } from "vitest";
import { column, runChain, runNode } from "./helpers.js";
import { StreamBuilder } from "../../../src/stream/index.js";
import { defaultRegistry } from "../../../src/nodes/registry.js";

const ids = (n: number) => Array.from({ length: n }, (_, i) => [i % 97]);

describe("partition", () => {
  it("adds a Partition-role field with values in training, testing order", async () => {
    const c = await runNode([["ID", "integer"]], ids(4), "partition", { training_size: 100, testing_size: 0 });
    expect(column(c, "Partition")).toEqual(["1_Training", "1_Training", "1_Training", "1_Training"]);
    expect(c.schema.field("Partition")).toMatchObject({ storage: "string", measure: "nominal", role: "partition", values: ["1_Training", "2_Testing"] });
  });

  it("spreads records by the sizes, leaving the remainder $null$", async () => {
    const c = await runNode([["ID", "integer"]], ids(20000), "partition", {
      create_validation: true, training_size: 50, testing_size: 20, validation_size: 10, value_mode: "System",
    }, { batchSize: 1000 });
    const counts = new Map<unknown, number>();
    for (const v of column(c, "Partition")) counts.set(v, (counts.get(v) ?? 0) + 1);
    // Binomial standard deviations are at most 71 records here; allow 4 of them.
    expect(Math.abs(counts.get("1")! - 10000)).toBeLessThan(284);
    expect(Math.abs(counts.get("2")! - 4000)).toBeLessThan(284);
    expect(Math.abs(counts.get("3")! - 2000)).toBeLessThan(284);
    expect(Math.abs(counts.get(null)! - 4000)).toBeLessThan(284);
    expect(c.schema.field("Partition")!.values).toEqual(["1", "2", "3"]);
  });

  it("repeats with the same seed, and with set_random_seed off follows the run's seed", async () => {
    const a = column(await runNode([["ID", "integer"]], ids(200), "partition", { random_seed: 7 }, { seed: 1 }), "Partition");
    const b = column(await runNode([["ID", "integer"]], ids(200), "partition", { random_seed: 7 }, { seed: 2 }), "Partition");
    const c = column(await runNode([["ID", "integer"]], ids(200), "partition", { random_seed: 8 }, { seed: 1 }), "Partition");
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    const r1 = column(await runNode([["ID", "integer"]], ids(200), "partition", { set_random_seed: false }, { seed: 1 }), "Partition");
    const r2 = column(await runNode([["ID", "integer"]], ids(200), "partition", { set_random_seed: false }, { seed: 2 }), "Partition");
    expect(r1).not.toEqual(r2);
  });

  it("uses the labels alone in Label mode and the new name", async () => {
    const c = await runNode([["ID", "integer"]], ids(3), "partition", { new_name: "Split", training_size: 0, testing_size: 100, value_mode: "Label", testing_label: "Holdout" });
    expect(column(c, "Split")).toEqual(["Holdout", "Holdout", "Holdout"]);
    const b = new StreamBuilder();
    const h = b.add("partition", { new_name: "Split" });
    expect(defaultRegistry().displayName(b.build().nodes.find((n) => n.id === h.id)!)).toBe("Split");
  });

  it("gives equal unique-field values the same partition", async () => {
    const c = await runNode([["ID", "integer"]], ids(500), "partition", { enable_sql_generation: true, unique_field: "ID" });
    const byId = new Map<unknown, unknown>();
    const ids500 = ids(500).map((r) => r[0]);
    column(c, "Partition").forEach((p, i) => {
      if (byId.has(ids500[i])) expect(p).toBe(byId.get(ids500[i]));
      byId.set(ids500[i], p);
    });
    expect(new Set(byId.values()).size).toBe(2);
  });

  it("lets CLEM find the partition field and its training value", async () => {
    const c = await runChain([["ID", "integer"]], ids(50), [
      ["partition", { training_size: 60, testing_size: 40 }],
      ["derive", { new_name: "IsTraining", formula_expr: "@PARTITION_FIELD = @TRAINING_PARTITION" }],
    ]);
    const partition = column(c, "Partition");
    expect(column(c, "IsTraining")).toEqual(partition.map((p) => (p === "1_Training" ? "T" : "F")));
    expect(new Set(partition)).toEqual(new Set(["1_Training", "2_Testing"]));
  });

  it("refuses sizes above 100%", async () => {
    await expect(runNode([["ID", "integer"]], ids(1), "partition", { training_size: 80, testing_size: 30 })).rejects.toThrow(/110%/);
  });
});
