/**
 * The job definition of the batch job API (docs seed-api.md, "The job definition"), as
 * validated and normalised by `parseJobDefinition`: defaults filled in (`insertMode`
 * Append, `bulkLoading` Off), ports as numbers.
 */
import type { DbDefinition } from "../../db/definition.js";

export const JOB_ACTIONS = ["TRAINING", "EVALUATION", "AUTO_REFRESH", "BATCH_SCORE", "RUN_STREAM"] as const;
export type JobAction = (typeof JOB_ACTIONS)[number];

export const INSERT_MODES = ["Append", "Create", "Drop", "Refresh"] as const;
export type InsertMode = (typeof INSERT_MODES)[number];

export const BULK_LOADING = ["Off", "ODBC"] as const;
export type BulkLoading = (typeof BULK_LOADING)[number];

export const REPORT_FORMATS = ["HTML", "JPG", "PNG", "RTF", "SAV", "TAB", "XML"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface JobInput {
  readonly odbc: { readonly dbRef: string; readonly table: string };
  /** Source node to replace: id, Modeler uid, name or label. */
  readonly node: string;
}

export interface JobExport {
  readonly odbc: { readonly dbRef: string; readonly table: string; readonly insertMode: InsertMode };
  /** Terminal node to replace: id, Modeler uid, name or label. */
  readonly node: string;
  readonly bulkLoading: BulkLoading;
}

export interface ParameterOverride {
  readonly name: string;
  readonly value: string | number | boolean | null;
}

export interface JobSetting {
  readonly inputs: readonly JobInput[];
  readonly exports: readonly JobExport[];
  readonly parameterOverride: readonly ParameterOverride[];
  readonly reportFormat?: ReportFormat;
}

export interface JobDefinition {
  readonly action: JobAction;
  readonly model: { readonly id: string; readonly name?: string };
  readonly dbDefinitions: Readonly<Record<string, DbDefinition>>;
  readonly setting: JobSetting;
}
