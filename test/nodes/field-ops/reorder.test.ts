import { describe, expect, it } from "vitest";
import { makeField } from "../../../src/data/field.js";
import { runNode } from "./helpers.js";

const fields = [
  makeField("b", "string", { measure: "flag" }),
  makeField("C", "integer"),
  makeField("a", "real"),
  makeField("D", "date"),
];
const rows = [["x", 1, 0.5, 0]];

describe("reorder", () => {
  it("Custom: start fields, the others in order, end fields; values move with their fields", async () => {
    const c = await runNode(fields, rows, "reorder", { start_fields: ["D", "a"], end_fields: ["b"] });
    expect(c.schema.names).toEqual(["D", "a", "C", "b"]);
    expect(c.rows).toEqual([[0, 0.5, 1, "x"]]);
  });

  it("Auto: by name (case-insensitive), measure or storage, either direction", async () => {
    expect((await runNode(fields, rows, "reorder", { mode: "Auto" })).schema.names).toEqual(["a", "b", "C", "D"]);
    expect((await runNode(fields, rows, "reorder", { mode: "Auto", ascending: false })).schema.names).toEqual(["D", "C", "b", "a"]);
    // Continuous (C, a, D keep their order) before Flag.
    expect((await runNode(fields, rows, "reorder", { mode: "Auto", sort_by: "Type" })).schema.names).toEqual(["C", "a", "D", "b"]);
    // Date, Integer, Real, String.
    expect((await runNode(fields, rows, "reorder", { mode: "Auto", sort_by: "Storage" })).schema.names).toEqual(["D", "C", "a", "b"]);
  });

  it("names unknown and twice-listed fields", async () => {
    await expect(runNode(fields, rows, "reorder", { start_fields: ["Z"] })).rejects.toThrow(/unknown field "Z".*start_fields/);
    await expect(runNode(fields, rows, "reorder", { start_fields: ["a"], end_fields: ["a"] })).rejects.toThrow(/already listed/);
  });
});
