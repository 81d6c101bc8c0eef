import { describe, expect, it } from "vitest";
import { StreamBuilder } from "../../../src/stream/index.js";
import { rows, runToTable, type FieldSpec } from "./helpers.js";

type Input = { fields: FieldSpec[]; data: unknown[][]; tag?: string };

function append(props: Record<string, unknown>, ...inputs: Input[]) {
  const b = new StreamBuilder("t");
  const node = b.add("append", props, { id: "app" });
  inputs.forEach((inp, i) => rows(b, inp.fields, inp.data as never, { id: `in${i + 1}` }).into(node, inp.tag));
  return runToTable(b, node);
}

const main: Input = { fields: [["A", "integer"], ["B", "string"]], data: [[1, "x"], [2, "y"], [3, "z"]] };
const second: Input = { fields: [["b", "string"], ["C", "real"], ["A", "integer"]], data: [["p", 0.5, 10]] };

describe("append", () => {
  it("appends by position: the main input's fields, later inputs lined up column by column", async () => {
    const r = await append({}, main, { fields: [["X", "integer"], ["Y", "string"], ["Z", "real"]], data: [[9, "q", 1.5]] });
    expect(r.names).toEqual(["A", "B"]);
    expect(r.rows).toEqual([[1, "x"], [2, "y"], [3, "z"], [9, "q"]]);
  });

  it("appends by name, case-insensitively by default; a missing field is $null$", async () => {
    const r = await append({ match_by: "Name" }, main, second);
    expect(r.names).toEqual(["A", "B"]);
    expect(r.rows.at(-1)).toEqual([10, "p"]);
    const cased = await append({ match_by: "Name", match_case: true }, main, second);
    expect(cased.rows.at(-1)).toEqual([10, null]);
  });

  it("takes the fields of all inputs with include_fields_from All, in order of first appearance", async () => {
    const r = await append({ match_by: "Name", include_fields_from: "All", match_case: true }, main, second);
    expect(r.names).toEqual(["A", "B", "b", "C"]);
    expect(r.rows).toEqual([[1, "x", null, null], [2, "y", null, null], [3, "z", null, null], [10, null, "p", 0.5]]);
    const byPosition = await append({ include_fields_from: "All" }, main, { fields: [["P", "integer"], ["Q", "string"], ["Z", "real"]], data: [[4, "w", 0.25]] });
    expect(byPosition.names).toEqual(["A", "B", "Z"]);
    expect(byPosition.rows.at(-1)).toEqual([4, "w", 0.25]);
    // By position the third column of `second` is named A, like the main input's first.
    await expect(append({ include_fields_from: "All" }, main, second)).rejects.toThrow(/duplicate field name "A"; rename the field in one input/);
  });

  it("tags each record with its input's tag (link tag, else its position)", async () => {
    const r = await append({ create_tag_field: true }, main, { ...main, data: [[4, "w"]], tag: "extra" }, { ...main, data: [[5, "v"]] });
    expect(r.names).toEqual(["A", "B", "Input"]);
    expect(r.rows.map((x) => x[2])).toEqual(["1", "1", "1", "extra", "3"]);
    const named = await append({ create_tag_field: true, tag_field_name: "Source" }, main, main);
    expect(named.names).toEqual(["A", "B", "Source"]);
  });

  it("unifies storages: integer with real gives real; other mixes give string text", async () => {
    const r = await append({ match_by: "Name" }, { fields: [["N", "integer"], ["D", "date"]], data: [[1, 0]] }, { fields: [["N", "real"], ["D", "string"]], data: [[2.5, "soon"]] });
    expect(r.storages).toEqual(["real", "string"]);
    expect(r.rows).toEqual([[1, "1970-01-01"], [2.5, "soon"]]);
    expect(r.report.warnings.some((w) => /field "D" has storages Date, String/.test(w))).toBe(true);
  });

  it("refuses a tag field name the data already has", async () => {
    await expect(append({ create_tag_field: true, tag_field_name: "A" }, main, main)).rejects.toThrow(/tag_field_name "A".*already an output field/);
  });
});
