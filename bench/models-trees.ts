/**
 * Quality and speed of the tree trainers against outside references.
 *
 *   npx tsx bench/models-trees.ts [quality] [speed] [--rows 1000000]
 *
 * Quality: seeded 70/30 splits of DRUG1n, telco churn, iris and audit; accuracy on the held-out
 * 30% of our trainers, of scikit-learn (Debian's /usr/bin/python3) and rpart (Rscript), and of
 * the Modeler-trained nuggets found in the `.str` corpus, scored with the project's evaluator.
 * Speed: training time on a DRUG1n-like table (bench/generate-drug.ts) against the fit time of
 * the scikit-learn / rpart counterpart in the same run. Prints a Markdown table.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { inflateSync, constants as zconst } from "node:zlib";
import yauzl from "yauzl";
import { subsetRows, type TrainingData } from "../src/models/dataset.js";
import { trainCart } from "../src/models/cart/train-cart.js";
import { trainChaid } from "../src/models/chaid/train-chaid.js";
import { trainC50 } from "../src/models/c50/train-c50.js";
import { trainQuest } from "../src/models/quest/train-quest.js";
import { trainRandomTrees } from "../src/models/random-trees/train-random-trees.js";
import type { TrainedModel } from "../src/models/trained-model.js";
import { loadPmml } from "../src/pmml/index.js";
import { ensureDrug } from "./generate-drug.js";
import { audit, drug, drugTable, FIXTURES, iris, rawRows, telco, WORK, type BenchDataset, modelBenchArgs, referencePythonEnv } from "./models-trees-data.js";

const PYTHON = "/usr/bin/python3";
const here = new URL(".", import.meta.url).pathname;
const { rows: ROWS, run } = modelBenchArgs(process.argv.slice(2));

function python(job: unknown): Record<string, any> {
  const r = spawnSync(PYTHON, [join(here, "models-trees-reference.py")], { input: JSON.stringify(job), env: referencePythonEnv(), maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`python reference failed: ${r.stderr.toString()}`);
  return JSON.parse(r.stdout.toString());
}

function rpart(mode: "quality" | "speed", lines: string[]): Map<string, number> | null {
  const probe = spawnSync("Rscript", ["-e", "library(rpart)"]);
  if (probe.status !== 0) return null;
  const job = join(WORK, `rpart-${mode}.tsv`);
  writeFileSync(job, lines.join("\n") + "\n");
  const r = spawnSync("Rscript", [join(here, "models-trees-reference.R"), mode, job], { maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`rpart reference failed: ${r.stderr.toString()}`);
  return new Map(r.stdout.toString().trim().split("\n").map((l) => l.split("\t")).map(([k, v]) => [k!, Number(v)]));
}

/** R randomForest, mean accuracy of seeds 1-5 for 10 and 100 trees: dataset → trees → accuracy. */
function randomForestInR(lines: string[]): Map<string, Map<number, number>> | null {
  if (spawnSync("Rscript", ["-e", "library(randomForest)"]).status !== 0) return null;
  const job = join(WORK, "randomforest-quality.tsv");
  writeFileSync(job, lines.join("\n") + "\n");
  const r = spawnSync("Rscript", [join(here, "models-trees-reference.R"), "forest", job], { maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`randomForest reference failed: ${r.stderr.toString()}`);
  const out = new Map<string, Map<number, number>>();
  for (const [ds, trees, acc] of r.stdout.toString().trim().split("\n").map((l) => l.split("\t"))) {
    if (!out.has(ds!)) out.set(ds!, new Map());
    out.get(ds!)!.set(Number(trees), Number(acc));
  }
  return out;
}

function accuracy(model: TrainedModel, test: TrainingData): number {
  const s = model.score(test);
  const codes = (test.target as { codes: Int32Array }).codes;
  let ok = 0;
  for (let i = 0; i < test.rowCount; i++) if (s.prediction[i] === codes[i]) ok++;
  return ok / test.rowCount;
}

const OURS: [string, (d: TrainingData) => TrainedModel][] = [
  ["ours C&R Tree (defaults: Gini, depth 5, 10-fold CV pruning)", (d) => trainCart(d)],
  ["ours CHAID (defaults)", (d) => trainChaid(d)],
  ["ours Exhaustive CHAID", (d) => trainChaid(d, { method: "ExhaustiveChaid" })],
  ["ours QUEST (defaults)", (d) => trainQuest(d)],
  ["ours C5.0 tree (defaults)", (d) => trainC50(d)],
  ["ours C5.0 rule set", (d) => trainC50(d, { output_type: "RuleSet" })],
  ["ours C5.0 boosted (10 trials)", (d) => trainC50(d, { use_boost: true })],
  ["ours Random Trees (10 trees, depth 10)", (d) => trainRandomTrees(d)],
];

/** Members of a `.str` ZIP. */
function zipMembers(path: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    const out = new Map<string, Buffer>();
    yauzl.open(path, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      zip.on("entry", (e: yauzl.Entry) => zip.openReadStream(e, (er, s) => {
        if (er || !s) return reject(er);
        const chunks: Buffer[] = [];
        s.on("data", (c: Buffer) => chunks.push(c));
        s.on("end", () => {
          out.set(e.fileName, Buffer.concat(chunks));
          zip.readEntry();
        });
      }));
      zip.on("end", () => resolve(out));
      zip.readEntry();
    });
  });
}

