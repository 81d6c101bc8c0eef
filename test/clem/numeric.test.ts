import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "../../src/data/settings.js";
import { value } from "./helpers.js";

describe("numeric functions (CLEM.md §4.5)", () => {
  it("round rounds half away from zero, to an integer", () => {
    expect(value("round(2.5)")).toBe(3);
    expect(value("round(-2.5)")).toBe(-3);
    expect(value("round(2.4999)")).toBe(2);
    expect(value("round(-0.4)")).toBe(0);
    expect(value("round(0.49999999999999994)")).toBe(0);
    expect(value("round(7)")).toBe(7);
    expect(value("round(1.0e20)")).toBe(100000000000000000000n);
  });

  it("intof truncates toward zero; fracof is the rest", () => {
    expect(value("intof(-3.7)")).toBe(-3);
    expect(value("intof(3.7)")).toBe(3);
    expect(value("fracof(-3.75)")).toBe(-0.75);
    expect(value("fracof(3)")).toBe(0);
  });

  it("abs, negate and sign keep integer or real", () => {
    expect(value("abs(-4)")).toBe(4);
    expect(value("abs(-4.5)")).toBe(4.5);
    expect(value("negate(4)")).toBe(-4);
    expect(value("negate(-2.5)")).toBe(2.5);
    expect(value("sign(-7)")).toBe(-1);
    expect(value("sign(0)")).toBe(0);
    expect(value("sign(2.5)")).toBe(1);
    expect(value("abs(-123456789012345678901)")).toBe(123456789012345678901n);
  });

  it("exp, log, log10, sqrt", () => {
    expect(value("exp(0)")).toBe(1);
    expect(value("log(exp(2))")).toBe(2);
    expect(value("log10(1000)")).toBe(3);
    expect(value("sqrt(16)")).toBe(4);
  });

  it("sum_n, mean_n, sdev_n, max_n, min_n skip nulls; all-null gives $null$", () => {
    const r = { a: 1, b: null, c: 3 };
    expect(value("sum_n([a b c])", r)).toBe(4);
    expect(value("mean_n([a b c])", r)).toBe(2);
    // sample sd of 1 and 3: sqrt(((1-2)^2 + (3-2)^2) / 1) = sqrt(2)
    expect(value("sdev_n([a b c])", r)).toBeCloseTo(Math.SQRT2, 15);
    expect(value("max_n([a b c])", r)).toBe(3);
    expect(value("min_n([a b c])", r)).toBe(1);
    expect(value("sum_n([b b])", r)).toBeNull();
    expect(value("mean_n([b])", r)).toBeNull();
    expect(value("sdev_n([a])", r)).toBeNull();
    expect(value("sum_n([1.5 2.5 undef])")).toBe(4);
    expect(value("sum_n([9007199254740991 9007199254740991])")).toBe(18014398509481982n);
  });

  it("pi is the closest double to pi", () => {
    expect(value("pi")).toBe(Math.PI);
  });
});

describe("trigonometric functions (CLEM.md §4.6)", () => {
  it("work in radians by default", () => {
    expect(value("sin(pi / 2)")).toBe(1);
    expect(value("cos(0)")).toBe(1);
    expect(value("arctan2(1, 1)")).toBeCloseTo(Math.PI / 4, 15);
    expect(value("arctan2(0, -1)")).toBe(Math.PI);
    expect(value("arctan2(0.0 * -1, -1)")).toBe(Math.PI); // range (-pi, pi]
    expect(value("tanh(0)")).toBe(0);
    expect(value("arccosh(1)")).toBe(0);
    expect(value("arctanh(1)")).toBeNull();
  });

  it("take and give degrees when the stream says so; hyperbolic functions do not change", () => {
    const settings = { ...DEFAULT_SETTINGS, anglesInRadians: false };
    expect(value("sin(90)", {}, { settings })).toBe(1);
    expect(value("cos(180)", {}, { settings })).toBe(-1);
    expect(value("arcsin(1)", {}, { settings })).toBe(90);
    expect(value("arctan2(1, 1)", {}, { settings })).toBeCloseTo(45, 12);
    expect(value("sinh(1)", {}, { settings })).toBe(Math.sinh(1));
  });
});

