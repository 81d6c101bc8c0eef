/**
 * Fast Infoset decoder benchmark: our decoder against the Java reference (Debian FastInfoset.jar),
 * both timed in this run on the same inputs.
 *
 *   npx tsx bench/fastinfoset.ts [--iterations N]
 *
 * Inputs: the largest Fast Infoset main member of the Modeler corpus, and the corpus's largest
 * stream (16 MB of plain XML, Modeler 14.2) turned into Fast Infoset by the Java encoder
 * (`XML_SAX_FI`), which stands for "a document that decodes to 16 MB of XML".
 *
 * Figures: warm times (median of N runs after N warm-up runs) for SAX-style parsing, decoding to
 * a tree, and FI → XML text; the heap retained by one decoded tree; and a cold single-shot run
 * (a fresh process decoding the file to XML, start-up included) against the `FI_SAX_XML` tool.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { decodeFastInfoset, fiDocumentToXml, isFastInfoset, parseFastInfoset } from "../src/modeler/fastinfoset/index.js";
import { CORPUS_AVAILABLE, CORPUS_DIR, corpusFiles, readMainMember } from "../test/modeler/fastinfoset/helpers/corpus.js";
import { JAVA_AVAILABLE, ORACLE_SOURCE, javaConvert } from "../test/modeler/fastinfoset/helpers/java.js";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const JARS = "/usr/share/java/FastInfoset.jar:/usr/share/java/FastInfosetUtilities.jar";
const iterationsFlag = process.argv.indexOf("--iterations");
const ITERATIONS = iterationsFlag > 0 ? Number(process.argv[iterationsFlag + 1]) : 10;

interface Timing {
  first: number;
  median: number;
  min: number;
}

function time(run: () => void): Timing {
  const first = measure(run);
  for (let i = 0; i < ITERATIONS; i++) run();
  const times = Array.from({ length: ITERATIONS }, () => measure(run)).sort((a, b) => a - b);
  return { first, median: times[Math.floor(times.length / 2)]!, min: times[0]! };
}

function measure(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

function retainedMb(build: () => unknown): number {
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept = build();
  gc();
  gc();
  const after = process.memoryUsage().heapUsed;
  if (kept === undefined) console.log("");
  return (after - before) / 1048576;
}

function javaTimes(file: string): Record<string, { first: number; times: number[] }> & { domRetainedMb: number } {
  const run = spawnSync("java", ["-Xss16m", "-cp", JARS, ORACLE_SOURCE, "time", file, String(ITERATIONS)], { encoding: "utf8", maxBuffer: 1 << 24 });
  if (run.status !== 0) throw new Error(`Java timing failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split("\n").pop()!);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Wall time of a fresh process decoding `file` to XML text written to `out`. */
function coldRun(command: string, args: string[]): number {
  const start = performance.now();
  const run = spawnSync(command, args, { encoding: "utf8", maxBuffer: 1 << 24 });
  if (run.status !== 0) throw new Error(`${command} failed: ${run.stderr}`);
  return performance.now() - start;
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
const ratio = (ours: number, java: number) => `${(ours / java).toFixed(2)}×`;

async function inputs(dir: string): Promise<{ name: string; file: string; bytes: Uint8Array }[]> {
  const members = await Promise.all(corpusFiles().map(async (f) => ({ name: f.name, bytes: await readMainMember(f.strPath) })));
  const fi = members.filter((m) => isFastInfoset(m.bytes)).sort((a, b) => b.bytes.length - a.bytes.length);
  const xml = members.filter((m) => !isFastInfoset(m.bytes)).sort((a, b) => b.bytes.length - a.bytes.length);
  const result = [{ name: `largest FI member: ${fi[0]!.name}`, bytes: fi[0]!.bytes }];
  const [converted] = javaConvert("xml2fi", [xml[0]!.bytes]);
  if (converted?.ok) result.push({ name: `largest stream (${(xml[0]!.bytes.length / 1048576).toFixed(1)} MB XML) as FI: ${xml[0]!.name}`, bytes: converted.output });
  return result.map((r, i) => {
    const file = path.join(dir, `input${i}.fi`);
    writeFileSync(file, r.bytes);
    return { ...r, file };
  });
}

async function main(): Promise<void> {
  if (!CORPUS_AVAILABLE) throw new Error(`corpus not found at ${CORPUS_DIR}`);
  if (!JAVA_AVAILABLE) throw new Error("java and /usr/share/java/FastInfoset*.jar are needed for the comparison");
  const dir = mkdtempSync(path.join(tmpdir(), "fi-bench-"));
  try {
    console.log(`node ${process.version}, ${ITERATIONS} warm iterations, median reported (ours / Java = ratio, < 1 is faster)\n`);
    for (const input of await inputs(dir)) {
      const bytes = input.bytes;
      const xmlLength = fiDocumentToXml(decodeFastInfoset(bytes)).length;
      console.log(`## ${input.name}\n   ${(bytes.length / 1024).toFixed(0)} KiB Fast Infoset → ${(xmlLength / 1048576).toFixed(2)} MiB of XML text`);
      const ours = {
        sax: time(() => parseFastInfoset(bytes, {})),
        dom: time(() => decodeFastInfoset(bytes)),
        xml: time(() => fiDocumentToXml(decodeFastInfoset(bytes))),
        retained: retainedMb(() => decodeFastInfoset(bytes)),
      };
      const java = javaTimes(input.file);
      const rows: [string, Timing, { first: number; times: number[] }][] = [
        ["SAX parse (no-op handler)", ours.sax, java.sax!],
        ["decode to a tree (DOM)", ours.dom, java.dom!],
        ["decode to XML text", ours.xml, java.xml!],
      ];
      for (const [label, o, j] of rows) {
        const jm = median(j.times);
        console.log(`   ${label.padEnd(26)} ours ${fmt(o.median).padStart(10)} (first ${fmt(o.first)})   Java ${fmt(jm).padStart(10)} (first ${fmt(j.first)})   ${ratio(o.median, jm)}`);
      }
      console.log(`   ${"heap held by the tree".padEnd(26)} ours ${ours.retained.toFixed(1).padStart(7)} MB${" ".repeat(18)}Java ${java.domRetainedMb.toFixed(1).padStart(7)} MB`);
      const here = path.dirname(fileURLToPath(import.meta.url));
      const script = `import { readFileSync, writeFileSync } from "node:fs"; import { decodeFastInfoset, fiDocumentToXml } from ${JSON.stringify(path.join(here, "../src/modeler/fastinfoset/index.ts"))}; writeFileSync(process.argv[3], fiDocumentToXml(decodeFastInfoset(readFileSync(process.argv[2]))));`;
      const scriptFile = path.join(dir, "cold.mts");
      writeFileSync(scriptFile, script);
      const tsx = path.join(here, "../node_modules/.bin/tsx");
      const coldOurs = existsSync(tsx) ? coldRun(tsx, [scriptFile, input.file, path.join(dir, "ours.xml")]) : NaN;
      const coldJava = coldRun("java", ["-cp", JARS, "com.sun.xml.fastinfoset.tools.FI_SAX_XML", input.file, path.join(dir, "java.xml")]);
      console.log(`   ${"cold process, FI → XML file".padEnd(26)} ours ${fmt(coldOurs).padStart(10)} (tsx)${" ".repeat(12)}Java ${fmt(coldJava).padStart(10)} (FI_SAX_XML)  ${ratio(coldOurs, coldJava)}\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
