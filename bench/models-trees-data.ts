/**
 * Datasets of the tree benchmark (`models-trees.ts`): the shared fixtures read into
 * `TrainingData`, a seeded 70/30 split, and a normalised CSV copy (comma-separated, empty =
 * missing) that the Python and R references read.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { seededRandom } from "../src/data/random.js";
import type { Value } from "../src/data/values.js";
import { categoricalColumn, continuousColumn, makeTrainingData, type DataColumn, type TrainingData } from "../src/models/dataset.js";

export const FIXTURES = fileURLToPath(new URL("../../shared/fixtures/", import.meta.url));
export const WORK = join(tmpdir(), "modeler-batch-models-trees");

export interface BenchDataset {
  readonly name: string;
  readonly data: TrainingData;
  /** Raw values per field (inputs and target), as read: for the evaluator and the references. */
  readonly raw: Record<string, Value[]>;
  readonly categorical: string[];
  readonly continuous: string[];
  readonly target: string;
  /** Training rows (70%, seeded); the others are held out. */
  readonly train: Int32Array;
  readonly test: Int32Array;
  /** The normalised CSV for the references. */
  readonly csv: string;
}

type Kind = "c" | "flag" | "nominal";

function parse(text: string, headerSep: string, rowSep: string): { header: string[]; rows: string[][] } {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  const clean = (l: string) => l.replace(/;+$/, "");
  const header = clean(lines[0]!).split(headerSep).map((s) => s.trim());
  const rows = lines.slice(1).map((l) => (headerSep === ";" && rowSep === ";" ? l : clean(l)).split(rowSep).map((s) => s.trim()).slice(0, header.length));
  return { header, rows };
}

function build(name: string, table: { header: string[]; rows: string[][] }, fields: [string, Kind][], target: [string, Kind], seed = 2024): BenchDataset {
  const raw: Record<string, Value[]> = {};
  const col = (f: string, kind: Kind): DataColumn => {
    const i = table.header.indexOf(f);
    if (i < 0) throw new Error(`${name}: no column ${f}`);
    const cells = table.rows.map((r) => r[i] ?? "");
    const missing = (c: string) => c === "" || c === "NA" || c === "N/A";
    if (kind === "c") {
      const v = cells.map((c) => (missing(c) || Number.isNaN(Number(c)) ? null : Number(c)));
      raw[f] = v;
      return continuousColumn(f, v);
    }
    const v = cells.map((c) => (missing(c) ? null : c));
    raw[f] = v;
    return categoricalColumn(f, v, { measure: kind });
  };
  const inputs = fields.map(([f, k]) => col(f, k));
  const data = makeTrainingData({ inputs, target: col(target[0], target[1]), seed: 1 });
  const n = data.rowCount;
  const rng = seededRandom(seed);
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [perm[i], perm[j]] = [perm[j]!, perm[i]!];
  }
  const cut = Math.round(n * 0.7);
  const train = perm.slice(0, cut).sort();
  const test = perm.slice(cut).sort();
  mkdirSync(WORK, { recursive: true });
  const csv = join(WORK, `${name}.csv`);
  const names = [...fields.map(([f]) => f), target[0]];
  const esc = (v: Value) => (v === null ? "" : String(v).includes(",") ? `"${String(v)}"` : String(v));
  writeFileSync(csv, [names.join(","), ...Array.from({ length: n }, (_, r) => names.map((f) => esc(raw[f]![r]!)).join(","))].join("\n") + "\n");
  return {
    name, data, raw, target: target[0], train, test, csv,
    categorical: fields.filter(([, k]) => k !== "c").map(([f]) => f),
    continuous: fields.filter(([, k]) => k === "c").map(([f]) => f),
  };
}

export function drug(): BenchDataset {
  const t = parse(readFileSync(join(FIXTURES, "data", "drug_train_data.csv"), "utf8"), ";", ";");
  // The Modeler demo's derived ratio, offered to every learner.
  const iNa = t.header.indexOf("NA");
  const iK = t.header.indexOf("K");
  t.header.push("Na_to_K");
  for (const r of t.rows) r.push(String(Number(r[iNa]) / Number(r[iK])));
  return build("drug", t, [["AGE", "c"], ["SEX", "flag"], ["BP", "nominal"], ["CHOLESTEROL", "flag"], ["NA", "c"], ["K", "c"], ["Na_to_K", "c"]], ["DRUG", "nominal"]);
}

