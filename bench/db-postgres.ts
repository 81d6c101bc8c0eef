/**
 * Database benchmark: a BATCH_SCORE-like run (Database source → Derive `Na / K` → Select
 * `Age > 30` → Database export, insert mode Drop) over the 1,000,000-row DRUG1n-like table,
 * on PostgreSQL with the bulk path (`bulk_loading: ODBC`, COPY) and plain INSERTs (`Off`),
 * against `psql \copy` of the same rows out of and into the same server in the same run (the
 * baseline). SQLite and MariaDB figures too.
 *
 *   npm run bench -- db-postgres      (or: npx tsx bench/db-postgres.ts [--rows 1000000] [--repeat 3] [--no-off])
 *
 * Every engine run is a child process (bench/db-engine.ts). Times are wall times from the
 * start of work to the commit — the database server does much of the work, so the CPU time
 * of our process alone would flatter us. Results also go to bench/results/db-postgres-<time>.json.
 * Servers: MB_TEST_PG_URL / MB_TEST_MYSQL_URL (defaults: the test servers on 127.0.0.1).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { BENCH_DIR, ensureDrug } from "./generate-drug.js";
import { openDatabases } from "../src/db/connections.js";
import { parseDatabaseUrl } from "../src/db/url.js";

interface Sample {
  rows: number;
  written?: number;
  ms: number;
  cpuMs?: number;
  maxRssKB?: number;
}

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1]! : fallback;
};
const rows = Number(option("--rows", "1000000"));
const repeat = Number(option("--repeat", "3"));
const withOff = !args.includes("--no-off");
const PG = process.env.MB_TEST_PG_URL ?? "postgres://mbtest:mbtest@127.0.0.1:5432/mbtest";
const MYSQL = process.env.MB_TEST_MYSQL_URL ?? "mysql://mbtest:mbtest@127.0.0.1:3306/mbtest";
const tsx = join(BENCH_DIR, "..", "node_modules", ".bin", "tsx");
const DRUG = "bench_drug";
const OUT = "bench_scored";

function engine(url: string, mode: "load" | "copy" | "full", bulk: "ODBC" | "Off", source: string, target = OUT): Sample {
  const out = execFileSync(tsx, [join(BENCH_DIR, "db-engine.ts"), url, mode, bulk, source, target], { encoding: "utf8", maxBuffer: 1 << 20, env: { ...process.env, NODE_OPTIONS: "" } });
  return JSON.parse(out.trim().split("\n").pop()!) as Sample;
}

function psql(command: string): number {
  const t0 = performance.now();
  execFileSync("psql", [PG, "-qX", "-v", "ON_ERROR_STOP=1", "-c", command], { encoding: "utf8" });
  return performance.now() - t0;
}

function reachable(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (err) {
    return (err as Error).message.split("\n")[0];
  }
}

const csv = await ensureDrug(rows);
const scratch = mkdtempSync(join(os.tmpdir(), "mb-db-bench-"));
const results: Array<{ database: string; case: string; samples: Sample[] }> = [];
const record = (database: string, name: string, run: () => Sample, times = repeat) => {
  const samples: Sample[] = [];
  for (let k = 0; k < times; k++) samples.push(run());
  results.push({ database, case: name, samples });
};

// PostgreSQL: the table loaded with psql, then baseline and engine runs interleaved.
const pgDown = reachable(() => psql("SELECT 1"));
if (pgDown) console.log(`PostgreSQL skipped: ${pgDown}`);
else {
  const columns = `"Age" BIGINT, "Sex" VARCHAR(255), "BP" VARCHAR(255), "Cholesterol" VARCHAR(255), "Na" DOUBLE PRECISION, "K" DOUBLE PRECISION, "Drug" VARCHAR(255)`;
  psql(`DROP TABLE IF EXISTS ${DRUG}; CREATE TABLE ${DRUG} (${columns})`);
  psql(`\\copy ${DRUG} FROM '${csv}' WITH (FORMAT csv, HEADER true)`);
  const file = join(scratch, "drug.copy");
  const baseline = (): Sample => {
    const out = psql(`\\copy ${DRUG} TO '${file}'`);
    psql(`DROP TABLE IF EXISTS bench_copy; CREATE TABLE bench_copy (${columns})`);
    const into = psql(`\\copy bench_copy FROM '${file}'`);
    rmSync(file, { force: true });
    return { rows, ms: out + into };
  };
  for (let k = 0; k < repeat; k++) {
    record("PostgreSQL", "baseline: psql \\copy out + \\copy in", baseline, 1);
    record("PostgreSQL", "engine: source → export (ODBC = COPY)", () => engine(PG, "copy", "ODBC", DRUG), 1);
    record("PostgreSQL", "engine: source → derive → select → export (ODBC)", () => engine(PG, "full", "ODBC", DRUG), 1);
  }
  if (withOff) record("PostgreSQL", "engine: source → derive → select → export (Off)", () => engine(PG, "full", "Off", DRUG), 1);
  psql(`DROP TABLE IF EXISTS bench_copy; DROP TABLE IF EXISTS ${OUT}`);
}

// SQLite: a file loaded by the engine from the CSV, then the scoring run.
const sqlite = `sqlite:${join(scratch, "bench.db")}`;
record("SQLite", "engine: load CSV → table (ODBC)", () => engine(sqlite, "load", "ODBC", csv, DRUG), 1);
record("SQLite", "engine: source → derive → select → export (ODBC)", () => engine(sqlite, "full", "ODBC", DRUG));
if (withOff) record("SQLite", "engine: source → derive → select → export (Off)", () => engine(sqlite, "full", "Off", DRUG), 1);

// MariaDB: the same, when reachable.
const myDown = reachable(() => engine(MYSQL, "load", "ODBC", csv, DRUG));
if (myDown) console.log(`MariaDB skipped: ${myDown}`);
else {
  record("MariaDB", "engine: load CSV → table (ODBC)", () => engine(MYSQL, "load", "ODBC", csv, DRUG), 1);
  record("MariaDB", "engine: source → derive → select → export (ODBC)", () => engine(MYSQL, "full", "ODBC", DRUG));
  if (withOff) record("MariaDB", "engine: source → derive → select → export (Off)", () => engine(MYSQL, "full", "Off", DRUG), 1);
}
rmSync(scratch, { recursive: true, force: true });
if (!pgDown) psql(`DROP TABLE IF EXISTS ${DRUG}`);
if (!myDown) {
  const dbs = openDatabases({ my: parseDatabaseUrl(MYSQL) });
  await dbs.connection("my").withSession(async (s) => {
    await s.execute(`DROP TABLE IF EXISTS ${DRUG}`);
    await s.execute(`DROP TABLE IF EXISTS ${OUT}`);
  });
  await dbs.close();
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const best = (s: Sample[]) => Math.min(...s.map((x) => x.ms));
const median = (s: Sample[]) => [...s.map((x) => x.ms)].sort((a, b) => a - b)[Math.floor(s.length / 2)]!;
const merged = new Map<string, { database: string; case: string; samples: Sample[] }>();
for (const r of results) {
  const key = `${r.database}\u0000${r.case}`;
  const m = merged.get(key);
  if (m) m.samples.push(...r.samples);
  else merged.set(key, { ...r, samples: [...r.samples] });
}
const table = [...merged.values()];
const baseline = table.find((r) => r.case.startsWith("baseline"));
console.log(`\nDatabase benchmark, ${fmt(rows)} rows (Node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}; wall time, best / median)`);
console.log("database   | case                                              | ms best / median    | rows/s (in) | written   | vs baseline (best / median) | peak RSS MB");
for (const r of table) {
  const ratio = baseline && r.database === "PostgreSQL" ? `${((best(baseline.samples) / best(r.samples)) * 100).toFixed(0)}% / ${((median(baseline.samples) / median(r.samples)) * 100).toFixed(0)}%` : "";
  const rss = Math.max(0, ...r.samples.map((s) => s.maxRssKB ?? 0)) / 1024;
  console.log(
    `${r.database.padEnd(10)} | ${r.case.padEnd(49)} | ${`${fmt(best(r.samples))} / ${fmt(median(r.samples))}`.padStart(19)} | ${fmt((rows / best(r.samples)) * 1000).padStart(11)} | ${fmt(r.samples[0]!.written ?? r.samples[0]!.rows).padStart(9)} | ${ratio.padStart(27)} | ${rss > 0 ? rss.toFixed(0).padStart(11) : "".padStart(11)}`,
  );
}
const resultsDir = join(BENCH_DIR, "results");
mkdirSync(resultsDir, { recursive: true });
const out = join(resultsDir, `db-postgres-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
writeFileSync(out, JSON.stringify({ node: process.version, rows, repeat, loadavg: os.loadavg(), results: table }, null, 2));
console.log(`\nresults: ${out}`);

