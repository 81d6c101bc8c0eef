import { describe, expect, it } from "vitest";
import { compileClem, type ClemEnvironment } from "../../src/clem/index.js";
import type { Field } from "../../src/data/field.js";
import type { Storage } from "../../src/data/storage.js";
import type { Value } from "../../src/data/values.js";
import { batchOf, schemaOf } from "./helpers.js";

/**
 * Runs an expression over the columns cut into batches of `size` rows, as a node would, and
 * joins the results: sequence state must carry from batch to batch.
 */
function runInBatches(
  expr: string, storages: Record<string, Storage>, columns: Record<string, Value[]>, size: number,
  env: Partial<ClemEnvironment> = {}, extra: Record<string, Partial<Field>> = {},
): Value[] {
  const schema = schemaOf(storages, extra);
  const c = compileClem(expr, { ...env, schema });
  const n = Object.values(columns)[0]!.length;
  const slice = (from: number, to: number) =>
    batchOf(schema, Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, v.slice(from, to)])));
  const out: Value[] = [];
  for (let start = 0; start < n; start += size) {
    const ahead = c.lookahead > 0 && start + size < n ? slice(start + size, start + size + c.lookahead) : undefined;
    out.push(...c.evaluate(slice(start, Math.min(n, start + size)), ahead));
  }
  return out;
}

/** Same result for every batch size, which is the point of carrying state. */
function seq(expr: string, storages: Record<string, Storage>, columns: Record<string, Value[]>, env: Partial<ClemEnvironment> = {}, extra: Record<string, Partial<Field>> = {}): Value[] {
  const whole = runInBatches(expr, storages, columns, 1000, env, extra);
  for (const size of [1, 2, 3]) expect(runInBatches(expr, storages, columns, size, env, extra), `batches of ${size}`).toEqual(whole);
  return whole;
}

const x = [3, 1, null, 4, 1, 5];