export const TELCO_FIELDS: [string, Kind][] = [
  ["gender", "flag"], ["SeniorCitizen", "flag"], ["Partner", "flag"], ["Dependents", "flag"], ["tenure", "c"], ["PhoneService", "flag"],
  ["MultipleLines", "nominal"], ["InternetService", "nominal"], ["OnlineSecurity", "nominal"], ["OnlineBackup", "nominal"],
  ["DeviceProtection", "nominal"], ["TechSupport", "nominal"], ["StreamingTV", "nominal"], ["StreamingMovies", "nominal"],
  ["Contract", "nominal"], ["PaperlessBilling", "flag"], ["PaymentMethod", "nominal"], ["MonthlyCharges", "c"], ["TotalCharges", "c"],
];

/** Telco churn: the header is `;`-separated, the rows `,`-separated and padded with `;` runs. */
export function telco(): BenchDataset {
  const t = parse(readFileSync(join(FIXTURES, "data", "telco_customer_churn.csv"), "utf8"), ";", ",");
  return build("telco", t, TELCO_FIELDS, ["Churn", "flag"]);
}

export function iris(): BenchDataset {
  const t = parse(readFileSync(join(FIXTURES, "pmml", "cases", "jpe-rattle-RandomForestIris", "input.csv"), "utf8"), ",", ",");
  return build("iris", t, [["Sepal_Length", "c"], ["Sepal_Width", "c"], ["Petal_Length", "c"], ["Petal_Width", "c"]], ["Species", "nominal"]);
}

export function audit(): BenchDataset {
  const t = parse(readFileSync(join(FIXTURES, "pmml", "cases", "jpe-rattle-DecisionTreeAudit", "input.csv"), "utf8"), ",", ",");
  return build("audit", t, [
    ["Age", "c"], ["Employment", "nominal"], ["Education", "nominal"], ["Marital", "nominal"], ["Occupation", "nominal"],
    ["Income", "c"], ["Gender", "flag"], ["Deductions", "c"], ["Hours", "c"],
  ], ["Adjusted", "flag"]);
}

/** Raw columns of some rows (for the PMML evaluator). */
export function rawRows(ds: BenchDataset, rows: ArrayLike<number>): Record<string, Value[]> {
  const out: Record<string, Value[]> = {};
  for (const [f, values] of Object.entries(ds.raw)) out[f] = Array.from(rows, (r) => values[r]!);
  return out;
}

/** A 1M-row DRUG1n-like CSV (bench/generate-drug.ts) as training data. */
export function drugTable(path: string): TrainingData {
  const lines = readFileSync(path, "utf8").split("\n");
  const n = lines.length - 2; // header and final newline
  const age = new Float64Array(n), na = new Float64Array(n), k = new Float64Array(n);
  const sex: string[] = new Array(n), bp: string[] = new Array(n), chol: string[] = new Array(n), drugs: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const c = lines[i + 1]!.split(",");
    age[i] = Number(c[0]);
    sex[i] = c[1]!;
    bp[i] = c[2]!;
    chol[i] = c[3]!;
    na[i] = Number(c[4]);
    k[i] = Number(c[5]);
    drugs[i] = c[6]!;
  }
  return makeTrainingData({
    inputs: [
      { name: "Age", storage: "integer", measure: "continuous", values: age },
      categoricalColumn("Sex", sex, { measure: "flag" }), categoricalColumn("BP", bp), categoricalColumn("Cholesterol", chol, { measure: "flag" }),
      { name: "Na", storage: "real", measure: "continuous", values: na }, { name: "K", storage: "real", measure: "continuous", values: k },
    ],
    target: categoricalColumn("Drug", drugs),
    seed: 1,
  });
}

/** The command line both model benchmarks take: `[quality] [speed] [--rows N]`. */
export function modelBenchArgs(argv: readonly string[]): { rows: number; run: (part: "quality" | "speed") => boolean } {
  const rowsAt = argv.indexOf("--rows");
  const parts = argv.filter((a) => a === "quality" || a === "speed");
  return { rows: rowsAt >= 0 ? Number(argv[rowsAt + 1]) : 1_000_000, run: (p) => parts.length === 0 || parts.includes(p) };
}

/** Environment for Debian's /usr/bin/python3: OPENBLAS_* slow a current numpy down (docs/environment-notes). */
export function referencePythonEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return env;
}
