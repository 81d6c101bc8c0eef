import { describe, expect, it } from "vitest";
import { StreamBuilder } from "../../../src/stream/index.js";
import { rows, runNode, runToTable } from "./helpers.js";

const data = [[1, "a"], [null, "b"], [5, "c"], [3, "d"], [2, null]];
const fields: Array<[string, "integer" | "string"]> = [["X", "integer"], ["S", "string"]];

describe("select", () => {
  it("Include keeps the records whose condition is true; a $null$ condition drops the record", async () => {
    const r = await runNode("select", { mode: "Include", condition: "X > 2" }, fields, data);
    expect(r.rows).toEqual([[5, "c"], [3, "d"]]);
  });

  it("Discard keeps the records whose condition is false; a $null$ condition drops the record there too", async () => {
    const r = await runNode("select", { mode: "Discard", condition: "X > 2" }, fields, data);
    expect(r.rows).toEqual([[1, "a"], [2, null]]);
  });

  it("keeps null records in Discard mode when the condition tests for null (the documented idiom)", async () => {
    const r = await runNode("select", { mode: "Discard", condition: "X > 2 and not(@NULL(X))" }, fields, data);
    expect(r.rows).toEqual([[1, "a"], [null, "b"], [2, null]]);
  });

  it("reads stream parameters and looks ahead across batch boundaries", async () => {
    const b = new StreamBuilder("t").parameter("lim", "integer", 2);
    const node = rows(b, fields, data, { batch: 2 }).then("select", { condition: "X >= '$P-lim'" }, { id: "node" });
    expect((await runToTable(b, node)).rows.map((x) => x[0])).toEqual([5, 3, 2]);
    // Next record's X greater than this one's: 1<4 yes, 4<2 no, 2<3 yes, 3<0 no, last has no next ($null$).
    const ahead = await runNode("select", { condition: "@OFFSET(X, -1) > X" }, [["X", "integer"]], [[1], [4], [2], [3], [0]], { batch: 2 });
    expect(ahead.rows).toEqual([[1], [2]]);
  });

  it("needs a condition and names what is wrong with it", async () => {
    await expect(runNode("select", {}, fields, data)).rejects.toThrow(/needs property "condition"/);
    await expect(runNode("select", { condition: "Y > 1" }, fields, data)).rejects.toThrow(/property "condition".*Y/);
    await expect(runNode("select", { condition: "X + 1" }, fields, data)).rejects.toThrow(/condition/);
    await expect(runNode("select", { condition: "X > 1", mode: "Keep" }, fields, data)).rejects.toThrow(/"mode".*Include, Discard/);
  });
});
