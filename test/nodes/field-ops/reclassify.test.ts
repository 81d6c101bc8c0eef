import { describe, expect, it } from "vitest";
import { column, runNode } from "./helpers.js";

const bp = [["BP", "string"], ["CH", "string"]] as const;
const rows = [["HIGH", "NORMAL"], ["LOW", "HIGH"], ["NORMAL", "NORMAL"], [null, "LOW"]];

describe("reclassify", () => {
  it("Single: maps into a new field, unmapped values keep their value", async () => {
    const c = await runNode([...bp], rows, "reclassify", { field: "BP", new_name: "BP_GROUP", reclassify: { HIGH: "abnormal", LOW: "abnormal" } });
    expect(column(c, "BP_GROUP")).toEqual(["abnormal", "abnormal", "NORMAL", null]);
    expect(c.schema.names).toEqual(["BP", "CH", "BP_GROUP"]);
  });

  it("use_default sends unmapped values (and $null$) to the default; the field lists its values", async () => {
    const c = await runNode([...bp], rows, "reclassify", { field: "BP", new_name: "G", reclassify: [["HIGH", "H"]], use_default: true, default: "other" });
    expect(column(c, "G")).toEqual(["H", "other", "other", "other"]);
    expect(c.schema.field("G")).toMatchObject({ storage: "string", measure: "nominal", values: ["H", "other"] });
  });

  it("Multiple with replace_field overwrites each field in place", async () => {
    const c = await runNode([...bp], rows, "reclassify", { mode: "Multiple", fields: ["BP", "CH"], replace_field: true, reclassify: { NORMAL: "N" } });
    expect(c.rows).toEqual([["HIGH", "N"], ["LOW", "HIGH"], ["N", "N"], [null, "LOW"]]);
  });

  it("Multiple names new fields with the extension", async () => {
    const c = await runNode([...bp], rows, "reclassify", { mode: "Multiple", fields: ["BP", "CH"], name_extension: "_R", add_as: "Prefix", reclassify: {} });
    expect(c.schema.names).toEqual(["BP", "CH", "_RBP", "_RCH"]);
  });

  it("matches numbers by value and gives numeric new values numeric storage", async () => {
    const c = await runNode([["N", "integer"]], [[1], [2], [3]], "reclassify", { field: "N", new_name: "M", reclassify: { "1": 10, "2": 20 } });
    expect(column(c, "M")).toEqual([10, 20, 3]);
    expect(c.schema.field("M")!.storage).toBe("integer");
    const text = await runNode([["N", "integer"]], [[1], [3]], "reclassify", { field: "N", new_name: "M", reclassify: { "1": "one" } });
    expect(column(text, "M")).toEqual(["one", "3"]);
  });

  it("errors name the field and the bad mapping key", async () => {
    await expect(runNode([["N", "integer"]], [[1]], "reclassify", { field: "N", new_name: "M", reclassify: { x: "y" } })).rejects.toThrow(/"reclassify".*"x" is not a integer value/);
    await expect(runNode([["N", "integer"]], [[1]], "reclassify", { field: "Q", new_name: "M" })).rejects.toThrow(/unknown field "Q"/);
  });
});