/** PMML text of a nugget member: plain XML, or the first PMML chunk of an SCF container. */
function pmmlOf(member: Buffer): string | null {
  if (member.subarray(0, 4).toString("latin1") === "SCF\x01") {
    let pos = 12;
    while (pos + 8 <= member.length) {
      const clen = member.readUInt32BE(pos);
      const ulen = member.readUInt32BE(pos + 4);
      pos += 8;
      const chunk = inflateSync(member.subarray(pos, pos + clen), { finishFlush: zconst.Z_SYNC_FLUSH }).subarray(0, ulen).toString("utf8");
      pos += clen;
      const i = chunk.indexOf("<?xml");
      if (i >= 0 && chunk.includes("<PMML")) return chunk.slice(i);
    }
    return null;
  }
  const text = member.toString("utf8");
  return text.includes("<PMML") ? text.slice(text.indexOf("<")) : null;
}

/** Accuracy of a Modeler nugget (PMML) on held-out rows, scored by the project's evaluator. */
function nuggetAccuracy(pmml: string, ds: BenchDataset, rename: Record<string, string> = {}): number {
  const model = loadPmml(pmml);
  const rows = rawRows(ds, ds.test);
  const columns: Record<string, unknown[]> = {};
  for (const f of model.inputFields) {
    const source = rows[rename[f.name] ?? f.name] ?? [];
    columns[f.name] = f.dataType === "string" ? source : source.map((v) => (v === null ? null : Number(v)));
  }
  const out = model.scoreColumns(columns, ds.test.length);
  const target = model.targetFields[0]!.name;
  const truth = rows[ds.target]!;
  let ok = 0;
  out[target]!.forEach((p, i) => (String(p) === String(truth[i]) ? ok++ : 0));
  return ok / ds.test.length;
}

async function quality(): Promise<void> {
  const sets = [drug(), telco(), iris(), audit()];
  const table = new Map<string, Map<string, string>>();
  const put = (learner: string, ds: string, v: number | string) => {
    if (!table.has(learner)) table.set(learner, new Map());
    table.get(learner)!.set(ds, typeof v === "number" ? (100 * v).toFixed(1) : v);
  };
  for (const ds of sets) {
    const train = subsetRows(ds.data, ds.train);
    const test = subsetRows(ds.data, ds.test);
    for (const [name, fit] of OURS) put(name, ds.name, accuracy(fit(train), test));
    let sum = 0;
    for (let seed = 1; seed <= 5; seed++) sum += accuracy(trainRandomTrees({ ...train, seed }), test);
    put("ours Random Trees, mean of seeds 1-5", ds.name, sum / 5);
    let sum100 = 0;
    for (let seed = 1; seed <= 5; seed++) sum100 += accuracy(trainRandomTrees({ ...train, seed }, { number_of_models: 100, min_child_node_size: 1 }), test);
    put("ours Random Trees, 100 trees, min_child_node_size 1, mean of seeds 1-5", ds.name, sum100 / 5);
  }
  const py = python({ mode: "quality", datasets: sets.map((d) => ({ name: d.name, csv: d.csv, target: d.target, categorical: d.categorical, continuous: d.continuous, train: Array.from(d.train) })) });
  for (const [ds, res] of Object.entries(py)) for (const [learner, acc] of Object.entries(res as Record<string, number>)) put(learner, ds, acc);
  const r = rpart("quality", sets.map((d) => [d.name, d.csv, d.target, d.categorical.join(","), d.continuous.join(","), Array.from(d.train, (i) => i + 1).join(",")].join("\t")));
  if (r) for (const [ds, acc] of r) put("rpart (defaults: cp 0.01, 10-fold xval)", ds, acc);
  else for (const d of sets) put("rpart (defaults: cp 0.01, 10-fold xval)", d.name, "n/a");
  const forestLines = sets.map((d) => [d.name, d.csv, d.target, d.categorical.join(","), d.continuous.join(","), Array.from(d.train, (i) => i + 1).join(",")].join("\t"));
  const rf = randomForestInR(forestLines);
  for (const d of sets) {
    for (const trees of [10, 100]) {
      const label = `R randomForest (${trees} trees, mtry ⌊√p⌋, nodesize 1), mean of seeds 1-5`;
      const acc = rf?.get(d.name)?.get(trees);
      put(label, d.name, acc ?? (rf ? "n/a" : "not installed (Debian r-cran-randomforest)"));
    }
  }
  // Modeler-trained nuggets from the corpus.
  const str = (f: string) => join(FIXTURES, "modeler-str", "str", f);
  const drugStr = await zipMembers(str("pmservice__drug-selection__Drug1n.str"));
  const mlp = pmmlOf(drugStr.get("data/0002.dat")!);
  const drugSet = sets[0]!;
  if (mlp) put("Modeler nugget: Neural Net (Drug1n.str, trained by Modeler on all 200 rows)", "drug", nuggetAccuracy(mlp, drugSet, { Age: "AGE", Sex: "SEX", Cholesterol: "CHOLESTEROL", Na: "NA", Drug: "DRUG" }));
  const telcoStr = await zipMembers(str("adityayadav0234__SPSS_Project__Project.str"));
  const telcoSet = sets[1]!;
  for (const [member, label] of [["data/0001.dat", "CHAID"], ["data/0002.dat", "C&R Tree"]] as const) {
    const p = pmmlOf(telcoStr.get(member)!);
    if (p) put(`Modeler nugget: ${label} (adityayadav0234 Project.str, Modeler 18.6, own partition)`, "telco", nuggetAccuracy(p, telcoSet));
  }
  const names = sets.map((d) => d.name);
  console.log(`\n### Accuracy on the held-out 30% (%, seeded split)\n`);
  console.log(`| learner | ${names.join(" | ")} |`);
  console.log(`| --- | ${names.map(() => "---:").join(" | ")} |`);
  for (const [learner, row] of table) console.log(`| ${learner} | ${names.map((n) => row.get(n) ?? "").join(" | ")} |`);
  console.log(`\nrows (train/test): ${sets.map((d) => `${d.name} ${d.train.length}/${d.test.length}`).join(", ")}`);
}

