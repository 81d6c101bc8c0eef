/**
 * TRAINING on a real Modeler stream through the command line: IBM's Drug1n_capitalized.str
 * (the sample of the batch service this project replaces) trains its Neural Net — a
 * `CFBuildModelNode` whose settings are in its Parameters member — into the `CFApplyModelNode`
 * nugget its `builderNodeId` links, writes the trained `.str` and `.stream.json`, and the
 * trained `.str`'s scoring branch then scores new records with the new network.
 *
 * Oracles are the CSV files themselves, split by hand here: the training file's own DRUG
 * column (the data is nearly separable: Modeler's own nugget predicts it without an error),
 * the batch file's rows, and the set of drugs the training file holds.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { loadStream } from "../../src/load/index.js";
import { applyPropertyOverrides, parsePropertyOverride } from "../../src/nodes/overrides.js";
import { defaultRegistry } from "../../src/nodes/registry.js";
import type { Stream } from "../../src/stream/model.js";
import { runCli } from "../cli/helpers.js";
import { CORPUS_AVAILABLE, DATA_DIR, corpusFile } from "../modeler/helpers/corpus.js";
import { graphView } from "../modeler/helpers/graph.js";

const BUILDER = "id5EIQTQCRX6B";
const NUGGET = "id2SGR14P43KS";
const TABLE = "id86PQD2I2A8L";
const SETS = ["--set", "trainingInput.delimit_other=true", "--set", "trainingInput.other=;"];

/** A CSV split by hand: header line, then one record per line, no quoting in these files. */
function csv(path: string, delimiter: string): { header: string[]; rows: string[][] } {
  const lines = readFileSync(path, "utf8").split(/\r?\n/).filter((l) => l !== "");
  return { header: lines[0]!.split(delimiter), rows: lines.slice(1).map((l) => l.split(delimiter)) };
}

/** The Table's tab-separated document: header, then rows. */
function tab(path: string): { header: string[]; rows: string[][] } {
  const lines = readFileSync(path, "utf8").trimEnd().split("\n").map((l) => l.split("\t"));
  return { header: lines[0]!, rows: lines.slice(1) };
}

function pmmlOf(s: Stream, id: string): string {
  const model = s.nodes.find((n) => n.id === id)!.model;
  if (!model || !("pmmlText" in model)) throw new Error(`node ${id} has no inline model`);
  return model.pmmlText;
}

