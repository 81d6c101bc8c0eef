import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "../../src/data/settings.js";
import { daysFromCivil } from "../../src/data/values.js";
import { column, schemaOf, value } from "./helpers.js";
import { evaluateClem } from "../../src/clem/index.js";

const D2004 = daysFromCivil(2004, 2, 29);

describe("conversion functions (CLEM.md §4.2)", () => {
  it(">< joins the text of any two values: 3 >< 5 = \"35\"", () => {
    expect(value("3 >< 5")).toBe("35");
    expect(value('"a" >< "b"')).toBe("ab");
    expect(value("x >< y", { x: "Retailer", y: ":US" })).toBe("Retailer:US");
  });

  it("to_string: integers as digits, reals with six decimals, dates in the stream format", () => {
    expect(value("to_string(42)")).toBe("42");
    expect(value("to_string(-7)")).toBe("-7");
    expect(value("to_string(1.5)")).toBe("1.500000");
    expect(value("to_string(2 / 3)")).toBe("0.666667");
    expect(value("to_string(123456789012345678901)")).toBe("123456789012345678901");
    expect(value("to_string(datetime_date(2004, 2, 29))")).toBe("29/02/2004");
    expect(value("to_string(datetime_time(9, 5, 3))")).toBe("09:05:03");
    expect(value("to_string(datetime_timestamp(2004, 2, 29, 9, 5, 3))")).toBe("29/02/2004 09:05:03");
    expect(value("to_string(1 > 0)")).toBe("true");
    const settings = { ...DEFAULT_SETTINGS, dateFormat: "YYYY-MM-DD" };
    expect(value("to_string(datetime_date(2004, 2, 29))", {}, { settings })).toBe("2004-02-29");
  });

  it("to_integer truncates reals and parses strings; unreadable text gives $null$", () => {
    expect(value("to_integer(3.9)")).toBe(3);
    expect(value("to_integer(-3.9)")).toBe(-3);
    expect(value('to_integer("42")')).toBe(42);
    expect(value('to_integer(" 42 ")')).toBe(42);
    expect(value('to_integer("4.7")')).toBe(4);
    expect(value('to_integer("abc")')).toBeNull();
    expect(value('to_integer("99999999999999999999")')).toBe(99999999999999999999n);
  });

  it("to_real and to_number read data-style numbers (.5, 1e3) and the stream's decimal comma", () => {
    expect(value('to_real("1.5")')).toBe(1.5);
    expect(value('to_real(".5")')).toBe(0.5);
    expect(value('to_real("1e3")')).toBe(1000);
    expect(value("to_real(3)")).toBe(3);
    expect(value('to_number("12")')).toBe(12);
    expect(value('to_number("-2.25")')).toBe(-2.25);
    expect(value('to_number("n/a")')).toBeNull();
    const settings = { ...DEFAULT_SETTINGS, decimalSymbol: "," as const };
    expect(value('to_real("3,5")', {}, { settings })).toBe(3.5);
    expect(value("to_number(substring(2, length(p) - 1, p))", { p: "$123.50" })).toBe(123.5);
  });

  it("to_date, to_time, to_timestamp parse with the stream formats; a mismatch gives $null$", () => {
    expect(value('to_date("29/02/2004")')).toBe(D2004);
    expect(value('to_date("2004-02-29")')).toBeNull();
    const iso = { ...DEFAULT_SETTINGS, dateFormat: "YYYY-MM-DD" };
    expect(value("to_date('2001-05-01')", {}, { settings: iso })).toBe(daysFromCivil(2001, 5, 1));
    expect(value('to_time("13:05:09")')).toBe(13 * 3600 + 5 * 60 + 9);
    expect(value('to_time("25:00:00")')).toBeNull();
    expect(value('to_timestamp("29/02/2004 13:05:09")')).toBe(D2004 * 86400 + 47109);
    expect(value('to_timestamp("29/02/2004")')).toBe(D2004 * 86400); // a date alone is midnight
    expect(value('to_timestamp("2004-02-29T13:05:09")')).toBe(D2004 * 86400 + 47109);
  });

  it("to_date of a timestamp is its date; to_time its time of day; to_datetime keeps dates and times", () => {
    const schema = schemaOf({ ts: "timestamp", d: "date", t: "time" });
    const record = { ts: D2004 * 86400 + 3600, d: D2004, t: 60 };
    expect(evaluateClem("to_date(ts)", record, { schema })).toBe(D2004);
    expect(evaluateClem("to_time(ts)", record, { schema })).toBe(3600);
    expect(evaluateClem("to_timestamp(d)", record, { schema })).toBe(D2004 * 86400);
    expect(evaluateClem("to_datetime(d)", record, { schema })).toBe(D2004);
    expect(evaluateClem("to_datetime(t)", record, { schema })).toBe(60);
    expect(evaluateClem('to_datetime("29/02/2004 01:00:00")', record, { schema })).toBe(D2004 * 86400 + 3600);
  });

  it("stb_centroid_latitude/longitude decode a geohash cell's centre", () => {
    // "ezs42" is the classic example cell around 42.6 N, -5.6 E (Wikipedia, "Geohash").
    expect(value('stb_centroid_latitude("ezs42")') as number).toBeCloseTo(42.605, 3);
    expect(value('stb_centroid_longitude("ezs42")') as number).toBeCloseTo(-5.603, 3);
    expect(value('stb_centroid_latitude("a!")')).toBeNull();
  });
});

