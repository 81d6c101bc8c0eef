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
import { KNOWN_DEVIATIONS } from "./known-deviations.js";
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

export type CaseStatus = "passed" | "failed" | "deviation" | "disputed";

export interface CaseResult {
  readonly name: string;
  readonly element: string;
  readonly status: CaseStatus;
  readonly passed: boolean;
  /** Why the case failed (first problems), or the explanation of a deviation or dispute. */
  readonly reasons: string[];
  readonly rows: number;
  readonly cellsCompared: number;
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
    status: "failed",
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
  const deviationColumns: string[] = [];
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
    const deviation = KNOWN_DEVIATIONS.find((d) => d.case === name && d.column === column);
    let explained = deviation !== undefined;
    for (let i = 0; i < expected.length; i++) {
      cells++;
      const a = actual[i] ?? null;
      if (cellMatches(want[i] ?? null, a, meta.tolerance)) continue;
      if (deviation && typeof a === "number" && cellMatches(want[i] ?? null, deviation.expectedFrom(a), meta.tolerance)) {
        mismatches++;
        continue;
      }
      explained = false;
      if (mismatches++ < 3) reasons.push(`row ${i + 1} ${column}: expected ${JSON.stringify(want[i])}, got ${JSON.stringify(a)}`);
    }
    if (mismatches > 0 && explained) deviationColumns.push(column);
    else if (mismatches > 3) reasons.push(`… ${mismatches} mismatching rows in ${column}`);
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
  let status: CaseStatus = reasons.length === 0 ? (deviationColumns.length > 0 ? "deviation" : "passed") : "failed";
  if (status === "deviation") {
    for (const c of deviationColumns) reasons.push(`${c}: ${KNOWN_DEVIATIONS.find((d) => d.case === name && d.column === c)!.explanation}`);
  }
  // A case whose own notes say the reference evaluators disagree is disputed, not failed.
  const dispute = meta.notes.find((n) => /disagree|disput/i.test(n));
  if (status === "failed" && dispute) {
    status = "disputed";
    reasons.push(`case.json: ${dispute}`);
  }
  return {
    name,
    element: meta.model_element,
    status,
    passed: status === "passed",
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
  /** Cases that did not pass: failed, known deviations and disputes. */
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
  const count = (rs: readonly CaseResult[], st: CaseStatus) => rs.filter((r) => r.status === st).length;
  const row = (label: string, rs: readonly CaseResult[]) => {
    const extra = [["deviation", "known deviation"], ["disputed", "disputed"], ["failed", "failed"]]
      .map(([st, word]) => (count(rs, st as CaseStatus) ? `${count(rs, st as CaseStatus)} ${word}` : ""))
      .filter(Boolean)
      .join(", ");
    return `${label.padEnd(width)}  ${String(count(rs, "passed")).padStart(6)} / ${String(rs.length).padEnd(4)} ${extra}`;
  };
  lines.push(`${"element".padEnd(width)}  passed / total`);
  for (const s of summary) lines.push(row(s.element, results.filter((r) => r.element === s.element)));
  lines.push(row("all", results));
  const labels: Record<CaseStatus, string> = { passed: "PASS", failed: "FAIL", deviation: "KNOWN DEVIATION (verified)", disputed: "DISPUTED" };
  for (const s of summary) {
    for (const f of s.failures) {
      lines.push("");
      lines.push(`${labels[f.status]} ${f.name} (${s.element})`);
      for (const r of f.reasons.slice(0, 8)) lines.push(`  ${r}`);
    }
  }
  return lines.join("\n");
}
