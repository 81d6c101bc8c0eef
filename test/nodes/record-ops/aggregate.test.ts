import { describe, expect, it } from "vitest";
import { runNode, type FieldSpec } from "./helpers.js";

const fields: FieldSpec[] = [["G", "string"], ["X", "integer"], ["Y", "real"]];
const data = [
  ["a", 1, 1.5],
  ["b", 10, 2.0],
  ["a", 2, 2.5],
  ["a", null, 3.5],
  ["b", 20, null],
  [null, 5, 1.0],
  ["a", 4, 0.5],
];
const ALL = ["Sum", "Mean", "Min", "Max", "SDev", "Median", "Count", "Variance", "FirstQuartile", "ThirdQuartile"];

function byName(names: string[], row: unknown[]) {
  return Object.fromEntries(names.map((n, i) => [n, row[i]]));
}

describe("aggregate", () => {
  it("computes every statistic per key, skipping nulls, groups sorted by key with $null$ first", async () => {
    const r = await runNode("aggregate", { keys: ["G"], aggregates: { X: ALL, Y: ["Mean", "Sum"] } }, fields, data);
    expect(r.names).toEqual([
      "G", "X_Sum", "X_Mean", "X_Min", "X_Max", "X_SDev", "X_Median", "X_Count", "X_Variance", "X_FirstQuartile", "X_ThirdQuartile",
      "Y_Sum", "Y_Mean", "Record_Count",
    ]);
    expect(r.storages).toEqual(["string", "integer", "real", "integer", "integer", "real", "real", "integer", "real", "real", "real", "real", "real", "integer"]);
    expect(r.rows.map((x) => x[0])).toEqual([null, "a", "b"]);
    // Group a: X = 1, 2, (null), 4; Y = 1.5, 2.5, 3.5, 0.5 (worked by hand).
    const a = byName(r.names, r.rows[1]!);
    expect(a).toMatchObject({ X_Sum: 7, X_Min: 1, X_Max: 4, X_Median: 2, X_Count: 3, X_FirstQuartile: 1.5, X_ThirdQuartile: 3, Y_Sum: 8, Y_Mean: 2, Record_Count: 4 });
    expect(a.X_Mean).toBeCloseTo(7 / 3, 12);
    expect(a.X_Variance).toBeCloseTo(14 / 6, 12); // squared deviations 16/9 + 1/9 + 25/9 = 42/9, over n − 1 = 2
    expect(a.X_SDev).toBeCloseTo(Math.sqrt(14 / 6), 12);
    // Group b: X = 10, 20; Y = 2.0, (null).
    const b = byName(r.names, r.rows[2]!);
    expect(b).toMatchObject({ X_Sum: 30, X_Mean: 15, X_Variance: 50, X_Median: 15, X_FirstQuartile: 12.5, X_ThirdQuartile: 17.5, Y_Sum: 2, Y_Mean: 2, Record_Count: 2 });
    expect(b.X_SDev).toBeCloseTo(Math.sqrt(50), 12);
    // Group $null$: one record; a sample deviation needs two values.
    const n = byName(r.names, r.rows[0]!);
    expect(n).toMatchObject({ X_Sum: 5, X_SDev: null, X_Variance: null, X_Median: 5, X_Count: 1, Record_Count: 1 });
  });

  it("interpolates quartiles between order statistics at (n − 1)·p (numpy's default)", async () => {
    // Values 1..4 and 10: Q1 at position 1 → 2; median at 2 → 3; Q3 at 3 → 4.
    // Values 0, 10, 20, 30: Q1 at 0.75 → 7.5; median at 1.5 → 15; Q3 at 2.25 → 22.5.
    const r = await runNode(
      "aggregate",
      { keys: ["K"], aggregates: { V: ["Median", "FirstQuartile", "ThirdQuartile"] }, inc_record_count: false },
      [["K", "integer"], ["V", "real"]],
      [[1, 1], [1, 2], [1, 3], [1, 4], [1, 10], [2, 30], [2, 0], [2, 20], [2, 10]],
    );
    expect(r.rows).toEqual([[1, 3, 2, 4], [2, 15, 7.5, 22.5]]);
  });

  it("treats the whole input as one group without keys, even when it is empty", async () => {
    const r = await runNode("aggregate", { aggregates: { X: ["Sum", "Max"] } }, fields, data);
    expect(r.names).toEqual(["X_Sum", "X_Max", "Record_Count"]);
    expect(r.rows).toEqual([[42, 20, 7]]);
    const empty = await runNode("aggregate", { aggregates: { X: ["Sum", "Count"] } }, fields, []);
    expect(empty.rows).toEqual([[null, 0, 0]]);
    const keyed = await runNode("aggregate", { keys: ["G"], aggregates: { X: ["Sum"] } }, fields, []);
    expect(keyed.rows).toEqual([]);
  });

  it("names statistic fields with the extension as suffix or prefix, and a custom count field", async () => {
    const suffix = await runNode("aggregate", { keys: ["G"], aggregates: { X: ["Max"] }, extension: "_agg", count_field: "N" }, fields, data);
    expect(suffix.names).toEqual(["G", "X_Max_agg", "N"]);
    const prefix = await runNode("aggregate", { keys: ["G"], aggregates: { X: ["Max"] }, extension: "agg_", add_as: "Prefix", inc_record_count: false }, fields, data);
    expect(prefix.names).toEqual(["G", "agg_X_Max"]);
  });

  it("streams contiguous groups: a key that comes back after a break starts a new group", async () => {
    const r = await runNode("aggregate", { keys: ["G"], contiguous: true, aggregates: { X: ["Sum"] } }, fields, [
      ["a", 1, 0], ["a", 2, 0], ["b", 3, 0], ["b", 4, 0], ["b", 5, 0], ["a", 6, 0],
    ]);
    expect(r.rows).toEqual([["a", 3, 2], ["b", 12, 3], ["a", 6, 1]]);
  });

  it("groups on several keys, Min/Max on strings by code point, integer sums exact beyond 2^53", async () => {
    const big = 2 ** 53;
    const r = await runNode(
      "aggregate",
      { keys: ["A", "B"], aggregates: { S: ["Min", "Max", "Count"], N: ["Sum"] }, inc_record_count: false },
      [["A", "integer"], ["B", "string"], ["S", "string"], ["N", "integer"]],
      [[1, "x", "b", big], [1, "x", "B", big], [1, "y", "é", 1], [1, "x", null, 3], [0, "x", "z", 1]],
    );
    expect(r.rows).toEqual([
      [0, "x", "z", "z", 1, 1],
      [1, "x", "B", "b", 2, 2n ** 54n + 3n],
      [1, "y", "é", "é", 1, 1],
    ]);
  });

  it("refuses numeric statistics of a string field and a key field as an aggregate", async () => {
    await expect(runNode("aggregate", { keys: ["G"], aggregates: { G: ["Count"] } }, fields, data)).rejects.toThrow(/"G" is a key field/);
    await expect(runNode("aggregate", { aggregates: { G: ["Mean"] } }, fields, data)).rejects.toThrow(/Mean needs a numeric field; "G" has String storage/);
    await expect(runNode("aggregate", { aggregates: { Nope: ["Sum"] } }, fields, data)).rejects.toThrow(/unknown field "Nope"/);
  });

  it("computes custom aggregate expressions: a statistic of an expression, and arithmetic over statistics and keys", async () => {
    const r = await runNode(
      "aggregate",
      {
        keys: ["G"],
        aggregates: {},
        inc_record_count: false,
        aggregate_exprs: { Y_MAX: "MAX('Y')", Spread: "MAX(Y) - MIN(Y)", Mean2: "SUM(X * 2) / COUNT(X)", Label: "G >< \"-\" >< to_string(COUNT(Y))" },
      },
      fields,
      data,
    );
    expect(r.names).toEqual(["G", "Y_MAX", "Spread", "Mean2", "Label"]);
    expect(r.storages).toEqual(["string", "real", "real", "real", "string"]);
    expect(r.rows[1]).toEqual(["a", 3.5, 3, 14 / 3, "a-4"]);
    expect(r.rows[2]).toEqual(["b", 2.0, 0, 30, "b-1"]);
    expect(r.rows[0]![0]).toBe(null);
  });

  it("refuses aggregate expressions it cannot compute, naming the entry", async () => {
    const run = (expr: string) => runNode("aggregate", { keys: ["G"], aggregate_exprs: { E: expr } }, fields, data);
    await expect(run("AVG(X)")).rejects.toThrow(/entry "E".*AVG is not an aggregate function.*SUM, MEAN/);
    await expect(run("MAX(X) + Y")).rejects.toThrow(/field "Y" is used outside an aggregate function/);
    await expect(run("SUM(MAX(X))")).rejects.toThrow(/MAX is used inside SUM/);
    await expect(run("SUM(G)")).rejects.toThrow(/SUM needs numbers/);
    await expect(run("MAX(Nope)")).rejects.toThrow(/Nope/);
  });
});
