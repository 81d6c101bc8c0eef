/**
 * The bound tree: the syntax tree after name resolution and type checking. Every node has its
 * static type; calls carry the implementation chosen for their argument types, so the compiler
 * never looks a function up again.
 */
import type { Value } from "../data/values.js";
import type { CompileContext } from "./compile-context.js";
import type { SourcePosition } from "./errors.js";
import type { ClemType, ParamKind } from "./types.js";

/** A compiled expression: the value for one row of the current batch. */
export type Evaluator = (row: number) => Value;

export interface Implementation {
  /**
   * Builds the evaluator of one call site. `args` are the compiled arguments (empty when
   * `lazyArgs` is set: the implementation compiles `nodes` itself, e.g. in another context).
   */
  compile(args: readonly Evaluator[], ctx: CompileContext, nodes: readonly BoundNode[]): Evaluator;
  /** No state, randomness or clock: constant arguments give a constant result (folded once). */
  readonly pure: boolean;
  readonly lazyArgs?: boolean;
}

interface BoundBase {
  readonly type: ClemType;
  readonly pos: SourcePosition;
}

export interface BoundConstant extends BoundBase {
  readonly kind: "constant";
  readonly value: Value;
}
export interface BoundField extends BoundBase {
  readonly kind: "field";
  readonly name: string;
}
export interface BoundCall extends BoundBase {
  readonly kind: "call";
  readonly name: string;
  readonly args: readonly BoundNode[];
  readonly impl: Implementation;
}
export interface BoundIf extends BoundBase {
  readonly kind: "if";
  readonly branches: ReadonlyArray<{ readonly condition: BoundNode; readonly value: BoundNode }>;
  readonly otherwise: BoundNode | null;
}
export interface BoundLogical extends BoundBase {
  readonly kind: "and" | "or";
  readonly left: BoundNode;
  readonly right: BoundNode;
}
export interface BoundNot extends BoundBase {
  readonly kind: "not";
  readonly operand: BoundNode;
}
export interface BoundList extends BoundBase {
  readonly kind: "list";
  readonly items: readonly BoundNode[];
}
/** Checks at run time that a value of unknown storage fits where it is used. */
export interface BoundGuard extends BoundBase {
  readonly kind: "guard";
  readonly operand: BoundNode;
  readonly expected: ParamKind;
  readonly context: string;
}

export type BoundNode = BoundConstant | BoundField | BoundCall | BoundIf | BoundLogical | BoundNot | BoundList | BoundGuard;

/** Calls `visit` on every node, parents first. */
export function walkBound(node: BoundNode, visit: (n: BoundNode) => void): void {
  visit(node);
  switch (node.kind) {
    case "call": node.args.forEach((a) => walkBound(a, visit)); break;
    case "if":
      for (const b of node.branches) {
        walkBound(b.condition, visit);
        walkBound(b.value, visit);
      }
      if (node.otherwise) walkBound(node.otherwise, visit);
      break;
    case "and":
    case "or": walkBound(node.left, visit); walkBound(node.right, visit); break;
    case "not": walkBound(node.operand, visit); break;
    case "list": node.items.forEach((i) => walkBound(i, visit)); break;
    case "guard": walkBound(node.operand, visit); break;
    default: break;
  }
}

/** The constant value of a node, or `undefined` when it is not a literal constant. */
export function constantOf(node: BoundNode): Value | undefined {
  return node.kind === "constant" ? node.value : undefined;
}

type Fn0 = () => Value;
type FnN = (...args: any[]) => Value;

/**
 * A pure function that gives `$null$` whenever an argument is `$null$` (most of CLEM): the
 * evaluator tests each argument once and calls `fn` only with real values. Specialised by
 * arity so the common cases do not allocate an argument array per row.
 */
export function strict(fn: FnN, pure = true): Implementation {
  return { pure, compile: (args, _ctx, nodes) => strictCall(fn, args, nodes) };
}

export function strictCall(fn: FnN, args: readonly Evaluator[], nodes?: readonly BoundNode[]): Evaluator {
  // A constant operand (`Age < 30`, `x * 2`) is read once, not called per row.
  if (args.length === 2 && nodes) {
    const [l, r] = nodes as [BoundNode, BoundNode];
    if (r.kind === "constant" && l.kind !== "constant") {
      const [a] = args as [Evaluator];
      const y = r.value;
      if (y === null) return () => null;
      return (row) => {
        const x = a(row);
        return x === null ? null : fn(x, y);
      };
    }
    if (l.kind === "constant" && r.kind !== "constant") {
      const [, b] = args as [Evaluator, Evaluator];
      const x = l.value;
      if (x === null) return () => null;
      return (row) => {
        const y = b(row);
        return y === null ? null : fn(x, y);
      };
    }
  }
  switch (args.length) {
    case 0: return fn as Fn0;
    case 1: {
      const [a] = args as [Evaluator];
      return (r) => {
        const x = a(r);
        return x === null ? null : fn(x);
      };
    }
    case 2: {
      const [a, b] = args as [Evaluator, Evaluator];
      return (r) => {
        const x = a(r);
        if (x === null) return null;
        const y = b(r);
        return y === null ? null : fn(x, y);
      };
    }
    case 3: {
      const [a, b, c] = args as [Evaluator, Evaluator, Evaluator];
      return (r) => {
        const x = a(r);
        if (x === null) return null;
        const y = b(r);
        if (y === null) return null;
        const z = c(r);
        return z === null ? null : fn(x, y, z);
      };
    }
    default:
      return (r) => {
        const values: Value[] = new Array(args.length);
        for (let i = 0; i < args.length; i++) {
          const v = args[i]!(r);
          if (v === null) return null;
          values[i] = v;
        }
        return fn(...values);
      };
  }
}

/** A pure function that sees `$null$` arguments itself (`@NULL`, `count_nulls`, `first_non_null`). */
export function lenient(fn: FnN, pure = true): Implementation {
  return {
    pure,
    compile: (args) => {
      switch (args.length) {
        case 1: {
          const [a] = args as [Evaluator];
          return (r) => fn(a(r));
        }
        case 2: {
          const [a, b] = args as [Evaluator, Evaluator];
          return (r) => fn(a(r), b(r));
        }
        default:
          return (r) => fn(...args.map((e) => e(r)));
      }
    },
  };
}
