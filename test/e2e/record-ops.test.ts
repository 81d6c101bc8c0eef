/**
 * End-to-end: the Record Ops nodes on drug_train_data.csv / drug_batch_data.csv and on
 * telco_customer_churn.csv / telco_score_input.csv, through JSON streams
 * (fixtures/streams/record-ops-*.stream.json), compared table by table with independent
 * pandas oracles (test/oracles/record_ops_*.py).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { Value } from "../../src/data/values.js";
import { runStream, type RunReport } from "../../src/engine/index.js";
import { defaultRegistry } from "../../src/nodes/registry.js";
import type { TableContent } from "../../src/reports/document.js";
import { readStreamJson } from "../../src/stream/index.js";

const data = resolve("../shared/fixtures/data");
const python = "/usr/bin/python3";

type Oracle = Record<string, { columns: string[]; rows: Value[][] }>;

async function run(name: string): Promise<RunReport> {
  const path = resolve(`fixtures/streams/record-ops-${name}.stream.json`);
  const stream = readStreamJson(readFileSync(path, "utf8"), { path, nodeTypes: defaultRegistry().propertySchemas() });
  return runStream(stream, { seed: 1 });
}

function oracle(script: string, ...files: string[]): Oracle {
  const out = execFileSync(python, [script, ...files.map((f) => resolve(data, f))], { encoding: "utf8", cwd: resolve("test/oracles"), maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(out) as Oracle;
}

/** Every table matches its oracle: same columns, same rows in the same order, reals to 1e-9 relative. */
function expectTables(report: RunReport, expected: Oracle): void {
  for (const [id, want] of Object.entries(expected)) {
    const doc = report.documents.find((d) => d.nodeId === id);
    expect(doc, `table ${id}`).toBeDefined();
    const got = doc!.content as TableContent;
    expect(got.columns.map((c) => c.name), `${id} columns`).toEqual(want.columns);
    expect(got.rows.length, `${id} rows`).toBe(want.rows.length);
    got.rows.forEach((row, r) => {
      row.forEach((v, c) => {
        const w = want.rows[r]![c]!;
        const where = `${id} row ${r + 1} ${want.columns[c]}`;
        if (typeof w === "number" && typeof v === "number") expect(Math.abs(v - w), where).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(w)));
        else expect(v, where).toEqual(w);
      });
    });
  }
}

const drugFiles = ["drug_train_data.csv", "drug_batch_data.csv"];
const telcoFiles = ["telco_customer_churn.csv", "telco_score_input.csv"];
const haveAll = existsSync(python) && [...drugFiles, ...telcoFiles].every((f) => existsSync(resolve(data, f)));

describe.skipIf(!haveAll)("record ops end to end", () => {
  it("drug: select + sort, aggregate with an expression, distinct, append, full outer merge", async () => {
    const report = await run("drug");
    expect(report.warnings).toEqual([]);
    expectTables(report, oracle("record_ops_drug.py", ...drugFiles));
  });

  it("telco: aggregate, select + distinct composite, sort + sample, inner merge, append", async () => {
    const report = await run("telco");
    // The score file repeats 18 of telco's non-key fields; the merge keeps the first input's and says so.
    expect(report.warnings).toHaveLength(18);
    expect(report.warnings.every((w) => /Merge \(scored\): field ".*" of input score duplicates a field of an earlier input and is dropped/.test(w))).toBe(true);
    expectTables(report, oracle("record_ops_telco.py", ...telcoFiles));
  });
});
