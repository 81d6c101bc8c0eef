/**
 * End-to-end: drug_train_data.csv through Filler, Derive (formula and boolean formula),
 * Reclassify, Type (check Coerce), Partition, Binning (tiles, fixed width, SDev, ranks), Set to
 * Flag (plain and aggregated), Restructure and Field Reorder, compared with independent pandas
 * oracles (test/oracles/field_ops_drug.py, field_ops_shape.py).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { Value } from "../../src/data/values.js";
import { runStream } from "../../src/engine/index.js";
import { defaultRegistry } from "../../src/nodes/registry.js";
import type { TableContent } from "../../src/reports/document.js";
import { readStreamJson } from "../../src/stream/index.js";

const streamPath = resolve("fixtures/streams/field-ops-drug.stream.json");
const shapePath = resolve("fixtures/streams/field-ops-shape.stream.json");
const dataPath = resolve("../shared/fixtures/data/drug_train_data.csv");
const python = "/usr/bin/python3";

interface Oracle {
  columns: string[];
  rows: Value[][];
  partitionValues: string[];
}

async function runFile(path: string, seed: number): Promise<Map<string, TableContent>> {
  const stream = readStreamJson(readFileSync(path, "utf8"), { path, nodeTypes: defaultRegistry().propertySchemas() });
  const report = await runStream(stream, { seed });
  expect(report.warnings).toEqual([]);
  return new Map(report.documents.map((d) => [d.nodeId, d.content as TableContent]));
}

async function run(seed: number): Promise<TableContent> {
  return (await runFile(streamPath, seed)).get("table")!;
}

function oracle<T>(script: string): T {
  return JSON.parse(execFileSync(python, [script, dataPath], { encoding: "utf8" })) as T;
}

/** Same columns and rows; non-integral numbers to 9 decimals. */
function expectSameTable(got: TableContent, want: { columns: string[]; rows: Value[][] }, skip: readonly string[] = []): void {
  expect(got.columns.map((c) => c.name)).toEqual(want.columns);
  expect(got.rows).toHaveLength(want.rows.length);
  want.columns.forEach((name, c) => {
    if (skip.includes(name)) return;
    got.rows.forEach((row, r) => {
      const value = row[c]!;
      const expected = want.rows[r]![c]!;
      if (typeof expected === "number" && !Number.isInteger(expected)) expect(value, `${name} row ${r + 1}`).toBeCloseTo(expected, 9);
      else expect(value, `${name} row ${r + 1}`).toEqual(expected);
    });
  });
}

describe.skipIf(!existsSync(dataPath) || !existsSync(python))("field ops end to end (drug_train_data.csv)", () => {
  it("matches the pandas oracle", async () => {
    const table = await run(1);
    const want = oracle<Oracle>("test/oracles/field_ops_drug.py");
    expect(table.rows).toHaveLength(200);
    expectSameTable(table, want, ["Partition"]);
    expect(table.columns.find((c) => c.name === "AGE")!.storage).toBe("integer");
  });

  it("partitions 70/30 with the node's seed, whatever the run's seed", async () => {
    const a = await run(1);
    const b = await run(99);
    const p = a.columns.findIndex((c) => c.name === "Partition");
    const values = a.rows.map((r) => r[p]);
    expect(b.rows.map((r) => r[p])).toEqual(values);
    expect(new Set(values)).toEqual(new Set(["1_Training", "2_Testing"]));
    const training = values.filter((v) => v === "1_Training").length;
    // 200 records at 70%: binomial standard deviation 6.5; allow four of them.
    expect(Math.abs(training - 140)).toBeLessThan(26);
  });

  it("ranks, reclassifies, restructures, reorders and aggregates flags like the pandas oracle", async () => {
    const tables = await runFile(shapePath, 1);
    const want = oracle<Record<"records" | "per_drug", { columns: string[]; rows: Value[][] }>>("test/oracles/field_ops_shape.py");
    expectSameTable(tables.get("records")!, want.records);
    expectSameTable(tables.get("per_drug")!, want.per_drug);
  });
});
