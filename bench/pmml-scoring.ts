/**
 * PMML scoring speed: µs per row through `scoreColumns` for four synthetic models, each against a
 * hand-written JavaScript function computing the same model over the same columnar arrays.
 *
 *   npx tsx bench/pmml-scoring.ts [rows]        (default 1,000,000 rows, in batches of 16,384)
 *
 * Targets (µs/row): depth-10 tree 0.2, logistic regression 0.5, neural net 2, 100-tree forest 15.
 * Both sides produce the same results (checked on every batch). Figures are µs per row of the
 * fastest batch ("best", the least disturbed by other processes, and what the targets are checked
 * against) and of the median batch; PMML and JS batches alternate, so both see the same load.
 */
import { cpus, loadavg } from "node:os";
import { loadPmml, type PmmlModel, type Value } from "../src/pmml/index.js";
import {
  evalArrayTree,
  forestDocument,
  INPUTS,
  logisticDocument,
  networkDocument,
  randomLogistic,
  randomNetwork,
  randomTree,
  rng,
  treeDocument,
  type ArrayTree,
  type Logistic,
  type Network,
} from "./pmml-synthetic-models.js";

const ROWS = Number(process.argv[2] ?? 1_000_000);
const BATCH = 16_384;

interface Case {
  name: string;
  target: number;
  model: PmmlModel;
  /** Baseline: fills `out` (one value per row) from the columns. */
  baseline: (cols: Float64Array[], n: number, out: Value[], prob: Float64Array) => void;
  /** Result field compared with the baseline's main output. */
  field: string;
  probField?: string;
}

function makeCases(): Case[] {
  const random = rng(20240601);
  const tree = randomTree(random, 10);
  const logistic = randomLogistic(random);
  const network = randomNetwork(random);
  const forest: ArrayTree[] = Array.from({ length: 100 }, () => randomTree(random, 8));
  return [
    {
      name: "TreeModel, depth 10 (1,023 splits)",
      target: 0.2,
      model: loadPmml(treeDocument(tree)),
      field: "r",
      baseline: (cols, n, out) => {
        for (let r = 0; r < n; r++) out[r] = evalArrayTree(tree, cols, r);
      },
    },
    {
      name: "RegressionModel, logistic, 10 inputs",
      target: 0.5,
      model: loadPmml(logisticDocument(logistic)),
      field: "y",
      probField: "p_b",
      baseline: (cols, n, out, prob) => baselineLogistic(logistic, cols, n, out, prob),
    },
    {
      name: "NeuralNetwork, 10-10-2, logistic + softmax",
      target: 2,
      model: loadPmml(networkDocument(network)),
      field: "y",
      probField: "p_b",
      baseline: (cols, n, out, prob) => baselineNetwork(network, cols, n, out, prob),
    },
    {
      name: "MiningModel, 100 trees of depth 8, majority vote",
      target: 15,
      model: loadPmml(forestDocument(forest)),
      field: "y",
      probField: "p_b",
      baseline: (cols, n, out, prob) => baselineForest(forest, cols, n, out, prob),
    },
  ];
}

function baselineLogistic(m: Logistic, cols: Float64Array[], n: number, out: Value[], prob: Float64Array): void {
  for (let r = 0; r < n; r++) {
    let z = m.intercept;
    for (let i = 0; i < 10; i++) z += m.weights[i]! * cols[i]![r]!;
    const p = 1 / (1 + Math.exp(-z));
    prob[r] = p;
    out[r] = p > 1 - p ? "b" : "a";
  }
}

function baselineNetwork(m: Network, cols: Float64Array[], n: number, out: Value[], prob: Float64Array): void {
  const h = new Float64Array(10);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < 10; j++) {
      let z = m.hiddenBias[j]!;
      for (let i = 0; i < 10; i++) z += m.hidden[j * 10 + i]! * cols[i]![r]!;
      h[j] = 1 / (1 + Math.exp(-z));
    }
    let o0 = m.outBias[0]!;
    let o1 = m.outBias[1]!;
    for (let j = 0; j < 10; j++) {
      o0 += m.out[j]! * h[j]!;
      o1 += m.out[10 + j]! * h[j]!;
    }
    const max = Math.max(o0, o1);
    const e0 = Math.exp(o0 - max);
    const e1 = Math.exp(o1 - max);
    prob[r] = e1 / (e0 + e1);
    out[r] = e1 > e0 ? "b" : "a";
  }
}

function baselineForest(trees: ArrayTree[], cols: Float64Array[], n: number, out: Value[], prob: Float64Array): void {
  for (let r = 0; r < n; r++) {
    let b = 0;
    let firstB = -1;
    let firstA = -1;
    for (let t = 0; t < trees.length; t++) {
      const isB = evalArrayTree(trees[t]!, cols, r) >= 0.5;
      if (isB) {
        b++;
        if (firstB < 0) firstB = t;
      } else if (firstA < 0) firstA = t;
    }
    const a = trees.length - b;
    prob[r] = b / trees.length;
    // Ties go to the class voted for first, as the evaluator does.
    out[r] = b > a || (b === a && firstB < firstA) ? "b" : "a";
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function main(): void {
  const random = rng(7);
  const cases = makeCases();
  const batches = Math.ceil(ROWS / BATCH);
  const columns = INPUTS.map(() => Float64Array.from({ length: BATCH }, () => random()));
  const byName: Record<string, Float64Array> = Object.fromEntries(INPUTS.map((n, i) => [n, columns[i]!]));
  const out: Value[] = new Array<Value>(BATCH);
  const prob = new Float64Array(BATCH);
  console.log(`${ROWS.toLocaleString("en")} rows in batches of ${BATCH.toLocaleString("en")}; node ${process.version}\n`);
  console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(" ")} on ${cpus().length} CPUs\n`);
  console.log("model                                             | PMML best | PMML median | JS best | JS median | ratio (best) | target | met");
  for (const c of cases) {
    // Warm up both sides, then time them.
    c.model.scoreColumns(byName, BATCH);
    c.baseline(columns, BATCH, out, prob);
    const pmmlTimes: number[] = [];
    const jsTimes: number[] = [];
    let mismatches = 0;
    for (let b = 0; b < batches; b++) {
      const n = Math.min(BATCH, ROWS - b * BATCH);
      let t = performance.now();
      const res = c.model.scoreColumns(byName, n);
      pmmlTimes.push(((performance.now() - t) * 1000) / n);
      t = performance.now();
      c.baseline(columns, n, out, prob);
      jsTimes.push(((performance.now() - t) * 1000) / n);
      const got = res[c.field]!;
      const p = c.probField ? res[c.probField]! : undefined;
      for (let r = 0; r < n; r += 997) {
        if (got[r] !== out[r] || (p && Math.abs((p[r] as number) - prob[r]!) > 1e-12)) mismatches++;
      }
    }
    const pmmlBest = Math.min(...pmmlTimes);
    const jsBest = Math.min(...jsTimes);
    const cells = [
      c.name.padEnd(49),
      pmmlBest.toFixed(3).padStart(9),
      median(pmmlTimes).toFixed(3).padStart(11),
      jsBest.toFixed(3).padStart(7),
      median(jsTimes).toFixed(3).padStart(9),
      (pmmlBest / jsBest).toFixed(1).padStart(12),
      String(c.target).padStart(6),
      (pmmlBest <= c.target ? "yes" : "NO") + (mismatches ? `  (${mismatches} sampled rows differ!)` : ""),
    ];
    console.log(cells.join(" | "));
  }
}

main();
