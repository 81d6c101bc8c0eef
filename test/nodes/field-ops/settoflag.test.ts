import { describe, expect, it } from "vitest";
import { column, runNode } from "./helpers.js";

const rows = [["c1", "beer"], ["c1", "wine"], ["c2", "beer"], ["c3", null]];
const fields = [["ID", "string"], ["ITEM", "string"]] as const;

describe("settoflag", () => {
  it("adds <field>_<value> flags with the true and false values, keeping the original field", async () => {
    const c = await runNode([...fields], rows, "settoflag", { fields_from: { ITEM: ["beer", "wine"] } });
    expect(c.schema.names).toEqual(["ID", "ITEM", "ITEM_beer", "ITEM_wine"]);
    expect(column(c, "ITEM_beer")).toEqual(["T", "F", "T", "F"]);
    expect(column(c, "ITEM_wine")).toEqual(["F", "T", "F", "F"]);
    expect(c.schema.field("ITEM_beer")).toMatchObject({ storage: "string", measure: "flag", values: ["F", "T"] });
  });

  it("uses numeric true/false values and the name extension", async () => {
    const c = await runNode([...fields], rows, "settoflag", { fields_from: { ITEM: ["beer"] }, true_value: 1, false_value: 0, use_extension: true, extension: "_flag" });
    expect(column(c, "ITEM_beer_flag")).toEqual([1, 0, 1, 0]);
    expect(c.schema.field("ITEM_beer_flag")!.storage).toBe("integer");
  });

  it("aggregate: one record per key, true if true in any record of the group", async () => {
    const c = await runNode([...fields], rows, "settoflag", { fields_from: { ITEM: ["beer", "wine"] }, aggregate: true, keys: ["ID"] }, { batchSize: 1 });
    expect(c.schema.names).toEqual(["ID", "ITEM_beer", "ITEM_wine"]);
    expect(c.rows).toEqual([["c1", "T", "T"], ["c2", "T", "F"], ["c3", "F", "F"]]);
  });

  it("matches values of numeric fields by value", async () => {
    const c = await runNode([["N", "integer"]], [[1], [2]], "settoflag", { fields_from: { N: ["2"] } });
    expect(column(c, "N_2")).toEqual(["F", "T"]);
  });

  it("errors name what is wrong", async () => {
    await expect(runNode([...fields], rows, "settoflag", { fields_from: { X: ["a"] } })).rejects.toThrow(/unknown field "X"/);
    await expect(runNode([...fields], rows, "settoflag", { fields_from: { ITEM: ["beer"] }, aggregate: true })).rejects.toThrow(/"keys"/);
    await expect(runNode([...fields], rows, "settoflag", {})).rejects.toThrow(/"fields_from"/);
    await expect(runNode([...fields], rows, "settoflag", { fields_from: { ITEM: ["beer"] }, true_value: { x: 1 } })).rejects.toThrow(/"true_value".*string or a number/);
  });
});
