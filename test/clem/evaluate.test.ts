import { describe, expect, it } from "vitest";
import { ClemRuntimeError, compileClem, evaluateClem } from "../../src/clem/index.js";
import { batchOf, column, schemaOf, value } from "./helpers.js";

describe("arithmetic (CLEM.md §2.7, Part 2 §B.3)", () => {
  it("follows the precedence table: 10 * 7 div 2 = 30, 3 + 4 * 5 = 23", () => {
    expect(value("10 * 7 div 2")).toBe(30);
    expect(value("3 + 4 * 5")).toBe(23);
  });

  it("/ always gives a real: 7 / 2 = 3.5", () => {
    expect(value("7 / 2")).toBe(3.5);
  });

  it("div truncates toward zero and rem = a - (a div b) * b has the sign of the dividend", () => {
    expect(value("7 div 2")).toBe(3);
    expect(value("-7 div 2")).toBe(-3);
    expect(value("7 div -2")).toBe(-3);
    expect(value("-7 rem 2")).toBe(-1);
    expect(value("7 rem -2")).toBe(1);
  });

  it("mod (deprecated) takes the sign of the divisor", () => {
    expect(value("-7 mod 2")).toBe(1);
    expect(value("7 mod -2")).toBe(-1);
    expect(value("6 mod 3")).toBe(0);
  });

  it("** with an integer exponent multiplies: integers stay integers, exactly", () => {
    expect(value("2 ** 10")).toBe(1024);
    expect(value("2 ** 3 ** 2")).toBe(64); // left-associative: (2 ** 3) ** 2
    expect(value("(-3) ** 3")).toBe(-27);
    expect(value("2 ** 0")).toBe(1);
    expect(value("2.5 ** 2")).toBe(6.25);
    expect(value("3 ** 40")).toBe(12157665459056928801n);
  });

  it("** with a negative integer exponent on integers is 1 div base ** n (docs/clem.md)", () => {
    expect(value("2 ** -1")).toBe(0);
    expect(value("1 ** -5")).toBe(1);
    expect(value("(-1) ** -3")).toBe(-1);
    expect(value("0 ** -1")).toBeNull();
  });

  it("** with a real exponent is exp(p * log(b)): negative bases and 0 ** 0.0 are $null$", () => {
    expect(value("4 ** 0.5")).toBe(2);
    expect(value("(-8) ** 0.5")).toBeNull();
    expect(value("0 ** 0.0")).toBeNull();
    expect(value("0 ** 2.0")).toBe(0);
  });

  it("integers beyond 2^53 become bigints and stay exact", () => {
    expect(value("9007199254740991 + 2")).toBe(9007199254740993n);
    expect(value("9007199254740993 - 2")).toBe(9007199254740991);
    expect(value("4294967296 * 4294967296")).toBe(18446744073709551616n);
    expect(value("18446744073709551616 div 4294967296")).toBe(4294967296);
    expect(value("-x", { x: 123456789012345678901234567890n })).toBe(-123456789012345678901234567890n);
    expect(value("x = 1", { x: 1n })).toBe(true);
    expect(value("x > 9007199254740993", { x: 9007199254740994n })).toBe(true);
  });

  it("division by zero, sqrt(<0) and log(≤0) are $null$; NaN and Infinity never leak", () => {
    expect(value("1 / 0")).toBeNull();
    expect(value("1 div 0")).toBeNull();
    expect(value("1 rem 0")).toBeNull();
    expect(value("sqrt(-1)")).toBeNull();
    expect(value("log(0)")).toBeNull();
    expect(value("log10(-10)")).toBeNull();
    expect(value("exp(1000)")).toBeNull();
    expect(value("1.0e308 * 10")).toBeNull();
    expect(value("arcsin(2)")).toBeNull();
  });

  it("integer zero has no sign", () => {
    expect(Object.is(value("0 * -5"), 0)).toBe(true);
    expect(Object.is(value("-0"), 0)).toBe(true);
  });
});

describe("nulls and three-valued logic (CLEM.md §3.3)", () => {
  it("arithmetic and functions propagate $null$", () => {
    expect(value("x + 1", { x: null })).toBeNull();
    expect(value("undef * 2")).toBeNull();
    expect(value('length(undef) + 1')).toBeNull();
    expect(value('"a" >< undef')).toBeNull();
  });

  it("comparisons with $null$ are $null$; only @NULL tests for it", () => {
    expect(value("x = undef", { x: 1 })).toBeNull();
    expect(value("@NULL(x)", { x: null })).toBe(true);
    expect(value("@NULL(x)", { x: 0 })).toBe(false);
  });

  it("and/or truth tables", () => {
    const t = "1 = 1";
    const f = "1 = 2";
    const n = "undef = 1";
    const table: Array<[string, boolean | null]> = [
      [`${t} and ${t}`, true], [`${t} and ${f}`, false], [`${t} and ${n}`, null],
      [`${f} and ${t}`, false], [`${f} and ${n}`, false], [`${n} and ${f}`, false], [`${n} and ${t}`, null], [`${n} and ${n}`, null],
      [`${t} or ${f}`, true], [`${t} or ${n}`, true], [`${n} or ${t}`, true],
      [`${f} or ${f}`, false], [`${f} or ${n}`, null], [`${n} or ${f}`, null], [`${n} or ${n}`, null],
      [`not(${t})`, false], [`not(${f})`, true], [`not(${n})`, null],
    ];
    for (const [text, expected] of table) expect(value(text), text).toBe(expected);
  });

  it("and/or short-circuit: the right side is not evaluated (a guard is safe)", () => {
    // 7 ** 99999999 would be refused as too large if it were evaluated.
    expect(value("x > 5 and 7 ** 99999999 > 1", { x: 1 })).toBe(false);
    expect(value("x < 5 or 7 ** 99999999 > 1", { x: 1 })).toBe(true);
    expect(() => value("x < 5 and 7 ** 99999999 > 1", { x: 1 })).toThrow(ClemRuntimeError);
  });

  it("an if whose condition is $null$ takes the else branch; a missing else gives $null$", () => {
    expect(value('if x > 1 then "big" else "small" endif', { x: null })).toBe("small");
    expect(value('if x > 1 then "big" endif', { x: 0 })).toBeNull();
    expect(value('if x > 1 then "big" elseif x > 0 then "some" endif', { x: 1 })).toBe("some");
  });

  it("the docs' idiom for out-of-range values", () => {
    const e = "if not(Age > 17) or not(Age < 66) then undef else Age endif";
    expect(value(e, { Age: 17 })).toBeNull();
    expect(value(e, { Age: 40 })).toBe(40);
    expect(value(e, { Age: 70 })).toBeNull();
  });
});

