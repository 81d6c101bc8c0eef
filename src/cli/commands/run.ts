/**
 * `modeler-batch run <stream>`: runs the stream's terminals (or the named ones), or with
 * `--job` a job definition's action; shows progress on a terminal, writes documents to
 * --out and prints a summary or JSON.
 */
import type { Command } from "commander";
import { readFile } from "node:fs/promises";
import { dirname, isAbsolute, resolve } from "node:path";
import { settingsFromProperties } from "../../data/settings.js";
import type { DbDefinition } from "../../db/definition.js";
import { parseDbArgument } from "../../db/url.js";
import { openDatabases } from "../../db/connections.js";
import { DATABASES_SERVICE } from "../../db/services.js";
import { runStream, type RunReport } from "../../engine/run.js";
import { UsageError } from "../../errors.js";
import { parseJobDefinition } from "../../jobs/definition/parse.js";
import { runJob, type JobRunResult } from "../../jobs/run-job.js";
import { FileStreamRepository } from "../../jobs/stream-repository.js";
import { loadStream } from "../../load/index.js";
import { applyPropertyOverrides, parsePropertyOverride } from "../../nodes/overrides.js";
import { defaultRegistry } from "../../nodes/registry.js";
import { writeDocuments } from "../documents.js";
import { describeError, errorJson, exitCodeFor, EXIT_OK } from "../exit.js";
import { collect, parseAssignments, parseSeed } from "../options.js";
import { ProgressLine } from "../progress.js";
import { saveTrainedStream } from "../trained-stream.js";

export interface RunCommandOptions {
  param: string[];
  node: string[];
  out?: string;
  json?: boolean;
  fileRoot: string[];
  set: string[];
  seed?: string;
  format: string;
  job?: string;
  db: string[];
}

export function registerRun(program: Command): void {
  program
    .command("run")
    .description("run a stream's terminal nodes (all, or those named with --node), or a job definition's action with --job")
    .argument("<stream>", "stream file: .stream.json (open format) or .str (Modeler)")
    .option("--job <file>", "job definition (JSON of the batch job API): inputs, exports, parameters, action")
    .option("--db <name=url>", "add or replace a database of the job, e.g. warehouse=postgres://user@host/db (repeatable)", collect, [])
    .option("--param <name=value>", "set a stream parameter (repeatable)", collect, [])
    .option("--node <id|name>", "run only this terminal node (repeatable; not with --job)", collect, [])
    .option("--out <dir>", "folder for documents, trained streams and files the nodes write")
    .option("--format <format>", "document format: html or tab", "html")
    .option("--file-root <dir>", "folder searched by base name for the files sources read (repeatable)", collect, [])
    .option("--set <node.property=value>", "set a node property, like Modeler's -P (repeatable)", collect, [])
    .option("--seed <n>", "seed for every random choice (partitions, samples, random())")
    .option("--json", "print the run report as JSON")
    .action(async (streamPath: string, opts: RunCommandOptions, cmd: Command) => {
      cmd.parent!.setOptionValue("exitCode", await runCommand(streamPath, opts));
    });
}

