import { describe, expect, it } from "vitest";
import { runCli } from "./helpers.js";

describe("modeler-batch clem", () => {
  it("evaluates against a record and prints JSON", async () => {
    const r = await runCli(["clem", "--record", '{"Na": 0.5, "K": 0.25}', "Na / K"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toBe(2);
  });

  it("substitutes parameters", async () => {
    const r = await runCli(["clem", "--record", '{"Age": 40}', "--param", "min_age=30", "Age >= '$P-min_age'"]);
    expect(JSON.parse(r.stdout)).toBe(true);
  });

  it("type-checks with --check and reports the storage", async () => {
    const r = await runCli(["clem", "--check", "3 div 2"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, storage: "integer" });
  });

  it("prints a syntax error with line and column and exits 2", async () => {
    const r = await runCli(["clem", "if Age > 3\nthen 1 else endif"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/CLEM_SYNTAX/);
    expect(r.stderr).toMatch(/line 2, column 13/);
  });

  it("refuses a malformed --record with exit 2", async () => {
    const r = await runCli(["clem", "--record", "{Age: 1}", "Age"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/line 1, column 2/);
  });
});
