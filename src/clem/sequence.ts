/**
 * Implementations of the record-order functions (CLEM.md §4.14). Each registers a *step* that
 * runs for every row, in order, before the expression — so an `@OFFSET` inside an `if` branch
 * that is not taken still records the row — and the evaluator then only reads the state.
 *
 * Choices (docs/clem.md, "Sequence functions"): windows and look-backs include the current
 * record; `$null$` values are skipped by the statistics; a window longer than the records seen
 * so far uses the records there are; `@SINCE` gives `@INDEX + 1` when the condition was never
 * true (within the look-back limit, when one is given); `@SDEV` of fewer than two values is
 * `$null$`; `@DIFF2(F1, F2)` is Δ(ΔF1/ΔF2)/ΔF2.
 */
import { finiteOrNull, type Value } from "../data/values.js";
import type { Evaluator, Implementation } from "./bound.js";
import type { CompileContext } from "./compile-context.js";
import { ClemRuntimeError, type SourcePosition } from "./errors.js";
import { addInt, type Int } from "./functions/integers.js";
import { meanOf, sdevOf } from "./functions/numeric.js";

/** The last `capacity` values pushed, newest first by `get(0)`; unbounded when capacity is Infinity. */
export class History {
  private values: Value[] = [];
  private start = 0;

  constructor(readonly capacity: number) {}

  push(v: Value): void {
    this.values.push(v);
    // Drop the oldest values in bulk, so each push stays O(1) amortised.
    if (this.values.length - this.start > this.capacity) {
      this.start++;
      if (this.start > 1024 && this.start * 2 > this.values.length) {
        this.values = this.values.slice(this.start);
        this.start = 0;
      }
    }
  }

  /** Values kept (at most capacity). */
  get size(): number {
    return this.values.length - this.start;
  }

  /** The value `back` records ago (0 = the latest pushed); null beyond what is kept. */
  get(back: number): Value {
    const i = this.values.length - 1 - back;
    return i >= this.start && back >= 0 ? this.values[i]! : null;
  }

  clear(): void {
    this.values = [];
    this.start = 0;
  }
}

function stateful(build: (args: readonly Evaluator[], ctx: CompileContext) => Evaluator): Implementation {
  return { pure: false, compile: build };
}

export const indexImpl: Implementation = stateful((_args, ctx) => {
  const state = ctx.state;
  return () => state.index;
});

/** `@OFFSET(F, N[, INT])` looking back (N ≥ 0) through a history of F's values. */
export function offsetImpl(capacity: number, pos: SourcePosition): Implementation {
  return stateful((args, ctx) => {
    const [field, offset] = args as [Evaluator, Evaluator];
    const history = new History(capacity + 1);
    ctx.state.steps.push((r) => history.push(field(r)));
    ctx.state.resets.push(() => history.clear());
    return (r) => {
      const n = offset(r);
      if (n === null) return null;
      const k = Number(n);
      if (k < 0) throw new ClemRuntimeError("@OFFSET looks ahead only with a constant offset, e.g. @OFFSET(F, -1)", pos);
      return k > capacity ? null : history.get(k);
    };
  });
}

/** `@OFFSET(self, N)`: an earlier value of the field being derived (the expression's own output). */
export function selfOffsetImpl(capacity: number, pos: SourcePosition): Implementation {
  return stateful((args, ctx) => {
    const [offset] = args as [Evaluator];
    const state = ctx.state;
    state.keepSelfHistory = true;
    state.selfCapacity = Math.max(state.selfCapacity, capacity);
    return (r) => {
      const n = offset(r);
      if (n === null) return null;
      const k = Number(n);
      if (k < 1) throw new ClemRuntimeError("the field being derived can only read its earlier values: @OFFSET(field, N) needs N ≥ 1", pos);
      if (k > capacity) return null;
      const h = state.selfHistory;
      return k <= h.length ? h[h.length - k]! : null;
    };
  });
}

