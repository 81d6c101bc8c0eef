/**
 * One engine run of the sources benchmark, in its own process (so peak RSS is this run's):
 *
 *   npx tsx bench/sources-engine.ts <copy|full> <input.csv> <output.csv>
 *
 * `copy`: Var. File → Flat File. `full`: Var. File → Derive `Na_to_K = Na / K` → Select
 * `Age > 30` → Flat File. Prints one JSON line: { rows, written, ms, cpuMs, maxRssKB, nodes }.
 */
import { runStream } from "../src/engine/index.js";
import { StreamBuilder } from "../src/stream/index.js";

export type EngineMode = "copy" | "full";

export function benchStream(mode: EngineMode, input: string, output: string) {
  const b = new StreamBuilder("bench");
  let node = b.add("variablefile", { full_filename: input }, { id: "drug" });
  if (mode === "full") {
    node = node
      .then("derive", { new_name: "Na_to_K", result_type: "Formula", formula_expr: "Na / K" }, { id: "ratio" })
      .then("select", { mode: "Include", condition: "Age > 30" }, { id: "adults" });
  }
  node.then("outputfile", { full_filename: output }, { id: "out" });
  return b.build();
}

const [mode, input, output] = process.argv.slice(2) as [EngineMode, string, string];
if (mode && input && output) {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const report = await runStream(benchStream(mode, input, output), { seed: 1 });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const rows = report.nodes.find((n) => n.id === "drug")!.records;
  const written = report.terminals[0]!.result.exports![0]!.records;
  const nodes = Object.fromEntries(report.nodes.map((n) => [n.id, n.ms]));
  console.log(JSON.stringify({ rows, written, ms, cpuMs: (cpu.user + cpu.system) / 1000, maxRssKB: process.resourceUsage().maxRSS, nodes }));
}
