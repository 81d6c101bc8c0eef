/**
 * Test and bench data: a small CSV reader (no quoting needed by these files) and the
 * shared fixture datasets as `TrainingData`.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import type { Value } from "../../../src/data/values.js";
import { categoricalColumn, continuousColumn, makeTrainingData, type DataColumn, type TrainingData } from "../../../src/models/dataset.js";

const here = dirname(fileURLToPath(import.meta.url));
/** `../shared/fixtures` beside the repository (the path CI has). */
export const FIXTURES = join(here, "..", "..", "..", "..", "shared", "fixtures");

export function fixturePath(...parts: string[]): string {
  return join(FIXTURES, ...parts);
}

export function fixturesPresent(): boolean {
  return existsSync(FIXTURES);
}

export interface Table {
  readonly header: string[];
  readonly rows: string[][];
}

/**
 * Reads a delimited text file. Trailing runs of the separator (the telco file ends each
 * line with `;;;;`) and blank lines are dropped; `N/A`/`NA`/empty cells are missing.
 */
export function readTable(path: string, separator: string): Table {
  const lines = readFileSync(path, "utf8").split(/\r?\n/).filter((l) => l.trim() !== "");
  const split = (line: string) => {
    let l = line;
    while (l.endsWith(";") && separator !== ";") l = l.slice(0, -1);
    return l.split(separator).map((c) => c.trim());
  };
  const header = split(lines[0]!);
  const rows = lines.slice(1).map(split).map((r) => r.slice(0, header.length));
  return { header, rows };
}

export type ColumnKind = "continuous" | "flag" | "nominal" | "ordinal";

export function columnOf(table: Table, name: string, kind: ColumnKind, categories?: readonly string[]): DataColumn {
  const i = table.header.indexOf(name);
  if (i < 0) throw new Error(`no column ${name} in ${table.header.join(",")}`);
  const raw: Value[] = table.rows.map((r) => {
    const c = r[i];
    return c === undefined || c === "" || c === "NA" || c === "N/A" ? null : c;
  });
  if (kind === "continuous") return continuousColumn(name, raw.map((v) => (v === null || Number.isNaN(Number(v)) ? null : Number(v))), "real");
  return categoricalColumn(name, raw, { measure: kind, categories });
}

/** DRUG1n (200 rows): Age, Sex, BP, Cholesterol, Na, K → Drug. */
export function drugData(seed = 1, withRatio = false): TrainingData {
  const t = readTable(fixturePath("data", "drug_train_data.csv"), ";");
  const inputs: DataColumn[] = [
    columnOf(t, "AGE", "continuous"),
    columnOf(t, "SEX", "flag"),
    columnOf(t, "BP", "nominal"),
    columnOf(t, "CHOLESTEROL", "flag"),
    columnOf(t, "NA", "continuous"),
    columnOf(t, "K", "continuous"),
  ];
  if (withRatio) {
    const na = (inputs[4] as { values: Float64Array }).values;
    const k = (inputs[5] as { values: Float64Array }).values;
    inputs.push(continuousColumn("Na_to_K", Array.from(na, (v, i) => v / k[i]!)));
  }
  return makeTrainingData({ inputs, target: columnOf(t, "DRUG", "nominal"), seed });
}

/** Rows of the drug file as records keyed by column name (for the PMML evaluator). */
export function drugRecords(withRatio = false): Record<string, Value>[] {
  const t = readTable(fixturePath("data", "drug_train_data.csv"), ";");
  return t.rows.map((r) => {
    const rec: Record<string, Value> = {};
    t.header.forEach((h, i) => {
      const c = r[i]!;
      rec[h] = ["AGE", "NA", "K"].includes(h) ? Number(c) : c;
    });
    if (withRatio) rec["Na_to_K"] = (rec["NA"] as number) / (rec["K"] as number);
    return rec;
  });
}