async function speed(): Promise<void> {
  const csv = await ensureDrug(ROWS);
  const data = drugTable(csv);
  // CPU seconds of this process, as the Python reference measures its own (the machine is
  // shared, so wall time mostly measures the neighbours).
  const time = (f: () => unknown) => {
    const c = process.cpuUsage();
    f();
    const u = process.cpuUsage(c);
    return (u.user + u.system) / 1e6;
  };
  const ours: [string, number, string][] = [];
  const n = data.rowCount;
  ours.push(["C&R Tree, no pruning (depth 5, 2%/1%)", time(() => trainCart(data, { prune_tree: false })), "sklearn DecisionTree (depth 5, 2%/1%)"]);
  ours.push(["Random Trees (10 trees, depth 10, min child 5)", time(() => trainRandomTrees(data)), "sklearn RandomForest (10 trees, depth 10, leaf 5)"]);
  ours.push(["C5.0 tree (min 2, severity 75)", time(() => trainC50(data)), "sklearn DecisionTree (entropy, leaf 2)"]);
  ours.push(["CHAID (defaults)", time(() => trainChaid(data)), "sklearn DecisionTree (depth 5, 2%/1%)"]);
  ours.push(["QUEST, no pruning", time(() => trainQuest(data, { prune_tree: false })), "sklearn DecisionTree (depth 5, 2%/1%)"]);
  ours.push(["C&R Tree with 10-fold CV pruning", time(() => trainCart(data)), "rpart (depth 5, 2%/1%, cp 0, xval 10)"]);
  const py = python({ mode: "speed", csv, target: "Drug", categorical: ["Sex", "BP", "Cholesterol"], continuous: ["Age", "Na", "K"], skip: ["sklearn DecisionTree (defaults)"] });
  const r = rpart("speed", [["drug", csv, "Drug", "Sex,BP,Cholesterol", "Age,Na,K", ""].join("\t")]);
  const ref = (name: string) => (name.startsWith("rpart") ? r?.get("drug") : py[name]) as number | undefined;
  console.log(`\n### Training time on ${n.toLocaleString("en")} DRUG1n-like rows (CPU seconds, same run)\n`);
  console.log("| ours | s | counterpart | s | ratio |");
  console.log("| --- | ---: | --- | ---: | ---: |");
  for (const [name, t, other] of ours) {
    const o = ref(other);
    console.log(`| ${name} | ${t.toFixed(1)} | ${other} | ${o === undefined ? "n/a" : o.toFixed(1)} | ${o ? (t / o).toFixed(2) : ""} |`);
  }
}

if (run("quality")) await quality();
if (run("speed")) await speed();
