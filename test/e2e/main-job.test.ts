/**
 * The README's main job (`npm run demo`, scripts/demo.mjs) step by step through the command
 * line, on a SQLite file of its own: load the CSV into a table, TRAINING job, BATCH_SCORE job
 * on the trained stream. Expectations come from the CSV itself (read here with a plain split)
 * and from what is known of DRUG1n-like data: the drug follows Na/K > 15 → drugY and BP /
 * Cholesterol / Age rules otherwise, which a C5.0 tree recovers almost exactly.
 */
import Database from "better-sqlite3";
import { mkdtempSync, readFileSync, existsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli/helpers.js";
import { loadStream } from "../../src/load/index.js";

const csv = readFileSync("fixtures/data/drug-sample.csv", "utf8").trim().split("\n").map((l) => l.split(","));
const [header, ...rows] = csv as [string[], ...string[][]];

describe("the main job on SQLite (npm run demo)", () => {
  it("loads, trains and scores into drug_scores", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mb-main-job-"));
    const db = `warehouse=sqlite:${join(dir, "warehouse.sqlite")}`;

    const load = await runCli(["run", "fixtures/demo/load-warehouse.stream.json", "--db", db, "--json"]);
    expect(load.code, load.stderr).toBe(0);

    const train = await runCli(["run", "fixtures/demo/drug-model.stream.json", "--job", "fixtures/demo/train.job.json", "--db", db, "--out", dir, "--json"]);
    expect(train.code, train.stderr).toBe(0);
    const trained = JSON.parse(train.stdout);
    expect(trained.models).toEqual([expect.objectContaining({ builder: "drug-c50", nuggets: ["drug-model"] })]);
    for (const f of ["drug-model.str", "drug-model.stream.json"]) expect(existsSync(join(dir, f))).toBe(true);
    // The .str written holds the trained model in its nugget, as the .stream.json does.
    const fromStr = await loadStream(join(dir, "drug-model.str"));
    expect(fromStr.nodes.some((n) => n.type === "applyc50" && n.model !== undefined)).toBe(true);

    const score = await runCli(["run", join(dir, "drug-model.stream.json"), "--job", "fixtures/demo/score.job.json", "--db", db, "--out", dir, "--json"]);
    expect(score.code, score.stderr).toBe(0);
    expect(score.stdout).not.toMatch(/password/i);

    const warehouse = new Database(join(dir, "warehouse.sqlite"), { readonly: true });
    const scored = warehouse.prepare("SELECT * FROM drug_scores").all() as Array<Record<string, unknown>>;
    warehouse.close();
    expect(scored).toHaveLength(rows.length);
    const col = (name: string) => header.indexOf(name);
    scored.forEach((r, i) => {
      const row = rows[i]!;
      expect(r.Age).toBe(Number(row[col("Age")]));
      expect(r.BP).toBe(row[col("BP")]);
      expect(r.Drug).toBe(row[col("Drug")]);
      expect(r.Na_to_K as number).toBeCloseTo(Number(row[col("Na")]) / Number(row[col("K")]), 12);
      expect(["drugA", "drugB", "drugC", "drugX", "drugY"]).toContain(r["$C-Drug"]);
      expect(r["$CC-Drug"] as number).toBeGreaterThan(0);
      expect(r["$CC-Drug"] as number).toBeLessThanOrEqual(1);
      // Na/K above 15 is drugY in every record of this data: the tree must have learnt it.
      if ((r.Na_to_K as number) > 15.5) expect(r["$C-Drug"]).toBe("drugY");
    });
    const agree = scored.filter((r) => r.Drug === r["$C-Drug"]).length;
    expect(agree / scored.length).toBeGreaterThan(0.95);
  });

  it("finds a SQLite file named in a job next to the job file, not in the working directory", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mb-job-dir-"));
    const jobPath = join(dir, "load.job.json");
    writeFileSync(jobPath, JSON.stringify({
      action: "RUN_STREAM",
      model: { id: "load-warehouse" },
      dbDefinitions: { warehouse: { type: "SQLite", db: "relative.sqlite" } },
      setting: { inputs: [], exports: [], parameterOverride: [] },
    }));
    const r = await runCli(["run", "fixtures/demo/load-warehouse.stream.json", "--job", jobPath]);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(dir, "relative.sqlite"))).toBe(true);
    expect(existsSync("relative.sqlite")).toBe(false);
    const db = new Database(join(dir, "relative.sqlite"), { readonly: true });
    expect((db.prepare("SELECT COUNT(*) AS n FROM patients").get() as { n: number }).n).toBe(rows.length);
    db.close();
  });
});
