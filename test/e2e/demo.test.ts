/**
 * The README's demo: `modeler-batch run fixtures/streams/drug-demo.stream.json --out <dir>`
 * gives the rows and the per-drug summary that pandas computes from the same file.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli/helpers.js";

const python = "/usr/bin/python3";

describe.skipIf(!existsSync(python))("the demo stream", () => {
  it("matches pandas, through the command line", async () => {
    const out = mkdtempSync(join(tmpdir(), "mb-demo-"));
    const r = await runCli(["run", "fixtures/streams/drug-demo.stream.json", "--out", out, "--json", "--param", "min_age=40"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    const oracle = JSON.parse(execFileSync(python, ["test/oracles/demo_drug.py", "fixtures/data/drug-sample.csv", "40"], { encoding: "utf8" }));

    // The flat file: one line per selected patient, in input order.
    const lines = readFileSync(join(out, "drug-scored.csv"), "utf8").trim().split("\n");
    const header = lines[0]!.split(",").map((h) => h.replace(/"/g, ""));
    const rows = lines.slice(1).map((l) => l.split(",").map((c) => c.replace(/"/g, "")));
    expect(rows).toHaveLength(oracle.rows.length);
    const col = (name: string) => header.indexOf(name);
    rows.forEach((row, i) => {
      const [age, drug, ratio, flag] = oracle.rows[i];
      expect(Number(row[col("Age")])).toBe(age);
      expect(row[col("Drug")]).toBe(drug);
      expect(Number(row[col("Na_to_K")])).toBeCloseTo(ratio, 10);
      expect(row[col("High_Na_to_K")]).toBe(flag);
    });

    // The summary table document (HTML) holds one row per drug.
    expect(report.documentFiles).toEqual([join(out, "summary.html")]);
    const html = readFileSync(join(out, "summary.html"), "utf8");
    for (const [drug, s] of Object.entries(oracle.summary) as Array<[string, Record<string, number>]>) {
      const row = new RegExp(`<td>${drug}</td>(.*?)</tr>`).exec(html)![1]!;
      const cells = [...row.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]!);
      // Reals are shown with the stream's 3 decimal places.
      expect(cells).toEqual([s.Age_Mean!.toFixed(3), s.Na_to_K_Mean!.toFixed(3), s.Na_to_K_Max!.toFixed(3), String(s.Record_Count)]);
    }
  });
});
