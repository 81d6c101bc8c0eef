/**
 * End to end on a real stream: pmservice's Drug1n_capitalized.str reads its training data from
 * a macOS path of its author's disk. Its training source is run into a Table with
 * `--file-root ../shared/fixtures/data` and `--set` for the ";" delimiter, from the command
 * line, and the rows and values equal the CSV file's, read independently here.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { runStream } from "../../src/engine/run.js";
import { parseStreamBytes } from "../../src/load/index.js";
import { writeStr } from "../../src/modeler/export/index.js";
import { applyPropertyOverrides, parsePropertyOverride } from "../../src/nodes/overrides.js";
import { defaultRegistry } from "../../src/nodes/registry.js";
import type { TableContent } from "../../src/reports/document.js";
import type { Stream } from "../../src/stream/model.js";
import { runCli } from "../cli/helpers.js";
import { CORPUS_AVAILABLE, DATA_DIR, REPO_ROOT, corpusFile } from "./helpers/corpus.js";

const SETS = ["--set", "trainingInput.delimit_other=true", "--set", "trainingInput.other=;"];

/** The CSV as text cells, split by hand: ";"-separated, a header line, no quoting in this file. */
function csv(path: string): { header: string[]; rows: string[][] } {
  const lines = readFileSync(path, "utf8").split(/\r?\n/).filter((l) => l !== "");
  return { header: lines[0]!.split(";"), rows: lines.slice(1).map((l) => l.split(";")) };
}

/** The stream with a Table reading the training source (the file itself has none there). */
function withTable(s: Stream): Stream {
  return {
    ...s,
    nodes: [...s.nodes, { id: "training_table", type: "table", name: "Training rows", enabled: true, properties: {} }],
    links: [...s.links, { from: "id5D6SD4P3MMA", to: "training_table" }],
  };
}

describe.skipIf(!CORPUS_AVAILABLE)("Drug1n_capitalized.str end to end", () => {
  const registry = defaultRegistry();
  const source = corpusFile("pmservice__drug-selection__Drug1n_capitalized").strPath;
  const expected = csv(join(DATA_DIR, "drug_train_data.csv"));

  it("the training source into a Table: the CSV's rows and values", async () => {
    let stream = withTable(parseStreamBytes(readFileSync(source), source, registry));
    stream = applyPropertyOverrides(stream, [SETS[1]!, SETS[3]!].map(parsePropertyOverride), registry);
    const report = await runStream(stream, { registry, terminals: ["Training rows"], fileRoots: [DATA_DIR], seed: 1 });
    const table = report.documents[0]!.content as TableContent;
    expect(table.columns.map((c) => c.name)).toEqual(expected.header);
    expect(table.rows.length).toBe(expected.rows.length);
    table.rows.forEach((row, r) => {
      row.forEach((v, c) => {
        const cell = expected.rows[r]![c]!;
        if (typeof v === "number") expect(v, `row ${r + 1}, ${expected.header[c]}`).toBe(Number(cell));
        else expect(v, `row ${r + 1}, ${expected.header[c]}`).toBe(cell);
      });
    });
  });

  it("from the command line: run <file.str> --node … --file-root … --set …", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mb-str-e2e-"));
    const withNode = join(dir, "drug-with-table.str");
    writeFileSync(withNode, writeStr(withTable(parseStreamBytes(readFileSync(source), source, registry)), { registry }).bytes);
    const out = join(dir, "out");
    const root = relative(process.cwd(), DATA_DIR) || DATA_DIR;
    const cli = await runCli(["run", withNode, "--node", "training_table", "--file-root", root, ...SETS, "--format", "tab", "--out", out, "--json"]);
    expect(cli.code, cli.stderr).toBe(0);
    const report = JSON.parse(cli.stdout) as { ok: boolean; nodes: Array<{ id: string; records: number }>; documentFiles: string[] };
    expect(report.ok).toBe(true);
    expect(report.nodes.find((n) => n.id === "id5D6SD4P3MMA")!.records).toBe(expected.rows.length);
    const tab = readFileSync(report.documentFiles[0]!, "utf8").trimEnd().split("\n").map((l) => l.split("\t"));
    expect(tab[0]).toEqual(expected.header);
    expect(tab.length - 1).toBe(expected.rows.length);
    // Text columns come out as they are in the file (numbers are shown with the stream's decimal places).
    for (const c of ["SEX", "BP", "CHOLESTEROL", "DRUG"]) {
      const i = expected.header.indexOf(c);
      expect(tab.slice(1).map((row) => row[i])).toEqual(expected.rows.map((row) => row[i]));
    }
    expect(REPO_ROOT).toBeTruthy();
  });

  it("without --file-root the missing file is an error naming the node and the paths tried", async () => {
    const cli = await runCli(["run", source, "--node", "id86PQD2I2A8L", "--json"]);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(/FILE_NOT_FOUND.*"scoreInput".*drug_batch_data\.csv.*--file-root/);
  });

  it("--set finds .str nodes by uid, custom name, automatic name and annotation", () => {
    const s = parseStreamBytes(readFileSync(source), source, registry);
    const annotated: Stream = { ...s, nodes: s.nodes.map((n) => (n.id === "id1JRRSIWAHWX" ? { ...n, label: "batch scores" } : n)) };
    const set = (ref: string, value: string) => applyPropertyOverrides(annotated, [parsePropertyOverride(`${ref}.other=${value}`)], registry);
    expect(set("id5D6SD4P3MMA", "|").nodes.find((n) => n.id === "id5D6SD4P3MMA")!.properties.other).toBe("|");
    expect(set("trainingInput", "!").nodes.find((n) => n.id === "id5D6SD4P3MMA")!.properties.other).toBe("!");
    expect(set("batch scores", "#").nodes.find((n) => n.id === "id1JRRSIWAHWX")!.properties.other).toBe("#");
    const table = applyPropertyOverrides(s, [parsePropertyOverride("Table.lines_per_page=5")], registry);
    expect(table.nodes.find((n) => n.id === "id86PQD2I2A8L")!.properties.lines_per_page).toBe(5);
  });

  it("a plain run of every terminal trains its Neural Net (a CFBuildModelNode read from its Parameters member) and fills its Table", async () => {
    const cli = await runCli(["run", source, "--file-root", relative(process.cwd(), DATA_DIR) || DATA_DIR, ...SETS, "--json"]);
    expect(cli.code, cli.stderr).toBe(0);
    const report = JSON.parse(cli.stdout) as { terminals: Array<{ node: string; type: string; models: Array<{ name: string; nuggetType: string }> }> };
    expect(report.terminals.map((t) => [t.node, t.type])).toEqual(expect.arrayContaining([["id5EIQTQCRX6B", "neuralnetwork"], ["id86PQD2I2A8L", "table"]]));
    expect(report.terminals.find((t) => t.node === "id5EIQTQCRX6B")!.models).toEqual([{ name: "DRUG", nuggetType: "applyneuralnetwork" }]);
  });
});
