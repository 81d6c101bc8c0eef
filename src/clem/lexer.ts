/**
 * CLEM tokens. The lexer turns the whole expression into a token array up front (expressions
 * are short), each token carrying its line and column for error messages.
 *
 * Lexical rules (CLEM.md §1, choices in docs/clem.md):
 * - integers `123`; reals need a digit on both sides of the point (`1.5`, `1.7e-2`; `1e5` is a
 *   real too); `.5` and `5.` are errors that say how to write them;
 * - `"strings"` and `'quoted names'` take backslash escapes (`\"`, `\\`, `\n`, `\t`, `\r`;
 *   any other escaped character stands for itself);
 * - `` `c` `` is one character (escapes as in strings);
 * - names are Unicode letters, digits and `_`, not starting with a digit (`통화12` is a name);
 * - `@NAMES` are upper-case letters, digits and `_` after `@`;
 * - operators are matched longest first (`/==` before `/=` before `/`).
 */
import { ClemSyntaxError, type SourcePosition } from "./errors.js";

export type TokenKind = "integer" | "real" | "string" | "char" | "quoted" | "name" | "at" | "op" | "eof";

export interface Token {
  readonly kind: TokenKind;
  /** Decoded text: the string's characters, the name, the operator spelling. */
  readonly text: string;
  /** Integer value (number, or bigint beyond 2^53); real value. */
  readonly value?: number | bigint;
  readonly pos: SourcePosition;
  /** Offset just past the token. */
  readonly end: number;
}

/** Operators and punctuation, longest first so that a prefix never wins. */
const OPERATORS = [
  "&&/=_0", "&&=_0", "&&~~", "||/&", "/==",
  "**", "><", "/=", "==", "<=", ">=", "<<", ">>", "&&", "||", "~~",
  "=", "<", ">", "+", "-", "*", "/", "(", ")", "[", "]", ",",
];

/** Things people write from other languages, with the CLEM spelling to suggest. */
const FOREIGN_OPERATORS: ReadonlyArray<readonly [string, string]> = [
  ["!=", "use /= for \"not equal\""],
  ["<>", "use /= for \"not equal\""],
  ["!", "use not(...) for negation"],
  ["&", "use \"and\" for logical and, && for bitwise and, >< to join strings"],
  ["|", "use \"or\" for logical or, || for bitwise or"],
  ["%", "use rem for the remainder"],
  ["^", "use ** for powers"],
  ["{", "lists are written in square brackets: [a b c]"],
  [";", "CLEM expressions have no statement separator"],
];

const NAME_START = /[\p{L}_]/u;
const NAME_PART = /[\p{L}\p{M}\p{Nd}_]/u;

class Scanner {
  private offset = 0;
  private line = 1;
  private lineStart = 0;

  constructor(private readonly text: string) {}

  position(offset = this.offset): SourcePosition {
    // Positions are only asked for at token starts on the current line, or at the current offset.
    return { line: this.line, column: offset - this.lineStart + 1, offset };
  }

  tokens(): Token[] {
    const out: Token[] = [];
    for (;;) {
      this.skipSpace();
      if (this.offset >= this.text.length) {
        out.push({ kind: "eof", text: "", pos: this.position(), end: this.offset });
        return out;
      }
      out.push(this.next());
    }
  }

  private skipSpace(): void {
    const t = this.text;
    while (this.offset < t.length) {
      const c = t[this.offset]!;
      if (c === "\n" || c === "\r") {
        this.offset += c === "\r" && t[this.offset + 1] === "\n" ? 2 : 1;
        this.line++;
        this.lineStart = this.offset;
      } else if (c === " " || c === "\t" || c === "\f" || c === "\v" || c === "\u00a0" || c === "\ufeff") {
        this.offset++;
      } else {
        return;
      }
    }
  }

  private fail(message: string, pos = this.position()): never {
    throw new ClemSyntaxError(message, pos);
  }