/** `@OFFSET(F, -k)`: the value of field F k records ahead (this batch, then the look-ahead rows). */
export function lookaheadImpl(fieldName: string, k: number): Implementation {
  return stateful((_args, ctx) => {
    const state = ctx.state;
    const current = ctx.field(fieldName);
    const ahead = state.ahead.slot(fieldName);
    state.lookahead = Math.max(state.lookahead, k);
    return (r) => {
      const j = r + k;
      if (j < state.batchLength) return current(j);
      const a = j - state.batchLength;
      return a < state.aheadLength ? ahead.column[a]! : null;
    };
  });
}

/** `@SINCE` / `@SINCE0` when the condition does not use `@THIS`: one counter, updated per row. */
export function sinceImpl(includeCurrent: boolean, limit: number): Implementation {
  return stateful((args, ctx) => {
    const [condition] = args as [Evaluator];
    const state = ctx.state;
    let lastTrue: number | null = null;
    let current: Value = null;
    state.steps.push((r) => {
      const index = state.index;
      const holds = condition(r) === true;
      let since = includeCurrent && holds ? 0 : lastTrue === null ? index + 1 : index - lastTrue;
      if (since > limit) since = index + 1;
      current = since;
      if (holds) lastTrue = index;
    });
    state.resets.push(() => {
      lastTrue = null;
      current = null;
    });
    return () => current;
  });
}

/**
 * `@SINCE(EXPR)` where EXPR uses `@THIS`: EXPR is evaluated on earlier records (its fields read
 * from histories) with `@THIS(F)` reading the current record, going back until it holds.
 */
export function sinceWithThisImpl(includeCurrent: boolean, limit: number, fields: readonly string[]): Implementation {
  return {
    pure: false,
    lazyArgs: true,
    compile: (_args, ctx, nodes) => {
      const state = ctx.state;
      const histories = new Map(fields.map((f) => [f, new History(limit + 1)] as const));
      const readers = fields.map((f) => [ctx.field(f), histories.get(f)!] as const);
      state.steps.push((r) => {
        for (const [read, history] of readers) history.push(read(r));
      });
      state.resets.push(() => histories.forEach((h) => h.clear()));
      let back = 0;
      const inner = ctx.derive({
        field: (name) => {
          const h = histories.get(name)!;
          return () => h.get(back);
        },
        thisField: (name) => ctx.field(name),
      });
      const condition = inner.compile(nodes[0]!);
      return (r) => {
        const available = Math.min(state.index - 1, limit);
        for (back = includeCurrent ? 0 : 1; back <= available; back++) {
          if (condition(r) === true) return back;
        }
        return state.index + 1;
      };
    },
  };
}

export const thisImpl = (fieldName: string, pos: SourcePosition): Implementation => ({
  pure: false,
  compile: (_args, ctx) => {
    if (!ctx.thisField) throw new ClemRuntimeError("@THIS is only meaningful inside @SINCE", pos);
    return ctx.thisField(fieldName);
  },
});

const sub = (a: Value, b: Value): Value => finiteOrNull(Number(a) - Number(b));

/** `@DIFF1` / `@DIFF2` (reals), with or without the "with respect to" field. */
export function diffImpl(order: 1 | 2): Implementation {
  return stateful((args, ctx) => {
    const [f1, f2] = args as [Evaluator, Evaluator | undefined];
    const a = new History(3);
    const b = new History(3);
    ctx.state.steps.push((r) => {
      a.push(f1(r));
      if (f2) b.push(f2(r));
    });
    ctx.state.resets.push(() => {
      a.clear();
      b.clear();
    });
    const delta = (h: History, back: number): Value => {
      const x = h.get(back);
      const y = h.get(back + 1);
      return x === null || y === null ? null : sub(x, y);
    };
    const ratio = (back: number): number | null => {
      const d1 = delta(a, back);
      const d2 = delta(b, back);
      return d1 === null || d2 === null || Number(d2) === 0 ? null : finiteOrNull(Number(d1) / Number(d2));
    };
    if (!f2) {
      if (order === 1) return () => delta(a, 0);
      return () => {
        const d0 = delta(a, 0);
        const d1 = delta(a, 1);
        return d0 === null || d1 === null ? null : sub(d0, d1);
      };
    }
    if (order === 1) return () => ratio(0);
    return () => {
      const r0 = ratio(0);
      const r1 = ratio(1);
      const d = delta(b, 0);
      return r0 === null || r1 === null || d === null || Number(d) === 0 ? null : finiteOrNull((r0 - r1) / Number(d));
    };
  });
}

