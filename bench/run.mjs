// `npm run bench`: runs every benchmark in bench/, one after the other, each with tsx in its own
// process. A benchmark is a `bench/*.ts` file that exports nothing (an entry script); files that
// export something are helpers (generators, synthetic models, child scripts) that benchmarks
// import or spawn, and are not run directly. Others join by adding a file.
//
//   npm run bench                  every benchmark
//   npm run bench -- sources clem  only those whose file name contains one of the words
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const benchDir = dirname(fileURLToPath(import.meta.url));
const tsx = join(benchDir, "..", "node_modules", ".bin", "tsx");
const words = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const files = readdirSync(benchDir)
  .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
  .filter((f) => !/^export\s/m.test(readFileSync(join(benchDir, f), "utf8")))
  .filter((f) => words.length === 0 || words.some((w) => f.includes(w)))
  .sort();
if (files.length === 0) {
  console.error(`no benchmark matches ${words.join(", ")}`);
  process.exit(1);
}
let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file}`);
  const r = spawnSync(tsx, [join(benchDir, file)], { stdio: "inherit" });
  if (r.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
