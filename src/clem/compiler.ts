/**
 * Compiler: bound tree → one JS closure per node, built once. A row is evaluated by calling the
 * root closure with the row index; field reads index the batch's column arrays directly, so no
 * tree walking, name lookup or type dispatch happens per row.
 *
 * Constant sub-expressions of pure functions are computed once here (`-1`, `pi / 2`,
 * `to_date("01/01/2000")`), and an `if` with a constant condition keeps only its live branch.
 *
 * Null semantics (CLEM.md §3.3): functions marked strict give `$null$` for a `$null$` argument;
 * `and`/`or` are three-valued and short-circuit (`false and X` never evaluates X); an `if`
 * whose condition is `$null$` takes the next branch, like false.
 */
import type { Value } from "../data/values.js";
import type { BoundNode, Evaluator } from "./bound.js";
import type { CompileContext } from "./compile-context.js";
import { ClemRuntimeError } from "./errors.js";
import { valueFitsKind, type ClemType } from "./types.js";

interface Compiled {
  readonly fn: Evaluator;
  readonly constant: boolean;
}

const constant = (value: Value): Compiled => ({ fn: () => value, constant: true });

/** A condition of unknown storage: its values must still be true, false or $null$. */
function asCondition(c: Compiled, type: ClemType, node: BoundNode): Compiled {
  if (type !== "any") return c;
  const f = c.fn;
  return {
    constant: c.constant,
    fn: (r) => {
      const v = f(r);
      if (v !== null && typeof v !== "boolean") throw new ClemRuntimeError(`a condition must be true or false, but this gave ${JSON.stringify(typeof v === "bigint" ? String(v) : v)}`, node.pos);
      return v;
    },
  };
}

function compileNode(node: BoundNode, ctx: CompileContext): Compiled {
  switch (node.kind) {
    case "constant": return constant(node.value);
    case "field": return { fn: ctx.field(node.name), constant: false };
    case "guard": {
      const inner = compileNode(node.operand, ctx);
      const f = inner.fn;
      const { expected, context, pos } = node;
      return {
        constant: inner.constant,
        fn: (r) => {
          const v = f(r);
          if (v !== null && !valueFitsKind(expected, v)) {
            throw new ClemRuntimeError(`${context} got ${JSON.stringify(typeof v === "bigint" ? String(v) : v)}, which does not fit (the field's storage is unknown until run time)`, pos);
          }
          return v;
        },
      };
    }
    case "list": {
      const items = node.items.map((i) => compileNode(i, ctx));
      const fns = items.map((i) => i.fn);
      const n = fns.length;
      const fn: Evaluator = (r) => {
        const out: Value[] = new Array(n);
        for (let i = 0; i < n; i++) out[i] = fns[i]!(r);
        return out;
      };
      return items.every((i) => i.constant) ? constant(fn(0)) : { fn, constant: false };
    }
    case "not": {
      const operand = asCondition(compileNode(node.operand, ctx), node.operand.type, node.operand);
      const f = operand.fn;
      const fn: Evaluator = (r) => {
        const v = f(r);
        return v === null ? null : !v;
      };
      return operand.constant ? constant(fn(0)) : { fn, constant: false };
    }
    case "and":
    case "or": return compileLogical(node.kind, compileNode(node.left, ctx), compileNode(node.right, ctx), node);
    case "if": return compileIf(node, ctx);
    case "call": {
      const impl = node.impl;
      if (impl.lazyArgs) return { fn: impl.compile([], ctx, node.args), constant: false };
      const args = node.args.map((a) => compileNode(a, ctx));
      const fn = impl.compile(args.map((a) => a.fn), ctx, node.args);
      if (impl.pure && args.every((a) => a.constant)) {
        try {
          return constant(fn(0));
        } catch {
          // An error on constants (e.g. an oversized power) is raised when rows run, with its position.
        }
      }
      return { fn, constant: false };
    }
  }
}

function compileLogical(op: "and" | "or", l: Compiled, r: Compiled, node: Extract<BoundNode, { kind: "and" | "or" }>): Compiled {
  const left = asCondition(l, node.left.type, node.left).fn;
  const right = asCondition(r, node.right.type, node.right).fn;
  // Three-valued logic: false and X = false, true or X = true (X not evaluated); otherwise null wins over the other value.
  const fn: Evaluator = op === "and"
    ? (row) => {
      const a = left(row);
      if (a === false) return false;
      const b = right(row);
      if (a === true) return b;
      return b === false ? false : null;
    }
    : (row) => {
      const a = left(row);
      if (a === true) return true;
      const b = right(row);
      if (a === false) return b;
      return b === true ? true : null;
    };
  return l.constant && r.constant ? constant(fn(0)) : { fn, constant: false };
}

function compileIf(node: Extract<BoundNode, { kind: "if" }>, ctx: CompileContext): Compiled {
  const conditions: Evaluator[] = [];
  const values: Evaluator[] = [];
  for (const b of node.branches) {
    const c = asCondition(compileNode(b.condition, ctx), b.condition.type, b.condition);
    if (c.constant) {
      const v = c.fn(0);
      if (v !== true) continue; // never taken: drop the branch
      if (conditions.length === 0) return compileNode(b.value, ctx); // always taken first
      conditions.push(() => true);
      values.push(compileNode(b.value, ctx).fn);
      break;
    }
    conditions.push(c.fn);
    values.push(compileNode(b.value, ctx).fn);
  }
  const otherwise: Evaluator = node.otherwise ? compileNode(node.otherwise, ctx).fn : () => null;
  if (conditions.length === 0) return { fn: otherwise, constant: false };
  if (conditions.length === 1) {
    const [c, v] = [conditions[0]!, values[0]!];
    return { fn: (r) => (c(r) === true ? v(r) : otherwise(r)), constant: false };
  }
  if (conditions.length === 2) {
    const [c1, c2, v1, v2] = [conditions[0]!, conditions[1]!, values[0]!, values[1]!];
    return { fn: (r) => (c1(r) === true ? v1(r) : c2(r) === true ? v2(r) : otherwise(r)), constant: false };
  }
  const n = conditions.length;
  return {
    constant: false,
    fn: (r) => {
      for (let i = 0; i < n; i++) if (conditions[i]!(r) === true) return values[i]!(r);
      return otherwise(r);
    },
  };
}

/** Compiles a bound expression to its root evaluator. */
export function compileBound(node: BoundNode, ctx: CompileContext): Evaluator {
  return compileNode(node, ctx).fn;
}