describe.skipIf(!CORPUS_AVAILABLE)("TRAINING job on Drug1n_capitalized.str (Neural Net CFBuildModelNode)", () => {
  const source = () => corpusFile("pmservice__drug-selection__Drug1n_capitalized").strPath;
  const root = relative(process.cwd(), DATA_DIR) || DATA_DIR;
  const train = csv(join(DATA_DIR, "drug_train_data.csv"), ";");
  const batch = csv(join(DATA_DIR, "drug_batch_data.csv"), ",");
  const drugs = new Set(train.rows.map((r) => r[train.header.indexOf("DRUG")]!));

  it("trains the network into the linked nugget, saves .str and .stream.json, and the trained .str scores", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mb-str-train-"));
    const jobPath = join(dir, "train.job.json");
    writeFileSync(jobPath, JSON.stringify({ action: "TRAINING", model: { id: "drug-selection" }, dbDefinitions: {}, setting: { inputs: [], exports: [], parameterOverride: [] } }));
    const out = join(dir, "out");

    const trained = await runCli(["run", source(), "--job", jobPath, "--file-root", root, ...SETS, "--out", out, "--json"]);
    expect(trained.code, trained.stderr).toBe(0);
    const report = JSON.parse(trained.stdout) as { action: string; models: unknown[]; trainedStreamFiles: string[]; nodes: Array<{ id: string; records: number }>; warnings: string[] };
    expect(report.action).toBe("TRAINING");
    expect(report.models).toEqual([{ builder: BUILDER, nuggets: [NUGGET], name: "DRUG", added: false }]);
    expect(report.nodes.find((n) => n.id === BUILDER)!.records).toBe(train.rows.length);
    const strPath = join(out, "Drug1n.str");
    const jsonPath = join(out, "Drug1n.stream.json");
    expect(report.trainedStreamFiles).toEqual([strPath, jsonPath]);
    // The nugget's StatXML (Modeler's viewer tables) is left as it was, and the run says so.
    expect(report.warnings.filter((w) => w.includes(NUGGET))).toEqual([expect.stringMatching(/StatXML container\(s\) still describe the previous model/)]);

    // The new network is in the nugget, in both files, and it is not Modeler's.
    const original = await loadStream(source());
    const fromStr = await loadStream(strPath);
    const fromJson = await loadStream(jsonPath);
    const pmml = pmmlOf(fromStr, NUGGET);
    expect(pmml).not.toBe(pmmlOf(original, NUGGET));
    expect(pmml).toMatch(/<NeuralNetwork[\s\S]*<\/PMML>\s*$/);
    expect(pmml).toContain("modeler-batch");
    // The SCF record is read from its XML declaration to </PMML>: the trained text's final line break is not part of it.
    expect(pmmlOf(fromJson, NUGGET).trimEnd()).toBe(pmml);

    // (c) The trained .str is the original graph (with the --set changes the run made) and the new model.
    const registry = defaultRegistry();
    const expected = applyPropertyOverrides(original, [SETS[1]!, SETS[3]!].map(parsePropertyOverride), registry);
    const withNewModel: Stream = { ...expected, nodes: expected.nodes.map((n) => (n.id === NUGGET ? { ...n, model: { pmmlText: pmml } } : n)) };
    expect(graphView(fromStr)).toEqual(graphView(withNewModel));
    expect(fromStr.nodes.find((n) => n.id === BUILDER)).toMatchObject({ type: "neuralnetwork", properties: { targets: ["DRUG"], use_random_seed: true, random_seed: 229176228 } });
    expect(fromStr.nodes.find((n) => n.id === NUGGET)).toMatchObject({ type: "applymodel", builder: BUILDER, modeler: { modelerClass: "CFApplyModelNode" } });

    // The trained .str's scoring branch scores the batch file: its rows, a drug for each.
    const scored = join(dir, "scored");
    const score = await runCli(["run", strPath, "--node", TABLE, "--file-root", root, "--format", "tab", "--out", scored, "--json"]);
    expect(score.code, score.stderr).toBe(0);
    const table = tab((JSON.parse(score.stdout) as { documentFiles: string[] }).documentFiles[0]!);
    expect(table.header).toEqual([...batch.header, "$N-DRUG", "$NC-DRUG"]);
    expect(table.rows).toHaveLength(batch.rows.length);
    table.rows.forEach((row, i) => {
      expect(row.slice(1, 4), `row ${i + 1}`).toEqual(batch.rows[i]!.slice(1, 4));
      expect(drugs.has(row[6]!), `row ${i + 1}: ${row[6]}`).toBe(true);
      const confidence = Number(row[7]);
      expect(confidence).toBeGreaterThan(0);
      expect(confidence).toBeLessThanOrEqual(1);
    });

    // Accuracy on the training file, against its own DRUG column.
    const again = join(dir, "again");
    const onTraining = await runCli([
      "run", strPath, "--node", TABLE, "--file-root", root,
      "--set", `scoreInput.full_filename=${join(DATA_DIR, "drug_train_data.csv")}`, "--set", "scoreInput.delimit_other=true", "--set", "scoreInput.other=;",
      "--format", "tab", "--out", again, "--json",
    ]);
    expect(onTraining.code, onTraining.stderr).toBe(0);
    const predicted = tab((JSON.parse(onTraining.stdout) as { documentFiles: string[] }).documentFiles[0]!);
    const p = predicted.header.indexOf("$N-DRUG");
    expect(predicted.rows).toHaveLength(train.rows.length);
    const correct = predicted.rows.filter((row, i) => row[p] === train.rows[i]![train.header.indexOf("DRUG")]).length;
    // 196 of 200 with the node's own seed (229176228).
    expect(correct / train.rows.length).toBeGreaterThanOrEqual(0.95);
  }, 120_000);
});
