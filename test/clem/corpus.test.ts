/**
 * Every CLEM expression found in the real Modeler streams of the shared corpus must parse.
 * The TSV quotes fields CSV-style (`"a ""b"""`) and writes line breaks as `\n`.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { walk } from "../../src/clem/ast.js";
import { compileClem, parseClem } from "../../src/clem/index.js";
import { makeField } from "../../src/data/field.js";
import { Schema } from "../../src/data/schema.js";

const TSV = fileURLToPath(new URL("../../../shared/fixtures/modeler-str/clem-expressions.tsv", import.meta.url));

function decodeField(raw: string): string {
  let s = raw;
  if (s.length >= 2 && s.startsWith('"') && s.endsWith('"')) s = s.slice(1, -1).replace(/""/g, '"');
  return s.replace(/\\(n|r|t|\\)/g, (_m, c: string) => (c === "n" ? "\n" : c === "r" ? "\r" : c === "t" ? "\t" : "\\"));
}

function readCorpus(): { file: string; property: string; expression: string }[] {
  const lines = readFileSync(TSV, "utf8").split(/\r?\n/).filter((l) => l.length > 0);
  const header = lines[0]!.split("\t");
  const col = (name: string) => header.indexOf(name);
  return lines.slice(1).map((line) => {
    const cells = line.split("\t");
    return { file: cells[col("file")]!, property: cells[col("property")]!, expression: decodeField(cells[col("expression")]!) };
  });
}

describe.skipIf(!existsSync(TSV))("real-stream corpus (../shared/fixtures/modeler-str)", () => {
  it("parses every expression of clem-expressions.tsv", () => {
    const rows = readCorpus();
    expect(rows.length).toBeGreaterThan(150);
    const failures: string[] = [];
    for (const row of rows) {
      try {
        parseClem(row.expression);
      } catch (err) {
        failures.push(`${row.file} ${row.property}: ${row.expression}\n  ${(err as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("binds and compiles every expression when each name it uses is a field of unknown storage", () => {
    const failures: string[] = [];
    for (const row of readCorpus()) {
      const ast = parseClem(row.expression);
      const names = new Set<string>(["Current", "Partition"]);
      walk(ast, (n) => {
        if (n.kind === "name" && !n.name.startsWith("$P-") && n.name !== "pi") names.add(n.name);
      });
      const schema = new Schema([...names].map((n) => makeField(n, "unknown")));
      try {
        compileClem(ast, { schema, currentField: "Current", special: { partitionField: "Partition", trainingPartition: "1_Training", testingPartition: "2_Testing" } });
      } catch (err) {
        failures.push(`${row.file} ${row.property}: ${row.expression}\n  ${(err as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("keeps line breaks: a multi-line if parses to one conditional", () => {
    const multi = readCorpus().find((r) => r.expression.includes("\n") && r.expression.includes("elseif"));
    expect(multi).toBeDefined();
    expect(parseClem(multi!.expression).kind).toBe("if");
  });
});

if (!existsSync(TSV)) {
  console.warn(`skipping the corpus test: ${TSV} is absent (CI has it)`);
}
