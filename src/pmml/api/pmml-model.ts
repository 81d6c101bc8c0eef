/**
 * The public face of a loaded PMML model: what it reads, what it produces, and scoring by record
 * or by column batch.
 *
 * Results are the model's target fields (the predicted value under the target's name) followed
 * by its final output fields (OutputField@isFinalResult not false, plus the nested segment
 * outputs an ensemble exposes). Values are numbers, strings, booleans, or null for missing; dates
 * and times come out as ISO-8601 text.
 */
import { PmmlError } from "../errors.js";
import type { LoadedDocument } from "../document/load-document.js";
import type { QuirkFix } from "../document/quirks.js";
import type { UsageType } from "../fields/mining-field.js";
import type { CompiledModel } from "../models/model.js";
import { Frame, type Getter } from "../runtime/frame.js";
import { isDateLike, toOutsideValue, type DataType, type OpType, type Value } from "../types/values.js";

export interface PmmlField {
  readonly name: string;
  readonly dataType: DataType;
  readonly optype: OpType;
}

export interface PmmlInputField extends PmmlField {
  readonly usageType: UsageType;
  /** Declared valid values (categories), if the DataField lists them. */
  readonly values?: readonly Value[];
}

export interface PmmlTargetField extends PmmlField {
  /** Class labels of a classification target, in the model's order. */
  readonly categories?: readonly Value[];
  /** True for the unnamed target of a model without a target MiningField. */
  readonly synthetic: boolean;
}

export interface PmmlOutputField extends PmmlField {
  /** OutputField@feature: predictedValue, probability, entityId, … */
  readonly feature: string;
  readonly isFinalResult: boolean;
}

export interface ScoreOptions {
  /**
   * What an input that is invalid under `invalidValueTreatment="returnInvalid"` does: stop with a
   * PmmlError (`"error"`, the default) or give that row missing results (`"missing"`).
   */
  readonly onInvalidValue?: "error" | "missing";
}

export interface ModelOptions {
  /**
   * Name under which the prediction of a model without a target field (a clustering model, a
   * bare segment) appears in results; by default it does not appear.
   */
  readonly syntheticTargetName?: string;
  /** Also return output fields with isFinalResult="false". */
  readonly includeNonFinalOutputs?: boolean;
}

interface ResultColumn {
  readonly name: string;
  readonly get: Getter;
}

export class PmmlModel {
  readonly version: string;
  /** The model element scored ("TreeModel", "MiningModel", …). */
  readonly modelElement: string;
  readonly functionName: string;
  readonly modelName?: string;
  readonly application?: { readonly name: string; readonly version?: string };
  readonly inputFields: readonly PmmlInputField[];
  readonly targetFields: readonly PmmlTargetField[];
  readonly outputFields: readonly PmmlOutputField[];
  /** Names of the result fields, in the order score() and scoreColumns() produce them. */
  readonly resultFieldNames: readonly string[];
  /** Producer bugs corrected while loading. */
  readonly quirkFixes: readonly QuirkFix[];

  private readonly model: CompiledModel;
  private readonly frame: Frame;
  private readonly columns: readonly ResultColumn[];
  private readonly getters: readonly Getter[];
  private readonly singleRow: unknown[][];

  constructor(doc: LoadedDocument, options: ModelOptions = {}) {
    const model = doc.model;
    this.model = model;
    this.version = doc.version;
    this.modelElement = model.element;
    this.functionName = model.functionName;
    this.modelName = model.modelName;
    this.application = doc.application;
    this.quirkFixes = doc.quirkFixes;
    this.frame = new Frame(doc.ctx.layout);

    const mining = doc.modelElement.child("MiningSchema")!.childrenNamed("MiningField");
    const inputs: PmmlInputField[] = [];
    for (const m of mining) {
      const usage = (m.attr("usageType") ?? "active") as UsageType;
      if (usage !== "active") continue;
      const df = doc.dataFields.get(m.attr("name")!)!;
      inputs.push({
        name: df.name,
        dataType: df.dataType,
        optype: (m.attr("optype") as OpType | undefined) ?? df.optype,
        usageType: usage,
        values: df.validValues.length > 0 ? df.validValues : undefined,
      });
    }
    this.inputFields = inputs;

    const columns: ResultColumn[] = [];
    const targets: PmmlTargetField[] = [];
    const state = model.state;
    model.targets.forEach((t, i) => {
      const name = t.name ?? options.syntheticTargetName;
      const dt = t.dataType;
      targets.push({
        name: t.name ?? options.syntheticTargetName ?? "",
        dataType: dt,
        optype: t.optype,
        categories: t.categories.length > 0 ? t.categories : undefined,
        synthetic: t.name === null,
      });
      if (name === undefined) return;
      const get: Getter = isDateLike(dt) ? () => toOutsideValue(state.values[i]!, dt) : () => state.values[i]!;
      columns.push({ name, get });
    });
    this.targetFields = targets;

    const outputs: PmmlOutputField[] = [];
    const seen = new Set(columns.map((c) => c.name));
    for (const o of [...model.outputFields, ...model.nestedOutputFields]) {
      if (seen.has(o.name)) continue;
      if (!o.isFinalResult && !options.includeNonFinalOutputs) continue;
      seen.add(o.name);
      outputs.push({ name: o.name, dataType: o.dataType, optype: o.optype, feature: o.feature, isFinalResult: o.isFinalResult });
      const g = o.compute ?? o.get;
      const dt = o.dataType;
      columns.push({ name: o.name, get: isDateLike(dt) ? (f) => toOutsideValue(g(f), dt) : g });
    }
    this.outputFields = outputs;
    this.columns = columns;
    this.getters = columns.map((c) => c.get);
    this.resultFieldNames = columns.map((c) => c.name);
    this.singleRow = doc.ctx.layout.inputNames.map(() => [undefined]);
  }

