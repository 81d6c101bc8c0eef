/**
 * Quality and speed of the regression-family trainers against outside references.
 *
 *   npx tsx bench/models-regression.ts [quality] [speed] [--rows 1000000]
 *
 * Quality: seeded 70/30 splits (bench/models-trees-data.ts) of DRUG1n, telco churn, iris and
 * audit, rows with a missing value dropped (our trainers delete them listwise; sklearn cannot
 * take them). Held-out accuracy of Logistic, Neural Net and KNN against scikit-learn
 * (Debian's /usr/bin/python3) and R's nnet; held-out RMSE of Regression against
 * sklearn's LinearRegression (continuous targets: K, MonthlyCharges, Petal_Width, Income);
 * K-Means within-cluster sum of squares against sklearn's KMeans on the same encoded matrix.
 * Speed: CPU seconds to train on a DRUG1n-like table (bench/generate-drug.ts) against the
 * sklearn counterpart's fit, measured in the same run. Prints Markdown tables.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { isMissingAt, makeTrainingData, subsetRows, type TrainingData } from "../src/models/dataset.js";
import { kmeansEncoding } from "../src/models/kmeans/encoding.js";
import { trainKMeans, type KMeansOptions } from "../src/models/kmeans/train-kmeans.js";
import { knnEncoding } from "../src/models/knn/encoding.js";
import { kNearestByScan, neighbourSearch } from "../src/models/knn/neighbours.js";
import { trainKnn } from "../src/models/knn/train-knn.js";
import { trainLinear } from "../src/models/linear/train-linear.js";
import { trainLogistic } from "../src/models/logistic/train-logistic.js";
import { trainNeuralNet } from "../src/models/neural/train-neural.js";
import { completeRows, encodeRows } from "../src/models/regression/features.js";
import { trainRegression } from "../src/models/regression/train-regression.js";
import type { TrainedModel } from "../src/models/trained-model.js";
import { ensureDrug } from "./generate-drug.js";
import { audit, drug, drugTable, iris, telco, WORK, type BenchDataset, modelBenchArgs, referencePythonEnv } from "./models-trees-data.js";

const { rows: ROWS, run } = modelBenchArgs(process.argv.slice(2));

const PYTHON = `
import json, sys, time, warnings
import numpy as np, pandas as pd
from sklearn.linear_model import LogisticRegression, LinearRegression
from sklearn.neural_network import MLPClassifier
from sklearn.neighbors import KNeighborsClassifier
from sklearn.cluster import KMeans
warnings.filterwarnings("ignore")

def design(df, cat, cont, tr, scale):
    num = df[cont].apply(pd.to_numeric, errors="coerce").astype(float) if cont else pd.DataFrame(index=df.index)
    if scale == "z": num = (num - num[tr].mean()) / num[tr].std()
    if scale == "pm1": lo, hi = num[tr].min(), num[tr].max(); num = 2 * (num - lo) / (hi - lo) - 1
    dummies = pd.get_dummies(df[cat].astype(str), dtype=float) if cat else pd.DataFrame(index=df.index)
    return pd.concat([num, dummies], axis=1).to_numpy()

def timed(f):
    t = time.process_time(); m = f(); return m, time.process_time() - t

def quality(job):
    out = {}
    for ds in job["datasets"]:
        df = pd.read_csv(ds["csv"], dtype=str, keep_default_na=False, na_values=[""])
        tr = np.zeros(len(df), bool); tr[ds["train"]] = True
        train, test = np.array(ds["train"]), np.array(ds["test"])
        cat, cont, res = ds["categorical"], ds["continuous"], {}
        if ds["kind"] == "class":
            y = df[ds["target"]].astype(str).to_numpy()
            acc = lambda m, X: float((m.predict(X[test]) == y[test]).mean())
            X = design(df, cat, cont, tr, "z")
            res["sklearn LogisticRegression (no penalty)"] = acc(LogisticRegression(penalty=None, max_iter=10000).fit(X[train], y[train]), X)
            res["sklearn MLPClassifier (defaults: 100 relu, adam)"] = acc(MLPClassifier(random_state=0, max_iter=1000).fit(X[train], y[train]), X)
            res["sklearn MLPClassifier (our hidden units, tanh, lbfgs)"] = acc(MLPClassifier(hidden_layer_sizes=(ds["hidden"],), activation="tanh", solver="lbfgs", alpha=0, random_state=0, max_iter=2000).fit(X[train], y[train]), X)
            Xk = design(df, cat, cont, tr, "pm1")
            res["sklearn KNeighborsClassifier (our k, same scaling)"] = acc(KNeighborsClassifier(n_neighbors=ds["k"]).fit(Xk[train], y[train]), Xk)
            res["sklearn KNeighborsClassifier (k 5, same scaling)"] = acc(KNeighborsClassifier().fit(Xk[train], y[train]), Xk)
        else:
            y = pd.to_numeric(df[ds["target"]]).to_numpy()
            X = design(df, cat, cont, tr, None)
            m = LinearRegression().fit(X[train], y[train])
            res["sklearn LinearRegression"] = float(np.sqrt(np.mean((m.predict(X[test]) - y[test]) ** 2)))
        out[ds["name"]] = res
    for km in job["kmeans"]:
        X = np.loadtxt(km["matrix"], delimiter=",", ndmin=2)
        out["kmeans " + km["name"]] = {"sklearn KMeans (k-means++, 10 starts)": float(KMeans(n_clusters=km["k"], n_init=10, random_state=0).fit(X).inertia_)}
    return out

def speed(job):
    df = pd.read_csv(job["csv"])
    cat, cont, tr = job["categorical"], job["continuous"], np.ones(len(df), bool)
    y, res = df[job["target"]].astype(str).to_numpy(), {}
    X = design(df, cat, cont, tr, "z")
    res["logistic"] = timed(lambda: LogisticRegression(penalty=None).fit(X, y))[1]
    res["logistic 1000"] = timed(lambda: LogisticRegression(penalty=None, max_iter=1000).fit(X, y))[1]
    Xr = design(df, cat, [c for c in cont if c != "K"], tr, None)
    res["regression"] = timed(lambda: LinearRegression().fit(Xr, df["K"].to_numpy()))[1]
    res["mlp"] = timed(lambda: MLPClassifier(hidden_layer_sizes=(job["hidden"],), activation="tanh", early_stopping=True, validation_fraction=0.3, random_state=0).fit(X, y))[1]
    Xk = design(df, cat, cont, tr, "pm1")
    res["kmeans"] = timed(lambda: KMeans(n_clusters=5, n_init=1, max_iter=20, algorithm="lloyd", random_state=0).fit(Xk))[1]
    knn, res["knn fit"] = timed(lambda: KNeighborsClassifier(n_neighbors=5).fit(Xk, y))
    res["knn predict 1000"] = timed(lambda: knn.predict(Xk[:1000]))[1]
    return res

job = json.load(sys.stdin)
print(json.dumps(quality(job) if job["mode"] == "quality" else speed(job)))
`;

const R_NNET = `
suppressMessages(library(nnet))
args <- commandArgs(TRUE); d <- read.csv(args[1], na.strings = "", check.names = FALSE); tr <- as.integer(strsplit(args[3], ",")[[1]]); te <- as.integer(strsplit(args[4], ",")[[1]])
cont <- if (nchar(args[5])) strsplit(args[5], ",")[[1]] else character(0); size <- as.integer(args[6])
# Plain column names (DRUG1n has a field called NA), mapped back by position.
v <- paste0("v", seq_along(d)); target <- v[match(args[2], names(d))]; cont <- v[match(cont, names(d))]; names(d) <- v
for (c in setdiff(names(d), cont)) d[[c]] <- factor(d[[c]])
for (c in cont) { m <- mean(d[tr, c]); s <- sd(d[tr, c]); d[[c]] <- (d[[c]] - m) / s }
set.seed(1)
f <- nnet(as.formula(paste(target, "~ .")), data = d[tr, ], size = size, maxit = 1000, trace = FALSE, MaxNWts = 100000)
p <- predict(f, d[te, ], type = "class")
cat(mean(p == as.character(d[te, target])), "\\n")
`;

function python(job: unknown): Record<string, any> {
  const r = spawnSync("/usr/bin/python3", ["-c", PYTHON], { input: JSON.stringify(job), env: referencePythonEnv(), maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`python reference failed: ${r.stderr.toString()}`);
  return JSON.parse(r.stdout.toString());
}

function nnet(ds: BenchDataset, train: Int32Array, test: Int32Array, size: number): number | null {
  if (spawnSync("Rscript", ["-e", "library(nnet)"]).status !== 0) return null;
  const one = (rows: Int32Array) => Array.from(rows, (i) => i + 1).join(",");
  const r = spawnSync("Rscript", ["-e", R_NNET, ds.csv, ds.target, one(train), one(test), ds.continuous.join(","), String(size)], { maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`nnet failed: ${r.stderr.toString()}`);
  return Number(r.stdout.toString().trim());
}

/** CPU seconds (this process, all threads) and the result of `f`. */
function cpu<T>(f: () => T): [T, number] {
  const t = process.cpuUsage();
  const v = f();
  const d = process.cpuUsage(t);
  return [v, (d.user + d.system) / 1e6];
}

