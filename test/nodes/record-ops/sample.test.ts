import { describe, expect, it } from "vitest";
import { runNode, sourceReads, type FieldSpec } from "./helpers.js";

const ids = (n: number) => Array.from({ length: n }, (_, i) => [i + 1]);
const idField: FieldSpec[] = [["Id", "integer"]];
const col = (rows: unknown[][], c = 0) => rows.map((r) => r[c]);

describe("sample (simple)", () => {
  it("First n includes records 1..n and stops reading the input after them", async () => {
    const before = sourceReads.batches;
    const r = await runNode("sample", { sample_type: "First", first_n: 3 }, idField, ids(40), { batch: 2 });
    expect(col(r.rows)).toEqual([1, 2, 3]);
    expect(sourceReads.batches - before).toBe(2);
  });

  it("First n in Discard mode passes everything after the first n", async () => {
    const r = await runNode("sample", { sample_type: "First", first_n: 3, mode: "Discard" }, idField, ids(6));
    expect(col(r.rows)).toEqual([4, 5, 6]);
  });

  it("OneInN takes records n, 2n, 3n, ...; Discard takes the others", async () => {
    const inc = await runNode("sample", { sample_type: "OneInN", one_in_n: 3 }, idField, ids(10));
    expect(col(inc.rows)).toEqual([3, 6, 9]);
    const dis = await runNode("sample", { sample_type: "OneInN", one_in_n: 3, mode: "Discard" }, idField, ids(10));
    expect(col(dis.rows)).toEqual([1, 2, 4, 5, 7, 8, 10]);
  });

  it("caps the sample with use_max_size: included records stop; discarded ones stop being dropped", async () => {
    const before = sourceReads.batches;
    const inc = await runNode("sample", { sample_type: "OneInN", one_in_n: 3, use_max_size: true, maximum_size: 2 }, idField, ids(40), { batch: 2 });
    expect(col(inc.rows)).toEqual([3, 6]);
    expect(sourceReads.batches - before).toBe(3);
    const dis = await runNode("sample", { sample_type: "OneInN", one_in_n: 3, mode: "Discard", use_max_size: true, maximum_size: 2 }, idField, ids(10));
    expect(col(dis.rows)).toEqual([1, 2, 4, 5, 7, 8, 9, 10]);
  });

  it("RandomPct takes each record with the given probability; Include and Discard split the input", async () => {
    const props = { sample_type: "RandomPct", rand_pct: 30, set_random_seed: true, random_seed: 99 };
    const inc = await runNode("sample", props, idField, ids(10_000), { batch: 1000 });
    const dis = await runNode("sample", { ...props, mode: "Discard" }, idField, ids(10_000), { batch: 1000 });
    // 3000 expected; the standard deviation of the count is √(10000·0.3·0.7) ≈ 46.
    expect(Math.abs(inc.rows.length - 3000)).toBeLessThan(200);
    const taken = new Set(col(inc.rows));
    expect(col(dis.rows).every((id) => !taken.has(id))).toBe(true);
    expect(inc.rows.length + dis.rows.length).toBe(10_000);
    // The same seed gives the same sample whatever the run's seed; another seed another sample.
    const again = await runNode("sample", props, idField, ids(10_000), { batch: 1000, seed: 7 });
    expect(col(again.rows)).toEqual(col(inc.rows));
    const other = await runNode("sample", { ...props, random_seed: 100 }, idField, ids(10_000), { batch: 1000 });
    expect(col(other.rows)).not.toEqual(col(inc.rows));
  });

  it("draws from the run's seed without set_random_seed", async () => {
    const props = { sample_type: "RandomPct", rand_pct: 50 };
    const a = await runNode("sample", props, idField, ids(200), { seed: 1 });
    const b = await runNode("sample", props, idField, ids(200), { seed: 1 });
    const c = await runNode("sample", props, idField, ids(200), { seed: 2 });
    expect(col(a.rows)).toEqual(col(b.rows));
    expect(col(a.rows)).not.toEqual(col(c.rows));
  });

  it("refuses sizes out of range", async () => {
    await expect(runNode("sample", { sample_type: "OneInN", one_in_n: 0 }, idField, ids(3))).rejects.toThrow(/"one_in_n".*0.*1 or more/);
    await expect(runNode("sample", { sample_type: "RandomPct", rand_pct: 120 }, idField, ids(3))).rejects.toThrow(/"rand_pct".*between 0 and 100/);
  });
});

