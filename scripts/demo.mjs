#!/usr/bin/env node
/**
 * `npm run demo`: the main job of the batch service, on the embedded SQLite default.
 *
 *   1. load the generated DRUG1n-like CSV into the table `patients` of out/demo/warehouse.sqlite;
 *   2. TRAINING job: the stream's source reads that table, its C5.0 builder trains, and the
 *      trained stream (with the model in its nugget) is written to out/demo as .str and .stream.json;
 *   3. BATCH_SCORE job on the trained stream: the scoring branch reads `patients`, scores every
 *      row through the nugget and writes the table `drug_scores` (insert mode Drop).
 *
 * Each step is one `modeler-batch run` command, printed before it runs, so that the demo shows
 * what to type for one's own streams.
 */
import Database from "better-sqlite3";
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const cli = "dist/cli/main.js";
const db = "warehouse=sqlite:out/demo/warehouse.sqlite";
mkdirSync(new URL("../out/demo", import.meta.url), { recursive: true });

const steps = [
  ["load the CSV into SQLite", ["run", "fixtures/demo/load-warehouse.stream.json", "--db", db]],
  ["train (TRAINING job)", ["run", "fixtures/demo/drug-model.stream.json", "--job", "fixtures/demo/train.job.json", "--db", db, "--out", "out/demo"]],
  ["score (BATCH_SCORE job)", ["run", "out/demo/drug-model.stream.json", "--job", "fixtures/demo/score.job.json", "--db", db, "--out", "out/demo"]],
];
for (const [title, args] of steps) {
  process.stdout.write(`\n== ${title}\n$ modeler-batch ${args.join(" ")}\n`);
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const warehouse = new Database(new URL("../out/demo/warehouse.sqlite", import.meta.url).pathname, { readonly: true });
const first = warehouse.prepare('SELECT Age, Sex, BP, Cholesterol, Na_to_K, Drug, "$C-Drug", "$CC-Drug" FROM drug_scores LIMIT 5').all();
const { agree, total } = warehouse.prepare('SELECT SUM(Drug = "$C-Drug") AS agree, COUNT(*) AS total FROM drug_scores').get();
warehouse.close();
process.stdout.write("\nThe scored rows are in the table drug_scores of out/demo/warehouse.sqlite; the first five:\n");
console.table(first);
process.stdout.write(`The model's prediction ($C-Drug) equals the recorded Drug for ${agree} of ${total} patients.\n`);