export type Statistic = "sum" | "mean" | "max" | "min" | "sdev";

/** Running statistic over every record so far, in O(1) per record. */
export function runningImpl(stat: Statistic, integer: boolean): Implementation {
  return stateful((args, ctx) => {
    const [field] = args as [Evaluator];
    let n = 0;
    let sum: Int | number = 0;
    let mean = 0;
    let m2 = 0;
    let extreme: Value = null;
    ctx.state.steps.push((r) => {
      const v = field(r);
      if (v === null) return;
      n++;
      switch (stat) {
        case "sum": sum = integer ? addInt(sum as Int, v as Int) : (sum as number) + Number(v); break;
        case "max": if (extreme === null || v > extreme) extreme = v; break;
        case "min": if (extreme === null || v < extreme) extreme = v; break;
        default: {
          // Welford's update: stable mean and sum of squared deviations.
          const x = Number(v);
          const d = x - mean;
          mean += d / n;
          m2 += d * (x - mean);
        }
      }
    });
    ctx.state.resets.push(() => {
      n = 0;
      sum = 0;
      mean = 0;
      m2 = 0;
      extreme = null;
    });
    switch (stat) {
      case "sum": return () => (n === 0 ? null : integer ? sum : finiteOrNull(sum as number));
      case "mean": return () => (n === 0 ? null : mean);
      case "sdev": return () => (n < 2 ? null : finiteOrNull(Math.sqrt(m2 / (n - 1))));
      default: return () => extreme;
    }
  });
}

/** Statistic over the last EXPR records (current included), at most `capacity` back. */
export function windowImpl(stat: Statistic, integer: boolean, capacity: number): Implementation {
  return stateful((args, ctx) => {
    const [field, width] = args as [Evaluator, Evaluator];
    const history = new History(capacity);
    const scratch: Value[] = [];
    ctx.state.steps.push((r) => history.push(field(r)));
    ctx.state.resets.push(() => history.clear());
    return (r) => {
      const w = width(r);
      if (w === null) return null;
      const count = Math.min(Number(w), history.size);
      if (!(count >= 1)) return null;
      scratch.length = 0;
      for (let i = 0; i < count; i++) scratch.push(history.get(i));
      return windowStatistic(stat, integer, scratch);
    };
  });
}

function windowStatistic(stat: Statistic, integer: boolean, values: readonly Value[]): Value {
  switch (stat) {
    case "mean": return meanOf(values);
    case "sdev": return sdevOf(values);
    case "sum": {
      let acc: Int | number = 0;
      let seen = false;
      for (const v of values) {
        if (v === null) continue;
        seen = true;
        acc = integer ? addInt(acc as Int, v as Int) : (acc as number) + Number(v);
      }
      return seen ? (integer ? acc : finiteOrNull(acc as number)) : null;
    }
    default: {
      let best: Value = null;
      for (const v of values) {
        if (v === null) continue;
        if (best === null || (stat === "max" ? v > best : v < best)) best = v;
      }
      return best;
    }
  }
}

/** `@LAST_NON_BLANK(F)`: the latest value (current record included) that is neither `$null$` nor blank. */
export function lastNonBlankImpl(isBlank: (v: Value) => boolean): Implementation {
  return stateful((args, ctx) => {
    const [field] = args as [Evaluator];
    let last: Value = null;
    ctx.state.steps.push((r) => {
      const v = field(r);
      if (v !== null && !isBlank(v)) last = v;
    });
    ctx.state.resets.push(() => {
      last = null;
    });
    return () => last;
  });
}
