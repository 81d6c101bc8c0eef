/**
 * Whole-file `.str` load: time and memory of `parseStreamBytes` (ZIP, Fast Infoset main
 * member, node mappings; nugget models are read when first used) on the largest corpus files,
 * also with every nugget's PMML read (everything decoded), against the Java reference timed in
 * the same run (every member inflated with java.util.zip, the main member decoded to a DOM by
 * FastInfoset.jar: bench/str-decode.java); and the Fast Infoset decode of the main member
 * alone on both sides.
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

/** Wall times (median of the warm runs) and the process CPU time per run (all threads, GC included). */
function timed(run: () => unknown): { first: number; median: number; cpu: number } {
  let t = performance.now();
  run();
  const first = performance.now() - t;
  for (let i = 0; i < ITERATIONS; i++) run();
  const times: number[] = [];
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < ITERATIONS; i++) {
    t = performance.now();
    run();
    times.push(performance.now() - t);
  }
  const cpu = process.cpuUsage(cpuStart);
  return { first, median: median(times), cpu: (cpu.user + cpu.system) / 1000 / ITERATIONS };
}

/** Heap (and array buffers) still held by what `build` returns, after garbage collection. */
function retainedMb(build: () => unknown): { retained: number } {
  gc();
  gc();
  const before = process.memoryUsage();
  const kept = build();
  gc();
  gc();
  const after = process.memoryUsage();
  if (kept === undefined) console.log("");
  return { retained: (after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers) / 1048576 };
}

function java(file: string): { first: number; median: number; cpu: number; dom: number; retainedMb: number } {
  const run = spawnSync("java", ["-cp", JAR, path.join(here, "str-decode.java"), file, String(ITERATIONS)], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`Java side failed: ${run.stderr}`);
  const out = JSON.parse(run.stdout.trim().split("\n").pop()!) as { first: number; times: number[]; cpu: number; domTimes: number[]; retainedMb: number };
  return { first: out.first, median: median(out.times), cpu: out.cpu, dom: median(out.domTimes), retainedMb: out.retainedMb };
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
    const loadAll = () => {
      const s = load();
      for (const n of s.nodes) {
        try {
          if (n.model && "pmmlText" in n.model) void n.model.pmmlText.length;
        } catch {
          // a nugget whose model is not PMML: nothing more to decode
        }
      }
      return s;
    };
    const stream = load();
    console.log(`## ${f.name}.str: ${(bytes.length / 1048576).toFixed(2)} MB file, ${c.entries.length} members (${(membersBytes(f.strPath) / 1048576).toFixed(1)} MB inflated), main member ${(main.length / 1024).toFixed(0)} KiB Fast Infoset, ${stream.nodes.length} nodes`);
    const whole = timed(load);
    const all = timed(loadAll);
    const fi = timed(() => decodeFastInfoset(main));
    const mem = retainedMb(load);
    const memAll = retainedMb(loadAll);
    const j = java(f.strPath);
    console.log(`   load (models on first use):      ours ${fmt(whole.median)} (first ${whole.first.toFixed(0)} ms)   Java, every member inflated + DOM ${fmt(j.median)} (first ${j.first.toFixed(0)} ms)   ratio ${(whole.median / j.median).toFixed(2)}×`);
    console.log(`     CPU time per load:             ours ${fmt(whole.cpu)}${" ".repeat(17)}Java ${fmt(j.cpu)}${" ".repeat(31)}ratio ${(whole.cpu / j.cpu).toFixed(2)}×`);
    console.log(`   load + every nugget's PMML read: ours ${fmt(all.median)}${" ".repeat(48)}ratio ${(all.median / j.median).toFixed(2)}×`);
    console.log(`   Fast Infoset main member → tree: ours ${fmt(fi.median)}   Java DOM ${fmt(j.dom)}   ratio ${(fi.median / j.dom).toFixed(2)}×`);
    console.log(`   memory held: the loaded Stream ${mem.retained.toFixed(1)} MB, with every PMML read ${memAll.retained.toFixed(1)} MB; Java (DOM + inflated members) ${j.retainedMb.toFixed(1)} MB\n`);
  }
}

main();
