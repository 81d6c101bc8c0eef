/**
 * End-to-end: Var. File reading the shared DRUG and telco files and Flat File writing them
 * back, through JSON streams (fixtures/streams/sources-*.stream.json), compared with
 * independent pandas oracles (test/oracles/sources_*.py): the storages and values the source
 * reads, and what pandas reads back from the files the export wrote.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { Value } from "../../src/data/values.js";
import { runStream, type RunReport } from "../../src/engine/index.js";
import { defaultRegistry } from "../../src/nodes/registry.js";
import type { TableContent } from "../../src/reports/document.js";
import { readStreamJson } from "../../src/stream/index.js";

const data = resolve("../shared/fixtures/data");
const python = "/usr/bin/python3";

interface OracleTable {
  columns: Array<{ name: string; storage: string }>;
  rows: Value[][];
}

async function run(name: string, outDir: string): Promise<RunReport> {
  const path = resolve(`fixtures/streams/sources-${name}.stream.json`);
  const stream = readStreamJson(readFileSync(path, "utf8"), { path, nodeTypes: defaultRegistry().propertySchemas() });
  return runStream(stream, { seed: 1, outDir });
}

function oracle(script: string, ...args: string[]): { input: OracleTable; written: OracleTable } {
  const out = execFileSync(python, [script, ...args], { encoding: "utf8", cwd: resolve("test/oracles"), maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(out) as { input: OracleTable; written: OracleTable };
}

/** The Table document of `id` has the oracle's fields, storages and values (exactly). */
function expectTable(report: RunReport, id: string, want: OracleTable): void {
  const got = report.documents.find((d) => d.nodeId === id)!.content as TableContent;
  expect(got.columns.map((c) => ({ name: c.name, storage: c.storage }))).toEqual(want.columns);
  expect(got.rows.length).toBe(want.rows.length);
  got.rows.forEach((row, r) => expect([...row], `row ${r + 1}`).toEqual(want.rows[r]));
}

const files = ["drug_train_data.csv", "drug_batch_data.csv", "telco_customer_churn.csv"];
const haveAll = existsSync(python) && files.every((f) => existsSync(resolve(data, f)));

describe.skipIf(!haveAll)("sources end to end", () => {
  it("drug: reads both files as pandas does, writes them back unchanged", async () => {
    const outDir = mkdtempSync(join(tmpdir(), "mb-e2e-sources-"));
    const report = await run("drug", outDir);
    expect(report.warnings).toEqual([]);
    // The source is read once for its two terminals.
    expect(report.nodes.find((n) => n.id === "train")!.records).toBe(200);

    const train = oracle("sources_drug.py", resolve(data, "drug_train_data.csv"), ";", join(outDir, "drug-train-out.csv"));
    expect(train.input.columns.map((c) => c.storage)).toEqual(["real", "string", "string", "string", "real", "real", "string"]);
    expectTable(report, "train_table", train.input);
    expect(train.written).toEqual(train.input);

    const batch = oracle("sources_drug.py", resolve(data, "drug_batch_data.csv"), ",", join(outDir, "drug-batch-out.csv"));
    expectTable(report, "batch_table", batch.input);
    expect(batch.written).toEqual(batch.input);
    expect(report.terminals.find((t) => t.node === "batch_out")!.result.exports).toEqual([{ target: join(outDir, "drug-batch-out.csv"), records: 22, mode: "Overwrite" }]);
  });

  it("telco: `;`-separated header, `,`-separated records ending in a run of `;`", async () => {
    const outDir = mkdtempSync(join(tmpdir(), "mb-e2e-sources-"));
    const report = await run("telco", outDir);
    // The trailing empty fields are dropped without a warning; " " in TotalCharges is a blank number.
    expect(report.warnings).toEqual([]);
    const telco = oracle("sources_telco.py", resolve(data, "telco_customer_churn.csv"), join(outDir, "telco-out.csv"));
    const storages = Object.fromEntries(telco.input.columns.map((c) => [c.name, c.storage]));
    expect(storages).toMatchObject({ SeniorCitizen: "integer", tenure: "integer", MonthlyCharges: "real", TotalCharges: "real", Churn: "string" });
    expectTable(report, "telco_table", telco.input);
    const total = telco.input.columns.findIndex((c) => c.name === "TotalCharges");
    expect(telco.input.rows.filter((r) => r[total] === null)).toHaveLength(11);
    expect(telco.written).toEqual(telco.input);
  });
});
