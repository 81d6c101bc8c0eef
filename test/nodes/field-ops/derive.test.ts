import { describe, expect, it } from "vitest";
import { column, runChain, runNode } from "./helpers.js";
import { StreamBuilder } from "../../../src/stream/index.js";
import { defaultRegistry } from "../../../src/nodes/registry.js";

const drug = [["AGE", "integer"], ["NA", "real"], ["K", "real"], ["BP", "string"]] as const;
const drugRows = [
  [23, 0.792535, 0.031258, "HIGH"],
  [47, 0.739309, 0.056468, "LOW"],
  [28, 0.563682, 0.072289, "NORMAL"],
  [61, 0.559294, 0.030998, "LOW"],
];

describe("derive: formula", () => {
  it("adds the value at the end with the storage the expression has", async () => {
    const c = await runNode([...drug], drugRows, "derive", { new_name: "Na_to_K", formula_expr: "NA / K" });
    expect(c.schema.names).toEqual(["AGE", "NA", "K", "BP", "Na_to_K"]);
    expect(c.schema.field("Na_to_K")).toMatchObject({ storage: "real", measure: "continuous", role: "input" });
    const expected = drugRows.map((r) => (r[1] as number) / (r[2] as number));
    column(c, "Na_to_K").forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 12));
  });

  it("makes a true/false formula a T/F flag", async () => {
    const c = await runChain([...drug], drugRows, [
      ["derive", { new_name: "Na_to_K", formula_expr: "NA / K" }],
      ["derive", { new_name: "High", formula_expr: "Na_to_K > 15" }],
    ]);
    // 25.35, 13.09, 7.80, 18.04
    expect(column(c, "High")).toEqual(["T", "F", "F", "T"]);
    expect(c.schema.field("High")).toMatchObject({ storage: "string", measure: "flag", values: ["F", "T"] });
  });

  it("takes the measure from formula_measure_type", async () => {
    const c = await runNode([...drug], drugRows, "derive", { new_name: "Decade", formula_expr: "AGE div 10", formula_measure_type: "Set" });
    expect(c.schema.field("Decade")).toMatchObject({ storage: "integer", measure: "nominal" });
    expect(column(c, "Decade")).toEqual([2, 4, 2, 6]);
  });

  it("replaces an input field of the same name in place", async () => {
    const c = await runNode([...drug], drugRows, "derive", { new_name: "AGE", formula_expr: "AGE + 1" });
    expect(c.schema.names).toEqual(["AGE", "NA", "K", "BP"]);
    expect(column(c, "AGE")).toEqual([24, 48, 29, 62]);
  });

  it("reads its own earlier values with @OFFSET(new field, 1), across batches", async () => {
    const c = await runNode([["X", "integer"]], [[1], [2], [3], [4], [5]], "derive", {
      new_name: "Total", formula_expr: "if @NULL(@OFFSET(Total, 1)) then X else @OFFSET(Total, 1) + X endif",
    }, { batchSize: 2 });
    expect(column(c, "Total")).toEqual([1, 3, 6, 10, 15]);
    expect(c.schema.field("Total")!.storage).toBe("integer");
  });

  it("looks ahead with @OFFSET(F, -1) across batch boundaries", async () => {
    const c = await runNode([["X", "integer"]], [[1], [2], [3], [4], [5]], "derive", { new_name: "Next", formula_expr: "@OFFSET(X, -1)" }, { batchSize: 2 });
    expect(column(c, "Next")).toEqual([2, 3, 4, 5, null]);
  });

  it("is named after its new field", () => {
    const b = new StreamBuilder();
    const single = b.add("derive", { new_name: "Na_to_K", formula_expr: "NA / K" });
    const multi = b.add("derive", { mode: "Multiple", fields: ["NA"], formula_expr: "@FIELD" });
    const stream = b.build();
    const reg = defaultRegistry();
    expect(reg.displayName(stream.nodes.find((n) => n.id === single.id)!)).toBe("Na_to_K");
    expect(reg.displayName(stream.nodes.find((n) => n.id === multi.id)!)).toBe("Derive");
  });
});

