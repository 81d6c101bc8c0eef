/**
 * One engine run of the database benchmarks, in its own process (peak RSS is this run's):
 *
 *   npx tsx bench/db-engine.ts <url> <load|copy|full> <ODBC|Off> <source> <target>
 *
 * - `load`: Var. File `<source>` (a CSV path) → Database export `<target>`;
 * - `copy`: Database `<source>` → Database export `<target>`;
 * - `full`: Database `<source>` → Derive `Na_to_K = Na / K` → Select `Age > 30` → Database
 *   export `<target>` (a BATCH_SCORE-like run).
 * The export uses insert mode Drop and the given bulk loading. Prints one JSON line:
 * `{ rows, written, ms, cpuMs, maxRssKB }`; times run from the start of work to the commit.
 */
import { withDatabases } from "../src/db/connections.js";
import { DATABASES_SERVICE } from "../src/db/services.js";
import { parseDatabaseUrl } from "../src/db/url.js";
import { runStream } from "../src/engine/index.js";
import { databaseExportNode } from "../src/nodes/exports/databaseexport.js";
import { createRegistry } from "../src/nodes/registry.js";
import { databaseNode } from "../src/nodes/sources/database.js";
import { StreamBuilder } from "../src/stream/index.js";

export type DbBenchMode = "load" | "copy" | "full";

export function dbBenchStream(mode: DbBenchMode, bulk: string, source: string, target: string) {
  const b = new StreamBuilder("db-bench");
  let node =
    mode === "load"
      ? b.add("variablefile", { full_filename: source }, { id: "in" })
      : b.add("database", { dbRef: "bench", tablename: source }, { id: "in" });
  if (mode === "full") {
    node = node
      .then("derive", { new_name: "Na_to_K", result_type: "Formula", formula_expr: "Na / K" }, { id: "ratio" })
      .then("select", { mode: "Include", condition: "Age > 30" }, { id: "adults" });
  }
  node.then("databaseexport", { dbRef: "bench", table_name: target, write_mode: "Create", drop_existing_table: true, bulk_loading: bulk }, { id: "out" });
  return b.build();
}

const [url, mode, bulk, source, target] = process.argv.slice(2) as [string, DbBenchMode, string, string, string];
if (url && mode && bulk && source && target) {
  // Registered here rather than through the palette indexes, so the benchmark runs whether or
  // not the indexes list the Database nodes yet.
  const registry = createRegistry().register(databaseNode).register(databaseExportNode);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const report = await withDatabases({ bench: parseDatabaseUrl(url) }, (dbs) =>
    runStream(dbBenchStream(mode, bulk, source, target), { registry, services: { [DATABASES_SERVICE]: dbs }, seed: 1 }),
  );
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const rows = report.nodes.find((n) => n.id === "in")!.records;
  const written = report.terminals[0]!.result.exports![0]!.records;
  console.log(JSON.stringify({ rows, written, ms, cpuMs: (cpu.user + cpu.system) / 1000, maxRssKB: process.resourceUsage().maxRSS }));
}