describe("evaluation over batches", () => {
  it("evaluates columns row by row: Na / K", () => {
    expect(column("Na / K", { Na: "real", K: "real" }, { Na: [0.8, 0.5, null], K: [0.04, 0, 0.1] })).toEqual([20, null, null]);
  });

  it("reads fields by name from each batch's schema, whatever the column order", () => {
    const c = compileClem("a - b", { schema: schemaOf({ a: "integer", b: "integer" }) });
    const reordered = schemaOf({ b: "integer", x: "string", a: "integer" });
    expect(c.evaluate(batchOf(reordered, { b: [1, 2], x: ["p", "q"], a: [10, 20] }))).toEqual([9, 18]);
  });

  it("a batch without a field read by the expression is a runtime error naming it", () => {
    const c = compileClem("a + 1", { schema: schemaOf({ a: "integer" }) });
    expect(() => c.evaluate(batchOf(schemaOf({ b: "integer" }), { b: [1] }))).toThrow(/field "a" is not in the batch/);
  });

  it("a condition gives true, false or null", () => {
    const schema = schemaOf({ Age: "integer" });
    const c = compileClem("Age > 30", { schema }, { expect: "condition" });
    expect(c.storage).toBe("boolean");
    expect(c.evaluate(batchOf(schema, { Age: [40, 20, null] }))).toEqual([true, false, null]);
  });

  it("evaluateRow gives the same values one row at a time", () => {
    const schema = schemaOf({ s: "string" });
    const c = compileClem("length(s) * 2", { schema });
    const batch = batchOf(schema, { s: ["ab", "", "xyz"] });
    expect([0, 1, 2].map((r) => c.evaluateRow(batch, r))).toEqual([4, 0, 6]);
  });

  it("fields of unknown storage are checked when the value arrives", () => {
    expect(evaluateClem("x + 1", { x: 2 })).toBe(3);
    const c = compileClem("length(x)", { schema: schemaOf({ x: "unknown" }) });
    expect(c.evaluate(batchOf(schemaOf({ x: "unknown" }), { x: ["abc", null] }))).toEqual([3, null]);
    expect(() => c.evaluate(batchOf(schemaOf({ x: "unknown" }), { x: [12] }))).toThrow(/argument 1 of length got 12/);
    const top = compileClem("x", { schema: schemaOf({ x: "unknown" }) }, { expect: "condition" });
    expect(top.evaluate(batchOf(schemaOf({ x: "unknown" }), { x: [true, null] }))).toEqual([true, null]);
    expect(() => top.evaluate(batchOf(schemaOf({ x: "unknown" }), { x: [1] }))).toThrow(/a condition must be true or false/);
    const cond = compileClem("if x then 1 else 0 endif", { schema: schemaOf({ x: "unknown" }) });
    expect(() => cond.evaluate(batchOf(schemaOf({ x: "unknown" }), { x: ["T"] }))).toThrow(/a condition must be true or false/);
  });

  it("values of unknown storage compare dynamically, and refuse mixed kinds", () => {
    const schema = schemaOf({ x: "unknown", y: "unknown" });
    const c = compileClem("x = y", { schema });
    expect(c.evaluate(batchOf(schema, { x: [1, "a", 2n], y: [1, "a", 2] }))).toEqual([true, true, true]);
    expect(() => c.evaluate(batchOf(schema, { x: ["1"], y: [1] }))).toThrow(/cannot compare a string with a number/);
  });
});

describe("evaluateClem (the clem command)", () => {
  it("infers storages from JS values", () => {
    expect(evaluateClem("a >< b", { a: 3, b: 1.5 })).toBe("31.500000");
    expect(evaluateClem('Drug = "drugY" and Age > 30', { Drug: "drugY", Age: 47 })).toBe(true);
  });

  it("uses the given schema for storages JS values cannot show (dates)", () => {
    const schema = schemaOf({ d: "date" });
    expect(evaluateClem("datetime_year(d)", { d: 12477 }, { schema })).toBe(2004);
  });
});
