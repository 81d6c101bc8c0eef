/**
 * CLEM parser: precedence climbing over the operator table of CLEM.md §2.1.
 *
 * A lower level binds tighter. Every binary operator is left-associative (`2 ** 3 ** 2` is
 * `(2 ** 3) ** 2`, CLEM.md §2.3). Following the table, `div`/`rem`/`mod` (level 2) bind
 * tighter than `**` (3) and `*` (4), so `10 * 7 div 2` is `10 * (7 div 2)` = 30.
 *
 * Prefix operators bind tighter than any binary one: `-2 ** 2` is `(-2) ** 2`, as the literal
 * `-2` would be. `not` is written like a function, `not(C)`; without parentheses its operand is
 * a comparison (`not a = b` is `not (a = b)`). `matches` is accepted both infix
 * (`s matches "a*"`, as real streams write it) and as `matches(s, "a*")`; infix it sits with
 * the comparisons.
 */
import type { BinaryOperator, ClemExpression, IfBranch } from "./ast.js";
import { ClemSyntaxError } from "./errors.js";
import { tokenize, type Token } from "./lexer.js";

/** Binding level of each binary operator (CLEM.md §2.1). */
export const PRECEDENCE: Readonly<Record<BinaryOperator, number>> = {
  or: 10,
  and: 9,
  "=": 7, "/=": 7,
  ">": 6, ">=": 6, "<": 6, "<=": 6, "&&=_0": 6, "&&/=_0": 6, matches: 6,
  "+": 5, "-": 5, "><": 5,
  "*": 4, "/": 4, "&&": 4, "&&~~": 4, "||": 4, "||/&": 4, "<<": 4, ">>": 4,
  "**": 3,
  rem: 2, div: 2, mod: 2,
};

const LOOSEST = 10;
const WORD_OPERATORS = new Set(["or", "and", "div", "rem", "mod", "matches"]);
export const KEYWORDS = new Set(["and", "or", "not", "if", "then", "elseif", "else", "endif", "div", "rem", "mod", "undef", "true", "false"]);

function describe(t: Token): string {
  switch (t.kind) {
    case "eof": return "the end of the expression";
    case "string": return `the string "${t.text}"`;
    case "quoted": return `'${t.text}'`;
    case "char": return `the character \`${t.text}\``;
    case "integer":
    case "real": return `the number ${t.text}`;
    case "name": return KEYWORDS.has(t.text) ? `"${t.text}"` : `the name ${t.text}`;
    default: return `"${t.text}"`;
  }
}

