import { describe, expect, it } from "vitest";
import { StreamBuilder } from "../../../src/stream/index.js";
import { rows, runToTable, sourceReads, type FieldSpec } from "./helpers.js";

type Input = { fields: FieldSpec[]; data: unknown[][]; tag?: string; batch?: number };

function merge(props: Record<string, unknown>, ...inputs: Input[]) {
  const b = new StreamBuilder("t");
  const node = b.add("merge", props, { id: "m" });
  inputs.forEach((inp, i) => rows(b, inp.fields, inp.data as never, { id: `in${i + 1}`, ...(inp.batch !== undefined && { batch: inp.batch }) }).into(node, inp.tag));
  return runToTable(b, node);
}

const L: Input = { fields: [["Id", "integer"], ["K", "string"], ["V", "integer"]], data: [[1, "a", 10], [2, "b", 20], [3, "a", 30], [4, "c", 40], [5, null, 50]] };
const R: Input = { fields: [["K", "string"], ["V", "integer"], ["W", "string"]], data: [["a", 100, "p"], ["c", 300, "q"], ["a", 101, "r"], ["d", 400, "s"], [null, 500, "t"]] };
const T: Input = { fields: [["K", "string"], ["X", "string"]], data: [["a", "x1"], ["c", "x2"], ["c", "x3"]] };
const keys = { method: "Keys", key_fields: ["K"] };

describe("merge by keys", () => {
  it("inner join: Cartesian product of repeated keys, $null$ keys match, later duplicate fields dropped", async () => {
    const r = await merge(keys, L, R);
    expect(r.names).toEqual(["Id", "K", "V", "W"]);
    expect(r.rows).toEqual([[1, "a", 10, "p"], [1, "a", 10, "r"], [3, "a", 30, "p"], [3, "a", 30, "r"], [4, "c", 40, "q"], [5, null, 50, "t"]]);
    expect(r.report.warnings.some((w) => /field "V" of input 2 duplicates a field of an earlier input and is dropped; rename it with new_name\["2.V"\]/.test(w))).toBe(true);
  });

  it("keeps a later duplicate renamed through new_name keyed <tag>.<field>, and drops fields with include", async () => {
    const r = await merge({ ...keys, new_name: { "2.V": "V2" }, include: { "1.Id": false } }, L, R);
    expect(r.names).toEqual(["K", "V", "V2", "W"]);
    expect(r.rows[0]).toEqual(["a", 10, 100, "p"]);
    const tagged = await merge({ ...keys, new_name: { "right.V": "RV" } }, L, { ...R, tag: "right" });
    expect(tagged.names).toEqual(["Id", "K", "V", "RV", "W"]);
  });

  it("full outer join: unmatched records of every input with $null$ for the others; the key from whichever input has it", async () => {
    const r = await merge({ ...keys, join: "FullOuter" }, L, R);
    expect(r.rows).toEqual([
      [1, "a", 10, "p"], [1, "a", 10, "r"], [2, "b", 20, null], [3, "a", 30, "p"], [3, "a", 30, "r"], [4, "c", 40, "q"], [5, null, 50, "t"],
      [null, "d", null, "s"],
    ]);
  });

  it("partial outer join keeps every record of the inputs tagged in outer_join_tag", async () => {
    const right = await merge({ ...keys, join: "PartialOuter", outer_join_tag: { "2": true } }, L, R);
    expect(right.rows).toEqual([[1, "a", 10, "p"], [1, "a", 10, "r"], [3, "a", 30, "p"], [3, "a", 30, "r"], [4, "c", 40, "q"], [5, null, 50, "t"], [null, "d", null, "s"]]);
    const left = await merge({ ...keys, join: "PartialOuter", outer_join_tag: { "1": true, "2": false } }, L, R);
    expect(left.rows.map((x) => x[0])).toEqual([1, 1, 2, 3, 3, 4, 5]);
    await expect(merge({ ...keys, join: "PartialOuter" }, L, R)).rejects.toThrow(/outer_join_tag selects no input/);
    await expect(merge({ ...keys, join: "PartialOuter", outer_join_tag: { "9": true } }, L, R)).rejects.toThrow(/no input has the tag "9"/);
  });

  it("anti join: records of the first input with no match, with only its fields", async () => {
    const r = await merge({ ...keys, join: "Anti" }, L, R);
    expect(r.names).toEqual(["Id", "K", "V"]);
    expect(r.rows).toEqual([[2, "b", 20]]);
  });

  it("joins three inputs: inner needs the key in all; partial outer fills missing inputs with $null$", async () => {
    const inner = await merge(keys, L, R, T);
    expect(inner.names).toEqual(["Id", "K", "V", "W", "X"]);
    expect(inner.rows).toEqual([
      [1, "a", 10, "p", "x1"], [1, "a", 10, "r", "x1"], [3, "a", 30, "p", "x1"], [3, "a", 30, "r", "x1"], [4, "c", 40, "q", "x2"], [4, "c", 40, "q", "x3"],
    ]);
    const partial = await merge({ ...keys, join: "PartialOuter", outer_join_tag: { "3": true } }, L, R, T);
    expect(partial.rows.length).toBe(6);
    const outer1 = await merge({ ...keys, join: "PartialOuter", outer_join_tag: { "1": true } }, L, R, T);
    expect(outer1.rows.find((x) => x[0] === 5)).toEqual([5, null, 50, "t", null]);
    expect(outer1.rows.find((x) => x[0] === 2)).toEqual([2, "b", 20, null, null]);
  });

  it("without common_keys later key fields are duplicates like any other field", async () => {
    const r = await merge({ ...keys, common_keys: false, new_name: { "2.K": "K2" }, join: "FullOuter" }, L, R);
    expect(r.names).toEqual(["Id", "K", "V", "K2", "W"]);
    expect(r.rows.at(-1)).toEqual([null, null, null, "d", "s"]);
  });

  it("streams the input named by single_large_input_tag (records come in its order)", async () => {
    const r = await merge({ ...keys, single_large_input: true, single_large_input_tag: "2" }, L, R);
    expect(r.rows).toEqual([[1, "a", 10, "p"], [3, "a", 30, "p"], [4, "c", 40, "q"], [1, "a", 10, "r"], [3, "a", 30, "r"], [5, null, 50, "t"]]);
  });

  it("refuses keys of different storages, missing keys, ranked conditions and unknown filter settings", async () => {
    await expect(merge(keys, L, { fields: [["K", "integer"]], data: [[1]] })).rejects.toThrow(/key field "K".*different storages in the inputs \(String, Integer\)/);
    await expect(merge({ method: "Keys" }, L, R)).rejects.toThrow(/key_fields is empty/);
    await expect(merge({ method: "Keys", key_fields: ["Id"] }, L, R)).rejects.toThrow(/unknown field "Id".*input 2/);
    await expect(merge({ method: "Rankedcondition" }, L, R)).rejects.toThrow(/"method".*"Rankedcondition", which is not supported/);
    await expect(merge({ ...keys, new_name: { "V": "V2" } }, L, R)).rejects.toThrow(/filter setting "V" names no input field.*<tag>.<field>/);
    await expect(merge({ ...keys, new_name: { "2.V": "Id" } }, L, R)).rejects.toThrow(/"2.V" would be named "Id"/);
  });
});