describe("probability functions (CLEM.md §4.7), against R", () => {
  const R: Array<[string, number, string]> = [
    ["cdf_normal(1.96, 0, 1)", 0.97500210485177963, "pnorm(1.96)"],
    ["cdf_normal(-1.96, 0, 1)", 0.024997895148220428, "pnorm(-1.96)"],
    ["cdf_normal(0, 0, 1)", 0.5, "pnorm(0)"],
    ["cdf_normal(-8, 0, 1)", 6.2209605742717849e-16, "pnorm(-8)"],
    ["cdf_normal(12, 10, 2)", 0.84134474606854293, "pnorm(12, 10, 2)"],
    ["cdf_normal(-37.5, 0, 1)", 4.6053530095819552e-308, "pnorm(-37.5)"],
    ["cdf_t(1.5, 3)", 0.88470806737758856, "pt(1.5, 3)"],
    ["cdf_t(-2.5, 10)", 0.015723422118304388, "pt(-2.5, 10)"],
    ["cdf_t(0.3, 1)", 0.59277357907774231, "pt(0.3, 1)"],
    ["cdf_t(2, 2.5)", 0.92130425212101708, "pt(2, 2.5)"],
    ["cdf_t(-40, 5)", 9.2059810858864758e-08, "pt(-40, 5)"],
    ["cdf_t(3, 1000)", 0.99861664547788087, "pt(3, 1000)"],
    ["cdf_chisq(3.84, 1)", 0.94995647875129474, "pchisq(3.84, 1)"],
    ["cdf_chisq(10, 5)", 0.92476475385348778, "pchisq(10, 5)"],
    ["cdf_chisq(0.5, 0.3)", 0.84395083290313799, "pchisq(0.5, 0.3)"],
    ["cdf_chisq(150, 100)", 0.99909606795764594, "pchisq(150, 100)"],
    ["cdf_chisq(0.001, 2)", 0.0004998750208307295, "pchisq(0.001, 2)"],
    ["cdf_f(2, 3, 10)", 0.8219925926248246, "pf(2, 3, 10)"],
    ["cdf_f(0.5, 1, 1)", 0.39182655203060712, "pf(0.5, 1, 1)"],
    ["cdf_f(5, 10.5, 2.5)", 0.86399283650546499, "pf(5, 10.5, 2.5)"],
    ["cdf_f(1, 100, 100)", 0.50000000000000011, "pf(1, 100, 100)"],
    ["cdf_f(30, 2, 50)", 0.99999999724936495, "pf(30, 2, 50)"],
  ];
  for (const [expr, expected, rCall] of R) {
    it(`${expr} = R ${rCall}`, () => {
      const got = value(expr) as number;
      expect(Math.abs(got - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1e-300, Math.abs(expected)) + 1e-15);
    });
  }

  it("gives 0 below the support and $null$ for invalid parameters", () => {
    expect(value("cdf_chisq(-1, 3)")).toBe(0);
    expect(value("cdf_f(0, 3, 4)")).toBe(0);
    expect(value("cdf_normal(1, 0, 0)")).toBeNull();
    expect(value("cdf_t(1, 0)")).toBeNull();
    expect(value("cdf_chisq(1, -2)")).toBeNull();
  });
});

describe("bitwise operations (CLEM.md §4.9): infinite two's complement", () => {
  it("~~ n = -(n + 1)", () => {
    expect(value("~~ 0")).toBe(-1);
    expect(value("~~ 5")).toBe(-6);
    expect(value("~~ -6")).toBe(5);
    expect(value("~~ 9007199254740991")).toBe(-9007199254740992n);
  });

  it("&&, ||, ||/&, &&~~", () => {
    expect(value("12 && 10")).toBe(8);
    expect(value("12 || 10")).toBe(14);
    expect(value("12 ||/& 10")).toBe(6);
    expect(value("12 &&~~ 10")).toBe(4);
    expect(value("-1 && 255")).toBe(255);
    expect(value("-256 || 15")).toBe(-241);
  });

  it("work beyond 32 bits without truncation", () => {
    expect(value("4294967296 || 1")).toBe(4294967297);
    expect(value("(1 << 40) && ((1 << 41) - 1)")).toBe(1099511627776);
    expect(value("-4294967297 && 4294967295")).toBe(4294967295);
  });

  it("<< and >> shift, a negative count shifts the other way; >> keeps the sign", () => {
    expect(value("1 << 70")).toBe(1180591620717411303424n);
    expect(value("256 >> 4")).toBe(16);
    expect(value("16 << -2")).toBe(4);
    expect(value("-1 >> 10")).toBe(-1);
    expect(value("-16 >> 2")).toBe(-4);
    expect(value("-17 >> 2")).toBe(-5);
  });

  it("&&=_0 is true when no bits are shared; &&/=_0 when some are", () => {
    expect(value("5 &&=_0 2")).toBe(true);
    expect(value("5 &&=_0 4")).toBe(false);
    expect(value("5 &&/=_0 4")).toBe(true);
    expect(value("5 &&/=_0 2")).toBe(false);
  });

  it("integer_bitcount counts ones (zeros for negatives): bitcount(n) = bitcount(-(n+1))", () => {
    expect(value("integer_bitcount(7)")).toBe(3);
    expect(value("integer_bitcount(-8)")).toBe(3);
    expect(value("integer_bitcount(-1)")).toBe(0);
    expect(value("integer_bitcount(0)")).toBe(0);
  });

  it("integer_leastbit is the largest N with 2**N dividing n", () => {
    expect(value("integer_leastbit(12)")).toBe(2);
    expect(value("integer_leastbit(-8)")).toBe(3);
    expect(value("integer_leastbit(1)")).toBe(0);
    expect(value("integer_leastbit(0)")).toBeNull();
  });

  it("integer_length: smallest N with n < 1 << N (n ≥ 0) or n ≥ -1 << N (n < 0)", () => {
    expect(value("integer_length(0)")).toBe(0);
    expect(value("integer_length(255)")).toBe(8);
    expect(value("integer_length(256)")).toBe(9);
    expect(value("integer_length(-1)")).toBe(0);
    expect(value("integer_length(-256)")).toBe(8);
    expect(value("integer_length(-257)")).toBe(9);
  });

  it("testbit", () => {
    expect(value("testbit(5, 0)")).toBe(true);
    expect(value("testbit(5, 1)")).toBe(false);
    expect(value("testbit(-1, 100)")).toBe(true);
  });
});
