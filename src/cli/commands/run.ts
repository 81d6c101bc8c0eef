/**
 * `modeler-batch run <stream>`: runs the stream's terminals (or the named ones), shows
 * progress on a terminal, writes documents to --out and prints a summary or JSON.
 */
import type { Command } from "commander";
import { resolve } from "node:path";
import { settingsFromProperties } from "../../data/settings.js";
import { runStream, type RunReport } from "../../engine/run.js";
import { loadStream } from "../../load/index.js";
import { applyPropertyOverrides, parsePropertyOverride } from "../../nodes/overrides.js";
import { defaultRegistry } from "../../nodes/registry.js";
import { writeDocuments } from "../documents.js";
import { describeError, errorJson, exitCodeFor, EXIT_OK } from "../exit.js";
import { collect, parseAssignments, parseSeed } from "../options.js";
import { ProgressLine } from "../progress.js";

interface RunOptions {
  param: string[];
  node: string[];
  out?: string;
  json?: boolean;
  fileRoot: string[];
  set: string[];
  seed?: string;
  format: string;
}

export function registerRun(program: Command): void {
  program
    .command("run")
    .description("run a stream's terminal nodes (all of them, or those named with --node)")
    .argument("<stream>", "stream file: .stream.json (open format) or .str (Modeler)")
    .option("--param <name=value>", "set a stream parameter (repeatable)", collect, [])
    .option("--node <id|name>", "run only this terminal node (repeatable)", collect, [])
    .option("--out <dir>", "folder for documents and files the nodes write")
    .option("--format <format>", "document format: html or tab", "html")
    .option("--file-root <dir>", "folder searched by base name for the files sources read (repeatable)", collect, [])
    .option("--set <node.property=value>", "set a node property, like Modeler's -P (repeatable)", collect, [])
    .option("--seed <n>", "seed for every random choice (partitions, samples, random())")
    .option("--json", "print the run report as JSON")
    .action(async (streamPath: string, opts: RunOptions, cmd: Command) => {
      cmd.parent!.setOptionValue("exitCode", await runCommand(streamPath, opts));
    });
}

async function runCommand(streamPath: string, opts: RunOptions): Promise<number> {
  const progress = new ProgressLine();
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once("SIGINT", onSigint);
  try {
    const registry = defaultRegistry();
    let stream = await loadStream(streamPath, { registry });
    stream = applyPropertyOverrides(stream, opts.set.map(parsePropertyOverride), registry);
    const report = await runStream(stream, {
      registry,
      parameters: parseAssignments(opts.param, "--param"),
      terminals: opts.node,
      fileRoots: opts.fileRoot.map((r) => resolve(r)),
      ...(opts.out !== undefined && { outDir: resolve(opts.out) }),
      ...(opts.seed !== undefined && { seed: parseSeed(opts.seed) }),
      signal: controller.signal,
      onEvent: (e) => progress.handle(e),
    });
    progress.done();
    const written = opts.out ? await writeDocuments(report.documents, resolve(opts.out), opts.format, settingsFromProperties(stream.properties)) : [];
    if (opts.json) process.stdout.write(JSON.stringify(reportJson(report, written), null, 2) + "\n");
    else process.stdout.write(summary(report, written));
    return EXIT_OK;
  } catch (err) {
    progress.done();
    if (opts.json) process.stdout.write(JSON.stringify(errorJson(err), null, 2) + "\n");
    process.stderr.write(describeError(err) + "\n");
    return exitCodeFor(err);
  } finally {
    process.removeListener("SIGINT", onSigint);
  }
}

function reportJson(report: RunReport, documentFiles: string[]): Record<string, unknown> {
  return {
    ok: true,
    stream: report.stream,
    seed: report.seed,
    ms: report.ms,
    nodes: report.nodes,
    terminals: report.terminals.map((t) => ({
      node: t.node,
      type: t.type,
      name: t.name,
      documents: (t.result.documents ?? []).map((d) => ({ title: d.title, kind: d.content.kind })),
      exports: t.result.exports ?? [],
      files: t.result.files ?? [],
      models: (t.result.models ?? []).map((m) => ({ name: m.name, nuggetType: m.nuggetType })),
    })),
    documentFiles,
    warnings: report.warnings,
  };
}

function summary(report: RunReport, documentFiles: string[]): string {
  const lines = [`stream "${report.stream}" ran in ${(report.ms / 1000).toFixed(2)} s (seed ${report.seed})`];
  const width = Math.max(...report.nodes.map((n) => n.name.length), 4);
  lines.push(`  ${"node".padEnd(width)}  ${"type".padEnd(14)}  ${"records".padStart(10)}  ${"ms".padStart(8)}`);
  for (const n of report.nodes) {
    lines.push(`  ${n.name.padEnd(width)}  ${n.type.padEnd(14)}  ${String(n.records).padStart(10)}  ${n.ms.toFixed(1).padStart(8)}${n.enabled ? "" : "  (disabled)"}`);
  }
  for (const t of report.terminals) {
    for (const e of t.result.exports ?? []) lines.push(`wrote ${e.records} records to ${e.target}`);
  }
  for (const f of documentFiles) lines.push(`document: ${f}`);
  if (documentFiles.length === 0 && report.documents.length > 0) lines.push(`${report.documents.length} document(s) produced; give --out <dir> to write them`);
  for (const w of report.warnings) lines.push(`warning: ${w}`);
  return lines.join("\n") + "\n";
}
