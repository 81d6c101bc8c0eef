import { describe, expect, it } from "vitest";
import { column, runChain, runNode } from "./helpers.js";

describe("filler", () => {
  it("Always: converts storage with to_integer(@FIELD)", async () => {
    const c = await runNode([["A", "string"], ["B", "string"]], [["12", "x"], ["7", "y"]], "filler", { fields: ["A"], replace_mode: "Always", replace_with: "to_integer(@FIELD)" });
    expect(column(c, "A")).toEqual([12, 7]);
    expect(c.schema.field("A")).toMatchObject({ storage: "integer", measure: "continuous" });
    expect(c.schema.names).toEqual(["A", "B"]);
  });

  it("Null: replaces $null$ only, in each listed field", async () => {
    const c = await runNode([["A", "integer"], ["B", "integer"]], [[1, null], [null, 2]], "filler", { fields: ["A", "B"], replace_mode: "Null", replace_with: "0" });
    expect(c.rows).toEqual([[1, 0], [0, 2]]);
  });

  it("Blank and BlankAndNull follow the blanks a Type node declares", async () => {
    const rows = [[-99], [5], [null]];
    const chain = (mode: string) => runChain([["X", "integer"]], rows, [
      ["type", { missing_values: { X: [-99] } }],
      ["filler", { fields: ["X"], replace_mode: mode, replace_with: "0" }],
    ]);
    expect(column(await chain("Blank"), "X")).toEqual([0, 5, null]);
    expect(column(await chain("BlankAndNull"), "X")).toEqual([0, 5, 0]);
    // null_missing makes $null$ a blank too.
    const withNulls = await runChain([["X", "integer"]], rows, [
      ["type", { missing_values: { X: [-99] }, null_missing: { X: true } }],
      ["filler", { fields: ["X"], replace_mode: "Blank", replace_with: "0" }],
    ]);
    expect(column(withNulls, "X")).toEqual([0, 5, 0]);
  });

  it("Conditional: replaces where the condition on @FIELD holds", async () => {
    const c = await runNode([["A", "integer"], ["B", "integer"]], [[1, 50], [200, 3]], "filler", {
      fields: ["A", "B"], replace_mode: "Conditional", condition: "@FIELD > 100", replace_with: "100",
    });
    expect(c.rows).toEqual([[1, 50], [100, 3]]);
  });

  it("widens an integer field filled with reals, and refuses other mixes", async () => {
    const c = await runNode([["A", "integer"]], [[1], [null]], "filler", { fields: ["A"], replace_mode: "Null", replace_with: "0.5" });
    expect(column(c, "A")).toEqual([1, 0.5]);
    expect(c.schema.field("A")!.storage).toBe("real");
    await expect(runNode([["A", "integer"]], [[1]], "filler", { fields: ["A"], replace_mode: "Null", replace_with: '"none"' })).rejects.toThrow(/"replace_with".*string values for field "A"/);
  });

  it("warns that Blank mode changes nothing without blank definitions", async () => {
    const c = await runNode([["A", "integer"]], [[1]], "filler", { fields: ["A"], replace_mode: "Blank", replace_with: "0" });
    expect(c.warnings.some((w) => /no blank definitions/.test(w))).toBe(true);
  });

  it("names unknown fields", async () => {
    await expect(runNode([["A", "integer"]], [[1]], "filler", { fields: ["Z"], replace_with: "0" })).rejects.toThrow(/unknown field "Z"/);
  });
});
