import { describe, expect, it } from "vitest";
import { runNode, type FieldSpec } from "./helpers.js";

const fields: FieldSpec[] = [["K", "integer"], ["S", "string"], ["Id", "integer"]];
const data = [
  [3, "b", 1],
  [null, "a", 2],
  [1, "c", 3],
  [3, "a", 4],
  [1, null, 5],
  [2, "b", 6],
];

describe("sort", () => {
  it("sorts ascending with nulls first, keeping the input order of ties (stable)", async () => {
    const r = await runNode("sort", { keys: [["K", "Ascending"]] }, fields, data);
    expect(r.rows.map((x) => x[2])).toEqual([2, 3, 5, 6, 1, 4]);
  });

  it("sorts descending as the exact reverse order: nulls last, ties still stable", async () => {
    const r = await runNode("sort", { keys: [["K", "Descending"]] }, fields, data);
    expect(r.rows.map((x) => x[2])).toEqual([1, 4, 6, 3, 5, 2]);
  });

  it("uses later keys to break ties of earlier ones", async () => {
    const r = await runNode("sort", { keys: [["K", "Descending"], ["S", "Ascending"]] }, fields, data);
    // K=3: a(4) before b(1); K=2: 6; K=1: null(5) before c(3); null K last.
    expect(r.rows.map((x) => x[2])).toEqual([4, 1, 6, 5, 3, 2]);
  });

  it("orders strings by code point: upper case before lower case, supplementary characters last", async () => {
    const words = ["b", "B", "a", "é", "Z", "\uFF21", "\u{1F600}", "aa", ""];
    const r = await runNode("sort", { keys: [["W", "Ascending"]] }, [["W", "string"]], words.map((w) => [w]));
    // Code points: "" < "B"(42) < "Z"(5A) < "a"(61) < "aa" < "b"(62) < "é"(E9) < "Ａ"(FF21) < 😀(1F600).
    expect(r.rows.map((x) => x[0])).toEqual(["", "B", "Z", "a", "aa", "b", "é", "\uFF21", "\u{1F600}"]);
  });

  it("takes the default direction for keys given without one", async () => {
    const r = await runNode("sort", { keys: ["K"], default_sort_order: "Descending" }, fields, data);
    expect(r.rows.map((x) => x[2])).toEqual([1, 4, 6, 3, 5, 2]);
    const r2 = await runNode("sort", { keys: [["K"]], default_ascending: false }, fields, data);
    expect(r2.rows.map((x) => x[2])).toEqual([1, 4, 6, 3, 5, 2]);
  });

  it("sorts reals and dates numerically", async () => {
    const r = await runNode("sort", { keys: [["D", "Ascending"], ["X", "Descending"]] }, [["D", "date"], ["X", "real"]], [[20000, 1.5], [19000, -2.25], [20000, 10.0], [19000, 3.0]]);
    expect(r.rows).toEqual([[19000, 3.0], [19000, -2.25], [20000, 10.0], [20000, 1.5]]);
  });

  it("names an unknown key field", async () => {
    await expect(runNode("sort", { keys: [["Nope", "Ascending"]] }, fields, data)).rejects.toThrow(/unknown field "Nope".*keys/);
  });

  it("rejects a direction that is not Ascending or Descending", async () => {
    await expect(runNode("sort", { keys: [["K", "Up"]] }, fields, data)).rejects.toThrow(/keys.*\["K","Up"\].*direction/);
  });

  it("passes records through unchanged without keys", async () => {
    const r = await runNode("sort", {}, fields, data);
    expect(r.rows.map((x) => x[2])).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("sorts 300,000 records on two keys in well under the time a row-object sort would take", async () => {
    const n = 300_000;
    const big = Array.from({ length: n }, (_, i) => [(i * 7919) % 1000, `s${(i * 104729) % 5000}`, i]);
    const t0 = performance.now();
    const r = await runNode("sort", { keys: [["K", "Ascending"], ["S", "Descending"]] }, fields, big, { batch: 8192 });
    const ms = performance.now() - t0;
    for (let i = 1; i < n; i++) {
      const [a, b] = [r.rows[i - 1]!, r.rows[i]!];
      const ok = (a[0] as number) < (b[0] as number) || (a[0] === b[0] && ((a[1] as string) > (b[1] as string) || (a[1] === b[1] && (a[2] as number) < (b[2] as number))));
      if (!ok) throw new Error(`rows ${i - 1} and ${i} out of order: ${JSON.stringify([a, b])}`);
    }
    expect(ms).toBeLessThan(20_000);
  });
});

describe("sort progress", () => {
  it("reports the sort as progress events", async () => {
    const events: unknown[] = [];
    await runNode("sort", { keys: [["K", "Ascending"]] }, fields, data, { onEvent: (e) => events.push(e) });
    expect(events).toContainEqual(expect.objectContaining({ type: "progress", node: "node", message: "sorting 6 records" }));
    expect(events).toContainEqual(expect.objectContaining({ type: "progress", node: "node", message: "sorted 6 records", fraction: 1 }));
  });
});
