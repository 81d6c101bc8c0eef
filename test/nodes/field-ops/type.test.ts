import { describe, expect, it } from "vitest";
import { column, runChain, runNode } from "./helpers.js";
import { batchFromRows } from "../../../src/data/batch.js";
import { makeField } from "../../../src/data/field.js";
import { Schema } from "../../../src/data/schema.js";
import { FieldValueReader } from "../../../src/nodes/field-ops/type.js";

describe("type: declarations in the schema", () => {
  it("sets role, measure and declared values", async () => {
    const c = await runNode([["AGE", "integer"], ["DRUG", "string"], ["SEX", "string"]], [[30, "drugA", "F"]], "type", {
      direction: { DRUG: "Target", AGE: "None" },
      type: { DRUG: "Set", AGE: "Range" },
      values: { DRUG: ["drugA", "drugB"], AGE: [15, "74"], SEX: ["F", "M"] },
    });
    expect(c.schema.field("DRUG")).toMatchObject({ role: "target", measure: "nominal", values: ["drugA", "drugB"] });
    expect(c.schema.field("AGE")).toMatchObject({ role: "none", measure: "continuous", values: [15, 74] });
    // Declared values without a measure on a string field: two values make a flag [false, true].
    expect(c.schema.field("SEX")).toMatchObject({ role: "input", measure: "flag", values: ["F", "M"] });
    expect(c.rows).toEqual([[30, "drugA", "F"]]);
  });

  it("leaves values to be read from data in Read mode, with the storage's default measure", async () => {
    const c = await runNode([["AGE", "integer"], ["BP", "string"]], [[30, "HIGH"]], "type", { value_mode: { AGE: "Read", BP: "Read" } });
    expect(c.schema.field("BP")).toMatchObject({ measure: "categorical" });
    expect(c.schema.field("BP")!.values).toBeUndefined();
    expect(c.schema.field("AGE")).toMatchObject({ measure: "continuous" });
    const ignored = await runNode([["BP", "string"]], [["HIGH"]], "type", { value_mode: { BP: "Read" }, values: { BP: ["HIGH", "LOW"] } });
    expect(ignored.schema.field("BP")!.values).toBeUndefined();
    expect(ignored.warnings.some((w) => /declared values of field "BP" are not used/.test(w))).toBe(true);
  });

  it("passes upstream declarations through fields it does not mention, and Typeless means role None", async () => {
    const c = await runChain([["A", "string"], ["B", "string"]], [["x", "y"]], [
      ["type", { values: { A: ["x", "y", "z"] }, direction: { B: "Target" } }],
      ["type", { type: { B: "Typeless" } }],
    ]);
    expect(c.schema.field("A")).toMatchObject({ measure: "nominal", values: ["x", "y", "z"] });
    // Modeler sets the role of a field made Typeless to None unless the node gives one.
    expect(c.schema.field("B")).toMatchObject({ measure: "typeless", role: "none" });
    const kept = await runNode([["B", "string"]], [["y"]], "type", { type: { B: "Typeless" }, direction: { B: "Target" } });
    expect(kept.schema.field("B")).toMatchObject({ measure: "typeless", role: "target" });
  });

  it("declares blanks", async () => {
    const c = await runNode([["K", "real"], ["S", "string"]], [[1, "a"]], "type", {
      missing_values: { K: [-99, "-1"] }, range_missing: { K: true }, missing_lower: { K: 900 }, missing_upper: { K: 999 },
      null_missing: { S: true }, whitespace_missing: { S: true },
    });
    expect(c.schema.field("K")!.blanks).toEqual({ values: [-99, -1], range: [900, 999] });
    expect(c.schema.field("S")!.blanks).toEqual({ nulls: true, whitespace: true });
    const off = await runNode([["K", "real"]], [[1]], "type", { enable_missing: { K: false }, missing_values: { K: [-99] } });
    expect(off.schema.field("K")!.blanks).toBeUndefined();
  });

  it("makes declared blanks visible to @BLANK downstream", async () => {
    const c = await runChain([["X", "integer"]], [[-99], [5], [null]], [
      ["type", { missing_values: { X: [-99] }, null_missing: { X: true } }],
      ["derive", { new_name: "B", formula_expr: "@BLANK(X)" }],
    ]);
    expect(column(c, "B")).toEqual(["T", "F", "T"]);
  });

  it("names the field and property of a bad declaration", async () => {
    await expect(runNode([["A", "integer"]], [[1]], "type", { direction: { B: "Target" } })).rejects.toThrow(/unknown field "B".*"direction"/);
    await expect(runNode([["A", "integer"]], [[1]], "type", { values: { A: ["x", 2] } })).rejects.toThrow(/"values".*field "A".*not a valid integer/);
    await expect(runNode([["A", "integer"]], [[1]], "type", { type: { A: "Range" }, values: { A: [1, 2, 3] } })).rejects.toThrow(/\[min, max\]/);
    await expect(runNode([["A", "string"]], [["x"]], "type", { type: { A: "Flag" }, values: { A: ["x"] } })).rejects.toThrow(/flag takes/);
    // Streams built in code are not checked against the JSON Schema: shapes are checked here.
    await expect(runNode([["A", "string"]], [["x"]], "type", { values: { A: "x" } })).rejects.toThrow(/"values".*entry for "A" must be a list/);
  });

  it("ignores, with a warning naming them, settings for fields that are gone when the node came from a .str file", async () => {
    const props = { direction: { A: "Target", OLD: "Input" }, type: { OLD: "Range" }, values: { OLD: [1, 9] } };
    const c = await runNode([["A", "integer"]], [[1]], "type", props, { fromStr: true });
    expect(c.schema.field("A")).toMatchObject({ role: "target" });
    expect(c.rows).toEqual([[1]]);
    expect(c.warnings.filter((w) => /Types settings for "OLD" are ignored/.test(w))).toHaveLength(1);
    // The same settings in a stream that did not come from Modeler: a misspelt name must fail.
    await expect(runNode([["A", "integer"]], [[1]], "type", props)).rejects.toThrow(/unknown field "OLD"/);
  });
});

