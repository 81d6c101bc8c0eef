/**
 * Merge by Condition: a record of the first input and a record of every other input are
 * combined when the CLEM condition, evaluated on the merged record, is true (`$null$` and
 * false do not match). Every input after the first is held; the first streams, and its
 * candidate combinations are evaluated in columnar chunks, never one row at a time.
 *
 * With two inputs every join type works as for keys: Full and Partial outer joins add the
 * unmatched records of their outer inputs with `$null$` for the other side (unmatched first-
 * input records in place, unmatched held records at the end), Anti keeps the first input's
 * records that match nothing. With more inputs only Inner is defined (a combination of one
 * record per input must satisfy the condition).
 */
import { DEFAULT_BATCH_SIZE, type Column, type RecordBatch } from "../../data/batch.js";
import type { CompiledClem } from "../../clem/index.js";
import type { BatchStream, RunContext } from "../definition.js";
import type { MergedFields } from "./merge-fields.js";
import { MergedRowWriter, type JoinType } from "./merge-join.js";
import { collectInput } from "./rows.js";

export interface ConditionJoinPlan {
  /** Every input's fields: what the condition sees. */
  readonly candidate: MergedFields;
  /** What the node outputs (the first input's fields for Anti). */
  readonly output: MergedFields;
  readonly join: JoinType;
  readonly outer: readonly boolean[];
  readonly condition: CompiledClem;
}

/** Combinations of held records larger than this are refused rather than run for hours. */
const MAX_HELD_COMBINATIONS = 50_000_000;

export async function* conditionJoin(ctx: RunContext, plan: ConditionJoinPlan, inputs: readonly BatchStream[]): AsyncGenerator<RecordBatch> {
  const n = inputs.length;
  const held: RecordBatch[] = [];
  for (let j = 1; j < n; j++) held.push(await collectInput(ctx, inputs[j]!, ctx.inputSchemas[j]!, `holding merge input ${j + 1}`));
  // combos[j][m]: the row of input j in held combination m (input 0 is the streaming one).
  const size = held.reduce((p, b) => p * b.length, 1);
  if (size > MAX_HELD_COMBINATIONS) {
    throw new Error(`merge by condition would compare each record with ${size} combinations of the other inputs; merge two inputs at a time`);
  }
  const combos: Uint32Array[] = [new Uint32Array(0), ...held.map(() => new Uint32Array(size))];
  for (let m = 0; m < size; m++) {
    let rest = m;
    for (let j = n - 1; j >= 1; j--) {
      const len = held[j - 1]!.length;
      combos[j]![m] = rest % len;
      rest = Math.floor(rest / len);
    }
  }
  const tables: (RecordBatch | undefined)[] = [undefined, ...held];
  const writer = new MergedRowWriter(ctx.outputSchema, plan.output.sources, plan.output.keyColumns);
  const matchedHeld = new Uint8Array(size);
  const rows = new Array<number>(n).fill(-1);
  const keepPrimary = plan.join === "FullOuter" || (plan.join === "PartialOuter" && plan.outer[0]!) || plan.join === "Anti";

  for await (const batch of inputs[0]!) {
    ctx.throwIfAborted();
    tables[0] = batch;
    const matches = matchingPairs(ctx, plan, batch, held, combos, size);
    let k = 0;
    for (let p = 0; p < batch.length; p++) {
      let any = false;
      while (k < matches.primary.length && matches.primary[k] === p) {
        any = true;
        const m = matches.held[k++]!;
        matchedHeld[m] = 1;
        if (plan.join === "Anti") continue;
        rows[0] = p;
        for (let j = 1; j < n; j++) rows[j] = combos[j]![m]!;
        writer.push(tables, rows);
        if (writer.full) yield writer.flush();
      }
      if (!any && keepPrimary) {
        rows.fill(-1);
        rows[0] = p;
        writer.push(tables, rows);
        if (writer.full) yield writer.flush();
      }
    }
  }
  if (plan.join === "FullOuter" || (plan.join === "PartialOuter" && plan.outer[1])) {
    rows.fill(-1);
    for (let m = 0; m < size; m++) {
      if (matchedHeld[m]) continue;
      for (let j = 1; j < n; j++) rows[j] = combos[j]![m]!;
      writer.push(tables, rows);
      if (writer.full) yield writer.flush();
    }
  }
  if (writer.length > 0) yield writer.flush();
}

/** The (primary row, held combination) pairs whose condition is true, in primary-row order. */
function matchingPairs(ctx: RunContext, plan: ConditionJoinPlan, batch: RecordBatch, held: readonly RecordBatch[], combos: readonly Uint32Array[], size: number) {
  const primary: number[] = [];
  const heldOut: number[] = [];
  const total = batch.length * size;
  const sources = plan.candidate.sources;
  for (let start = 0; start < total; start += DEFAULT_BATCH_SIZE) {
    ctx.throwIfAborted();
    const end = Math.min(total, start + DEFAULT_BATCH_SIZE);
    const columns: Column[] = sources.map((s) => {
      if (s.kind !== "field") throw new Error("merge by condition has no common keys");
      const src = s.input === 0 ? batch.columns[s.column]! : held[s.input - 1]!.columns[s.column]!;
      const out: Column = new Array(end - start);
      for (let e = start; e < end; e++) {
        const p = Math.floor(e / size);
        out[e - start] = s.input === 0 ? src[p]! : src[combos[s.input]![e - p * size]!]!;
      }
      return out;
    });
    const verdicts = plan.condition.evaluate({ schema: plan.candidate.schema, columns, length: end - start });
    for (let e = start; e < end; e++) {
      if (verdicts[e - start] === true) {
        const p = Math.floor(e / size);
        primary.push(p);
        heldOut.push(e - p * size);
      }
    }
  }
  return { primary, held: heldOut };
}
