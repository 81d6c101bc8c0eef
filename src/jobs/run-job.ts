/**
 * Running a job: apply the definition to the stream (inputs, exports, parameters), open
 * its databases, pick the terminals of its action, run them, and collect what they produced.
 * Databases are always closed, also when the job fails or is cancelled.
 */
import type { DbDefinition } from "../db/definition.js";
import { openDatabases, type OpenDatabasesOptions } from "../db/connections.js";
import { DATABASES_SERVICE } from "../db/services.js";
import { runStream, type RunEvent, type RunReport } from "../engine/run.js";
import type { ParameterOverrides } from "../engine/parameters.js";
import type { ExportSummary } from "../nodes/definition.js";
import { defaultRegistry, type NodeRegistry } from "../nodes/registry.js";
import type { OutputDocument } from "../reports/document.js";
import type { Stream } from "../stream/model.js";
import { applyJob } from "./apply-job.js";
import type { JobAction, JobDefinition } from "./definition/types.js";
import { terminalsForAction } from "./actions/terminals.js";
import { refreshModels, type RefreshedModel } from "./actions/refresh-models.js";
import { JobActionError } from "./actions/terminals.js";
import { serializeStreamLikeSource, type StreamRepository } from "./stream-repository.js";

export interface RunJobOptions {
  readonly registry?: NodeRegistry;
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: RunEvent) => void;
  readonly fileRoots?: readonly string[];
  readonly outDir?: string;
  readonly seed?: number;
  /** Parameter values set after the job's `parameterOverride` (command line `--param`). */
  readonly parameters?: ParameterOverrides;
  /** Database definitions that add to or replace the job's (`--db name=url`). */
  readonly databases?: Readonly<Record<string, DbDefinition>>;
  readonly databaseOptions?: OpenDatabasesOptions;
  readonly services?: Readonly<Record<string, unknown>>;
  /** AUTO_REFRESH: where the retrained stream replaces the one the job ran, under `streamId`. */
  readonly repository?: StreamRepository;
  readonly streamId?: string;
}

export interface JobRunResult {
  readonly action: JobAction;
  readonly report: RunReport;
  readonly exports: readonly ExportSummary[];
  readonly documents: readonly OutputDocument[];
  /** The stream as the job ran it (after applyJob). */
  readonly stream: Stream;
  /** TRAINING / AUTO_REFRESH: the stream given, with its nuggets holding the new models. */
  readonly updatedStream?: Stream;
  readonly models?: readonly RefreshedModel[];
  /** AUTO_REFRESH: the backup of the stream it replaced. */
  readonly backup?: string;
}

export async function runJob(stream: Stream, job: JobDefinition, options: RunJobOptions = {}): Promise<JobRunResult> {
  const registry = options.registry ?? defaultRegistry();
  if (job.action === "AUTO_REFRESH" && (!options.repository || options.streamId === undefined)) {
    throw new JobActionError("AUTO_REFRESH replaces the stored stream: give a StreamRepository and the stream's id (the command line replaces the stream file it was given)", { action: job.action });
  }
  const applied = applyJob(stream, job, { registry });
  const terminals = terminalsForAction(job.action, applied, job, registry);
  const definitions = { ...job.dbDefinitions, ...options.databases };
  const databases = openDatabases(definitions, { ...options.databaseOptions });
  try {
    const report = await runStream(applied, {
      registry,
      terminals,
      ...(options.signal !== undefined && { signal: options.signal }),
      ...(options.onEvent !== undefined && { onEvent: options.onEvent }),
      ...(options.fileRoots !== undefined && { fileRoots: options.fileRoots }),
      ...(options.outDir !== undefined && { outDir: options.outDir }),
      ...(options.seed !== undefined && { seed: options.seed }),
      ...(options.parameters !== undefined && { parameters: options.parameters }),
      services: { ...options.services, [DATABASES_SERVICE]: databases },
    });
    const training = job.action === "TRAINING" || job.action === "AUTO_REFRESH";
    const refreshed = training ? refreshModels(stream, report) : undefined;
    // Serialised before anything is replaced: a stream that cannot be written leaves the stored one as it was.
    const backup = job.action === "AUTO_REFRESH" && refreshed
      ? (await options.repository!.replace(options.streamId!, serializeStreamLikeSource(refreshed.stream, registry))).backup
      : undefined;
    return {
      action: job.action,
      report,
      ...(refreshed && { updatedStream: refreshed.stream, models: refreshed.refreshed }),
      ...(backup !== undefined && { backup }),
      exports: report.terminals.flatMap((t) => t.result.exports ?? []),
      documents: report.documents,
      stream: applied,
    };
  } finally {
    await databases.close();
  }
}