describe("@INDEX and @OFFSET", () => {
  it("@INDEX counts records from 1 across batches", () => {
    expect(seq("@INDEX", { x: "integer" }, { x })).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("@OFFSET(F, 1) is the previous value, $null$ before the first record; 0 is the current one", () => {
    expect(seq("@OFFSET(x, 1)", { x: "integer" }, { x })).toEqual([null, 3, 1, null, 4, 1]);
    expect(seq("@OFFSET(x, 2)", { x: "integer" }, { x })).toEqual([null, null, 3, 1, null, 4]);
    expect(seq("@OFFSET(x, 0)", { x: "integer" }, { x })).toEqual(x);
  });

  it("a non-constant offset reads as far back as its INT limit allows", () => {
    const k = [0, 1, 2, 3, 2, 1];
    expect(seq("@OFFSET(x, k)", { x: "integer", k: "integer" }, { x, k })).toEqual([3, 3, 3, 3, null, 1]);
    expect(seq("@OFFSET(x, k, 2)", { x: "integer", k: "integer" }, { x, k })).toEqual([3, 3, 3, null, null, 1]);
  });

  it("records every row even when the branch using @OFFSET is not taken", () => {
    const flag = [1, 0, 0, 1, 0, 1];
    expect(seq("if f = 1 then @OFFSET(x, 1) else -1 endif", { x: "integer", f: "integer" }, { x, f: flag })).toEqual([null, -1, -1, null, -1, 1]);
  });

  it("the documented pattern: same customer as the previous record", () => {
    const custid = ["a", "a", "b", "b", "b", "c"];
    expect(seq("@OFFSET(custid, 1) = @OFFSET(custid, 0)", { custid: "string" }, { custid })).toEqual([null, true, false, true, true, false]);
  });

  it("a negative constant offset looks ahead, across batches given the following rows", () => {
    expect(seq("@OFFSET(x, -1)", { x: "integer" }, { x })).toEqual([1, null, 4, 1, 5, null]);
    expect(seq("@OFFSET(x, -2)", { x: "integer" }, { x })).toEqual([null, 4, 1, 5, null, null]);
  });

  it("look-ahead needs a field, and a negative offset must be a constant", () => {
    const schema = schemaOf({ x: "integer", k: "integer" });
    expect(() => compileClem("@OFFSET(x + 1, -1)", { schema })).toThrow(/needs a field name/);
    const c = compileClem("@OFFSET(x, k)", { schema });
    expect(() => c.evaluate(batchOf(schema, { x: [1], k: [-1] }))).toThrow(/looks ahead only with a constant offset/);
  });

  it("@OFFSET on the field being derived reads the expression's own earlier outputs (running total)", () => {
    const env = { selfField: { name: "Total", storage: "integer" as const } };
    const amount = [5, 10, 20, 1];
    expect(seq("if @INDEX = 1 then Amount else @OFFSET(Total, 1) + Amount endif", { Amount: "integer" }, { Amount: amount }, env)).toEqual([5, 15, 35, 36]);
    // evaluateRow feeds back the same way
    const schema = schemaOf({ Amount: "integer" });
    const c = compileClem("if @INDEX = 1 then Amount else @OFFSET(Total, 1) * 2 endif", { schema, ...env });
    const batch = batchOf(schema, { Amount: [3, 0, 0] });
    expect([0, 1, 2].map((r) => c.evaluateRow(batch, r))).toEqual([3, 6, 12]);
  });

  it("reset() starts a new run", () => {
    const schema = schemaOf({ x: "integer" });
    const c = compileClem("@INDEX * 10 + @OFFSET(x, 1)", { schema });
    const b = batchOf(schema, { x: [1, 2] });
    expect(c.evaluate(b)).toEqual([null, 21]);
    expect(c.evaluate(b)).toEqual([32, 41]);
    c.reset();
    expect(c.evaluate(b)).toEqual([null, 21]);
  });
});

describe("@SINCE, @SINCE0 and @THIS", () => {
  const v = [1, 5, 2, 6, 7, 3];

  it("@SINCE: records since EXPR was last true (current record not tested); never true → @INDEX + 1", () => {
    expect(seq("@SINCE(v > 4)", { v: "integer" }, { v })).toEqual([2, 3, 1, 2, 1, 1]);
  });

  it("@SINCE0 tests the current record too", () => {
    expect(seq("@SINCE0(v > 4)", { v: "integer" }, { v })).toEqual([2, 0, 1, 0, 0, 1]);
  });

  it("the INT argument limits the look-back", () => {
    const w = [5, 1, 1, 1, 1];
    expect(seq("@SINCE(w > 4, 2)", { w: "integer" }, { w })).toEqual([2, 1, 2, 5, 6]);
  });

  it("@THIS(F) inside @SINCE compares earlier records with the current one", () => {
    // How many records back was the value more than 3 away from the current value?
    expect(seq("@SINCE(abs(@THIS(v) - v) > 3)", { v: "integer" }, { v })).toEqual([2, 1, 4, 1, 2, 1]);
    expect(seq("@SINCE0(@THIS(v) = v)", { v: "integer" }, { v })).toEqual([0, 0, 0, 0, 0, 0]);
    expect(seq("@SINCE(abs(@THIS(v) - v) > 3, 1)", { v: "integer" }, { v })).toEqual([2, 1, 4, 1, 6, 1]);
  });

  it("refuses other sequence functions inside @SINCE with @THIS", () => {
    expect(() => compileClem("@SINCE(@THIS(v) = @OFFSET(v, 1))", { schema: schemaOf({ v: "integer" }) })).toThrow(/cannot be used inside @SINCE together with @THIS/);
  });
});

describe("@DIFF1 and @DIFF2", () => {
  const y = [1, 4, 9, 16, null, 36];
  const t = [0, 1, 2, 4, 5, 6];

  it("@DIFF1: current minus previous; $null$ without a previous value", () => {
    expect(seq("@DIFF1(y)", { y: "integer" }, { y })).toEqual([null, 3, 5, 7, null, null]);
  });

  it("@DIFF2: difference of differences", () => {
    expect(seq("@DIFF2(y)", { y: "integer" }, { y })).toEqual([null, null, 2, 2, null, null]);
  });

  it("@DIFF1(F1, F2): ΔF1 / ΔF2", () => {
    expect(seq("@DIFF1(y, t)", { y: "integer", t: "integer" }, { y, t })).toEqual([null, 3, 5, 3.5, null, null]);
  });

  it("@DIFF2(F1, F2): Δ(ΔF1/ΔF2) / ΔF2 (docs/clem.md)", () => {
    // row 3: (3.5 - 5) / (4 - 2) = -0.75
    expect(seq("@DIFF2(y, t)", { y: "integer", t: "integer" }, { y, t })).toEqual([null, null, 2, -0.75, null, null]);
  });

  it("@DIFF1 and @DIFF2 are reals (IBM's reference types them Real); of a date field, days", () => {
    expect(compileClem("@DIFF1(y)", { schema: schemaOf({ y: "integer" }) }).storage).toBe("real");
    expect(compileClem("@DIFF2(y)", { schema: schemaOf({ y: "integer" }) }).storage).toBe("real");
    expect(seq("@DIFF1(d)", { d: "date" }, { d: [10, 12, 20] })).toEqual([null, 2, 8]);
  });
});

describe("running and windowed statistics", () => {
  const v = [2, 4, null, 6, 8];

  it("running @SUM, @MEAN, @MAX, @MIN, @SDEV over all records so far, nulls skipped", () => {
    expect(seq("@SUM(v)", { v: "integer" }, { v })).toEqual([2, 6, 6, 12, 20]);
    expect(seq("@MEAN(v)", { v: "integer" }, { v })).toEqual([2, 3, 3, 4, 5]);
    expect(seq("@MAX(v)", { v: "integer" }, { v })).toEqual([2, 4, 4, 6, 8]);
    expect(seq("@MIN(v)", { v: "integer" }, { v })).toEqual([2, 2, 2, 2, 2]);
    const sd = seq("@SDEV(v)", { v: "integer" }, { v }) as (number | null)[];
    expect(sd[0]).toBeNull();
    expect(sd[1]).toBeCloseTo(Math.SQRT2, 14); // sd(2, 4)
    expect(sd[3]).toBeCloseTo(2, 14); // sd(2, 4, 6)
    expect(sd[4]).toBeCloseTo(Math.sqrt(20 / 3), 14); // sd(2, 4, 6, 8)
  });

  it("windowed forms cover the last EXPR records, current included", () => {
    expect(seq("@SUM(v, 2)", { v: "integer" }, { v })).toEqual([2, 6, 4, 6, 14]);
    expect(seq("@MEAN(v, 3)", { v: "integer" }, { v })).toEqual([2, 3, 3, 5, 7]);
    expect(seq("@MAX(v, 2)", { v: "integer" }, { v })).toEqual([2, 4, 4, 6, 8]);
    expect(seq("@MIN(v, 2)", { v: "integer" }, { v })).toEqual([2, 2, 4, 6, 6]);
    expect(seq("@SUM(v, 2)", { v: "integer" }, { v: [null, null, 1] })).toEqual([null, null, 1]);
  });

  it("a window length from a field uses the INT bound", () => {
    const w = [1, 2, 3, 3, 1];
    expect(seq("@SUM(v, w, 3)", { v: "integer", w: "integer" }, { v, w })).toEqual([2, 6, 6, 10, 8]);
  });

  it("integer sums stay exact past 2^53", () => {
    expect(seq("@SUM(v)", { v: "integer" }, { v: [9007199254740991, 2] })).toEqual([9007199254740991, 9007199254740993n]);
  });
});

describe("@LAST_NON_BLANK and @BLANK use the field's blank definitions", () => {
  const extra = { v: { blanks: { values: [-1], nulls: true } } };

  it("@BLANK(F) is true for declared blanks (and $null$ when declared)", () => {
    expect(seq("@BLANK(v)", { v: "integer" }, { v: [1, -1, null, 2] }, {}, extra)).toEqual([false, true, true, false]);
    expect(seq("@BLANK(v)", { v: "integer" }, { v: [1, null] })).toEqual([false, false]);
  });

  it("@LAST_NON_BLANK(F) is the latest value that is neither blank nor $null$", () => {
    expect(seq("@LAST_NON_BLANK(v)", { v: "integer" }, { v: [-1, 1, -1, null, 2, -1] }, {}, extra)).toEqual([null, 1, 1, 1, 2, 2]);
  });

  it("the Filler idiom: replace blanks with the last good value", () => {
    expect(seq("if @BLANK(v) then @LAST_NON_BLANK(v) else v endif", { v: "integer" }, { v: [5, -1, 7, -1] }, {}, extra)).toEqual([5, 5, 7, 7]);
  });
});