/** Rows without a missing input or target. */
function completeOf(d: TrainingData, rows: Int32Array): Int32Array {
  return rows.filter((r) => !isMissingAt(d.target, r) && d.inputs.every((c) => !isMissingAt(c, r)));
}

function accuracy(m: TrainedModel, test: TrainingData): number {
  const s = m.score(test);
  const codes = (test.target as { codes: Int32Array }).codes;
  let ok = 0;
  for (let i = 0; i < test.rowCount; i++) if (s.prediction[i] === codes[i]) ok++;
  return ok / test.rowCount;
}

function rmse(m: TrainedModel, test: TrainingData): number {
  const s = m.score(test);
  const y = (test.target as { values: Float64Array }).values;
  let sse = 0;
  for (let i = 0; i < test.rowCount; i++) sse += (s.prediction[i]! - y[i]!) ** 2;
  return Math.sqrt(sse / test.rowCount);
}

/** The same data set with one input as the (continuous) target. */
function withTarget(ds: BenchDataset, field: string): BenchDataset {
  const target = ds.data.inputs.find((c) => c.name === field)!;
  return {
    ...ds, name: ds.name, target: field,
    data: makeTrainingData({ inputs: ds.data.inputs.filter((c) => c.name !== field), target, seed: ds.data.seed }),
    continuous: ds.continuous.filter((c) => c !== field),
  };
}

