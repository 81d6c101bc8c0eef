/**
 * `modeler-batch run <stream> --job <job.json>`: the job points the demo stream's source at
 * a database table and its flat-file terminal at another table; BATCH_SCORE runs the
 * exported terminal. Expected rows come from pandas (test/oracles/demo_drug.py) on the CSV
 * the input table was filled from — the input table itself is filled by the test with
 * better-sqlite3 / SQL, not by our exporter.
 */
import Database from "better-sqlite3";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./helpers.js";
import { liveDatabases, describeLive, open, sql, tableName, dropTable } from "../db/live.js";

const python = "/usr/bin/python3";
const csv = readFileSync("fixtures/data/drug-sample.csv", "utf8").trim().split("\n");
const rows = csv.slice(1).map((l) => l.split(","));

function job(action: string, dbDefinitions: Record<string, unknown>, input: string, output: string, insertMode = "Drop") {
  return {
    action,
    model: { id: "drug-demo" },
    dbDefinitions,
    setting: {
      inputs: [{ odbc: { dbRef: "warehouse", table: input }, node: "patients" }],
      exports: [{ odbc: { dbRef: "warehouse", table: output, insertMode }, node: "drug-scored.csv", bulkLoading: "ODBC" }],
      parameterOverride: [{ name: "min_age", value: "40" }],
    },
  };
}

function oracle(): { rows: Array<[number, string, number, string]> } {
  return JSON.parse(execFileSync(python, ["test/oracles/demo_drug.py", "fixtures/data/drug-sample.csv", "40"], { encoding: "utf8" }));
}

function writeJob(dir: string, content: unknown): string {
  const path = join(dir, "job.json");
  writeFileSync(path, JSON.stringify(content, null, 2));
  return path;
}

describe.skipIf(!existsSync(python))("run --job on SQLite (the embedded default)", () => {
  it("BATCH_SCORE reads the input table and writes the scored table", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mb-job-"));
    const dbPath = join(dir, "drug.db");
    const db = new Database(dbPath);
    db.exec(`CREATE TABLE DRUG1N (Age INTEGER, Sex TEXT, BP TEXT, Cholesterol TEXT, Na REAL, K REAL, Drug TEXT)`);
    const insert = db.prepare(`INSERT INTO DRUG1N VALUES (?, ?, ?, ?, ?, ?, ?)`);
    db.transaction(() => rows.forEach((r) => insert.run(Number(r[0]), r[1], r[2], r[3], Number(r[4]), Number(r[5]), r[6])))();
    db.close();
    const jobPath = writeJob(dir, job("BATCH_SCORE", { warehouse: { type: "SQLite", db: dbPath } }, "DRUG1N", "DRUG_SCORED"));

    const r = await runCli(["run", "fixtures/streams/drug-demo.stream.json", "--job", jobPath, "--json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.action).toBe("BATCH_SCORE");
    const expected = oracle().rows;
    expect(report.terminals).toHaveLength(1);
    expect(report.terminals[0].exports).toEqual([expect.objectContaining({ target: "warehouse:DRUG_SCORED", records: expected.length })]);

    const out = new Database(dbPath, { readonly: true });
    const got = out.prepare(`SELECT Age, Drug, Na_to_K, High_Na_to_K FROM DRUG_SCORED`).all() as Array<Record<string, unknown>>;
    out.close();
    expect(got).toHaveLength(expected.length);
    got.forEach((g, i) => {
      const [age, drug, ratio, flag] = expected[i]!;
      expect(g.Age).toBe(age);
      expect(g.Drug).toBe(drug);
      expect(g.Na_to_K as number).toBeCloseTo(ratio, 10);
      expect(g.High_Na_to_K).toBe(flag);
    });
  });

  it("refuses a job with the original API's typographic quotes, with line and column (exit 2)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mb-job-"));
    const path = join(dir, "job.json");
    writeFileSync(path, '{\n  "action": \u201cBATCH_SCORE\u201d\n}');
    const r = await runCli(["run", "fixtures/streams/drug-demo.stream.json", "--job", path]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/typographic quote .* at line 2, column 13/);
  });

  it("fails a job whose input table does not exist, naming the table, and writes nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mb-job-"));
    const dbPath = join(dir, "drug.db");
    new Database(dbPath).close();
    const jobPath = writeJob(dir, job("BATCH_SCORE", { warehouse: { type: "SQLite", db: dbPath } }, "NO_SUCH_TABLE", "DRUG_SCORED"));
    const r = await runCli(["run", "fixtures/streams/drug-demo.stream.json", "--job", jobPath]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/NO_SUCH_TABLE/);
    const db = new Database(dbPath, { readonly: true });
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'DRUG_SCORED'`).all()).toEqual([]);
    db.close();
  });
});

const live = await liveDatabases();
const postgres = live.find((d) => d.name === "postgres")!;

describeLive(postgres, "run --job with --db", () => {
  it("takes the database from --db and never prints its password", async () => {
    const dbs = open(postgres);
    const input = tableName("cli_in");
    const output = tableName("cli_out");
    try {
      await sql(dbs, postgres, `CREATE TABLE ${input} ("Age" integer, "Sex" text, "BP" text, "Cholesterol" text, "Na" double precision, "K" double precision, "Drug" text)`);
      for (const r of rows) {
        await sql(dbs, postgres, `INSERT INTO ${input} VALUES ($1, $2, $3, $4, $5, $6, $7)`, [Number(r[0]), r[1]!, r[2]!, r[3]!, Number(r[4]), Number(r[5]), r[6]!]);
      }
      const dir = mkdtempSync(join(tmpdir(), "mb-job-"));
      // The job names a SQLite placeholder; --db replaces it with the server.
      const jobPath = writeJob(dir, job("BATCH_SCORE", { warehouse: { type: "SQLite", db: join(dir, "unused.db") } }, input, output));
      const url = process.env.MB_TEST_PG_URL ?? "postgres://mbtest:mbtest@127.0.0.1:5432/mbtest";
      const ok = await runCli(["run", "fixtures/streams/drug-demo.stream.json", "--job", jobPath, "--db", `warehouse=${url}`]);
      expect(ok.stderr).toBe("");
      expect(ok.code).toBe(0);
      expect(ok.stdout).toMatch(new RegExp(`wrote ${oracle().rows.length} records to warehouse:${output}`));
      expect(ok.stdout).not.toContain(url);
      const count = await sql(dbs, postgres, `SELECT count(*) FROM ${output}`);
      expect(Number(count[0]![0])).toBe(oracle().rows.length);

      const badUrl = url.replace(/:\/\/([^:]+):[^@]*@/, "://$1:Sup3r-Secret-pw@");
      const bad = await runCli(["run", "fixtures/streams/drug-demo.stream.json", "--job", jobPath, "--db", `warehouse=${badUrl}`, "--json"]);
      expect(bad.code).toBe(1);
      expect(bad.stderr + bad.stdout).not.toContain("Sup3r-Secret-pw");
      expect(bad.stderr).toMatch(/warehouse/);
    } finally {
      await dropTable(dbs, postgres, input).catch(() => undefined);
      await dropTable(dbs, postgres, output).catch(() => undefined);
      await dbs.close();
    }
  });
});
