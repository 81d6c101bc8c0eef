/**
 * PMML scoring speed: µs per row through `scoreColumns` for four synthetic models, each against a
 * hand-written JavaScript function computing the same model over the same columnar arrays.
 *
 *   npx tsx bench/pmml-scoring.ts [rows]        (default 1,000,000 rows, in batches of 65,536)
 *
 * Targets (µs/row): depth-10 tree 0.2, logistic regression 0.5, neural net 2, 100-tree forest 15.
 * Both sides produce the same results (checked on every batch). Figures are the median over
 * batches of µs per row, which keeps them meaningful on a machine shared with other work.
 */
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
const BATCH = 65_536;

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
  console.log("model                                             | PMML µs/row | JS µs/row | ratio | target | met");
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
    // Median per-batch µs/row: robust against other processes competing for the CPU.
    const pmmlUs = median(pmmlTimes);
    const jsUs = median(jsTimes);
    console.log(
      `${c.name.padEnd(49)} | ${pmmlUs.toFixed(3).padStart(11)} | ${jsUs.toFixed(3).padStart(9)} | ${(pmmlUs / jsUs).toFixed(1).padStart(5)} | ${String(c.target).padStart(6)} | ${pmmlUs <= c.target ? "yes" : "NO"}${mismatches ? `  (${mismatches} sampled rows differ!)` : ""}`,
    );
  }
}

main();