const REGRESSION_TARGETS: Record<string, string> = { drug: "K", telco: "MonthlyCharges", iris: "Petal_Width", audit: "Income" };

async function quality(): Promise<void> {
  const sets = [drug(), telco(), iris(), audit()];
  const table = new Map<string, Map<string, string>>();
  const put = (learner: string, ds: string, v: string) => {
    if (!table.has(learner)) table.set(learner, new Map());
    table.get(learner)!.set(ds, v);
  };
  const pct = (v: number) => (100 * v).toFixed(1);
  const jobs: unknown[] = [];
  const kmeansJobs: unknown[] = [];
  const ourKMeans = new Map<string, [number, number]>();
  for (const ds of sets) {
    const train = completeOf(ds.data, ds.train);
    const test = completeOf(ds.data, ds.test);
    const tr = subsetRows(ds.data, train);
    const te = subsetRows(ds.data, test);
    put("ours Logistic (multinomial, Enter)", ds.name, pct(accuracy(trainLogistic(tr), te)));
    const nn = trainNeuralNet(tr);
    put("ours Neural Net (defaults: auto hidden layer, 30% overfit holdout)", ds.name, pct(accuracy(nn, te)));
    put("ours Neural Net, no holdout", ds.name, pct(accuracy(trainNeuralNet(tr, { overfit_prevention_pct: 0 }), te)));
    const knn = trainKnn(tr);
    put("ours KNN (automatic k 3-5, 10-fold)", ds.name, `${pct(accuracy(knn, te))} (k ${knn.k})`);
    const hidden = nn.architecture.sizes[1]!;
    const r = nnet(ds, train, test, hidden);
    put(`R nnet (size = our hidden units, maxit 1000)`, ds.name, r === null ? "n/a" : pct(r));
    jobs.push({ name: ds.name, kind: "class", csv: ds.csv, target: ds.target, categorical: ds.categorical, continuous: ds.continuous, train: Array.from(train), test: Array.from(test), k: knn.k, hidden });
    // Regression on a continuous field of the same split.
    const reg = withTarget(ds, REGRESSION_TARGETS[ds.name]!);
    const rtrain = completeOf(reg.data, ds.train);
    const rtest = completeOf(reg.data, ds.test);
    const rte = subsetRows(reg.data, rtest);
    put(`ours Regression (Enter), RMSE`, `${ds.name}:${reg.target}`, rmse(trainRegression(subsetRows(reg.data, rtrain)), rte).toPrecision(4));
    put(`ours Linear (forward stepwise AICC), RMSE`, `${ds.name}:${reg.target}`, rmse(trainLinear(subsetRows(reg.data, rtrain)), rte).toPrecision(4));
    jobs.push({ name: `${ds.name}:${reg.target}`, kind: "reg", csv: ds.csv, target: reg.target, categorical: ds.categorical, continuous: reg.continuous, train: Array.from(rtrain), test: Array.from(rtest) });
    // K-Means on the inputs of all complete rows, in Modeler's encoding.
    const all = subsetRows(ds.data, completeOf(ds.data, Int32Array.from({ length: ds.data.rowCount }, (_, i) => i)));
    const k = ds.name === "iris" ? 3 : 5;
    const enc = kmeansEncoding(all, Math.SQRT1_2);
    const x = encodeRows(enc.features, all.inputs, all.rowCount);
    const p = enc.features.length;
    const lines: string[] = [];
    for (let i = 0; i < all.rowCount; i++) lines.push(Array.from({ length: p }, (_, j) => x[i * p + j]! * Math.sqrt(enc.weights[j]!)).join(","));
    const matrix = join(WORK, `kmeans-${ds.name}.csv`);
    writeFileSync(matrix, lines.join("\n") + "\n");
    kmeansJobs.push({ name: ds.name, matrix, k });
    const long: KMeansOptions = { num_clusters: k, mode: "Expert", stop_on: "Custom", max_iterations: 300, tolerance: 1e-6 };
    ourKMeans.set(ds.name, [trainKMeans(all, { num_clusters: k }).inertia, trainKMeans(all, { ...long, initialization: "KMeansPlusPlus", restarts: 10 }).inertia]);
  }
  const py = python({ mode: "quality", datasets: jobs, kmeans: kmeansJobs });
  for (const [ds, res] of Object.entries(py)) {
    if (ds.startsWith("kmeans ")) continue;
    for (const [learner, v] of Object.entries(res as Record<string, number>)) put(learner.includes("LinearRegression") ? `${learner}, RMSE` : learner, ds, learner.includes("LinearRegression") ? v.toPrecision(4) : pct(v));
  }
  const names = sets.map((d) => d.name);
  const print = (title: string, cols: string[], rows: [string, Map<string, string>][]) => {
    console.log(`\n### ${title}\n`);
    console.log(`| learner | ${cols.join(" | ")} |`);
    console.log(`| --- | ${cols.map(() => "---:").join(" | ")} |`);
    for (const [learner, row] of rows) console.log(`| ${learner} | ${cols.map((c) => row.get(c) ?? "").join(" | ")} |`);
  };
  const entries = [...table.entries()];
  print("Accuracy on the held-out 30% (%, seeded split, complete rows)", names, entries.filter(([, r]) => names.some((n) => r.has(n))));
  const regCols = sets.map((d) => `${d.name}:${REGRESSION_TARGETS[d.name]}`);
  print("RMSE on the held-out 30% (continuous targets)", regCols, entries.filter(([, r]) => regCols.some((n) => r.has(n))));
  console.log(`\n### K-Means within-cluster sum of squares (all complete rows, Modeler's encoding)\n`);
  console.log("| data (k) | ours, Modeler defaults (farthest-first, 20 iterations) | ours, k-means++ ×10, to convergence | sklearn KMeans (k-means++ ×10) | ratio (ours k-means++ / sklearn) |");
  console.log("| --- | ---: | ---: | ---: | ---: |");
  for (const d of sets) {
    const [modeler, pp] = ourKMeans.get(d.name)!;
    const sk = (py[`kmeans ${d.name}`] as Record<string, number>)["sklearn KMeans (k-means++, 10 starts)"]!;
    console.log(`| ${d.name} (${d.name === "iris" ? 3 : 5}) | ${modeler.toPrecision(5)} | ${pp.toPrecision(5)} | ${sk.toPrecision(5)} | ${(pp / sk).toFixed(3)} |`);
  }
  console.log(`\nrows (train/test, complete): ${sets.map((d) => `${d.name} ${completeOf(d.data, d.train).length}/${completeOf(d.data, d.test).length}`).join(", ")}`);
}