class Parser {
  private i = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  parseAll(): ClemExpression {
    if (this.peek().kind === "eof") this.fail("the expression is empty", "an expression");
    const e = this.expression(LOOSEST);
    const t = this.peek();
    if (t.kind !== "eof") {
      const hint = t.kind === "name" && (t.text === "then" || t.text === "else" || t.text === "elseif" || t.text === "endif")
        ? ` ("${t.text}" without a matching "if")` : "";
      this.fail(`expected an operator or the end of the expression, found ${describe(t)}${hint}`);
    }
    return e;
  }

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.i + ahead, this.tokens.length - 1)]!;
  }

  private advance(): Token {
    const t = this.tokens[this.i]!;
    if (t.kind !== "eof") this.i++;
    return t;
  }

  private fail(message: string, expected?: string, token = this.peek()): never {
    throw new ClemSyntaxError(message, token.pos, { expected, found: token.kind === "eof" ? "end" : token.text });
  }

  private isWord(t: Token, word: string): boolean {
    return t.kind === "name" && t.text === word;
  }

  private isOp(t: Token, op: string): boolean {
    return t.kind === "op" && t.text === op;
  }

  private expect(op: string, context: string): Token {
    const t = this.peek();
    if (!this.isOp(t, op)) this.fail(`expected "${op}" ${context}, found ${describe(t)}`, `"${op}"`);
    return this.advance();
  }

  private expectWord(word: string, context: string): void {
    const t = this.peek();
    if (!this.isWord(t, word)) this.fail(`expected "${word}" ${context}, found ${describe(t)}`, `"${word}"`);
    this.advance();
  }

  private binaryOperator(t: Token): BinaryOperator | null {
    if (t.kind === "op" && t.text in PRECEDENCE) return t.text as BinaryOperator;
    if (t.kind === "name" && WORD_OPERATORS.has(t.text)) return t.text as BinaryOperator;
    return null;
  }

  /** Parses operators binding at `level` or tighter. */
  private expression(level: number): ClemExpression {
    let left = this.prefix();
    for (;;) {
      const t = this.peek();
      const op = this.binaryOperator(t);
      if (!op) return left;
      const p = PRECEDENCE[op];
      if (p > level) return left;
      this.advance();
      const right = this.operand(`after "${op}"`, p - 1);
      left = { kind: "binary", op, left, right, pos: left.pos, opPos: t.pos };
    }
  }

  private operand(context: string, level: number): ClemExpression {
    const t = this.peek();
    if (t.kind === "eof" || (t.kind === "op" && (t.text === ")" || t.text === "]" || t.text === ","))) {
      this.fail(`expected a value ${context}, found ${describe(t)}`, "a value");
    }
    return this.expression(level);
  }

  private prefix(): ClemExpression {
    const t = this.peek();
    if (this.isOp(t, "-") || this.isOp(t, "~~")) {
      this.advance();
      const operand = this.operand(`after "${t.text}"`, 0);
      return { kind: "unary", op: t.text as "-" | "~~", operand, pos: t.pos };
    }
    if (this.isWord(t, "not")) {
      this.advance();
      const operand = this.isOp(this.peek(), "(") ? this.primary() : this.operand('after "not"', 7);
      return { kind: "unary", op: "not", operand, pos: t.pos };
    }
    return this.primary();
  }

  private primary(): ClemExpression {
    const t = this.peek();
    switch (t.kind) {
      case "integer":
        this.advance();
        return { kind: "integer", value: t.value!, pos: t.pos };
      case "real":
        this.advance();
        return { kind: "real", value: t.value as number, pos: t.pos };
      case "string":
        this.advance();
        return { kind: "string", value: t.text, pos: t.pos };
      case "char":
        this.advance();
        return { kind: "char", value: t.text, pos: t.pos };
      case "quoted":
        this.advance();
        return { kind: "name", name: t.text, quoted: true, pos: t.pos };
      case "at":
        this.advance();
        if (this.isOp(this.peek(), "(")) return { kind: "call", name: t.text, args: this.args(t.text), parenthesised: true, pos: t.pos };
        return { kind: "call", name: t.text, args: [], parenthesised: false, pos: t.pos };
      case "name":
        return this.word(t);
      case "op":
        if (t.text === "(") {
          this.advance();
          const e = this.operand('after "("', LOOSEST);
          this.expect(")", `to close the "(" at line ${t.pos.line}, column ${t.pos.column}`);
          return e;
        }
        if (t.text === "[") return this.list();
        break;
      default:
        break;
    }
    return this.fail(`expected a value, found ${describe(t)}`, "a value");
  }

  private word(t: Token): ClemExpression {
    switch (t.text) {
      case "if": return this.conditional();
      case "true":
      case "false":
        this.advance();
        return { kind: "boolean", value: t.text === "true", pos: t.pos };
      case "undef":
        this.advance();
        return { kind: "undef", pos: t.pos };
      default:
        break;
    }
    if (KEYWORDS.has(t.text)) this.fail(`expected a value, found the keyword "${t.text}"`, "a value");
    this.advance();
    if (this.isOp(this.peek(), "(")) return { kind: "call", name: t.text, args: this.args(t.text), parenthesised: true, pos: t.pos };
    return { kind: "name", name: t.text, quoted: false, pos: t.pos };
  }

  private args(name: string): ClemExpression[] {
    const open = this.advance();
    const args: ClemExpression[] = [];
    if (this.isOp(this.peek(), ")")) {
      this.advance();
      return args;
    }
    for (;;) {
      args.push(this.operand(`as argument ${args.length + 1} of ${name}`, LOOSEST));
      const t = this.peek();
      if (this.isOp(t, ",")) {
        this.advance();
        continue;
      }
      if (this.isOp(t, ")")) {
        this.advance();
        return args;
      }
      this.fail(`expected "," or ")" in the arguments of ${name} (opened at line ${open.pos.line}, column ${open.pos.column}), found ${describe(t)}`, '"," or ")"');
    }
  }

  private list(): ClemExpression {
    const open = this.advance();
    const items: ClemExpression[] = [];
    for (;;) {
      const t = this.peek();
      if (this.isOp(t, "]")) {
        this.advance();
        return { kind: "list", items, pos: open.pos };
      }
      if (t.kind === "eof") {
        this.fail(`expected "]" to close the list opened at line ${open.pos.line}, column ${open.pos.column}, found the end of the expression`, '"]"');
      }
      if (items.length > 0 && this.isOp(t, ",")) this.advance();
      items.push(this.operand("in the list", LOOSEST));
    }
  }

  private conditional(): ClemExpression {
    const start = this.advance();
    const opened = `(the "if" at line ${start.pos.line}, column ${start.pos.column})`;
    const branches: IfBranch[] = [];
    let otherwise: ClemExpression | null = null;
    for (;;) {
      const condition = this.operand(`as the condition of "if" ${opened}`, LOOSEST);
      this.expectWord("then", `after the condition ${opened}`);
      const value = this.operand(`after "then" ${opened}`, LOOSEST);
      branches.push({ condition, value });
      const t = this.peek();
      if (this.isWord(t, "elseif")) {
        this.advance();
        continue;
      }
      if (this.isWord(t, "else")) {
        this.advance();
        otherwise = this.operand(`after "else" ${opened}`, LOOSEST);
        this.expectWord("endif", `to close the "if" at line ${start.pos.line}, column ${start.pos.column}`);
        break;
      }
      if (this.isWord(t, "endif")) {
        this.advance();
        break;
      }
      this.fail(`expected "elseif", "else" or "endif" ${opened}, found ${describe(t)}`, '"elseif", "else" or "endif"');
    }
    return { kind: "if", branches, otherwise, pos: start.pos };
  }
}

/** Parses one CLEM expression; throws `ClemSyntaxError` with line and column. */
export function parseClem(text: string): ClemExpression {
  return new Parser(tokenize(text)).parseAll();
}