describe("comparison functions (CLEM.md §4.3)", () => {
  const r = { a: 1, b: 5, c: null, d: 5 };

  it("count_equal / count_not_equal / count_greater_than / count_less_than; null when the item is null", () => {
    expect(value("count_equal(5, [a b c d])", r)).toBe(2);
    expect(value("count_not_equal(5, [a b c d])", r)).toBe(1);
    expect(value("count_greater_than(1, [a b c d])", r)).toBe(2);
    expect(value("count_less_than(5, [a b c d])", r)).toBe(1);
    expect(value("count_equal(c, [a b])", r)).toBeNull();
  });

  it("count_nulls / count_non_nulls", () => {
    expect(value("count_nulls([a b c d])", r)).toBe(1);
    expect(value("count_non_nulls([a b c d])", r)).toBe(3);
    expect(value("count_nulls(['a' 'c'])", r)).toBe(1);
  });

  it("first_index / last_index / first_non_null(_index) / last_non_null(_index)", () => {
    expect(value("first_index(5, [a b c d])", r)).toBe(2);
    expect(value("last_index(5, [a b c d])", r)).toBe(4);
    expect(value("first_index(9, [a b c d])", r)).toBe(0);
    expect(value("first_non_null([c b a])", r)).toBe(5);
    expect(value("first_non_null_index([c b a])", r)).toBe(2);
    expect(value("last_non_null([a b c])", r)).toBe(5);
    expect(value("last_non_null_index([a b c])", r)).toBe(2);
    expect(value("first_non_null_index([c c])", r)).toBe(0);
  });

  it("max / min of two comparable values", () => {
    expect(value("max(3, 7)")).toBe(7);
    expect(value("min(3, 2.5)")).toBe(2.5);
    expect(value('max("apple", "banana")')).toBe("banana");
    expect(value("max(max(1, 9), max(4, 2))")).toBe(9);
  });

  it("max_index / min_index: first on ties, null if all null", () => {
    expect(value("max_index([a b c d])", r)).toBe(2);
    expect(value("min_index([c b a])", r)).toBe(3);
    expect(value("max_index([c c])", r)).toBeNull();
  });

  it("member and value_at", () => {
    expect(value('member(Drug, ["drugA" "drugB"])', { Drug: "drugB" })).toBe(true);
    expect(value('member(Drug, ["drugA" "drugB"])', { Drug: "drugY" })).toBe(false);
    expect(value("member(5, [1 2 5.0])")).toBe(true);
    expect(value("value_at(2, [a b c])", r)).toBe(5);
    expect(value("value_at(4, [a b c])", r)).toBeNull();
  });

  it("date_before and time_before", () => {
    expect(value("date_before(datetime_date(2004, 1, 1), datetime_date(2004, 1, 2))")).toBe(true);
    expect(value("time_before(datetime_time(10, 0, 0), datetime_time(9, 0, 0))")).toBe(false);
  });

  it("integer and real compare by value; dates compare with dates", () => {
    expect(value("3 = 3.0")).toBe(true);
    expect(value("2 < 2.5")).toBe(true);
    expect(column("d > \"01/01/2000\"", { d: "date" }, { d: [daysFromCivil(1999, 12, 31), daysFromCivil(2000, 1, 2)] })).toEqual([false, true]);
  });
});

describe("information functions (CLEM.md §4.1) test storage, and are false for $null$", () => {
  const storages = { i: "integer", r: "real", s: "string", d: "date", t: "time", ts: "timestamp" } as const;
  const row = { i: [1, null], r: [1.5, null], s: ["1", null], d: [1, null], t: [1, null], ts: [1, null] };
  const cases: Array<[string, boolean[]]> = [
    ["is_integer(i)", [true, false]],
    ["is_real(r)", [true, false]],
    ["is_real(i)", [false, false]],
    ["is_number(i)", [true, false]],
    ["is_number(s)", [false, false]],
    ["is_string(s)", [true, false]],
    ["is_date(d)", [true, false]],
    ["is_time(t)", [true, false]],
    ["is_timestamp(ts)", [true, false]],
    ["is_datetime(t)", [true, false]],
    ["is_datetime(i)", [false, false]],
  ];
  for (const [expr, expected] of cases) {
    it(expr, () => expect(column(expr, storages, row)).toEqual(expected));
  }
});