async function runCommand(streamPath: string, opts: RunCommandOptions): Promise<number> {
  const progress = new ProgressLine();
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once("SIGINT", onSigint);
  try {
    const registry = defaultRegistry();
    let stream = await loadStream(streamPath, { registry });
    stream = applyPropertyOverrides(stream, opts.set.map(parsePropertyOverride), registry);
    const common = {
      registry,
      parameters: parseAssignments(opts.param, "--param"),
      fileRoots: opts.fileRoot.map((r) => resolve(r)),
      ...(opts.out !== undefined && { outDir: resolve(opts.out) }),
      ...(opts.seed !== undefined && { seed: parseSeed(opts.seed) }),
      signal: controller.signal,
      onEvent: progress.handle.bind(progress),
    };
    let report: RunReport;
    let job: JobRunResult | undefined;
    if (opts.job !== undefined) {
      if (opts.node.length > 0) throw new UsageError("--node cannot be used with --job: the job's action decides which terminals run");
      const databases = databasesFromArguments(opts.db);
      const parsed = parseJobDefinition(await readJobFile(opts.job), { databases: Object.keys(databases) });
      // A SQLite file named in the job is found next to the job file; one given with --db, from
      // the working directory — where a user typing either would look for it.
      const definition = { ...parsed, dbDefinitions: sqlitePathsFrom(parsed.dbDefinitions, dirname(resolve(opts.job))) };
      // AUTO_REFRESH replaces the stream file given (the previous one kept as <file>.<n>).
      job = await runJob(stream, definition, { ...common, databases, repository: new FileStreamRepository(), streamId: resolve(streamPath) });
      report = job.report;
    } else {
      // Database nodes of a stream run without a job find their databases (dbRef) among --db.
      const databases = openDatabases(databasesFromArguments(opts.db));
      try {
        report = await runStream(stream, { ...common, terminals: opts.node, services: { [DATABASES_SERVICE]: databases } });
      } finally {
        await databases.close();
      }
    }
    progress.done();
    const written = opts.out ? await writeDocuments(report.documents, resolve(opts.out), opts.format, settingsFromProperties(stream.properties)) : [];
    const saveWarnings: string[] = [];
    const trained = job?.updatedStream && opts.out ? await saveTrainedStream(job.updatedStream, registry, resolve(opts.out), (w) => saveWarnings.push(w)) : [];
    const shown = saveWarnings.length > 0 ? { ...report, warnings: [...report.warnings, ...saveWarnings] } : report;
    if (opts.json) process.stdout.write(JSON.stringify(reportJson(shown, written, job, trained), null, 2) + "\n");
    else process.stdout.write(summary(shown, written, job, trained));
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

function databasesFromArguments(args: readonly string[]): Record<string, DbDefinition> {
  return sqlitePathsFrom(Object.fromEntries(args.map(parseDbArgument)), process.cwd());
}

function sqlitePathsFrom(definitions: Readonly<Record<string, DbDefinition>>, dir: string): Record<string, DbDefinition> {
  return Object.fromEntries(
    Object.entries(definitions).map(([name, def]) => {
      const relativeFile = def.type.toLowerCase() === "sqlite" && def.db !== undefined && def.db !== ":memory:" && !isAbsolute(def.db);
      return [name, relativeFile ? { ...def, db: resolve(dir, def.db!) } : def];
    }),
  );
}

async function readJobFile(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (err) {
    throw new UsageError(`cannot read job file "${path}": ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { path });
  }
}

function reportJson(report: RunReport, documentFiles: string[], job: JobRunResult | undefined, trained: string[]): Record<string, unknown> {
  return {
    ok: true,
    stream: report.stream,
    ...(job && { action: job.action }),
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
    ...(job?.backup && { backup: job.backup }),
    ...(job?.models && { models: job.models.map((m) => ({ builder: m.builder, nuggets: m.nuggets, name: m.model.name, added: m.added })) }),
    documentFiles,
    trainedStreamFiles: trained,
    warnings: report.warnings,
  };
}

function summary(report: RunReport, documentFiles: string[], job: JobRunResult | undefined, trained: string[]): string {
  const lines = [`${job ? `${job.action} job on stream` : "stream"} "${report.stream}" ran in ${(report.ms / 1000).toFixed(2)} s (seed ${report.seed})`];
  const width = Math.max(...report.nodes.map((n) => n.name.length), 4);
  lines.push(`  ${"node".padEnd(width)}  ${"type".padEnd(14)}  ${"records".padStart(10)}  ${"ms".padStart(8)}`);
  for (const n of report.nodes) {
    lines.push(`  ${n.name.padEnd(width)}  ${n.type.padEnd(14)}  ${String(n.records).padStart(10)}  ${n.ms.toFixed(1).padStart(8)}${n.enabled ? "" : "  (disabled)"}`);
  }
  for (const t of report.terminals) {
    for (const e of t.result.exports ?? []) lines.push(`wrote ${e.records} records to ${e.target}${e.mode ? ` (${e.mode})` : ""}`);
  }
  for (const m of job?.models ?? []) lines.push(`trained "${m.model.name}" (builder ${m.builder}) into nugget(s) ${m.nuggets.join(", ")}${m.added ? " (added)" : ""}`);
  for (const f of trained) lines.push(`trained stream: ${f}`);
  if (job?.backup) lines.push(`replaced the stream file; the previous version is ${job.backup}`);
  if (job?.updatedStream && trained.length === 0) lines.push("give --out <dir> to save the trained stream");
  for (const f of documentFiles) lines.push(`document: ${f}`);
  if (documentFiles.length === 0 && report.documents.length > 0) lines.push(`${report.documents.length} document(s) produced; give --out <dir> to write them`);
  for (const w of report.warnings) lines.push(`warning: ${w}`);
  return lines.join("\n") + "\n";
}