describe("merge by order", () => {
  it("pairs the i-th records and stops with the shortest input, without reading the rest", async () => {
    const long: Input = { fields: [["N", "integer"]], data: Array.from({ length: 40 }, (_, i) => [i]), batch: 2 };
    const before = sourceReads.batches;
    const r = await merge({}, { fields: [["A", "string"]], data: [["x"], ["y"], ["z"]], batch: 2 }, long);
    expect(r.rows).toEqual([["x", 0], ["y", 1], ["z", 2]]);
    // 2 batches of the short input, and at most 3 of the long one (not all 20).
    expect(sourceReads.batches - before).toBeLessThanOrEqual(5);
  });
});

describe("merge by condition", () => {
  const cond = { method: "Condition", condition: "V * 10 = V2", new_name: { "2.V": "V2" } };

  it("inner: the pairs whose condition is true, over the merged record's fields", async () => {
    const r = await merge(cond, L, R);
    expect(r.names).toEqual(["Id", "K", "V", "V2", "W"]);
    expect(r.rows).toEqual([[1, "a", 10, 100, "p"], [3, "a", 30, 300, "q"], [4, "c", 40, 400, "s"], [5, null, 50, 500, "t"]]);
  });

  it("full outer and anti joins with two inputs", async () => {
    const full = await merge({ ...cond, join: "FullOuter" }, L, R);
    expect(full.rows).toEqual([
      [1, "a", 10, 100, "p"], [2, "b", 20, null, null], [3, "a", 30, 300, "q"], [4, "c", 40, 400, "s"], [5, null, 50, 500, "t"],
      [null, null, null, 101, "r"],
    ]);
    const anti = await merge({ ...cond, join: "Anti" }, L, R);
    expect(anti.rows).toEqual([[2, "b", 20]]);
    const right = await merge({ ...cond, join: "PartialOuter", outer_join_tag: { "2": true } }, L, R);
    expect(right.rows.map((x) => x[3])).toEqual([100, 300, 400, 500, 101]);
  });

  it("joins three inputs (inner only) and names a bad condition", async () => {
    const r = await merge({ method: "Condition", condition: "K = K3 and V > 20", new_name: { "3.K": "K3" } }, L, { fields: [["Z", "integer"]], data: [[1], [2]] }, { ...T });
    expect(r.names).toEqual(["Id", "K", "V", "Z", "K3", "X"]);
    expect(r.rows).toEqual([[3, "a", 30, 1, "a", "x1"], [3, "a", 30, 2, "a", "x1"], [4, "c", 40, 1, "c", "x2"], [4, "c", 40, 1, "c", "x3"], [4, "c", 40, 2, "c", "x2"], [4, "c", 40, 2, "c", "x3"]]);
    await expect(merge({ ...cond, join: "Anti" }, L, R, T)).rejects.toThrow(/Anti merge by condition is defined for two inputs/);
    await expect(merge({ method: "Condition", condition: "Nope > 1" }, L, R)).rejects.toThrow(/property "condition".*Nope/);
  });
});

describe("merge hints", () => {
  it("checks the fields of existing_sort_keys and keeps the result the same", async () => {
    const r = await merge({ ...keys, use_existing_sort_keys: true, existing_sort_keys: [["K", "Ascending"]] }, L, R);
    expect(r.rows.length).toBe(6);
    await expect(merge({ ...keys, use_existing_sort_keys: true, existing_sort_keys: [["Q", "Ascending"]] }, L, R)).rejects.toThrow(/unknown field "Q".*existing_sort_keys/);
  });
});
