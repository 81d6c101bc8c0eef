/**
 * End to end: fixtures/streams/models-drug.stream.json trains C5.0 and C&R Tree on the
 * Training partition of drug_train_data.csv (Var. File → Derive Na_to_K → Type → Partition),
 * the models go into the stream's nuggets (as a TRAINING job does), and the nuggets score
 * drug_batch_data.csv and the training data. Checked against what the code under test does
 * not compute:
 *
 * (a) the nuggets' predictions are the evaluator's own record-by-record scoring of the same
 *     PMML on the CSV (read and derived here, not by the stream);
 * (b) on the Training partition the nuggets are exactly as accurate as the trees' own leaf
 *     counts say (Σ majority count / records), and the C&R Tree node ids are leaves;
 * (c) Modeler's own neural-net nugget of Drug1n.str (PMML 4.1 in an SCF member) scores
 *     drug_batch_data.csv as an independent numpy forward pass over that PMML's weights says
 *     (test/oracles/models_nn_drug.py, which reads the .str itself).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import type { Value } from "../../src/data/values.js";
import { runStream } from "../../src/engine/index.js";
import { loadStream } from "../../src/load/index.js";
import { loadPmml } from "../../src/pmml/index.js";
import type { TableContent } from "../../src/reports/document.js";
import { readStreamJson, type Stream } from "../../src/stream/index.js";
import { modellingRegistry } from "../nodes/modeling/helpers.js";

const streamPath = resolve("fixtures/streams/models-drug.stream.json");
const trainPath = resolve("../shared/fixtures/data/drug_train_data.csv");
const batchPath = resolve("../shared/fixtures/data/drug_batch_data.csv");
const drug1n = resolve("../shared/fixtures/modeler-str/str/pmservice__drug-selection__Drug1n.str");
const python = "/usr/bin/python3";

const registry = modellingRegistry();

function readCsv(path: string, delimiter: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path, "utf8").split(/\r?\n/).filter((l) => l.trim() !== "");
  const names = header!.split(delimiter);
  return lines.map((l) => Object.fromEntries(l.split(delimiter).map((v, i) => [names[i]!, v])));
}

function table(report: Awaited<ReturnType<typeof runStream>>, node: string): { names: string[]; rows: readonly (readonly Value[])[] } {
  const doc = report.documents.find((d) => d.nodeId === node)!;
  const t = doc.content as TableContent;
  return { names: t.columns.map((c) => c.name), rows: t.rows };
}

/** Leaves of a PMML TreeModel with their ScoreDistribution record counts. */
function leaves(pmml: string): { id: string; counts: number[] }[] {
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", isArray: (name) => name === "Node" || name === "ScoreDistribution" }).parse(pmml);
  const out: { id: string; counts: number[] }[] = [];
  const walk = (n: { id: string; Node?: unknown[]; ScoreDistribution?: { recordCount: string }[] }) => {
    if (n.Node && n.Node.length > 0) for (const c of n.Node) walk(c as typeof n);
    else out.push({ id: n.id, counts: (n.ScoreDistribution ?? []).map((s) => Number(s.recordCount)) });
  };
  walk(doc.PMML.TreeModel.Node[0]);
  return out;
}

async function trainAndScore(seed: number): Promise<{ stream: Stream; models: Map<string, string>; scored: Awaited<ReturnType<typeof runStream>> }> {
  const stream = readStreamJson(readFileSync(streamPath, "utf8"), { path: streamPath, nodeTypes: registry.propertySchemas() });
  const built = await runStream(stream, { registry, seed, terminals: ["c50", "cart"] });
  expect(built.warnings).toEqual([]);
  const models = new Map(built.terminals.map((t) => [t.node, t.result.models![0]!.pmmlText]));
  expect(built.terminals.map((t) => [t.node, t.result.models![0]!.nuggetType, t.result.models![0]!.name])).toEqual([
    ["c50", "applyc50", "DRUG"],
    ["cart", "applycart", "DRUG"],
  ]);
  // What a TRAINING job does: every nugget gets its builder's model.
  const trained: Stream = { ...stream, nodes: stream.nodes.map((n) => (n.builder ? { ...n, model: { pmmlText: models.get(n.builder)! } } : n)) };
  const scored = await runStream(trained, { registry, seed, terminals: ["train_scores", "batch_scores"] });
  expect(scored.warnings).toEqual([]);
  return { stream: trained, models, scored };
}