  private next(): Token {
    const t = this.text;
    const start = this.offset;
    const pos = this.position();
    const c = t[start]!;
    if (c >= "0" && c <= "9") return this.number(pos);
    if (c === "." && /[0-9]/.test(t[start + 1] ?? "")) {
      this.fail(`a real number needs a digit before the point: write 0${t.slice(start, start + 8).match(/^\.[0-9]+/)![0]}`, pos);
    }
    if (c === '"') return { kind: "string", text: this.quoted('"', "string"), pos, end: this.offset };
    if (c === "'") return { kind: "quoted", text: this.quoted("'", "quoted name"), pos, end: this.offset };
    if (c === "`") return this.character(pos);
    if (c === "@") {
      const m = /^@[A-Za-z_][A-Za-z0-9_]*/.exec(t.slice(start, start + 64));
      if (!m) this.fail('"@" must be followed by a function name such as @INDEX or @NULL', pos);
      this.offset += m[0].length;
      return { kind: "at", text: m[0].toUpperCase(), pos, end: this.offset };
    }
    if (NAME_START.test(c)) {
      let i = start + 1;
      while (i < t.length && NAME_PART.test(t[i]!)) i++;
      this.offset = i;
      return { kind: "name", text: t.slice(start, i), pos, end: i };
    }
    for (const op of OPERATORS) {
      if (t.startsWith(op, start)) {
        this.offset += op.length;
        return { kind: "op", text: op === "==" ? "=" : op === "/==" ? "/=" : op, pos, end: this.offset };
      }
    }
    for (const [foreign, hint] of FOREIGN_OPERATORS) {
      if (t.startsWith(foreign, start)) this.fail(`"${foreign}" is not a CLEM operator: ${hint}`, pos);
    }
    if (c === "$") this.fail(`names containing "$" must be quoted, e.g. '${/^\$[^\s()=<>,]*/.exec(t.slice(start))![0]}'`, pos);
    return this.fail(`unexpected character "${c}"`, pos);
  }

  private number(pos: SourcePosition): Token {
    const t = this.text;
    const m = /^([0-9]+)(\.[0-9]*)?([eE][+-]?[0-9]*)?/.exec(t.slice(pos.offset))!;
    const [whole, digits, fraction, exponent] = m;
    if (fraction === ".") this.fail(`a real number needs a digit after the point: write ${digits}.0`, pos);
    if (exponent !== undefined && !/[0-9]$/.test(exponent)) this.fail(`the exponent of ${whole} has no digits`, pos);
    this.offset += whole.length;
    const after = t[this.offset];
    if (after !== undefined && NAME_PART.test(after)) {
      const name = /^[\p{L}\p{M}\p{Nd}_]*/u.exec(t.slice(pos.offset))![0];
      this.fail(`a name cannot start with a digit: quote it as '${name}'`, pos);
    }
    if (fraction === undefined && exponent === undefined) {
      const n = Number(digits);
      const value = Number.isSafeInteger(n) ? n : BigInt(digits!);
      return { kind: "integer", text: whole, value, pos, end: this.offset };
    }
    return { kind: "real", text: whole, value: Number(whole), pos, end: this.offset };
  }

  /** Reads `"..."` or `'...'` with backslash escapes; the scanner stands on the opening quote. */
  private quoted(quote: string, what: string): string {
    const t = this.text;
    const pos = this.position();
    let i = this.offset + 1;
    let out = "";
    for (;;) {
      if (i >= t.length) this.fail(`unterminated ${what}: the closing ${quote} is missing`, pos);
      const c = t[i]!;
      if (c === quote) break;
      if (c === "\\" && i + 1 < t.length) {
        out += unescape(t[i + 1]!);
        i += 2;
        continue;
      }
      if (c === "\n" || c === "\r") {
        // A line break inside a string is kept; line counting must still see it.
        if (c === "\r" && t[i + 1] === "\n") {
          out += "\r\n";
          i += 2;
        } else {
          out += c;
          i += 1;
        }
        this.line++;
        this.lineStart = i;
        continue;
      }
      out += c;
      i++;
    }
    this.offset = i + 1;
    return out;
  }

  private character(pos: SourcePosition): Token {
    const t = this.text;
    let i = pos.offset + 1;
    let ch: string;
    if (t[i] === "\\" && i + 1 < t.length) {
      ch = unescape(t[i + 1]!);
      i += 2;
    } else {
      const cp = t.codePointAt(i);
      if (cp === undefined || t[i] === "`") this.fail("a character literal needs exactly one character between back-quotes, e.g. `A`", pos);
      ch = String.fromCodePoint(cp);
      i += ch.length;
    }
    if (t[i] !== "`") this.fail("a character literal holds exactly one character and ends with a back-quote, e.g. `A`; use \"...\" for strings", pos);
    this.offset = i + 1;
    return { kind: "char", text: ch, pos, end: this.offset };
  }
}

function unescape(c: string): string {
  switch (c) {
    case "n": return "\n";
    case "t": return "\t";
    case "r": return "\r";
    default: return c;
  }
}

export function tokenize(text: string): Token[] {
  return new Scanner(text).tokens();
}
