/**
 * The PMML conformance run: scores every case of the shared fixture corpus
 * (`../shared/fixtures/pmml`, see its README) at the case's own tolerance and reports, per model
 * element, how many cases pass and why the others fail. Used by the vitest suite and by
 * `npx tsx scripts/pmml-conformance.ts`.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPmml, parseCsv, type PmmlModel, type Value } from "../../../src/pmml/index.js";
import { cellMatches, type Tolerance } from "./tolerance.js";

export const FIXTURES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../../../shared/fixtures/pmml");

export function fixturesAvailable(): boolean {
  return existsSync(join(FIXTURES_DIR, "index.json"));
}

interface CaseJson {
  case: string;
  model_element: string;
  function: string;
  kind: string;
  compare_columns: string[];
  excluded_columns: string[];
  column_mapping_expected_to_result: Record<string, string> | null;
  result_fields_without_expected_column: string[];
  compare_columns_not_in_pmml: string[];
  missing_value_tokens: string[];
  tolerance: Tolerance;
  known_divergent_rows: unknown;
  notes: string[];
  source: { harness?: string };
}

export interface CaseResult {
  readonly name: string;
  readonly element: string;
  readonly passed: boolean;
  /** Why the case failed (first problems), or why it is disputed. */
  readonly reasons: string[];
  readonly rows: number;
  readonly cellsCompared: number;
  readonly disputed?: string;
  readonly millis: number;
}

const PREDICTED = "<predicted value of the model's target field; for clustering the cluster id>";
const SYNTHETIC_TARGET = "(predicted value)";

/** Features a source evaluator reports by default without an OutputField (pmml4s: "confidence"). */
const DEFAULT_OUTPUT_FEATURES = new Set(["confidence", "probability", "entityId", "affinity"]);

export function listCases(): string[] {
  const index = JSON.parse(readFileSync(join(FIXTURES_DIR, "index.json"), "utf8")) as { case: string }[];
  return index.map((c) => c.case);
}

function columnsOf(rows: string[][], missing: Set<string>): { header: string[]; columns: Record<string, (string | null)[]>; length: number } {
  const header = rows[0] ?? [];
  const body = rows.slice(1).filter((r) => !(r.length === 1 && r[0] === ""));
  const columns: Record<string, (string | null)[]> = {};
  header.forEach((h, j) => {
    columns[h] = body.map((r) => {
      const v = r[j];
      return v === undefined || missing.has(v) ? null : v;
    });
  });
  return { header, columns, length: body.length };
}

export function runCase(name: string): CaseResult {
  const started = performance.now();
  const dir = join(FIXTURES_DIR, "cases", name);
  const meta = JSON.parse(readFileSync(join(dir, "case.json"), "utf8")) as CaseJson;
  const reasons: string[] = [];
  const fail = (r: string): CaseResult => ({
    name,
    element: meta.model_element,
    passed: false,
    reasons: [r],
    rows: 0,
    cellsCompared: 0,
    millis: performance.now() - started,
  });
  const missing = new Set(["", ...meta.missing_value_tokens]);
  let model: PmmlModel;
  try {
    const extraOutputs = meta.compare_columns_not_in_pmml
      .filter((c) => DEFAULT_OUTPUT_FEATURES.has(c))
      .map((c) => ({ name: c, feature: c }));
    model = loadPmml(readFileSync(join(dir, "model.pmml"), "utf8"), { syntheticTargetName: SYNTHETIC_TARGET, extraOutputs });
  } catch (e) {
    return fail(`load: ${(e as Error).message}`);
  }
  const input = columnsOf(parseCsv(readFileSync(join(dir, "input.csv"), "utf8")), missing);
  const expected = columnsOf(parseCsv(readFileSync(join(dir, "expected.csv"), "utf8")), missing);
  let results: Record<string, Value[]>;
  try {
    results = model.scoreColumns(input.columns, input.length);
  } catch (e) {
    return fail(`score: ${(e as Error).message}`);
  }
  const legacy = (meta.source.harness ?? "").includes("BatchUtil") || meta.case.startsWith("legacy-");
  const primary = model.targetFields[0]?.name ?? SYNTHETIC_TARGET;
  const mapping = meta.column_mapping_expected_to_result ?? {};
  let cells = 0;
  for (const column of meta.compare_columns) {
    if (meta.excluded_columns.includes(column)) continue;
    const mapped = mapping[column];
    const field = mapped === undefined ? column : mapped === PREDICTED ? primary : mapped;
    const actual = results[field];
    const want = expected.columns[column];
    if (!want) {
      reasons.push(`expected.csv has no column "${column}"`);
      continue;
    }
    if (!actual) {
      reasons.push(`no result field "${field}" (results: ${model.resultFieldNames.join(", ")})`);
      continue;
    }
    let mismatches = 0;
    for (let i = 0; i < expected.length; i++) {
      cells++;
      if (cellMatches(want[i] ?? null, actual[i] ?? null, meta.tolerance)) continue;
      if (mismatches++ < 3) reasons.push(`row ${i + 1} ${column}: expected ${JSON.stringify(want[i])}, got ${JSON.stringify(actual[i])}`);
    }
    if (mismatches > 3) reasons.push(`… ${mismatches} mismatching rows in ${column}`);
  }
  for (const field of meta.result_fields_without_expected_column) {
    const actual = results[field];
    if (!actual) {
      reasons.push(`result field "${field}" is missing`);
      continue;
    }
    // The legacy harness checks such fields to be non-null.
    if (legacy && actual.some((v) => v === null)) reasons.push(`result field "${field}" has missing values`);
  }
  if (expected.length !== input.length) reasons.push(`expected ${expected.length} rows for ${input.length} input rows`);
  return {
    name,
    element: meta.model_element,
    passed: reasons.length === 0,
    reasons,
    rows: input.length,
    cellsCompared: cells,
    millis: performance.now() - started,
  };
}

export interface ElementSummary {
  readonly element: string;
  readonly passed: number;
  readonly total: number;
  readonly failures: CaseResult[];
}

export function summarize(results: readonly CaseResult[]): ElementSummary[] {
  const byElement = new Map<string, CaseResult[]>();
  for (const r of results) byElement.set(r.element, [...(byElement.get(r.element) ?? []), r]);
  return [...byElement.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([element, rs]) => ({ element, passed: rs.filter((r) => r.passed).length, total: rs.length, failures: rs.filter((r) => !r.passed) }));
}

export function formatReport(results: readonly CaseResult[]): string {
  const summary = summarize(results);
  const lines: string[] = [];
  const width = Math.max(...summary.map((s) => s.element.length), 7);
  lines.push(`${"element".padEnd(width)}  passed / total`);
  for (const s of summary) lines.push(`${s.element.padEnd(width)}  ${String(s.passed).padStart(6)} / ${s.total}`);
  const passed = results.filter((r) => r.passed).length;
  lines.push(`${"all".padEnd(width)}  ${String(passed).padStart(6)} / ${results.length}`);
  for (const s of summary) {
    for (const f of s.failures) {
      lines.push("");
      lines.push(`FAIL ${f.name} (${s.element})`);
      for (const r of f.reasons.slice(0, 8)) lines.push(`  ${r}`);
    }
  }
  return lines.join("\n");
}