describe.skipIf(!existsSync(trainPath) || !existsSync(batchPath))("models end to end (drug data)", () => {
  it("(a) the nuggets score drug_batch_data.csv as the evaluator scores the PMML record by record", async () => {
    const { models, scored } = await trainAndScore(3);
    const { names, rows } = table(scored, "batch_scores");
    expect(names).toEqual(["AGE", "SEX", "BP", "CHOLESTEROL", "NA", "K", "Na_to_K", "$C-DRUG", "$CC-DRUG", "$R-DRUG", "$RC-DRUG"]);
    const records = readCsv(batchPath, ",").map((r) => ({ ...r, AGE: Number(r.AGE), NA: Number(r.NA), K: Number(r.K), Na_to_K: Number(r.NA) / Number(r.K) }));
    expect(rows).toHaveLength(records.length);
    const c50 = loadPmml(models.get("c50")!);
    const cart = loadPmml(models.get("cart")!);
    records.forEach((rec, i) => {
      expect(rows[i]![names.indexOf("$C-DRUG")], `row ${i + 1}`).toBe(c50.score(rec).DRUG);
      expect(rows[i]![names.indexOf("$R-DRUG")], `row ${i + 1}`).toBe(cart.score(rec).DRUG);
    });
    // The model's own outputs ($C-DRUG / $CC-DRUG as the trainer declared them) agree too.
    records.forEach((rec, i) => expect(rows[i]![names.indexOf("$CC-DRUG")]).toBeCloseTo(c50.score(rec)["$CC-DRUG"] as number, 12));
  });

  it("(b) on the Training partition the nuggets are as accurate as the trees' leaves say", async () => {
    const { models, scored } = await trainAndScore(3);
    const { names, rows } = table(scored, "train_scores");
    const at = (name: string) => names.indexOf(name);
    const training = rows.filter((r) => r[at("Partition")] === "1_Training");
    expect(training.length).toBeGreaterThan(100);
    expect(training.length).toBeLessThan(180);
    for (const [node, field] of [["c50", "$C-DRUG"], ["cart", "$R-DRUG"]] as const) {
      const ls = leaves(models.get(node)!);
      const total = ls.reduce((s, l) => s + l.counts.reduce((a, b) => a + b, 0), 0);
      const right = ls.reduce((s, l) => s + Math.max(...l.counts), 0);
      expect(total, node).toBe(training.length);
      const hits = training.filter((r) => r[at(field)] === r[at("DRUG")]).length;
      expect(hits / training.length, node).toBeCloseTo(right / total, 12);
      expect(hits / training.length, node).toBeGreaterThan(0.9);
    }
    // $RI- holds the id of a leaf of the C&R Tree.
    const leafIds = new Set(leaves(models.get("cart")!).map((l) => Number(l.id)));
    for (const r of training) expect(leafIds.has(r[at("$RI-DRUG")] as number)).toBe(true);
  });

  it("the same seed trains the same models; the partition's own seed fixes the training rows", async () => {
    const a = await trainAndScore(3);
    const b = await trainAndScore(3);
    expect(b.models).toEqual(a.models);
  });
});

describe.skipIf(!existsSync(drug1n) || !existsSync(batchPath) || !existsSync(python))("Modeler's own neural-net nugget (Drug1n.str)", () => {
  it("(c) scores drug_batch_data.csv as a numpy forward pass over its PMML says", async () => {
    const str = await loadStream(drug1n, { registry });
    const nugget = str.nodes.find((n) => n.modeler?.modelerClass === "CFApplyModelNode")!;
    expect(nugget.type).toBe("applymodel");
    // The scoring data names the fields in capitals; the model reads Age, Sex, Cholesterol, Na.
    const stream: Stream = {
      name: "drug1n-scoring",
      parameters: [],
      properties: {},
      nodes: [
        { id: "batch", type: "variablefile", enabled: true, properties: { full_filename: batchPath, read_field_names: true, delimit_comma: true } },
        { id: "rename", type: "filter", enabled: true, properties: { new_name: { AGE: "Age", SEX: "Sex", CHOLESTEROL: "Cholesterol", NA: "Na" } } },
        nugget,
        { id: "table", type: "table", enabled: true, properties: {} },
      ],
      links: [{ from: "batch", to: "rename" }, { from: "rename", to: nugget.id }, { from: nugget.id, to: "table" }],
    };
    const report = await runStream(stream, { registry, seed: 1 });
    expect(report.warnings).toEqual([]);
    const { names, rows } = table(report, "table");
    expect(names.slice(-2)).toEqual(["$N-Drug", "$NC-Drug"]);
    const oracle = JSON.parse(execFileSync(python, ["test/oracles/models_nn_drug.py", drug1n, batchPath], { encoding: "utf8" })) as { predictions: string[]; confidences: number[] };
    expect(rows.map((r) => r[names.indexOf("$N-Drug")])).toEqual(oracle.predictions);
    rows.forEach((r, i) => expect(r[names.indexOf("$NC-Drug")] as number, `row ${i + 1}`).toBeCloseTo(oracle.confidences[i]!, 9));
  });
});
