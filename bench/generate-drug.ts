/**
 * A seeded generator of DRUG1n-like data (Age, Sex, BP, Cholesterol, Na, K, Drug) as CSV, for
 * the benchmarks. The same row count and seed always give the same file.
 *
 *   npx tsx bench/generate-drug.ts [rows=1000000] [--seed 42] [--out bench/data/drug-1000000.csv]
 */
import { createWriteStream, existsSync, mkdirSync, renameSync } from "node:fs";
import { once } from "node:events";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { seededRandom } from "../src/data/random.js";

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const DATA_DIR = join(BENCH_DIR, "data");

export function drugCsvPath(rows: number): string {
  return join(DATA_DIR, `drug-${rows}.csv`);
}

/** Writes `rows` records to `path` (via a temporary file, so a partial file never remains). */
export async function generateDrug(rows: number, path = drugCsvPath(rows), seed = 42): Promise<string> {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.part`;
  const out = createWriteStream(temp, { highWaterMark: 1 << 20 });
  const random = seededRandom(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  out.write("Age,Sex,BP,Cholesterol,Na,K,Drug\n");
  let chunk = "";
  for (let i = 0; i < rows; i++) {
    const age = 15 + Math.floor(random() * 60);
    const sex = pick(["F", "M"]);
    const bp = pick(["HIGH", "NORMAL", "LOW"]);
    const chol = pick(["HIGH", "NORMAL"]);
    const na = 0.5 + random() * 0.4;
    const k = 0.02 + random() * 0.06;
    // The rules of the Modeler demo's drug choice, roughly: high Na/K means drugY.
    const drug = na / k > 15 ? "drugY" : bp === "HIGH" ? (age < 50 ? "drugA" : "drugB") : bp === "LOW" && chol === "HIGH" ? "drugC" : "drugX";
    chunk += `${age},${sex},${bp},${chol},${na.toFixed(6)},${k.toFixed(6)},${drug}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end(chunk);
  await once(out, "close");
  renameSync(temp, path);
  return path;
}

/** The data file for `rows`, generated when missing. */
export async function ensureDrug(rows: number): Promise<string> {
  const path = drugCsvPath(rows);
  if (!existsSync(path)) await generateDrug(rows, path);
  return path;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args.splice(i, 2)[1] : undefined;
  };
  const seed = Number(option("--seed") ?? 42);
  const out = option("--out");
  const rows = Number(args[0] ?? 1_000_000);
  const t0 = performance.now();
  const path = await generateDrug(rows, out ?? drugCsvPath(rows), seed);
  console.log(`wrote ${rows} rows to ${path} in ${Math.round(performance.now() - t0)} ms`);
}
