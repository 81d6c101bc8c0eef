import { describe, expect, it } from "vitest";
import type { ClemExpression } from "../../src/clem/ast.js";
import { ClemSyntaxError, parseClem } from "../../src/clem/index.js";

/** A compact rendering of the tree: binary as (l op r), calls as f(a, b). */
function show(e: ClemExpression): string {
  switch (e.kind) {
    case "integer":
    case "real":
    case "boolean": return String(e.value);
    case "string": return JSON.stringify(e.value);
    case "char": return "`" + e.value + "`";
    case "undef": return "undef";
    case "name": return e.quoted ? `'${e.name}'` : e.name;
    case "call": return e.parenthesised ? `${e.name}(${e.args.map(show).join(", ")})` : e.name;
    case "unary": return `(${e.op} ${show(e.operand)})`;
    case "binary": return `(${show(e.left)} ${e.op} ${show(e.right)})`;
    case "list": return `[${e.items.map(show).join(" ")}]`;
    case "if": return `if ${e.branches.map((b) => `${show(b.condition)} then ${show(b.value)}`).join(" elseif ")}${e.otherwise ? ` else ${show(e.otherwise)}` : ""} endif`;
  }
}

const p = (text: string) => show(parseClem(text));

function syntaxError(text: string): ClemSyntaxError {
  try {
    parseClem(text);
  } catch (err) {
    if (err instanceof ClemSyntaxError) return err;
    throw err;
  }
  throw new Error(`"${text}" parsed`);
}

describe("precedence (CLEM.md §2.1 table: lower binds tighter)", () => {
  it("* before + (the docs' example 3 + 4 * 5)", () => {
    expect(p("3 + 4 * 5")).toBe("(3 + (4 * 5))");
  });

  it("div binds tighter than * (table level 2 vs 4): 10 * 7 div 2 = 10 * (7 div 2)", () => {
    expect(p("10 * 7 div 2")).toBe("(10 * (7 div 2))");
  });

  it("rem and mod bind tighter than **, ** tighter than *", () => {
    expect(p("2 ** 7 rem 4")).toBe("(2 ** (7 rem 4))");
    expect(p("3 * 2 ** 2")).toBe("(3 * (2 ** 2))");
  });

  it("every binary operator is left-associative, ** included", () => {
    expect(p("2 ** 3 ** 2")).toBe("((2 ** 3) ** 2)");
    expect(p("10 - 4 - 3")).toBe("((10 - 4) - 3)");
    expect(p("8 / 4 / 2")).toBe("((8 / 4) / 2)");
  });

  it("comparisons bind tighter than = and /=, which bind tighter than and, then or", () => {
    expect(p("a > 1 = b < 2")).toBe("((a > 1) = (b < 2))");
    expect(p("a = 1 or b = 2 and c = 3")).toBe("((a = 1) or ((b = 2) and (c = 3)))");
  });

  it("== and /== are the same operators as = and /=", () => {
    expect(p("a == 1")).toBe("(a = 1)");
    expect(p("a /== 1")).toBe("(a /= 1)");
  });

  it("bitwise operators sit with * (level 4), bit tests with comparisons (level 6)", () => {
    expect(p("a + b && c")).toBe("(a + (b && c))");
    expect(p("a || b &&=_0 c")).toBe("((a || b) &&=_0 c)");
    expect(p("a &&/=_0 b << 2")).toBe("(a &&/=_0 (b << 2))");
    expect(p("a ||/& b &&~~ c >> 1")).toBe("(((a ||/& b) &&~~ c) >> 1)");
  });

  it(">< sits with + and -", () => {
    expect(p('a >< "-" >< b + 1')).toBe('(((a >< "-") >< b) + 1)');
  });

  it("prefix operators bind tightest", () => {
    expect(p("-2 ** 2")).toBe("((- 2) ** 2)");
    expect(p("- a * b")).toBe("((- a) * b)");
    expect(p("~~ a + 1")).toBe("((~~ a) + 1)");
  });

  it("not(...) is a prefix on its parenthesised operand; without parentheses it takes a comparison", () => {
    expect(p("not(a) and b")).toBe("((not a) and b)");
    expect(p("not a = b or c")).toBe("((not (a = b)) or c)");
    expect(p("not(Age > 17) or not(Age < 66)")).toBe("((not (Age > 17)) or (not (Age < 66)))");
  });

  it("matches works infix (at comparison level) and as a function", () => {
    expect(p('uppertolower(x) matches "true"')).toBe('(uppertolower(x) matches "true")');
    expect(p('matches(x, "a*")')).toBe('matches(x, "a*")');
  });
});

