/**
 * Sources benchmark: the engine reading a delimited file and writing it back, against a bare
 * Node script doing the same (bench/baseline-copy.mjs), at 250k and 1M rows.
 *
 *   npm run bench -- sources            (or: npx tsx bench/sources.ts [--rows 250000,1000000] [--repeat 3])
 *
 * Every run is a child process (peak RSS is that run's, from `process.resourceUsage()`); times
 * are measured inside the child, from start of work to the output file closed, so process
 * start-up and TypeScript loading are not counted: wall time, and CPU time of the process (all
 * threads), which is the figure that holds up when other jobs share the machine. Rates and
 * ratios use the best CPU time of `repeat` runs. Results also go to bench/results/sources-<time>.json.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { BENCH_DIR, DATA_DIR, ensureDrug } from "./generate-drug.js";
import { defaultRegistry } from "../src/nodes/registry.js";

interface Sample {
  rows: number;
  written?: number;
  ms: number;
  /** CPU time of the child (all threads), the robust figure on a shared machine. */
  cpuMs: number;
  maxRssKB: number;
  nodes?: Record<string, number>;
}

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1]! : fallback;
};
const sizes = option("--rows", "250000,1000000").split(",").map(Number);
const repeat = Number(option("--repeat", "3"));
const registry = defaultRegistry();
const canRunFull = registry.has("derive") && registry.has("select");

function child(command: string, argv: string[]): Sample {
  const out = execFileSync(command, argv, { encoding: "utf8", maxBuffer: 1 << 20, env: { ...process.env, NODE_OPTIONS: "" } });
  return JSON.parse(out.trim().split("\n").pop()!) as Sample;
}

const tsx = join(BENCH_DIR, "..", "node_modules", ".bin", "tsx");
const cases: Array<{ name: string; once?: boolean; run: (input: string, output: string) => Sample }> = [
  { name: "baseline: bare Node read+parse+write", run: (i, o) => child(process.execPath, [join(BENCH_DIR, "baseline-copy.mjs"), i, o]) },
  { name: "engine: var file → flat file", run: (i, o) => child(tsx, [join(BENCH_DIR, "sources-engine.ts"), "copy", i, o]) },
];
if (canRunFull) cases.push({ name: "engine: var file → derive → select → flat file", run: (i, o) => child(tsx, [join(BENCH_DIR, "sources-engine.ts"), "full", i, o]) });
// The same stream with V8's old generation capped: it completes, so memory is bounded by the
// batch size, not by the row count (the uncapped runs' RSS is what V8 chooses to keep).
const capMB = 48;
const capped = { name: `engine: same, old space capped at ${capMB} MB`, once: true, run: (i: string, o: string) => child(process.execPath, [`--max-old-space-size=${capMB}`, "--import", "tsx", join(BENCH_DIR, "sources-engine.ts"), canRunFull ? "full" : "copy", i, o]) };

const outDir = join(DATA_DIR, "out");
mkdirSync(outDir, { recursive: true });
const results: Array<{ rows: number; case: string; best: Sample; median: Sample; all: Sample[] }> = [];
for (const rows of sizes) {
  const input = await ensureDrug(rows);
  for (const c of rows === Math.max(...sizes) ? [...cases, capped] : cases) {
    const all: Sample[] = [];
    for (let k = 0; k < (c.once ? 1 : repeat); k++) {
      const output = join(outDir, `out-${rows}.csv`);
      all.push(c.run(input, output));
      rmSync(output, { force: true });
    }
    const sorted = [...all].sort((a, b) => a.ms - b.ms);
    results.push({ rows, case: c.name, best: sorted[0]!, median: sorted[Math.floor(sorted.length / 2)]!, all });
  }
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const best = (r: (typeof results)[number], key: "ms" | "cpuMs") => Math.min(...r.all.map((s) => s[key]));
const median = (r: (typeof results)[number], key: "ms" | "cpuMs") => [...r.all.map((s) => s[key])].sort((a, b) => a - b)[Math.floor(r.all.length / 2)]!;
console.log(`\nSources benchmark (Node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}; best / median of ${repeat})`);
console.log("rows      | case                                           | wall ms best / median | CPU ms best / median | rows/s (CPU) | vs baseline (CPU) | peak RSS MB");
for (const r of results) {
  const base = results.find((x) => x.rows === r.rows && x.case.startsWith("baseline"))!;
  const rate = (r.rows / best(r, "cpuMs")) * 1000;
  const ratio = best(base, "cpuMs") / best(r, "cpuMs");
  console.log(
    `${fmt(r.rows).padEnd(9)} | ${r.case.padEnd(46)} | ${`${fmt(best(r, "ms"))} / ${fmt(median(r, "ms"))}`.padStart(21)} | ${`${fmt(best(r, "cpuMs"))} / ${fmt(median(r, "cpuMs"))}`.padStart(20)} | ${fmt(rate).padStart(12)} | ${(ratio * 100).toFixed(0).padStart(16)}% | ${(Math.max(...r.all.map((s) => s.maxRssKB)) / 1024).toFixed(0).padStart(11)}`,
  );
}
if (!canRunFull) console.log("\n(derive and select are not registered yet: the full stream was skipped)");
const resultsDir = join(BENCH_DIR, "results");
mkdirSync(resultsDir, { recursive: true });
const file = join(resultsDir, `sources-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
writeFileSync(file, JSON.stringify({ node: process.version, repeat, results }, null, 2));
console.log(`\nresults: ${file}`);
