/**
 * End-to-end: drug_train_data.csv through Filler, Derive (formula and boolean formula),
 * Reclassify, Type (check Coerce), Partition, Binning (tiles, fixed width, SDev) and Set to Flag,
 * compared with an independent pandas oracle (test/oracles/field_ops_drug.py).
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
const dataPath = resolve("../shared/fixtures/data/drug_train_data.csv");
const python = "/usr/bin/python3";

interface Oracle {
  columns: string[];
  rows: Value[][];
  partitionValues: string[];
}

async function run(seed: number): Promise<TableContent> {
  const stream = readStreamJson(readFileSync(streamPath, "utf8"), { path: streamPath, nodeTypes: defaultRegistry().propertySchemas() });
  const report = await runStream(stream, { seed });
  expect(report.warnings).toEqual([]);
  return report.documents[0]!.content as TableContent;
}

describe.skipIf(!existsSync(dataPath) || !existsSync(python))("field ops end to end (drug_train_data.csv)", () => {
  it("matches the pandas oracle", async () => {
    const table = await run(1);
    const oracle = JSON.parse(execFileSync(python, ["test/oracles/field_ops_drug.py", dataPath], { encoding: "utf8" })) as Oracle;
    expect(table.columns.map((c) => c.name)).toEqual(oracle.columns);
    expect(table.rows).toHaveLength(200);
    const partition = oracle.columns.indexOf("Partition");
    oracle.columns.forEach((name, c) => {
      if (c === partition) return;
      table.rows.forEach((row, r) => {
        const got = row[c]!;
        const want = oracle.rows[r]![c]!;
        if (typeof want === "number" && !Number.isInteger(want)) expect(got, `${name} row ${r + 1}`).toBeCloseTo(want, 9);
        else expect(got, `${name} row ${r + 1}`).toEqual(want);
      });
    });
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
});
