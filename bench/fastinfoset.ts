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
 * Figures: warm times (median wall time and mean process CPU time of N runs after N warm-up runs)
 * for SAX-style parsing, decoding to a tree, and FI → XML text (streamed, and through the tree);
 * the heap retained by one decoded tree; and a cold single-shot run (a fresh process decoding the
 * file to an XML file, start-up included) against the `FI_SAX_XML` tool. Java's figures come from
 * `test/modeler/fastinfoset/oracle/FiOracle.java` (SAXDocumentParser, DOMDocumentParser, FI_SAX_XML).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { decodeFastInfoset, fastInfosetToXml, fiDocumentToXml, isFastInfoset, parseFastInfoset } from "../src/modeler/fastinfoset/index.js";
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
  /** Process CPU time per run (all threads: GC and compiler included), in ms. */
  cpu: number;
}

function time(run: () => void): Timing {
  const first = measure(run);
  for (let i = 0; i < ITERATIONS; i++) run();
  const cpuStart = process.cpuUsage();
  const times = Array.from({ length: ITERATIONS }, () => measure(run)).sort((a, b) => a - b);
  const cpu = process.cpuUsage(cpuStart);
  return { first, median: times[Math.floor(times.length / 2)]!, cpu: (cpu.user + cpu.system) / 1000 / ITERATIONS };
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

type JavaTiming = { first: number; cpu: number; times: number[] };

function javaTimes(file: string): Record<"sax" | "dom" | "xml", JavaTiming> & { domRetainedMb: number } {
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

/** The module compiled to JavaScript plus a script decoding argv[2] to the XML file argv[3], as production would run it. */
function compileColdScript(dir: string): string {
  const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
  const out = path.join(dir, "compiled");
  const tsc = spawnSync(
    process.execPath,
    [path.join(root, "node_modules/typescript/bin/tsc"), "--outDir", out, "--rootDir", root, "--module", "NodeNext", "--moduleResolution", "NodeNext", "--target", "ES2022", "--skipLibCheck", "--types", "node", path.join(root, "src/modeler/fastinfoset/index.ts")],
    { encoding: "utf8" },
  );
  if (tsc.status !== 0) throw new Error(`tsc failed: ${tsc.stdout}${tsc.stderr}`);
  writeFileSync(path.join(out, "package.json"), '{"type":"module"}');
  const script = path.join(out, "cold.js");
  writeFileSync(
    script,
    'import { readFileSync, writeFileSync } from "node:fs";\nimport { fastInfosetToXml } from "./src/modeler/fastinfoset/index.js";\n' +
      "writeFileSync(process.argv[3], fastInfosetToXml(readFileSync(process.argv[2])));\n",
  );
  return script;
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
    const coldScript = compileColdScript(dir);
    console.log(`node ${process.version}, ${ITERATIONS} warm iterations: median wall time and mean process CPU time per run; ratio = ours / Java (< 1: ours is faster)\n`);
    for (const input of await inputs(dir)) {
      const bytes = input.bytes;
      const xmlLength = fiDocumentToXml(decodeFastInfoset(bytes)).length;
      console.log(`## ${input.name}\n   ${(bytes.length / 1024).toFixed(0)} KiB Fast Infoset → ${(xmlLength / 1048576).toFixed(2)} MiB of XML text`);
      const ours = {
        sax: time(() => parseFastInfoset(bytes, {})),
        dom: time(() => decodeFastInfoset(bytes)),
        xml: time(() => fastInfosetToXml(bytes)),
        treeXml: time(() => fiDocumentToXml(decodeFastInfoset(bytes))),
        retained: retainedMb(() => decodeFastInfoset(bytes)),
      };
      const java = javaTimes(input.file);
      const rows: [string, Timing, JavaTiming][] = [
        ["SAX parse (no-op handler)", ours.sax, java.sax],
        ["decode to a tree (DOM)", ours.dom, java.dom],
        ["FI → XML text (streamed)", ours.xml, java.xml],
        ["FI → tree → XML text", ours.treeXml, java.xml],
      ];
      console.log(`   ${"".padEnd(26)} ${"ours: wall / CPU (first run)".padEnd(38)} ${"Java: wall / CPU (first run)".padEnd(38)} ratio wall / CPU`);
      for (const [label, o, j] of rows) {
        const jm = median(j.times);
        const cell = (wall: number, cpu: number, first: number) => `${fmt(wall)} / ${fmt(cpu)} (${fmt(first)})`.padEnd(38);
        console.log(`   ${label.padEnd(26)} ${cell(o.median, o.cpu, o.first)} ${cell(jm, j.cpu, j.first)} ${ratio(o.median, jm)} / ${ratio(o.cpu, j.cpu)}`);
      }
      console.log(`   ${"heap held by the tree".padEnd(26)} ${`${ours.retained.toFixed(1)} MB`.padEnd(38)} ${`${java.domRetainedMb.toFixed(1)} MB`.padEnd(38)} ${ratio(ours.retained, java.domRetainedMb)}`);
      const coldOurs = coldRun("node", [coldScript, input.file, path.join(dir, "ours.xml")]);
      const coldJava = coldRun("java", ["-cp", JARS, "com.sun.xml.fastinfoset.tools.FI_SAX_XML", input.file, path.join(dir, "java.xml")]);
      console.log(`   ${"cold process, FI → XML file".padEnd(26)} ${`${fmt(coldOurs)} (node, compiled)`.padEnd(38)} ${`${fmt(coldJava)} (FI_SAX_XML)`.padEnd(38)} ${ratio(coldOurs, coldJava)}\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
