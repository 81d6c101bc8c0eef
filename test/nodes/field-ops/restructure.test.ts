import { describe, expect, it } from "vitest";
import { column, runNode } from "./helpers.js";

const fields = [["ID", "string"], ["DAY", "string"], ["AMT", "real"], ["QTY", "integer"]] as const;
const rows = [["a", "Mon", 1.5, 2], ["a", "Tue", 2.5, 1], ["b", "Mon", 4, null]];

describe("restructure", () => {
  it("OtherFields: F_v_X holds X where F = v, else $null$", async () => {
    const c = await runNode([...fields], rows, "restructure", { fields_from: { DAY: ["Mon", "Tue"] }, value_fields: ["AMT", "QTY"] });
    expect(c.schema.names).toEqual(["ID", "DAY", "AMT", "QTY", "DAY_Mon_AMT", "DAY_Mon_QTY", "DAY_Tue_AMT", "DAY_Tue_QTY"]);
    expect(column(c, "DAY_Mon_AMT")).toEqual([1.5, null, 4]);
    expect(column(c, "DAY_Tue_QTY")).toEqual([null, 1, null]);
    expect(c.schema.field("DAY_Mon_QTY")!.storage).toBe("integer");
  });

  it("Flags without the field name: v holds T where F = v, else F", async () => {
    const c = await runNode([...fields], rows, "restructure", { fields_from: { DAY: ["Tue"] }, value_mode: "Flags", include_field_name: false });
    expect(column(c, "Tue")).toEqual(["F", "T", "F"]);
    expect(c.schema.field("Tue")).toMatchObject({ measure: "flag", values: ["F", "T"] });
  });

  it("needs value fields in OtherFields mode", async () => {
    await expect(runNode([...fields], rows, "restructure", { fields_from: { DAY: ["Mon"] } })).rejects.toThrow(/"value_fields"/);
  });
});
