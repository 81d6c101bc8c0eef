import { describe, expect, it } from "vitest";
import { evaluateClem } from "../../src/clem/index.js";
import { DEFAULT_SETTINGS, type StreamSettings } from "../../src/data/settings.js";
import { daysFromCivil, type Value } from "../../src/data/values.js";
import { schemaOf } from "./helpers.js";

const day = (y: number, m: number, d: number) => daysFromCivil(y, m, d);
const schema = schemaOf({ d: "date", d2: "date", t: "time", t2: "time", ts: "timestamp", n: "integer" });

function at(expr: string, record: Record<string, Value> = {}, settings: Partial<StreamSettings> = {}, now?: Date): Value {
  return evaluateClem(expr, record, { schema, settings: { ...DEFAULT_SETTINGS, ...settings }, now: now ? () => now : undefined });
}

describe("date functions (CLEM.md §4.13)", () => {
  it("date_in_days counts from the baseline (default 1 January 1900)", () => {
    expect(at("date_in_days(d)", { d: day(1900, 1, 1) })).toBe(0);
    expect(at("date_in_days(d)", { d: day(1899, 12, 31) })).toBe(-1);
    // 1900-2000: 100 years, 24 leap days (1904..1996; 1900 is not leap)
    expect(at("date_in_days(d)", { d: day(2000, 1, 1) })).toBe(36524);
    expect(at("date_in_days(d)", { d: day(2000, 1, 1) }, { dateBaseline: 2000 })).toBe(0);
  });

  it("date_in_weeks/months/years divide by 7, 30.4375 and 365.25", () => {
    expect(at("date_in_weeks(d)", { d: day(1900, 1, 15) })).toBe(2);
    expect(at("date_in_months(d)", { d: day(2000, 1, 1) })).toBe(36524 / 30.4375);
    expect(at("date_in_years(d)", { d: day(2000, 1, 1) })).toBe(36524 / 365.25);
  });

  it("date_*_difference from DATE1 to DATE2", () => {
    const r = { d: day(2004, 1, 1), d2: day(2004, 3, 1) }; // 31 + 29 days apart
    expect(at("date_days_difference(d, d2)", r)).toBe(60);
    expect(at("date_days_difference(d2, d)", r)).toBe(-60);
    expect(at("date_weeks_difference(d, d2)", r)).toBe(60 / 7);
    expect(at("date_months_difference(d, d2)", r)).toBe(60 / 30.4375);
    expect(at("date_years_difference(d, d2)", r)).toBe(60 / 365.25);
    expect(at("date_before(d, d2)", r)).toBe(true);
  });

  it("date_add_days/weeks/months/years; months clamp to the end of a shorter month", () => {
    expect(at("date_add_days(-1, d)", { d: day(2004, 3, 1) })).toBe(day(2004, 2, 29));
    expect(at("date_add_weeks(2, d)", { d: day(2004, 2, 20) })).toBe(day(2004, 3, 5));
    expect(at("date_add_months(1, d)", { d: day(2004, 1, 31) })).toBe(day(2004, 2, 29));
    expect(at("date_add_months(1, d)", { d: day(2003, 1, 31) })).toBe(day(2003, 2, 28));
    expect(at("date_add_months(-13, d)", { d: day(2004, 3, 31) })).toBe(day(2003, 2, 28));
    expect(at("date_add_years(1, d)", { d: day(2004, 2, 29) })).toBe(day(2005, 2, 28));
    expect(at("date_add_days(1, ts)", { ts: day(2004, 2, 29) * 86400 + 3600 })).toBe(day(2004, 3, 1) * 86400 + 3600);
    expect(at("date_add_months(1, ts)", { ts: day(2004, 1, 31) * 86400 + 60 })).toBe(day(2004, 2, 29) * 86400 + 60);
  });

  it("datetime_date builds, converts and validates", () => {
    expect(at("datetime_date(2004, 2, 29)")).toBe(day(2004, 2, 29));
    expect(at("datetime_date(2001, 2, 29)")).toBeNull();
    expect(at("datetime_date(n)", { n: 2 * 86400 + 43200 })).toBe(day(1900, 1, 3)); // seconds since the baseline, part day dropped
    expect(at('datetime_date("29/02/2004")')).toBe(day(2004, 2, 29));
    expect(at("datetime_date(ts)", { ts: day(2004, 2, 29) * 86400 + 5 })).toBe(day(2004, 2, 29));
    expect(at("datetime_date(d)", { d: 5 })).toBe(5);
  });

  it("datetime_day/month/year/weekday of a date or timestamp; 1 = Sunday", () => {
    const r = { d: day(2004, 2, 29), ts: day(2004, 3, 1) * 86400 + 7200 };
    expect(at("datetime_day(d)", r)).toBe(29);
    expect(at("datetime_month(d)", r)).toBe(2);
    expect(at("datetime_year(d)", r)).toBe(2004);
    expect(at("datetime_weekday(d)", r)).toBe(1); // 29 Feb 2004 was a Sunday
    expect(at("datetime_weekday(ts)", r)).toBe(2);
    expect(at("datetime_year(d)*10000+datetime_month(d)*100+datetime_day(d)", r)).toBe(20040229);
  });

  it("day and month names", () => {
    expect(at("datetime_day_name(1)")).toBe("Sunday");
    expect(at("datetime_day_short_name(7)")).toBe("Sat");
    expect(at("datetime_month_name(2)")).toBe("February");
    expect(at("datetime_month_short_name(12)")).toBe("Dec");
    expect(at("datetime_day_name(8)")).toBeNull();
  });
});

