/**
 * Built-in functions of PMML 4.4.1, each with a value worked out by hand.
 */
import { describe, expect, it } from "vitest";
import { builtinFunctionNames } from "../../src/pmml/index.js";
import { apply, evaluate, num, ref, str } from "./helpers.js";

const x = (v: number | null) => evaluate(apply("ln", ref("x")), [["x", "double"]], { x: v });
const e = (xml: string) => evaluate(xml, []);

describe("built-in functions", () => {
  it("registers every function of the PMML 4.4.1 list", () => {
    const spec = [
      "+", "-", "*", "/", "min", "max", "sum", "avg", "median", "product", "log10", "ln", "sqrt", "abs", "exp", "pow",
      "threshold", "floor", "ceil", "round", "modulo", "isMissing", "isNotMissing", "isValid", "isNotValid", "equal",
      "notEqual", "lessThan", "lessOrEqual", "greaterThan", "greaterOrEqual", "and", "or", "not", "isIn", "isNotIn", "if",
      "uppercase", "lowercase", "stringLength", "substring", "trimBlanks", "concat", "replace", "matches", "formatNumber",
      "formatDatetime", "dateDaysSinceYear", "dateSecondsSinceYear", "dateSecondsSinceMidnight", "normalCDF", "normalPDF",
      "stdNormalCDF", "stdNormalPDF", "erf", "normalIDF", "stdNormalIDF", "expm1", "hypot", "ln1p", "rint", "sin", "asin",
      "sinh", "cos", "acos", "cosh", "tan", "atan", "tanh",
    ];
    expect(spec.filter((f) => !builtinFunctionNames().includes(f))).toEqual([]);
  });

  it("arithmetic: 2.5 - 4 = -1.5; 7 / 2 = 3.5; integer 7 * 3 = 21", () => {
    expect(e(apply("-", num(2.5), num(4)))).toBe(-1.5);
    expect(e(apply("/", num(7, "integer"), num(2, "integer")))).toBe(3.5);
    expect(e(apply("*", num(7, "integer"), num(3, "integer")))).toBe(21);
  });

  it("a missing argument makes arithmetic missing", () => {
    expect(evaluate(apply("+", ref("x"), num(1)), [["x", "double"]], { x: null })).toBeNull();
  });

  it("aggregations skip missing arguments: min(2.5, 4, 1.5) = 1.5, avg(2, missing, 4) = 3", () => {
    expect(e(apply("min", num(2.5), num(4), num(1.5)))).toBe(1.5);
    expect(evaluate(apply("avg", num(2), ref("x"), num(4)), [["x", "double"]], { x: null })).toBe(3);
    expect(e(apply("median", num(5), num(1), num(3), num(2)))).toBe(2.5); // (2 + 3) / 2
    expect(e(apply("product", num(2), num(3), num(4)))).toBe(24);
    expect(e(apply("sum", num(0.5), num(0.25)))).toBe(0.75);
  });

  it("math: log10(1000) = 3, ln(e) = 1, sqrt(2.25) = 1.5, abs(-3) = 3, pow(2, 10) = 1024", () => {
    expect(e(apply("log10", num(1000)))).toBeCloseTo(3, 15);
    expect(x(Math.E)).toBeCloseTo(1, 15);
    expect(x(null)).toBeNull();
    expect(e(apply("sqrt", num(2.25)))).toBe(1.5);
    expect(e(apply("abs", num(-3)))).toBe(3);
    expect(e(apply("pow", num(2), num(10)))).toBe(1024);
    expect(e(apply("exp", num(0)))).toBe(1);
  });

  it("rounding: floor(-1.5) = -2, ceil(1.2) = 2, round(2.5) = 3, round(-2.5) = -2, rint(2.5) = 2, rint(3.5) = 4", () => {
    expect(e(apply("floor", num(-1.5)))).toBe(-2);
    expect(e(apply("ceil", num(1.2)))).toBe(2);
    expect(e(apply("round", num(2.5)))).toBe(3);
    expect(e(apply("round", num(-2.5)))).toBe(-2);
    expect(e(apply("rint", num(2.5)))).toBe(2);
    expect(e(apply("rint", num(3.5)))).toBe(4);
  });

  it("threshold(5, 3) = 1, threshold(3, 3) = 0; modulo(-7, 3) = 2 (x − y·floor(x/y))", () => {
    expect(e(apply("threshold", num(5), num(3)))).toBe(1);
    expect(e(apply("threshold", num(3), num(3)))).toBe(0);
    expect(e(apply("modulo", num(-7), num(3)))).toBe(2);
  });

  it("PMML 4.4 extras: expm1(0) = 0, ln1p(0) = 0, hypot(3, 4) = 5, trigonometry at 0", () => {
    expect(e(apply("expm1", num(0)))).toBe(0);
    expect(e(apply("ln1p", num(0)))).toBe(0);
    expect(e(apply("hypot", num(3), num(4)))).toBe(5);
    expect(e(apply("sin", num(0)))).toBe(0);
    expect(e(apply("cos", num(0)))).toBe(1);
    expect(e(apply("atan", num(1)))).toBeCloseTo(Math.PI / 4, 15);
    expect(e(apply("tanh", num(0)))).toBe(0);
    expect(e(apply("cosh", num(0)))).toBe(1);
  });

  it("normal distribution: Φ(0) = 0.5, φ(0) = 1/√(2π), Φ(1.96) ≈ 0.9750021, IDF inverts CDF, erf(1) ≈ 0.8427007929", () => {
    expect(e(apply("stdNormalCDF", num(0)))).toBe(0.5);
    expect(e(apply("stdNormalPDF", num(0)))).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 15);
    expect(e(apply("stdNormalCDF", num(1.96)))).toBeCloseTo(0.9750021048517795, 14);
    expect(e(apply("stdNormalIDF", num(0.9750021048517795)))).toBeCloseTo(1.96, 12);
    expect(e(apply("erf", num(1)))).toBeCloseTo(0.8427007929497149, 15);
    // N(10, 2): CDF at 12 = Φ(1) = 0.8413447460685429; PDF at 10 = 1/(2√(2π)); IDF(0.5) = 10.
    expect(e(apply("normalCDF", num(12), num(10), num(2)))).toBeCloseTo(0.8413447460685429, 14);
    expect(e(apply("normalPDF", num(10), num(10), num(2)))).toBeCloseTo(1 / (2 * Math.sqrt(2 * Math.PI)), 15);
    expect(e(apply("normalIDF", num(0.5), num(10), num(2)))).toBeCloseTo(10, 12);
  });

  it("missing tests: isMissing, isNotMissing; isValid uses the DataField's valid values", () => {
    const fields: [string, string, string, string][] = [["c", "string", "categorical", `<Value value="a"/><Value value="b"/>`]];
    // With invalidValueTreatment asIs the invalid value reaches the function.
    const m = (rec: Record<string, unknown>, fn: string) => evaluate(apply(fn, ref("c")), fields, rec);
    expect(m({ c: null }, "isMissing")).toBe(true);
    expect(m({ c: "a" }, "isNotMissing")).toBe(true);
    expect(m({ c: "a" }, "isValid")).toBe(true);
    expect(m({ c: null }, "isNotValid")).toBe(true);
  });

  it("comparisons and boolean logic (three-valued and/or)", () => {
    expect(e(apply("lessThan", num(1), num(2)))).toBe(true);
    expect(e(apply("greaterOrEqual", num(2), num(2)))).toBe(true);
    expect(e(apply("equal", str("a"), str("a")))).toBe(true);
    expect(e(apply("notEqual", num(1, "integer"), num(1.0)))).toBe(false);
    const b = [["m", "boolean"]] as [string, string][];
    // false AND missing = false; true AND missing = missing; true OR missing = true.
    expect(evaluate(apply("and", num("false", "boolean"), ref("m")), b, { m: null })).toBe(false);
    expect(evaluate(apply("and", num("true", "boolean"), ref("m")), b, { m: null })).toBeNull();
    expect(evaluate(apply("or", num("true", "boolean"), ref("m")), b, { m: null })).toBe(true);
    expect(e(apply("not", num("true", "boolean")))).toBe(false);
  });

  it("isIn / isNotIn and if (with the branch not taken left unevaluated)", () => {
    expect(e(apply("isIn", str("b"), str("a"), str("b")))).toBe(true);
    expect(e(apply("isNotIn", num(3), num(1), num(2)))).toBe(true);
    expect(e(apply("if", num("true", "boolean"), str("yes"), str("no")))).toBe("yes");
    expect(e(apply("if", num("false", "boolean"), str("yes")))).toBeNull();
  });

  it("strings: uppercase, lowercase, stringLength, substring(\"modeler\", 2, 3) = \"ode\", trimBlanks, concat", () => {
    expect(e(apply("uppercase", str("abc")))).toBe("ABC");
    expect(e(apply("lowercase", str("AbC")))).toBe("abc");
    expect(e(apply("stringLength", str("four")))).toBe(4);
    expect(e(apply("substring", str("modeler"), num(2, "integer"), num(3, "integer")))).toBe("ode");
    expect(e(apply("substring", str("ab"), num(2, "integer"), num(9, "integer")))).toBe("b");
    expect(e(apply("trimBlanks", str("  x y  ")))).toBe("x y");
    expect(e(apply("concat", str("a"), num(1, "integer"), str("b")))).toBe("a1b");
  });

  it("regular expressions: replace with groups and $$, matches finds a substring", () => {
    expect(e(apply("replace", str("2024-06-01"), str("(\\d+)-(\\d+)-(\\d+)"), str("$3/$2/$1")))).toBe("01/06/2024");
    expect(e(apply("replace", str("a.b"), str("\\."), str("$$")))).toBe("a$b");
    expect(e(apply("matches", str("xxabcxx"), str("ab+c")))).toBe(true);
    expect(e(apply("matches", str("xyz"), str("^y")))).toBe(false);
  });

  it("formatNumber follows printf: %05.2f of 3.14159 is \"03.14\", %d of 42 is \"42\", %e of 1234.5 is \"1.234500e+03\"", () => {
    expect(e(apply("formatNumber", num(3.14159), str("%05.2f")))).toBe("03.14");
    expect(e(apply("formatNumber", num(42, "integer"), str("%d")))).toBe("42");
    expect(e(apply("formatNumber", num(1234.5), str("%e")))).toBe("1.234500e+03");
    expect(e(apply("formatNumber", num(7, "integer"), str("%3d|")))).toBe("  7|");
  });

  it("dates: dateDaysSinceYear(2003-04-01, 1960) = 15796; dateSecondsSinceMidnight(…T01:02:03) = 3723", () => {
    // 1960-01-01 → 2003-01-01 is 43 years with 11 leap days = 15706 days; + 90 days to April 1st.
    expect(e(apply("dateDaysSinceYear", num("2003-04-01", "date"), num(1960, "integer")))).toBe(15796);
    expect(e(apply("dateSecondsSinceMidnight", num("2003-04-01T01:02:03", "dateTime")))).toBe(3723);
    // 2003-01-01T00:00:10 is 10 s after the start of 2003.
    expect(e(apply("dateSecondsSinceYear", num("2003-01-01T00:00:10", "dateTime"), num(2003, "integer")))).toBe(10);
    expect(e(apply("formatDatetime", num("2004-08-20", "date"), str("%m/%d/%y")))).toBe("08/20/04");
  });

  it("Apply@mapMissingTo replaces the result when an argument is missing; defaultValue when the result is", () => {
    const f: [string, string][] = [["x", "double"]];
    expect(evaluate(`<Apply function="+" mapMissingTo="-1">${ref("x")}${num(1)}</Apply>`, f, { x: null })).toBe(-1);
    expect(evaluate(`<Apply function="+" mapMissingTo="-1">${ref("x")}${num(1)}</Apply>`, f, { x: 1 })).toBe(2);
    expect(evaluate(`<Apply function="if" defaultValue="none">${num("false", "boolean")}${str("yes")}</Apply>`, [])).toBe("none");
  });

  it("Apply@invalidValueTreatment=asMissing turns a failing function into missing", () => {
    // substring with start position 0 is invalid.
    const call = `<Apply function="substring" invalidValueTreatment="asMissing">${str("abc")}${num(0, "integer")}${num(1, "integer")}</Apply>`;
    expect(e(call)).toBeNull();
  });

  it("user-defined functions (DefineFunction) expand with their parameters", () => {
    // AMPM(hour) = if(hour < 12, "AM", "PM")
    const def = `<DefineFunction name="AMPM" optype="categorical" dataType="string"><ParameterField name="h" dataType="integer"/>${apply(
      "if",
      apply("lessThan", ref("h"), num(12, "integer")),
      str("AM"),
      str("PM"),
    )}</DefineFunction>`;
    expect(evaluate(apply("AMPM", ref("hour")), [["hour", "integer"]], { hour: 9 }, def)).toBe("AM");
    expect(evaluate(apply("AMPM", ref("hour")), [["hour", "integer"]], { hour: 15 }, def)).toBe("PM");
  });
});
