import { describe, expect, it } from "vitest";
import { runNode, type FieldSpec } from "./helpers.js";

const fields: FieldSpec[] = [["Id", "integer"], ["K", "string"], ["V", "integer"], ["D", "date"], ["T", "string"]];
const data = [
  [1, "x", 5, 100, "bb"],
  [2, "y", 1, 300, "a"],
  [3, "x", 2, 50, "c"],
  [4, null, 7, 10, "dd"],
  [5, "x", null, 200, "eee"],
  [6, "y", 3, null, null],
  [7, null, 1, 20, "f"],
];
const ids = (rows: unknown[][]) => rows.map((r) => r[0]);

describe("distinct", () => {
  it("Include keeps the first record of each group in input order ($null$ keys form one group)", async () => {
    const r = await runNode("distinct", { mode: "Include", grouping_fields: ["K"] }, fields, data);
    expect(ids(r.rows)).toEqual([1, 2, 4]);
  });

  it("Discard keeps every record but the first of its group, in input order", async () => {
    const r = await runNode("distinct", { mode: "Discard", grouping_fields: ["K"] }, fields, data);
    expect(ids(r.rows)).toEqual([3, 5, 6, 7]);
  });

  it("decides which record is first by sort_keys; groups come in order of first appearance", async () => {
    const inc = await runNode("distinct", { mode: "Include", grouping_fields: ["K"], sort_keys: [["V", "Descending"]] }, fields, data);
    // x: V 5, 2, null → 5 (Id 1); y: 1, 3 → 3 (Id 6); null: 7, 1 → 7 (Id 4).
    expect(ids(inc.rows)).toEqual([1, 6, 4]);
    const dis = await runNode("distinct", { mode: "Discard", grouping_fields: ["K"], sort_keys: [["V", "Ascending"]] }, fields, data);
    // x by V ascending: null(5), 2(3), 5(1) → drop 5, keep 3, 1; y: 1(2), 3(6) → keep 6; null: 1(7), 7(4) → keep 4.
    expect(ids(dis.rows)).toEqual([3, 1, 6, 4]);
  });

  it("accepts the older property name fields for the grouping fields", async () => {
    const r = await runNode("distinct", { fields: ["K"] }, fields, data);
    expect(ids(r.rows)).toEqual([1, 2, 4]);
  });

  it("builds one composite record per group with the fill of each field", async () => {
    const r = await runNode(
      "distinct",
      {
        mode: "Composite",
        grouping_fields: ["K"],
        composite_value: { Id: ["Last"], V: ["Total"], D: ["Latest"], T: ["Concatenate", "Comma"] },
        inc_record_count: true,
      },
      fields,
      data,
    );
    expect(r.names).toEqual(["Id", "K", "V", "D", "T", "Record_Count"]);
    expect(r.storages).toEqual(["integer", "string", "integer", "date", "string", "integer"]);
    expect(r.rows).toEqual([
      [5, "x", 7, 200, "bb,c,eee", 3],
      [6, "y", 4, 300, "a", 2],
      [7, null, 8, 20, "dd,f", 2],
    ]);
  });

  it("defaults to the first record's value and follows sort_keys for First and Last", async () => {
    const r = await runNode("distinct", { mode: "Composite", grouping_fields: ["K"], sort_keys: [["D", "Ascending"]], composite_value: { V: "Last" } }, fields, data);
    // x by D: 50(3), 100(1), 200(5); y: null(6), 300(2); null: 10(4), 20(7).
    expect(r.rows.map((x) => [x[0], x[2]])).toEqual([[3, null], [6, 1], [4, 1]]);
  });

  it("fills Average, Min, Max, Earliest, FirstAlpha, LastAlpha, Shortest, Longest, MostFrequent, IncludesValue", async () => {
    const f: FieldSpec[] = [["K", "integer"], ["A", "real"], ["B", "real"], ["C", "date"], ["S1", "string"], ["S2", "string"], ["S3", "string"], ["S4", "string"], ["M", "string"], ["I", "string"]];
    const rows = [
      [1, 1.0, 1.0, 30, "pear", "pear", "pear", "pear", "u", "N"],
      [1, 2.0, 5.0, 10, "Apple", "Apple", "fig", "fig", "v", "Y"],
      [1, null, -1.0, 20, "apple", "apple", "kiwi", "kiwi", "v", "N"],
    ];
    const r = await runNode(
      "distinct",
      {
        mode: "Composite",
        grouping_fields: ["K"],
        composite_value: { A: ["Average"], B: ["Min"], C: ["Earliest"], S1: ["FirstAlpha"], S2: ["LastAlpha"], S3: ["Shortest"], S4: ["Longest"], M: ["MostFrequent"], I: ["IncludesValue", "Y"] },
      },
      f,
      rows,
    );
    expect(r.storages[1]).toBe("real");
    expect(r.rows).toEqual([[1, 1.5, -1.0, 10, "Apple", "pear", "fig", "pear", "v", "T"]]);
  });

  it("names the field and the fill it cannot apply", async () => {
    await expect(runNode("distinct", { mode: "Composite", grouping_fields: ["K"], composite_value: { T: ["Total"] } }, fields, data)).rejects.toThrow(/field "T": Total does not apply to "T", which has String storage/);
    await expect(runNode("distinct", { mode: "Composite", grouping_fields: ["K"], composite_value: { V: ["Custom"] } }, fields, data)).rejects.toThrow(/fill type "Custom" is not supported/);
    await expect(runNode("distinct", { mode: "Include", grouping_fields: [] }, fields, data)).rejects.toThrow(/needs grouping_fields/);
    await expect(runNode("distinct", { grouping_fields: ["Nope"] }, fields, data)).rejects.toThrow(/unknown field "Nope"/);
  });
});

describe("distinct composite settings in bulk", () => {
  it("reads composite_values pairs, composite_value winning; Concatenate joins without a delimiter by default", async () => {
    const r = await runNode(
      "distinct",
      { mode: "Composite", grouping_fields: ["K"], composite_values: [["T", ["Concatenate"]], ["V", ["Max"]]], composite_value: { V: ["Min"] } },
      fields,
      data,
    );
    expect(r.rows.map((x) => [x[1], x[2], x[4]])).toEqual([["x", 2, "bbceee"], ["y", 1, "a"], [null, 1, "ddf"]]);
    const spaced = await runNode("distinct", { mode: "Composite", grouping_fields: ["K"], composite_value: { T: ["Concatenate", "Space"] } }, fields, data);
    expect(spaced.rows[0]![4]).toBe("bb c eee");
  });
});