async function speed(): Promise<void> {
  const csv = await ensureDrug(ROWS);
  const data = drugTable(csv);
  const ours: [string, number, string, string][] = [];
  const [, logit] = cpu(() => trainLogistic(data));
  ours.push(["Logistic, multinomial, Enter (Newton, max_iterations 100)", logit, "LogisticRegression(penalty=None), lbfgs, max_iter 100 (default)", "logistic"]);
  ours.push(["(same)", logit, "LogisticRegression(penalty=None), lbfgs, max_iter 1000", "logistic 1000"]);
  const kData = makeTrainingData({ inputs: data.inputs.filter((c) => c.name !== "K"), target: data.inputs.find((c) => c.name === "K")!, seed: 1 });
  const [, reg] = cpu(() => trainRegression(kData));
  ours.push(["Regression, Enter (K on the others)", reg, "LinearRegression", "regression"]);
  const [nn, nnTime] = cpu(() => trainNeuralNet(data));
  const how = nn.trainingType === "Batch" ? `SCG, ${nn.iterations} iterations` : `Adam mini-batches, ${nn.iterations} epochs`;
  ours.push([`Neural Net (auto: ${nn.architecture.sizes.join("-")}, 30% holdout, ${how})`, nnTime, `MLPClassifier((${nn.architecture.sizes[1]},), tanh, adam, early stopping 30%)`, "mlp"]);
  const [, km] = cpu(() => trainKMeans(data, { num_clusters: 5 }));
  ours.push(["K-Means (k 5, farthest-first, 20 iterations)", km, "KMeans(5, n_init 1, max_iter 20, lloyd)", "kmeans"]);
  const [knn, knnFit] = cpu(() => trainKnn(data, { automatic_k_selection: false, fixed_k: 5 }));
  ours.push(["KNN fit (k 5)", knnFit, "KNeighborsClassifier(5).fit (k-d tree)", "knn fit"]);
  const queries = subsetRows(data, Int32Array.from({ length: 1000 }, (_, i) => i));
  // Our k-d tree is built on the first complete query, so the first call pays for it.
  const [, knnFirst] = cpu(() => knn.score(queries));
  ours.push(["KNN predict 1,000 rows, first call (builds the k-d tree)", knnFirst, "KNeighborsClassifier.predict 1,000 rows", "knn predict 1000"]);
  const [, knnPredict] = cpu(() => knn.score(queries));
  ours.push(["KNN predict 1,000 rows, k-d tree built", knnPredict, "(same)", "knn predict 1000"]);
  // The scan every query used to take (and a query with a missing input still takes), on 100
  // rows times 10: at a million instances it is tens of milliseconds a row.
  const knnRows = completeRows(knnEncoding(data, Int32Array.from({ length: data.rowCount }, (_, i) => i), false).features, data.inputs, data.rowCount);
  const knnFeatures = knnEncoding(data, knnRows, true).features;
  const search = neighbourSearch(encodeRows(knnFeatures, data.inputs, data.rowCount, knnRows), knnRows.length, knnFeatures.length, new Float64Array(knnFeatures.length).fill(1), "Euclidean");
  const scanX = encodeRows(knnFeatures, queries.inputs, 100);
  const [, knnScan] = cpu(() => {
    const index = new Int32Array(5);
    const dist = new Float64Array(5);
    for (let q = 0; q < 100; q++) kNearestByScan(search, scanX, q, 5, index, dist);
  });
  ours.push(["KNN neighbours of 100 rows by scanning, ×10", knnScan * 10, "", ""]);
  const py = python({ mode: "speed", csv, target: "Drug", categorical: ["Sex", "BP", "Cholesterol"], continuous: ["Age", "Na", "K"], hidden: nn.architecture.sizes[1] });
  console.log(`\n### Training time on ${data.rowCount.toLocaleString("en")} DRUG1n-like rows (CPU seconds, same run)\n`);
  console.log("| ours | s | scikit-learn counterpart | s | ratio |");
  console.log("| --- | ---: | --- | ---: | ---: |");
  for (const [name, t, other, key] of ours) {
    const o = py[key] as number | undefined;
    console.log(`| ${name} | ${t.toFixed(2)} | ${other} | ${o === undefined ? "n/a" : o.toFixed(2)} | ${o ? (t / o).toFixed(2) : ""} |`);
  }
}

if (run("quality")) await quality();
if (run("speed")) await speed();
