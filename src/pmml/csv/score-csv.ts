/**
 * CSV in, CSV out: scores every row of a CSV file with a PMML model.
 *
 * The input's header names the fields; columns the model does not use are ignored. Cells listed
 * in `missingValues` (by default empty, `NA` and `N/A`) are missing. The output has one row per
 * input row with the model's result fields (targets under their names, then output fields).
 */
import { PmmlError } from "../errors.js";
import { loadPmml, type PmmlLoadOptions } from "../index.js";
import type { ScoreOptions } from "../api/pmml-model.js";
import { parseCsv, writeCsv } from "./csv.js";

export interface ScoreCsvOptions extends PmmlLoadOptions, ScoreOptions {
  /** Field separator of input and output (default ","). */
  readonly separator?: string;
  /** Cell texts read as missing values (default "", "NA", "N/A"). */
  readonly missingValues?: readonly string[];
  /** Input columns to copy in front of the results (default none). */
  readonly keepColumns?: readonly string[];
}

export function scoreCsv(modelText: string, inputCsvText: string, options: ScoreCsvOptions = {}): string {
  const model = loadPmml(modelText, options);
  const separator = options.separator ?? ",";
  const rows = parseCsv(inputCsvText, separator);
  if (rows.length === 0) throw new PmmlError("PMML_INVALID", "the input CSV has no header line");
  const header = rows[0]!;
  const body = rows.slice(1).filter((r) => !(r.length === 1 && r[0] === ""));
  const missing = new Set(options.missingValues ?? ["", "NA", "N/A"]);
  const columns: Record<string, (string | null)[]> = {};
  header.forEach((name, j) => {
    columns[name] = body.map((r) => {
      const cell = r[j];
      return cell === undefined || missing.has(cell) ? null : cell;
    });
  });
  const keep = options.keepColumns ?? [];
  for (const k of keep) {
    if (!(k in columns)) throw new PmmlError("PMML_INVALID", `keepColumns: the input has no column "${k}"`);
  }
  const results = model.scoreColumns(columns, body.length, options);
  const names = [...keep, ...model.resultFieldNames];
  const sources = [...keep.map((k) => columns[k]!), ...model.resultFieldNames.map((n) => results[n]!)];
  const out = body.map((_, i) => sources.map((col) => col[i] ?? null));
  return writeCsv(names, out, separator);
}
