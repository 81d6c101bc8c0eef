/**
 * `compileClem`: parse → bind/type-check → compile, and the object nodes run: `evaluate` over a
 * batch (the hot loop), `evaluateRow` for nodes that need per-row feedback, `reset` between runs.
 */
import type { RecordBatch } from "../data/batch.js";
import { DEFAULT_SETTINGS } from "../data/settings.js";
import type { Storage } from "../data/storage.js";
import type { Value } from "../data/values.js";
import type { ClemExpression } from "./ast.js";
import { bindClem } from "./binder.js";
import type { Evaluator } from "./bound.js";
import { FieldSlots, SequenceState, type CompileContext } from "./compile-context.js";
import { compileBound } from "./compiler.js";
import type { ClemEnvironment } from "./environment.js";
import { ClemRuntimeError } from "./errors.js";
import { parseClem } from "./parser.js";
import { seededRandom } from "./random.js";
import { storageOfType } from "./types.js";

export interface CompiledClem {
  /** Static result type: the storage a derived field gets, or boolean / list. */
  readonly storage: Storage | "boolean" | "list";
  /** Input fields the expression reads. */
  readonly fields: readonly string[];
  /** Uses sequence functions (or its own earlier values): rows must come in order, once. */
  readonly sequential: boolean;
  /** Rows after the current one that `@OFFSET(F, -k)` reads: pass them as `ahead` (0: none). */
  readonly lookahead: number;
  readonly warnings: readonly string[];
  /**
   * One value per row. Sequence state carries over to the next call. With `lookahead` > 0, pass
   * the rows that follow this batch (at least `lookahead` of them, fewer only at the end of the
   * data); without them, look-ahead past the batch gives `$null$`.
   */
  evaluate(batch: RecordBatch, ahead?: RecordBatch): Value[];
  /** The same for one row; each call is the next record of the sequence. */
  evaluateRow(batch: RecordBatch, row: number, ahead?: RecordBatch): Value;
  /** Clears sequence state (a new run). */
  reset(): void;
}

export interface CompileOptions {
  /** `condition`: the expression must be true/false; evaluate gives true, false or null. */
  expect?: "value" | "condition";
}

function makeContext(base: Omit<CompileContext, "field" | "compile" | "derive" | "thisField">, slots: FieldSlots): CompileContext {
  const build = (field: (name: string) => Evaluator, thisField?: (name: string) => Evaluator): CompileContext => {
    const ctx: CompileContext = {
      ...base,
      field,
      thisField,
      compile: (node) => compileBound(node, ctx),
      derive: (o) => build(o.field, o.thisField),
    };
    return ctx;
  };
  return build((name) => {
    const slot = slots.slot(name);
    return (r) => slot.column[r]!;
  });
}

export function compileClem(text: string | ClemExpression, env: ClemEnvironment, options: CompileOptions = {}): CompiledClem {
  const ast = typeof text === "string" ? parseClem(text) : text;
  const bound = bindClem(ast, env, options.expect ?? "value");
  const slots = new FieldSlots();
  const state = new SequenceState();
  const ctx = makeContext({
    settings: env.settings ?? DEFAULT_SETTINGS,
    random: env.random ?? seededRandom(typeof text === "string" ? text : JSON.stringify(ast, (_k, v) => (typeof v === "bigint" ? String(v) : v))),
    now: env.now ?? (() => new Date()),
    state,
    schema: env.schema,
  }, slots);
  const compiled = compileBound(bound.root, ctx);
  // A condition over a field of unknown storage must still give true, false or $null$.
  const root: Evaluator = options.expect === "condition" && bound.root.type === "any"
    ? (r) => {
      const v = compiled(r);
      if (v !== null && typeof v !== "boolean") throw new ClemRuntimeError(`a condition must be true or false, but this gave ${JSON.stringify(typeof v === "bigint" ? String(v) : v)}`, bound.root.pos);
      return v;
    }
    : compiled;
  const perRow = bound.sequential || state.steps.length > 0 || state.keepSelfHistory;
  const steps = state.steps;

  const prepare = (batch: RecordBatch, ahead: RecordBatch | undefined): void => {
    slots.bind(batch);
    state.batchLength = batch.length;
    if (state.lookahead > 0 && ahead) {
      state.ahead.bind(ahead);
      state.aheadLength = ahead.length;
    } else {
      state.aheadLength = 0;
    }
  };

  const recordSelf = (v: Value): void => {
    const h = state.selfHistory;
    h.push(v);
    const cap = state.selfCapacity;
    if (h.length > 2 * cap + 1024) h.splice(0, h.length - cap);
  };

  const step = (row: number): Value => {
    state.index++;
    for (let i = 0; i < steps.length; i++) steps[i]!(row);
    const v = root(row);
    if (state.keepSelfHistory) recordSelf(v);
    return v;
  };

  return {
    storage: storageOfType(bound.root.type),
    fields: bound.fields,
    sequential: bound.sequential,
    lookahead: state.lookahead,
    warnings: bound.warnings,
    evaluate(batch, ahead) {
      prepare(batch, ahead);
      const n = batch.length;
      const out: Value[] = new Array(n);
      if (perRow) {
        for (let r = 0; r < n; r++) out[r] = step(r);
      } else {
        for (let r = 0; r < n; r++) out[r] = root(r);
      }
      return out;
    },
    evaluateRow(batch, row, ahead) {
      if (row < 0 || row >= batch.length) throw new ClemRuntimeError(`row ${row} is outside the batch of ${batch.length} rows`);
      prepare(batch, ahead);
      return perRow ? step(row) : root(row);
    },
    reset() {
      state.reset();
    },
  };
}

/** Parses and type-checks only: the result storage and the warnings (the Expression Builder's "Check"). */
export function checkClem(text: string, env: ClemEnvironment, options: CompileOptions = {}): { storage: Storage | "boolean" | "list"; warnings: readonly string[] } {
  const bound = bindClem(parseClem(text), env, options.expect ?? "value");
  return { storage: storageOfType(bound.root.type), warnings: bound.warnings };
}
