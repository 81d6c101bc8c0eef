import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./helpers.js";

const cases = "../shared/fixtures/pmml/cases";

function parse(csv: string): Array<Record<string, string>> {
  const [head, ...rows] = csv.trim().split(/\r?\n/);
  const names = head!.split(",");
  return rows.map((r) => Object.fromEntries(r.split(",").map((v, i) => [names[i], v])));
}

describe.skipIf(!existsSync(cases))("modeler-batch score", () => {
  it("scores a KNIME decision tree like KNIME did (expected.csv of the conformance case)", async () => {
    const dir = join(cases, "jpe-knime-DecisionTreeIris");
    const out = join(mkdtempSync(join(tmpdir(), "mb-score-")), "scores.csv");
    const r = await runCli(["score", join(dir, "model.pmml"), join(dir, "input.csv"), "--output", out]);
    expect(r.code).toBe(0);
    const got = parse(readFileSync(out, "utf8"));
    const want = parse(readFileSync(join(dir, "expected.csv"), "utf8"));
    expect(got).toHaveLength(want.length);
    want.forEach((w, i) => {
      for (const [k, v] of Object.entries(w)) {
        if (Number.isNaN(Number(v))) expect(got[i]![k], `${k} row ${i + 1}`).toBe(v);
        else expect(Number(got[i]![k]), `${k} row ${i + 1}`).toBeCloseTo(Number(v), 12);
      }
    });
  });

  it("exits 2 for a file that is not PMML", async () => {
    const r = await runCli(["score", "package.json", join(cases, "jpe-knime-DecisionTreeIris", "input.csv")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/PMML/);
  });
});
