/**
 * The syntax tree of a CLEM expression, as the parser produces it: plain immutable objects,
 * one kind per construct, each with the source position of its first character. Names are not
 * resolved here (the parser does not know the fields); the binder does that.
 */
import type { SourcePosition } from "./errors.js";

export type BinaryOperator =
  | "or" | "and"
  | "=" | "/=" | ">" | ">=" | "<" | "<=" | "&&=_0" | "&&/=_0" | "matches"
  | "+" | "-" | "><"
  | "*" | "/" | "&&" | "&&~~" | "||" | "||/&" | "<<" | ">>"
  | "**"
  | "rem" | "div" | "mod";

export type UnaryOperator = "-" | "~~" | "not";

interface Base {
  readonly pos: SourcePosition;
}

export interface IntegerLiteral extends Base {
  readonly kind: "integer";
  readonly value: number | bigint;
}
export interface RealLiteral extends Base {
  readonly kind: "real";
  readonly value: number;
}
export interface StringLiteral extends Base {
  readonly kind: "string";
  readonly value: string;
}
/** `` `A` ``: one character. There is no character storage; at run time it is a 1-character string. */
export interface CharLiteral extends Base {
  readonly kind: "char";
  readonly value: string;
}
export interface BooleanLiteral extends Base {
  readonly kind: "boolean";
  readonly value: boolean;
}
/** `undef`: the system-missing value `$null$`. */
export interface UndefLiteral extends Base {
  readonly kind: "undef";
}
/**
 * A name: bare (`Age`, `pi`) or single-quoted (`'Power Increase'`, `'$P-limit'`). The binder
 * decides whether it is a field, a parameter, a constant function or (quoted, no such field) a
 * string.
 */
export interface NameRef extends Base {
  readonly kind: "name";
  readonly name: string;
  readonly quoted: boolean;
}
/** `f(a, b)` or an `@`-name with or without arguments (`@INDEX`, `@OFFSET(x, 1)`). */
export interface Call extends Base {
  readonly kind: "call";
  readonly name: string;
  readonly args: readonly ClemExpression[];
  /** False for an `@`-name written without parentheses. */
  readonly parenthesised: boolean;
}
export interface Unary extends Base {
  readonly kind: "unary";
  readonly op: UnaryOperator;
  readonly operand: ClemExpression;
}
export interface Binary extends Base {
  readonly kind: "binary";
  readonly op: BinaryOperator;
  readonly left: ClemExpression;
  readonly right: ClemExpression;
  /** Where the operator itself is written (errors about the operation point here). */
  readonly opPos: SourcePosition;
}
export interface IfBranch {
  readonly condition: ClemExpression;
  readonly value: ClemExpression;
}
/** `if c1 then v1 elseif c2 then v2 ... else v endif`; `otherwise` is null without `else`. */
export interface IfExpression extends Base {
  readonly kind: "if";
  readonly branches: readonly IfBranch[];
  readonly otherwise: ClemExpression | null;
}
/** `[a b c]` or `[a, b, c]`. */
export interface ListExpression extends Base {
  readonly kind: "list";
  readonly items: readonly ClemExpression[];
}

export type ClemExpression =
  | IntegerLiteral | RealLiteral | StringLiteral | CharLiteral | BooleanLiteral | UndefLiteral
  | NameRef | Call | Unary | Binary | IfExpression | ListExpression;

/** Calls `visit` on every node, parents before children. */
export function walk(node: ClemExpression, visit: (n: ClemExpression) => void): void {
  visit(node);
  switch (node.kind) {
    case "call": node.args.forEach((a) => walk(a, visit)); break;
    case "unary": walk(node.operand, visit); break;
    case "binary": walk(node.left, visit); walk(node.right, visit); break;
    case "if":
      for (const b of node.branches) {
        walk(b.condition, visit);
        walk(b.value, visit);
      }
      if (node.otherwise) walk(node.otherwise, visit);
      break;
    case "list": node.items.forEach((i) => walk(i, visit)); break;
    default: break;
  }
}
