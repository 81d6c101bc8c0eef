/**
 * CLEM throughput: compiled expressions vs the same computation hand-written in JS, over 1M rows
 * in batches of DEFAULT_BATCH_SIZE (as nodes see them).
 *
 *   npx tsx bench/clem.ts            # 1M rows
 *   ROWS=200000 npx tsx bench/clem.ts
 */
import { compileClem } from "../src/clem/index.js";
import { DEFAULT_BATCH_SIZE, makeBatch, type RecordBatch } from "../src/data/batch.js";
import { makeField } from "../src/data/field.js";
import { Schema } from "../src/data/schema.js";
import type { Value } from "../src/data/values.js";

const ROWS = Number(process.env.ROWS ?? 1_000_000);
const ROUNDS = 5;

const schema = new Schema([
  makeField("Age", "integer"), makeField("Na", "real"), makeField("K", "real"), makeField("Drug", "string"),
]);

function makeData(): RecordBatch[] {
  let seed = 12345;
  const next = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 4294967296;
  };
  const drugs = ["drugA", "drugB", "drugC", "drugX", "drugY"];
  const batches: RecordBatch[] = [];
  for (let start = 0; start < ROWS; start += DEFAULT_BATCH_SIZE) {
    const n = Math.min(DEFAULT_BATCH_SIZE, ROWS - start);
    const age: Value[] = new Array(n);
    const na: Value[] = new Array(n);
    const k: Value[] = new Array(n);
    const drug: Value[] = new Array(n);
    for (let i = 0; i < n; i++) {
      age[i] = 15 + Math.floor(next() * 60);
      na[i] = 0.5 + next() * 0.4;
      k[i] = next() < 0.001 ? null : 0.02 + next() * 0.06;
      drug[i] = " " + drugs[Math.floor(next() * drugs.length)]! + "  ";
    }
    batches.push(makeBatch(schema, [age, na, k, drug], n));
  }
  return batches;
}

function time(label: string, batches: readonly RecordBatch[], run: (b: RecordBatch) => Value[]): number {
  let best = Infinity;
  let check = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const t0 = performance.now();
    for (const b of batches) check += run(b).length;
    best = Math.min(best, performance.now() - t0);
  }
  const rate = ROWS / (best / 1000);
  console.log(`${label.padEnd(34)} ${(rate / 1e6).toFixed(1).padStart(7)} M rows/s  (${best.toFixed(0)} ms best of ${ROUNDS}; ${check / ROUNDS} rows)`);
  return rate;
}

const CASES: Array<{ name: string; clem: string; js: (b: RecordBatch) => Value[] }> = [
  {
    name: "Na / K",
    clem: "Na / K",
    js: (b) => {
      const [na, k] = [b.columns[1]!, b.columns[2]!];
      const out: Value[] = new Array(b.length);
      for (let i = 0; i < b.length; i++) {
        const x = na[i] as number | null;
        const y = k[i] as number | null;
        out[i] = x === null || y === null || y === 0 ? null : x / y;
      }
      return out;
    },
  },
  {
    name: "if chain",
    clem: 'if Age < 30 then "Young" elseif Age < 45 then "Middle" elseif Age < 60 then "Senior" else "Old" endif',
    js: (b) => {
      const age = b.columns[0]!;
      const out: Value[] = new Array(b.length);
      for (let i = 0; i < b.length; i++) {
        const a = age[i] as number | null;
        out[i] = a !== null && a < 30 ? "Young" : a !== null && a < 45 ? "Middle" : a !== null && a < 60 ? "Senior" : "Old";
      }
      return out;
    },
  },
  {
    name: "string function",
    clem: "lowertoupper(trim(Drug))",
    js: (b) => {
      const drug = b.columns[3]!;
      const out: Value[] = new Array(b.length);
      for (let i = 0; i < b.length; i++) {
        const s = drug[i] as string | null;
        out[i] = s === null ? null : s.trim().toUpperCase();
      }
      return out;
    },
  },
];

const batches = makeData();
console.log(`${ROWS} rows in ${batches.length} batches of ${DEFAULT_BATCH_SIZE}; Node ${process.version}`);
for (const c of CASES) {
  const compiled = compileClem(c.clem, { schema });
  // Same answers first: a benchmark of a wrong result is worthless.
  const [x, y] = [compiled.evaluate(batches[0]!), c.js(batches[0]!)];
  if (JSON.stringify(x) !== JSON.stringify(y)) throw new Error(`${c.name}: CLEM and JS disagree`);
  const clemRate = time(`CLEM ${c.name}`, batches, (b) => compiled.evaluate(b));
  const jsRate = time(`JS   ${c.name}`, batches, c.js);
  console.log(`${"".padEnd(34)} CLEM / JS = ${(clemRate / jsRate).toFixed(2)}`);
}