describe("literals and names", () => {
  it("integers, big integers and reals (with exponents)", () => {
    expect(parseClem("1234")).toMatchObject({ kind: "integer", value: 1234 });
    expect(parseClem("123456789012345678901234")).toMatchObject({ kind: "integer", value: 123456789012345678901234n });
    expect(parseClem("1.234")).toMatchObject({ kind: "real", value: 1.234 });
    expect(parseClem("1234.0e5")).toMatchObject({ kind: "real", value: 123400000 });
    expect(parseClem("1.7e-2")).toMatchObject({ kind: "real", value: 0.017 });
  });

  it("strings take backslash escapes", () => {
    expect(parseClem('"\\$65443"')).toMatchObject({ kind: "string", value: "$65443" });
    expect(parseClem('"a\\\\b"')).toMatchObject({ kind: "string", value: "a\\b" });
    expect(parseClem('"say \\"hi\\""')).toMatchObject({ kind: "string", value: 'say "hi"' });
    expect(parseClem('"tab\\there"')).toMatchObject({ kind: "string", value: "tab\there" });
  });

  it("back-quoted characters", () => {
    expect(parseClem("`A`")).toMatchObject({ kind: "char", value: "A" });
    expect(parseClem("`\\n`")).toMatchObject({ kind: "char", value: "\n" });
    expect(parseClem("`-`")).toMatchObject({ kind: "char", value: "-" });
  });

  it("single quotes make a quoted name (field, parameter, or by context a string)", () => {
    expect(parseClem("'Power Increase'")).toMatchObject({ kind: "name", name: "Power Increase", quoted: true });
    expect(parseClem("'$P-min_age'")).toMatchObject({ kind: "name", name: "$P-min_age", quoted: true });
    expect(parseClem("'$C-Drug'")).toMatchObject({ kind: "name", name: "$C-Drug", quoted: true });
  });

  it("names may use any letters (통화12 - 통화06 is a subtraction of two fields)", () => {
    expect(p("통화12-통화06")).toBe("(통화12 - 통화06)");
    expect(p("val_27 + _x")).toBe("(val_27 + _x)");
  });

  it("keywords: true, false, undef", () => {
    expect(p("if true then undef else false endif")).toBe("if true then undef else false endif");
  });

  it("@-functions with and without arguments; pi and datetime_now are names", () => {
    expect(p("@INDEX")).toBe("@INDEX");
    expect(p("@OFFSET(custid, 1)")).toBe("@OFFSET(custid, 1)");
    expect(p("@NULL(@FIELD)")).toBe("@NULL(@FIELD)");
    expect(p("pi * 2")).toBe("(pi * 2)");
    expect(p("datetime_now")).toBe("datetime_now");
  });

  it("lists with spaces or commas", () => {
    expect(p("[1 2 4 16]")).toBe("[1 2 4 16]");
    expect(p('["abc" "def"]')).toBe('["abc" "def"]');
    expect(p("[A1, A2, A3]")).toBe("[A1 A2 A3]");
    expect(p("sum_n([Q1 Q2 Q3])")).toBe("sum_n([Q1 Q2 Q3])");
    expect(p("[]")).toBe("[]");
  });
});

