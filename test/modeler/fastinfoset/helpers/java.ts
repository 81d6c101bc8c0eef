/**
 * The Java reference implementation (Debian libfastinfoset-java) as an oracle. Conversions run in
 * batches in one JVM through `oracle/FiOracle.java` (single-file source launcher, needs a JDK);
 * with a JRE only, they fall back to one `FI_SAX_XML` / `XML_SAX_FI` process per file.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const JARS = ["/usr/share/java/FastInfoset.jar", "/usr/share/java/FastInfosetUtilities.jar"];
const CLASSPATH = JARS.join(path.delimiter);
export const ORACLE_SOURCE = fileURLToPath(new URL("../oracle/FiOracle.java", import.meta.url));

function javaWorks(): boolean {
  if (!JARS.every((jar) => existsSync(jar))) return false;
  const result = spawnSync("java", ["-version"], { encoding: "utf8" });
  return result.status === 0;
}

export const JAVA_AVAILABLE = javaWorks();
export const JAVA_SKIP_REASON = `java or the Fast Infoset jars (${JARS.join(", ")}) are missing; Java reference checks skipped`;

let sourceLauncherWorks: boolean | undefined;

export type Converted = { ok: true; output: Buffer } | { ok: false; error: string };

/** Runs the Java FI→XML (`fi2xml`) or XML→FI (`xml2fi`) conversion on each input, in order. */
export function javaConvert(mode: "fi2xml" | "xml2fi", inputs: (Uint8Array | string)[]): Converted[] {
  const dir = mkdtempSync(path.join(tmpdir(), "fi-oracle-"));
  try {
    const ext = mode === "fi2xml" ? ["fi", "xml"] : ["xml", "fi"];
    const pairs = inputs.map((input, i) => {
      const from = path.join(dir, `in${i}.${ext[0]}`);
      writeFileSync(from, input);
      return { from, to: path.join(dir, `out${i}.${ext[1]}`) };
    });
    const errors = new Map<string, string>();
    if (sourceLauncherWorks !== false) {
      const list = path.join(dir, "list.txt");
      writeFileSync(list, pairs.map((p) => `${p.from}\t${p.to}`).join("\n"));
      const run = spawnSync("java", ["-cp", CLASSPATH, ORACLE_SOURCE, mode, list], { encoding: "utf8", maxBuffer: 1 << 26 });
      sourceLauncherWorks = run.status === 0;
      for (const line of run.stdout.split("\n")) {
        const [status, file, message] = line.split("\t");
        if (status === "ERR" && file) errors.set(file, message ?? "error");
      }
    }
    if (!sourceLauncherWorks) {
      const tool = mode === "fi2xml" ? "com.sun.xml.fastinfoset.tools.FI_SAX_XML" : "com.sun.xml.fastinfoset.tools.XML_SAX_FI";
      for (const p of pairs) {
        const run = spawnSync("java", ["-cp", CLASSPATH, tool, p.from, p.to], { encoding: "utf8" });
        if (run.status !== 0 || /Exception/.test(run.stderr)) errors.set(p.from, run.stderr.split("\n").find((l) => /Exception/.test(l)) ?? run.stderr);
      }
    }
    return pairs.map((p): Converted => {
      const error = errors.get(p.from);
      if (error !== undefined || !existsSync(p.to)) return { ok: false, error: error ?? "no output" };
      return { ok: true, output: readFileSync(p.to) };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Java's XML text for one FI document (throws with Java's message when it refuses the input). */
export function javaFiToXml(fi: Uint8Array): string {
  const [result] = javaConvert("fi2xml", [fi]);
  if (!result!.ok) throw new Error(`Java reference refused the document: ${result!.error}`);
  return result!.output.toString("utf8");
}