  /** Scores one record (field name → value). */
  score(record: Readonly<Record<string, unknown>>, options: ScoreOptions = {}): Record<string, Value> {
    const f = this.frame;
    const names = f.layout.inputNames;
    for (let i = 0; i < names.length; i++) {
      const cell = this.singleRow[i]!;
      cell[0] = record[names[i]!];
      f.bind(i, cell);
    }
    const out: Record<string, Value> = {};
    f.startBatch(1);
    f.next(0);
    try {
      this.model.checkInputs?.(f);
      this.model.evaluate(f);
      if (f.rowErrors?.[0] !== undefined) throw f.rowErrors[0];
      for (const c of this.columns) out[c.name] = c.get(f);
    } catch (e) {
      this.handleRowError(e, 0, options);
      for (const c of this.columns) out[c.name] = null;
    }
    return out;
  }

  /**
   * Scores `length` rows given as columns (field name → array of values; absent fields are
   * missing). Returns one array per result field. Nothing is allocated per row.
   */
  scoreColumns(columns: Readonly<Record<string, ArrayLike<unknown> | undefined>>, length: number, options: ScoreOptions = {}): Record<string, Value[]> {
    const f = this.frame;
    const names = f.layout.inputNames;
    for (let i = 0; i < names.length; i++) f.bind(i, columns[names[i]!]);
    const cols = this.columns;
    const out: Value[][] = cols.map(() => new Array<Value>(length));
    f.startBatch(length);
    this.model.checkInputs?.(f);
    scoreRows(f, this.model, this.getters, out, length, (e, row) => this.handleRowError(e, row, options));
    const result: Record<string, Value[]> = {};
    for (let j = 0; j < cols.length; j++) result[cols[j]!.name] = out[j]!;
    return result;
  }

  /** Returns when the row should get missing results; throws otherwise (with the row number). */
  private handleRowError(e: unknown, row: number, options: ScoreOptions): void {
    if (e instanceof PmmlError) {
      if (e.code === "PMML_INVALID_VALUE" && options.onInvalidValue === "missing") return;
      throw new PmmlError(e.code, `row ${row}: ${e.message}`, { ...e.details, row }, { cause: e });
    }
    throw e;
  }
}

/**
 * The row loop, kept apart from everything cold so that the engine optimises it once and keeps
 * it (code after a hot loop that has never run makes an optimised caller bail out on every call).
 */
function scoreRows(
  f: Frame,
  model: CompiledModel,
  getters: readonly Getter[],
  out: Value[][],
  length: number,
  onError: (e: unknown, row: number) => void,
): void {
  const width = getters.length;
  for (let row = 0; row < length; row++) {
    f.next(row);
    try {
      // Errors of whole-column preparation are reported for their row (before or after it ran).
      if (f.rowErrors !== null && f.rowErrors[row] !== undefined) throw f.rowErrors[row];
      model.evaluate(f);
      if (f.rowErrors !== null && f.rowErrors[row] !== undefined) throw f.rowErrors[row];
      for (let j = 0; j < width; j++) out[j]![row] = getters[j]!(f);
    } catch (e) {
      onError(e, row);
      for (let j = 0; j < width; j++) out[j]![row] = null;
    }
  }
}