describe("if", () => {
  it("if/then/elseif/else/endif", () => {
    expect(p('if a then "x" elseif b then "y" else "z" endif')).toBe('if a then "x" elseif b then "y" else "z" endif');
  });

  it("else may be missing", () => {
    expect(parseClem("if a then 1 endif")).toMatchObject({ kind: "if", otherwise: null });
  });

  it("nests in the else branch (else if ... endif endif) and is an operand", () => {
    expect(p('if Age < 24 then "Young"\nelse if Age < 50 then "Middle"\nelse "Old" endif endif')).toBe(
      'if (Age < 24) then "Young" else if (Age < 50) then "Middle" else "Old" endif endif',
    );
    expect(p("1 + if a then 1 else 2 endif * 3")).toBe("(1 + (if a then 1 else 2 endif * 3))");
  });

  it("keeps CR/LF line breaks as white space", () => {
    expect(p("if(MonthDay='0201') then ('Winter') elseif\r\n(MonthDay='0501') then ('Spring') else ('Fall') endif"))
      .toBe("if (MonthDay = '0201') then 'Winter' elseif (MonthDay = '0501') then 'Spring' else 'Fall' endif");
  });
});

describe("positions", () => {
  it("each node records its 1-based line and column", () => {
    const e = parseClem("a +\n  foo(1)");
    expect(e.kind).toBe("binary");
    if (e.kind !== "binary") return;
    expect(e.pos).toMatchObject({ line: 1, column: 1 });
    expect(e.opPos).toMatchObject({ line: 1, column: 3 });
    expect(e.right.pos).toMatchObject({ line: 2, column: 3 });
  });

  it("counts CRLF as one line break", () => {
    const e = parseClem("1 +\r\n\r\n  x");
    if (e.kind !== "binary") throw new Error("binary expected");
    expect(e.right.pos).toMatchObject({ line: 3, column: 3 });
  });
});

describe("syntax errors: ClemSyntaxError with line, column and what was expected", () => {
  it("is a CLEM_SYNTAX ModelerBatchError with details", () => {
    const err = syntaxError("a +");
    expect(err.code).toBe("CLEM_SYNTAX");
    expect(err.details).toMatchObject({ line: 1, column: 4 });
    expect(err.message).toMatch(/expected a value after "\+", found the end of the expression/);
  });

  const cases: Array<[string, number, number, RegExp]> = [
    ["if a then 1", 1, 12, /expected "elseif", "else" or "endif"/],
    ["if a 1 else 2 endif", 1, 6, /expected "then" after the condition/],
    ["if a then 1 else 2", 1, 19, /expected "endif" to close the "if" at line 1, column 1/],
    ["f(a, b", 1, 7, /expected "," or "\)" in the arguments of f/],
    ["(a + b", 1, 7, /expected "\)" to close the "\(" at line 1, column 1/],
    ["[1 2", 1, 5, /expected "]" to close the list/],
    ["a b", 1, 3, /expected an operator or the end of the expression, found the name b/],
    ['"open', 1, 1, /unterminated string/],
    ["'open", 1, 1, /unterminated quoted name/],
    ["x = .5", 1, 5, /needs a digit before the point: write 0\.5/],
    ["x = 5.", 1, 5, /needs a digit after the point: write 5\.0/],
    ["x != 1", 1, 3, /use \/= for "not equal"/],
    ["a & b", 1, 3, /"&" is not a CLEM operator/],
    ["2nd + 1", 1, 1, /quote it as '2nd'/],
    ["$C-Drug = 1", 1, 1, /must be quoted, e\.g\. '\$C-Drug'/],
    ["`ab`", 1, 1, /exactly one character/],
    ["", 1, 1, /the expression is empty/],
    ["a then b", 1, 3, /"then" without a matching "if"/],
    ["f(1,)", 1, 5, /expected a value as argument 2 of f/],
  ];
  for (const [text, line, column, message] of cases) {
    it(`${JSON.stringify(text)} → ${line}:${column}`, () => {
      const err = syntaxError(text);
      expect([err.line, err.column]).toEqual([line, column]);
      expect(err.message).toMatch(message);
    });
  }

  it("reports positions on later lines", () => {
    const err = syntaxError("if a > 1\nthen b\nelse c");
    expect([err.line, err.column]).toEqual([3, 7]);
    const err2 = syntaxError('x = 1 and\n  y = "abc');
    expect([err2.line, err2.column]).toEqual([2, 7]);
  });
});
