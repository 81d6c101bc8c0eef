/**
 * The shared fixture data sets as training data for the regression-family tests: DRUG1n
 * (`;`-separated), telco churn (header `;`-separated, rows `,`-separated and padded with runs
 * of `;`), and the iris and audit inputs of the PMML conformance cases. Each comes with its
 * raw columns (for the PMML evaluator) and a seeded 70/30 split.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { seededRandom } from "../../../src/data/random.js";
import type { Value } from "../../../src/data/values.js";
import { categoricalColumn, continuousColumn, makeTrainingData, type DataColumn, type TrainingData } from "../../../src/models/dataset.js";

const here = dirname(fileURLToPath(import.meta.url));
export const FIXTURES = join(here, "..", "..", "..", "..", "shared", "fixtures");

export function fixturesPresent(): boolean {
  return existsSync(FIXTURES);
}

type Kind = "c" | "flag" | "nominal";

export interface FixtureSet {
  readonly name: string;
  readonly data: TrainingData;
  readonly raw: Record<string, Value[]>;
}

function parse(path: string, headerSep: string, rowSep: string): { header: string[]; rows: string[][] } {
  const lines = readFileSync(path, "utf8").split(/\r?\n/).filter((l) => l.trim() !== "");
  const strip = (l: string) => (rowSep === ";" ? l : l.replace(/;+$/, ""));
  const header = lines[0]!.replace(/;+$/, headerSep === ";" ? "" : "").split(headerSep).map((s) => s.trim());
  const rows = lines.slice(1).map((l) => strip(l).split(rowSep).map((s) => s.trim()).slice(0, header.length));
  return { header, rows };
}

function build(name: string, table: { header: string[]; rows: string[][] }, fields: [string, Kind][], target: [string, Kind], seed = 1): FixtureSet {
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
  return { name, data: makeTrainingData({ inputs, target: col(target[0], target[1]), seed }), raw };
}

export function drugSet(): FixtureSet {
  const t = parse(join(FIXTURES, "data", "drug_train_data.csv"), ";", ";");
  return build("drug", t, [["AGE", "c"], ["SEX", "flag"], ["BP", "nominal"], ["CHOLESTEROL", "flag"], ["NA", "c"], ["K", "c"]], ["DRUG", "nominal"]);
}

export const TELCO_INPUTS: [string, Kind][] = [
  ["gender", "flag"], ["SeniorCitizen", "flag"], ["Partner", "flag"], ["Dependents", "flag"], ["tenure", "c"], ["PhoneService", "flag"],
  ["MultipleLines", "nominal"], ["InternetService", "nominal"], ["OnlineSecurity", "nominal"], ["OnlineBackup", "nominal"],
  ["DeviceProtection", "nominal"], ["TechSupport", "nominal"], ["StreamingTV", "nominal"], ["StreamingMovies", "nominal"],
  ["Contract", "nominal"], ["PaperlessBilling", "flag"], ["PaymentMethod", "nominal"], ["MonthlyCharges", "c"], ["TotalCharges", "c"],
];

export function telcoSet(target: [string, Kind] = ["Churn", "flag"]): FixtureSet {
  const t = parse(join(FIXTURES, "data", "telco_customer_churn.csv"), ";", ",");
  return build("telco", t, TELCO_INPUTS.filter(([f]) => f !== target[0]), target);
}

export function irisSet(): FixtureSet {
  const t = parse(join(FIXTURES, "pmml", "cases", "jpe-rattle-RandomForestIris", "input.csv"), ",", ",");
  return build("iris", t, [["Sepal_Length", "c"], ["Sepal_Width", "c"], ["Petal_Length", "c"], ["Petal_Width", "c"]], ["Species", "nominal"]);
}

export function auditSet(): FixtureSet {
  const t = parse(join(FIXTURES, "pmml", "cases", "jpe-rattle-DecisionTreeAudit", "input.csv"), ",", ",");
  return build("audit", t, [
    ["Age", "c"], ["Employment", "nominal"], ["Education", "nominal"], ["Marital", "nominal"], ["Occupation", "nominal"],
    ["Income", "c"], ["Gender", "flag"], ["Deductions", "c"], ["Hours", "c"],
  ], ["Adjusted", "flag"]);
}

/** Seeded 70/30 split of the rows. */
export function split(n: number, seed = 2024): { train: Int32Array; test: Int32Array } {
  const rng = seededRandom(seed);
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = perm[i]!;
    perm[i] = perm[j]!;
    perm[j] = t;
  }
  const cut = Math.round(n * 0.7);
  return { train: perm.slice(0, cut).sort(), test: perm.slice(cut).sort() };
}
