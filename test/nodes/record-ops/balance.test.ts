import { describe, expect, it } from "vitest";
import { runNode, type FieldSpec } from "./helpers.js";

const fields: FieldSpec[] = [["Id", "integer"], ["X", "integer"]];
const data = [[1, 1], [2, 3], [3, null], [4, 2], [5, 5]];
const ids = (rows: unknown[][]) => rows.map((r) => r[0]);

describe("balance", () => {
  it("replicates records with whole factors, drops them with factor 0, passes unmatched and $null$ records", async () => {
    const r = await runNode("balance", { directives: [[2, "X > 2"], [0, "X = 1"]] }, fields, data);
    expect(ids(r.rows)).toEqual([2, 2, 3, 4, 5, 5]);
  });

  it("applies the first directive that matches, not several", async () => {
    const r = await runNode("balance", { directives: [[3, "X > 1"], [0, "X > 2"]] }, fields, data);
    expect(ids(r.rows)).toEqual([1, 2, 2, 2, 3, 4, 4, 4, 5, 5, 5]);
  });

  it("keeps a fraction f of the records on average, and ⌊f⌋ or ⌊f⌋+1 copies for f > 1", async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => [i, i % 2]);
    const r = await runNode("balance", { directives: [[0.3, "X = 0"], [1.5, "X = 1"]] }, fields, many, { batch: 1000 });
    const zeros = r.rows.filter((x) => x[1] === 0).length;
    const ones = r.rows.filter((x) => x[1] === 1).length;
    // 5000 records each: expect 1500 (sd √(5000·0.21) ≈ 32) and 7500 (sd √(5000·0.25) ≈ 35).
    expect(Math.abs(zeros - 1500)).toBeLessThan(160);
    expect(Math.abs(ones - 7500)).toBeLessThan(175);
    const copies = new Map<unknown, number>();
    for (const x of r.rows) if (x[1] === 1) copies.set(x[0], (copies.get(x[0]) ?? 0) + 1);
    expect(new Set(copies.values())).toEqual(new Set([1, 2]));
    // The same run seed balances the same way.
    const again = await runNode("balance", { directives: [[0.3, "X = 0"], [1.5, "X = 1"]] }, fields, many, { batch: 1000 });
    expect(again.rows).toEqual(r.rows);
  });

  it("balances only the training partition with training_data_only", async () => {
    const f: FieldSpec[] = [["Id", "integer"], ["Part", "string", { role: "partition", values: ["1_Training", "2_Testing"] }]];
    const r = await runNode("balance", { directives: [[2, "Id > 0"]], training_data_only: true }, f, [[1, "1_Training"], [2, "2_Testing"], [3, "1_Training"]]);
    expect(ids(r.rows)).toEqual([1, 1, 2, 3, 3]);
    const noPartition = await runNode("balance", { directives: [[2, "X > 2"]], training_data_only: true }, fields, data);
    expect(ids(noPartition.rows)).toEqual([1, 2, 2, 3, 4, 5, 5]);
    expect(noPartition.report.warnings.some((w) => /no partition field/.test(w))).toBe(true);
  });

  it("names a malformed directive or a bad condition", async () => {
    await expect(runNode("balance", { directives: [["2", "X > 2"]] }, fields, data)).rejects.toThrow(/directives.*item 0.*\[factor ≥ 0, "condition"\]/);
    await expect(runNode("balance", { directives: [[1.5, "Z > 2"]] }, fields, data)).rejects.toThrow(/directives\[0\].*Z/);
  });
});
