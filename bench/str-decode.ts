/**
 * Whole-file `.str` load: time and memory of `parseStreamBytes` (ZIP, Fast Infoset main
 * member, node mappings, nugget PMML extraction) on the largest corpus files, against the
 * Java reference timed in the same run (every member inflated with java.util.zip, the main
 * member decoded to a DOM by FastInfoset.jar: bench/str-decode.java), plus the Fast Infoset
 * decode alone for comparison with bench/fastinfoset.ts.
 *
 *   npx tsx bench/str-decode.ts [--iterations N]
 */
import { spawnSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { parseStreamBytes } from "../src/load/index.js";
import { StrContainer } from "../src/modeler/container/str-file.js";
import { decodeFastInfoset, isFastInfoset } from "../src/modeler/fastinfoset/index.js";
import { defaultRegistry } from "../src/nodes/registry.js";
import { CORPUS_AVAILABLE, CORPUS_DIR, corpusFiles } from "../test/modeler/helpers/corpus.js";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const here = path.dirname(fileURLToPath(import.meta.url));
const flag = process.argv.indexOf("--iterations");
const ITERATIONS = flag > 0 ? Number(process.argv[flag + 1]) : 10;
const JAR = "/usr/share/java/FastInfoset.jar";

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function timed(run: () => unknown): { first: number; median: number } {
  let t = performance.now();
  run();
  const first = performance.now() - t;
  for (let i = 0; i < ITERATIONS; i++) run();
  const times: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    t = performance.now();
    run();
    times.push(performance.now() - t);
  }
  return { first, median: median(times) };
}

function retainedMb(build: () => unknown): { retained: number; peak: number } {
  gc();
  gc();
  const before = process.memoryUsage();
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 1);
  const kept = build();
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  gc();
  gc();
  const after = process.memoryUsage();
  if (kept === undefined) console.log("");
  return { retained: (after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers) / 1048576, peak: (peak - before.rss) / 1048576 };
}

function java(file: string): { first: number; median: number; retainedMb: number } {
  const run = spawnSync("java", ["-cp", JAR, path.join(here, "str-decode.java"), file, String(ITERATIONS)], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`Java side failed: ${run.stderr}`);
  const out = JSON.parse(run.stdout.trim().split("\n").pop()!) as { first: number; times: number[]; retainedMb: number };
  return { first: out.first, median: median(out.times), retainedMb: out.retainedMb };
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`.padStart(10);

function main(): void {
  if (!CORPUS_AVAILABLE) throw new Error(`corpus not found at ${CORPUS_DIR}`);
  const registry = defaultRegistry();
  const bySize = corpusFiles().sort((a, b) => statSync(b.strPath).size - statSync(a.strPath).size);
  const fiFiles = bySize.filter((f) => {
    const c = StrContainer.open(readFileSync(f.strPath));
    return isFastInfoset(c.read(c.main.name));
  });
  const membersBytes = (f: string) => StrContainer.open(readFileSync(f)).entries.reduce((n, e) => n + e.size, 0);
  const byMembers = [...fiFiles].sort((a, b) => membersBytes(b.strPath) - membersBytes(a.strPath));
  const chosen = [...new Set([fiFiles[0]!, byMembers[0]!])];
  console.log(`node ${process.version}, ${ITERATIONS} warm iterations, median (ours / Java: < 1 is faster)\n`);
  for (const f of chosen) {
    const bytes = readFileSync(f.strPath);
    const c = StrContainer.open(bytes);
    const main = c.read(c.main.name);
    const load = () => parseStreamBytes(bytes, f.strPath, registry);
    const stream = load();
    console.log(`## ${f.name}.str: ${(bytes.length / 1048576).toFixed(2)} MB file, ${c.entries.length} members (${(membersBytes(f.strPath) / 1048576).toFixed(1)} MB inflated), main member ${(main.length / 1024).toFixed(0)} KiB Fast Infoset, ${stream.nodes.length} nodes`);
    const whole = timed(load);
    const fi = timed(() => decodeFastInfoset(main));
    const mem = retainedMb(load);
    const j = java(f.strPath);
    console.log(`   whole file: ours ${fmt(whole.median)} (first ${whole.first.toFixed(0)} ms)   Java ${fmt(j.median)} (first ${j.first.toFixed(0)} ms)   ratio ${(whole.median / j.median).toFixed(2)}×`);
    console.log(`   Fast Infoset decode of the main member alone: ours ${fmt(fi.median)}`);
    console.log(`   memory: the loaded Stream holds ${mem.retained.toFixed(1)} MB (Java: DOM + inflated members ${j.retainedMb.toFixed(1)} MB); RSS grew ${mem.peak.toFixed(0)} MB during one load\n`);
  }
}

main();