describe("type: check", () => {
  const rows = [[0.5, "T", "a"], [5, "F", "b"], [12, "X", "c"], [null, null, null]];
  const fields = [["N", "real"], ["FL", "string"], ["S", "string"]] as const;
  const decl = { type: { N: "Range", FL: "Flag", S: "Set" }, values: { N: [1, 10], FL: ["F", "T"], S: ["a", "b"] } };

  it("Coerce: clamps ranges (nulls to the midpoint), false value for flags, first value for sets", async () => {
    const c = await runNode([...fields], rows, "type", { ...decl, check: { N: "Coerce", FL: "Coerce", S: "Coerce" } });
    expect(column(c, "N")).toEqual([1, 5, 10, 5.5]);
    expect(column(c, "FL")).toEqual(["T", "F", "F", "F"]);
    expect(column(c, "S")).toEqual(["a", "b", "a", "a"]);
  });

  it("Nullify makes illegal values $null$ and leaves nulls alone", async () => {
    const c = await runNode([...fields], rows, "type", { ...decl, check: { N: "Nullify", S: "Nullify" } });
    expect(column(c, "N")).toEqual([null, 5, null, null]);
    expect(column(c, "S")).toEqual(["a", "b", null, null]);
  });

  it("Discard drops records with an illegal value", async () => {
    const c = await runNode([...fields], rows, "type", { ...decl, check: { S: "Discard" } }, { batchSize: 2 });
    expect(column(c, "S")).toEqual(["a", "b", null]);
  });

  it("Warn counts, Abort stops naming field, value and record", async () => {
    const w = await runNode([...fields], rows, "type", { ...decl, check: { N: "Warn" } });
    expect(column(w, "N")).toEqual([0.5, 5, 12, null]);
    expect(w.warnings.some((m) => /2 value\(s\) of field "N"/.test(m))).toBe(true);
    await expect(runNode([...fields], rows, "type", { ...decl, check: { FL: "Abort" } }, { batchSize: 2 })).rejects.toThrow(/value X of field "FL" in record 3/);
  });

  it("rounds the midpoint of a whole-number range", async () => {
    const c = await runNode([["I", "integer"]], [[null]], "type", { type: { I: "Range" }, values: { I: [1, 10] }, check: { I: "Coerce" } });
    expect(column(c, "I")).toEqual([6]);
  });
});

describe("FieldValueReader (instantiation)", () => {
  const schema = new Schema([
    makeField("SEX", "string"), makeField("BP", "string"), makeField("ID", "string"), makeField("AGE", "integer"),
  ]);
  const batch = batchFromRows(schema, [["M", "HIGH", "a", 40], ["F", "LOW", "b", 23], [null, "NORMAL", "c", null], ["M", "HIGH", "d", 61]]);

  it("auto-types categorical fields from their values and reads ranges", () => {
    const reader = new FieldValueReader(schema.fields, { maxSetSize: 3 });
    reader.add(batch);
    const [sex, bp, id, age] = reader.fields();
    expect(sex).toMatchObject({ measure: "flag", values: ["F", "M"] });
    expect(bp).toMatchObject({ measure: "nominal", values: ["HIGH", "LOW", "NORMAL"] });
    expect(id).toMatchObject({ measure: "typeless", role: "none" });
    expect(id!.values).toBeUndefined();
    expect(age).toMatchObject({ measure: "continuous", values: [23, 61] });
  });

  it("adds to declared values with extend (Read+)", () => {
    const declared = [makeField("BP", "string", { measure: "nominal", values: ["VERY HIGH"] })];
    const reader = new FieldValueReader(declared, { maxSetSize: 0, extend: true });
    reader.add(batch);
    expect(reader.fields()[0]!.values).toEqual(["HIGH", "LOW", "NORMAL", "VERY HIGH"]);
  });
});