describe("derive: other result types", () => {
  it("Flag: true value where the condition holds, false value otherwise (also for $null$)", async () => {
    const c = await runNode([["X", "integer"]], [[1], [5], [null]], "derive", { new_name: "Big", result_type: "Flag", flag_expr: "X > 2", flag_true: 1, flag_false: 0 });
    expect(column(c, "Big")).toEqual([0, 1, 0]);
    expect(c.schema.field("Big")).toMatchObject({ storage: "integer", measure: "flag", values: [0, 1] });
  });

  it("Set: the first true condition's value, else the default", async () => {
    const c = await runNode([...drug], drugRows, "derive", {
      new_name: "AgeGroup", result_type: "Set", set_value_cond: [["young", "AGE < 30"], ["middle", "AGE < 50"]], set_default: "old",
    });
    expect(column(c, "AgeGroup")).toEqual(["young", "middle", "young", "old"]);
    expect(c.schema.field("AgeGroup")).toMatchObject({ storage: "string", measure: "nominal", values: ["young", "middle", "old"] });
  });

  it("State: switches on and off and holds between switches, across batches", async () => {
    const c = await runNode([["BP", "string"]], [["NORMAL"], ["HIGH"], ["NORMAL"], ["LOW"], ["HIGH"]], "derive", {
      new_name: "Alert", result_type: "State", state_on_expression: 'BP = "HIGH"', state_off_expression: 'BP = "LOW"',
    }, { batchSize: 2 });
    expect(column(c, "Alert")).toEqual(["Off", "On", "On", "Off", "On"]);
    expect(c.schema.field("Alert")).toMatchObject({ measure: "flag", values: ["Off", "On"] });
  });

  it("Count: adds the increment when the condition holds and resets", async () => {
    const c = await runNode([["X", "integer"]], [[1], [5], [7], [0], [9]], "derive", {
      new_name: "N", result_type: "Count", count_initial_val: 10, count_inc_condition: "X > 2", count_inc_expression: "X", count_reset_condition: "X = 0",
    }, { batchSize: 3 });
    expect(column(c, "N")).toEqual([10, 15, 22, 10, 19]);
    expect(c.schema.field("N")).toMatchObject({ storage: "integer", measure: "continuous" });
  });

  it("Conditional: then or else; a $null$ condition takes else; no else gives $null$", async () => {
    const rows = [[1], [5], [null]];
    const c = await runNode([["X", "integer"]], rows, "derive", { new_name: "Y", result_type: "Conditional", cond_if_cond: "X > 2", cond_then_expr: "X * 2", cond_else_expr: "0.5" });
    expect(column(c, "Y")).toEqual([0.5, 10, 0.5]);
    expect(c.schema.field("Y")!.storage).toBe("real");
    const noElse = await runNode([["X", "integer"]], rows, "derive", { new_name: "Y", result_type: "Conditional", cond_if_cond: "X > 2", cond_then_expr: '"big"' });
    expect(column(noElse, "Y")).toEqual([null, "big", null]);
  });
});

describe("derive: multiple mode", () => {
  it("derives one field per source with @FIELD, named with the extension", async () => {
    const c = await runNode([...drug], drugRows.slice(0, 2), "derive", {
      mode: "Multiple", fields: ["NA", "K"], name_extension: "_x1000", formula_expr: "round(@FIELD * 1000)",
    });
    expect(c.schema.names.slice(4)).toEqual(["NA_x1000", "K_x1000"]);
    expect(column(c, "NA_x1000")).toEqual([793, 739]);
    expect(column(c, "K_x1000")).toEqual([31, 56]);
    const prefix = await runNode([...drug], drugRows.slice(0, 1), "derive", { mode: "Multiple", fields: ["NA"], name_extension: "log_", add_as: "Prefix", formula_expr: "@FIELD" });
    expect(prefix.schema.names).toContain("log_NA");
  });
});

describe("derive: errors", () => {
  it("names the property of a bad expression and the missing settings", async () => {
    await expect(runNode([...drug], drugRows, "derive", { new_name: "Z", formula_expr: "AGEE + 1" })).rejects.toThrow(/property "formula_expr".*unknown field "AGEE"/);
    await expect(runNode([...drug], drugRows, "derive", { formula_expr: "1" })).rejects.toThrow(/needs property "new_name"/);
    await expect(runNode([...drug], drugRows, "derive", { new_name: "Z", result_type: "Flag", flag_expr: "AGE + 1" })).rejects.toThrow(/flag_expr/);
    await expect(runNode([...drug], drugRows, "derive", { mode: "Multiple", fields: ["NA"], formula_expr: "@FIELD", formula_measure_type: "Geospatial" })).rejects.toThrow(/"formula_measure_type".*"Geospatial"/);
  });
});