describe("sample (complex)", () => {
  const strata: FieldSpec[] = [["Id", "integer"], ["G", "string"], ["C", "string"], ["P", "real"]];
  // Stratum a: 4 records, stratum b: 3 records; clusters within them.
  const data = [
    [1, "a", "c1", 0.5], [2, "b", "c3", 0.0], [3, "a", "c1", 0.5], [4, "a", "c2", 0.5],
    [5, "b", "c4", 0.0], [6, "a", "c2", 0.5], [7, "b", "c5", 0.0],
  ];
  const base = { method: "Complex", stratify_by: ["G"], set_random_seed: true, random_seed: 3 };

  it("draws a fixed count per stratum and weights each record by stratum size / sample size", async () => {
    const r = await runNode("sample", { ...base, sample_units: "Counts", fixed_counts: 2 }, strata, data);
    expect(r.names).toEqual(["Id", "G", "C", "P", "SampleWeight"]);
    expect(r.rows.filter((x) => x[1] === "a").map((x) => x[4])).toEqual([2, 2]);
    expect(r.rows.filter((x) => x[1] === "b").map((x) => x[4])).toEqual([1.5, 1.5]);
    const order = col(r.rows) as number[];
    expect([...order].sort((x, y) => x - y)).toEqual(order);
  });

  it("rounds proportions half up per stratum and bounds them with min/max stratum sizes", async () => {
    // 0.5 of 4 = 2; 0.5 of 3 = 1.5 → 2.
    const r = await runNode("sample", { ...base, fixed_proportions: 0.5 }, strata, data);
    expect(r.rows.filter((x) => x[1] === "a").length).toBe(2);
    expect(r.rows.filter((x) => x[1] === "b").length).toBe(2);
    const bounded = await runNode("sample", { ...base, fixed_proportions: 0.1, use_min_stratum_size: true, minimum_stratum_size: 3 }, strata, data);
    expect(bounded.rows.filter((x) => x[1] === "a").map((x) => x[4])).toEqual([4 / 3, 4 / 3, 4 / 3]);
    expect(bounded.rows.filter((x) => x[1] === "b").map((x) => x[4])).toEqual([1, 1, 1]);
  });

  it("takes custom sizes per stratum and variable sizes from a field", async () => {
    const custom = await runNode("sample", { ...base, sample_units: "Counts", sample_size_counts: "Custom", sizes_counts: [["a", 1]], default_count: 3 }, strata, data);
    expect(custom.rows.filter((x) => x[1] === "a").length).toBe(1);
    expect(custom.rows.filter((x) => x[1] === "b").length).toBe(3);
    const variable = await runNode("sample", { ...base, sample_size_proportions: "Variable", variable_proportions: "P" }, strata, data);
    expect(variable.rows.map((x) => x[1])).toEqual(["a", "a"]);
  });

  it("samples whole clusters", async () => {
    const r = await runNode("sample", { method: "Complex", cluster_field: "C", sample_units: "Counts", fixed_counts: 2, set_random_seed: true, random_seed: 5 }, strata, data);
    const clusters = new Set(r.rows.map((x) => x[2]));
    expect(clusters.size).toBe(2);
    // Every record of a chosen cluster is in; the weight is 5 clusters / 2.
    for (const c of clusters) expect(r.rows.filter((x) => x[2] === c).length).toBe(data.filter((x) => x[2] === c).length);
    expect(new Set(r.rows.map((x) => x[4]))).toEqual(new Set([2.5]));
  });

  it("samples systematically: one unit in each interval of N/n, at the same offset", async () => {
    const r = await runNode("sample", { method: "Complex", complex_sample_type: "Systematic", sample_units: "Counts", fixed_counts: 2, set_random_seed: true, random_seed: 11 }, idField, ids(10));
    const [x, y] = col(r.rows) as number[];
    expect(x).toBeLessThanOrEqual(5);
    expect(y! - x!).toBe(5);
  });

  it("multiplies an existing SampleWeight (a further stage), and refuses Discard", async () => {
    const r = await runNode("sample", { method: "Complex", sample_units: "Counts", fixed_counts: 2 }, [["Id", "integer"], ["SampleWeight", "real"]], [[1, 3], [2, 3], [3, 3], [4, 3]]);
    expect(r.names).toEqual(["Id", "SampleWeight"]);
    expect(col(r.rows, 1)).toEqual([6, 6]);
    await expect(runNode("sample", { method: "Complex", mode: "Discard" }, idField, ids(3))).rejects.toThrow(/"mode".*"Discard".*not supported/);
    await expect(runNode("sample", { method: "Complex", stratify_by: ["Nope"] }, idField, ids(3))).rejects.toThrow(/unknown field "Nope"/);
    await expect(runNode("sample", { method: "Complex", clusters: ["x"] }, idField, ids(3))).rejects.toThrow(/"clusters".*not supported/);
  });
});