describe("time functions (CLEM.md §4.13)", () => {
  const t1305 = 13 * 3600 + 5 * 60 + 9;

  it("datetime_hour/minute/second of a time or timestamp", () => {
    expect(at("datetime_hour(t)", { t: t1305 })).toBe(13);
    expect(at("datetime_minute(t)", { t: t1305 })).toBe(5);
    expect(at("datetime_second(t)", { t: t1305 })).toBe(9);
    expect(at("datetime_hour(ts)", { ts: day(2004, 2, 29) * 86400 + t1305 })).toBe(13);
  });

  it("datetime_time and datetime_timestamp build values; invalid parts give $null$", () => {
    expect(at("datetime_time(13, 5, 9)")).toBe(t1305);
    expect(at("datetime_time(24, 0, 0)")).toBeNull();
    expect(at("datetime_time(ts)", { ts: day(2004, 2, 29) * 86400 + t1305 })).toBe(t1305);
    expect(at('datetime_time("13:05:09")')).toBe(t1305);
    expect(at("datetime_timestamp(2004, 2, 29, 13, 5, 9)")).toBe(day(2004, 2, 29) * 86400 + t1305);
    expect(at("datetime_timestamp(d, t)", { d: day(2004, 2, 29), t: t1305 })).toBe(day(2004, 2, 29) * 86400 + t1305);
    expect(at("datetime_timestamp(n)", { n: 86400 + 60 })).toBe(day(1900, 1, 2) * 86400 + 60);
    expect(at("datetime_timestamp(2004, 2, 30, 0, 0, 0)")).toBeNull();
  });

  it("datetime_in_seconds: seconds of a time, or from the baseline to a date/timestamp", () => {
    expect(at("datetime_in_seconds(t)", { t: t1305 })).toBe(t1305);
    expect(at("datetime_in_seconds(d)", { d: day(1900, 1, 2) })).toBe(86400);
    expect(at("datetime_in_seconds(ts)", { ts: day(1900, 1, 2) * 86400 + 5 })).toBe(86405);
  });

  it("time_*_difference roll over midnight when the stream says so", () => {
    const r = { t: 23 * 3600, t2: 3600 };
    expect(at("time_hours_difference(t, t2)", r)).toBe(2);
    expect(at("time_hours_difference(t, t2)", r, { timeRollover: false })).toBe(-22);
    expect(at("time_mins_difference(t2, t)", r)).toBe(22 * 60);
    expect(at("time_secs_difference(t, t2)", r)).toBe(7200);
    expect(at("time_hours_difference(t, t2)", { t: 10 * 3600, t2: 12.5 * 3600 })).toBe(2.5);
  });

  it("timestamps carry their date and never roll over", () => {
    const r = { ts: day(2004, 2, 29) * 86400 + 23 * 3600 };
    expect(at("time_hours_difference(ts, date_add_days(-1, ts))", r)).toBe(-24);
  });

  it("time_in_hours/mins/secs", () => {
    expect(at("time_in_hours(t)", { t: 13.5 * 3600 })).toBe(13.5);
    expect(at("time_in_mins(t)", { t: 13.5 * 3600 })).toBe(810);
    expect(at("time_in_secs(t)", { t: 13.5 * 3600 })).toBe(48600);
    expect(at("time_before(t, t2)", { t: 1, t2: 2 })).toBe(true);
  });

  it("a time and a timestamp cannot be mixed in a difference", () => {
    expect(() => at("time_hours_difference(t, ts)", { t: 1, ts: 2 })).toThrow(/needs two times or two timestamps/);
  });
});

describe("@TODAY and datetime_now read the environment's clock", () => {
  const now = new Date(2024, 0, 15, 10, 30, 45); // local wall clock

  it("datetime_now is the wall-clock timestamp", () => {
    expect(at("datetime_now", {}, {}, now)).toBe(day(2024, 1, 15) * 86400 + 10 * 3600 + 30 * 60 + 45);
    expect(at("datetime_hour(datetime_now)", {}, {}, now)).toBe(10);
  });

  it("@TODAY is a string in the stream's date format", () => {
    expect(at("@TODAY", {}, {}, now)).toBe("15/01/2024");
    expect(at("@TODAY", {}, { dateFormat: "YYYY-MM-DD" }, now)).toBe("2024-01-15");
    expect(at("to_date(@TODAY)", {}, {}, now)).toBe(day(2024, 1, 15));
  });

  it("@TODAY is $null$ with a two-digit-year format and rollover off (documented)", () => {
    expect(at("@TODAY", {}, { dateFormat: "DD/MM/YY", timeRollover: false }, now)).toBeNull();
    expect(at("@TODAY", {}, { dateFormat: "DD/MM/YY", timeRollover: true }, now)).toBe("15/01/24");
  });
});
