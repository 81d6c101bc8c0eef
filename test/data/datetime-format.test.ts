import { describe, expect, it } from "vitest";
import {
  DATE_FORMATS, DateTimeFormatError, TIME_FORMATS, hasTwoDigitYear, isDateFormat, makeDateFormatter, makeDateParser,
  makeTimeFormatter, makeTimeParser, makeTimestampFormatter, makeTimestampParser,
} from "../../src/data/datetime-format.js";
import { daysFromCivil } from "../../src/data/values.js";

// 2004-02-29 was a Sunday, day 60 of the year, in week 9 (days 57–63), quarter 1.
const LEAP_DAY = daysFromCivil(2004, 2, 29);

describe("date formats: parse", () => {
  const cases: Array<[string, string, [number, number, number]]> = [
    ["DDMMYY", "290204", [2004, 2, 29]],
    ["MMDDYY", "022904", [2004, 2, 29]],
    ["YYMMDD", "040229", [2004, 2, 29]],
    ["YYYYMMDD", "20040229", [2004, 2, 29]],
    ["YYYYDDD", "2004060", [2004, 2, 29]],
    ["DD/MM/YY", "29/02/04", [2004, 2, 29]],
    ["DD/MM/YYYY", "29/02/2004", [2004, 2, 29]],
    ["MM/DD/YY", "02/29/04", [2004, 2, 29]],
    ["MM/DD/YYYY", "02/29/2004", [2004, 2, 29]],
    ["DD-MM-YY", "29-02-04", [2004, 2, 29]],
    ["DD-MM-YYYY", "29-02-2004", [2004, 2, 29]],
    ["MM-DD-YY", "02-29-04", [2004, 2, 29]],
    ["MM-DD-YYYY", "02-29-2004", [2004, 2, 29]],
    ["DD.MM.YY", "29.02.04", [2004, 2, 29]],
    ["DD.MM.YYYY", "29.02.2004", [2004, 2, 29]],
    ["MM.DD.YY", "02.29.04", [2004, 2, 29]],
    ["MM.DD.YYYY", "02.29.2004", [2004, 2, 29]],
    ["DD-MON-YY", "29-FEB-04", [2004, 2, 29]],
    ["DD/MON/YY", "29/feb/04", [2004, 2, 29]],
    ["DD.MON.YY", "29.Feb.04", [2004, 2, 29]],
    ["DD-MON-YYYY", "29-fEb-2004", [2004, 2, 29]],
    ["DD/MON/YYYY", "29/FEB/2004", [2004, 2, 29]],
    ["DD.MON.YYYY", "29.February.2004", [2004, 2, 29]],
    ["MON YYYY", "Feb 2004", [2004, 2, 1]],
    ["q Q YYYY", "1 Q 2004", [2004, 1, 1]],
    ["q Q YYYY", "4 Q 2004", [2004, 10, 1]],
    ["ww WK YYYY", "48 WK 2004", [2004, 11, 25]], // 1 Jan + 47 weeks = day 330 = 25 Nov (leap year)
    ["YYYY-MM-DD", "2004-02-29", [2004, 2, 29]],
  ];
  for (const [format, text, [y, m, d]] of cases) {
    it(`${format} reads "${text}"`, () => {
      expect(makeDateParser(format)(text)).toBe(daysFromCivil(y, m, d));
    });
  }

  it("covers every listed Modeler date format", () => {
    const tested = new Set(cases.map((c) => c[0]));
    for (const f of DATE_FORMATS) {
      if (f === "DAY" || f === "MONTH") continue; // tested below
      expect(tested.has(f), f).toBe(true);
    }
  });

  it("accepts one-digit day and month when separators are present, not otherwise", () => {
    expect(makeDateParser("DD/MM/YYYY")("1/2/2004")).toBe(daysFromCivil(2004, 2, 1));
    expect(makeDateParser("DDMMYY")("10204")).toBeNull();
  });

  it("rejects impossible days and text that does not match", () => {
    const p = makeDateParser("DD/MM/YYYY");
    expect(p("29/02/2001")).toBeNull();
    expect(p("31/04/2004")).toBeNull();
    expect(p("2004-02-29")).toBeNull();
    expect(p("")).toBeNull();
    expect(makeDateParser("DD-MON-YYYY")("29-Xyz-2004")).toBeNull();
  });

  it("ignores surrounding white space", () => {
    expect(makeDateParser("YYYY-MM-DD")("  2004-02-29 ")).toBe(LEAP_DAY);
  });

  it("completes two-digit years from the 2-digit baseline (years baseline..baseline+99)", () => {
    const p = makeDateParser("DD/MM/YY", { date2DigitBaseline: 1930 });
    expect(p("01/01/29")).toBe(daysFromCivil(2029, 1, 1));
    expect(p("01/01/30")).toBe(daysFromCivil(1930, 1, 1));
    expect(p("01/01/99")).toBe(daysFromCivil(1999, 1, 1));
    expect(p("01/01/00")).toBe(daysFromCivil(2000, 1, 1));
    const q = makeDateParser("DD/MM/YY", { date2DigitBaseline: 1950 });
    expect(q("01/01/49")).toBe(daysFromCivil(2049, 1, 1));
    expect(q("01/01/50")).toBe(daysFromCivil(1950, 1, 1));
  });

  it("DAY reads a weekday as the first such day on or after 1 January of the baseline year", () => {
    // 1 January 1900 was a Monday.
    expect(makeDateParser("DAY", { dateBaseline: 1900 })("Monday")).toBe(daysFromCivil(1900, 1, 1));
    expect(makeDateParser("DAY", { dateBaseline: 1900 })("sun")).toBe(daysFromCivil(1900, 1, 7));
  });

  it("MONTH reads a month name as the 1st of that month in the baseline year", () => {
    expect(makeDateParser("MONTH", { dateBaseline: 2000 })("March")).toBe(daysFromCivil(2000, 3, 1));
    expect(makeDateParser("MONTH")("mar")).toBe(daysFromCivil(1900, 3, 1));
  });

  it("refuses an unknown format with a DATETIME_FORMAT error", () => {
    expect(() => makeDateParser("DD/MM/YYYX")).toThrow(DateTimeFormatError);
    expect(isDateFormat("YYYY/MM/DD")).toBe(true);
    expect(isDateFormat("dd/mm/yyyy")).toBe(false);
  });
});

describe("date formats: format", () => {
  const cases: Array<[string, string]> = [
    ["DDMMYY", "290204"], ["MMDDYY", "022904"], ["YYMMDD", "040229"], ["YYYYMMDD", "20040229"],
    ["YYYYDDD", "2004060"], ["DAY", "Sunday"], ["MONTH", "February"], ["DD/MM/YY", "29/02/04"],
    ["DD/MM/YYYY", "29/02/2004"], ["MM/DD/YYYY", "02/29/2004"], ["DD.MM.YYYY", "29.02.2004"],
    ["DD-MON-YYYY", "29-Feb-2004"], ["DD/MON/YY", "29/Feb/04"], ["MON YYYY", "Feb 2004"],
    ["q Q YYYY", "1 Q 2004"], ["ww WK YYYY", "09 WK 2004"], ["YYYY-MM-DD", "2004-02-29"],
  ];
  for (const [format, text] of cases) {
    it(`${format} writes "${text}"`, () => {
      expect(makeDateFormatter(format)(LEAP_DAY)).toBe(text);
    });
  }

  it("round-trips every day of 2003–2004 through every full-date format", () => {
    for (const format of DATE_FORMATS.filter((f) => /DD|DDD/.test(f) && f !== "DAY")) {
      const parse = makeDateParser(format, { date2DigitBaseline: 1950 });
      const write = makeDateFormatter(format);
      for (let d = daysFromCivil(2003, 1, 1); d <= daysFromCivil(2004, 12, 31); d++) {
        expect(parse(write(d)), `${format} ${write(d)}`).toBe(d);
      }
    }
  });

  it("hasTwoDigitYear tells YY formats apart", () => {
    expect(hasTwoDigitYear("DD/MM/YY")).toBe(true);
    expect(hasTwoDigitYear("DD/MM/YYYY")).toBe(false);
  });
});

describe("time formats", () => {
  const parseCases: Array<[string, string, number]> = [
    ["HHMMSS", "093005", 9 * 3600 + 30 * 60 + 5],
    ["HHMM", "0930", 9 * 3600 + 30 * 60],
    ["MMSS", "3005", 30 * 60 + 5],
    ["HH:MM:SS", "09:30:05", 34205],
    ["HH:MM", "09:30", 34200],
    ["MM:SS", "30:05", 1805],
    ["(H)H:(M)M:(S)S", "9:3:5", 9 * 3600 + 3 * 60 + 5],
    ["(H)H:(M)M:(S)S", "19:30:15", 19 * 3600 + 30 * 60 + 15],
    ["(H)H:(M)M", "9:30", 34200],
    ["(M)M:(S)S", "3:05", 185],
    ["HH.MM.SS", "09.30.05", 34205],
    ["HH.MM", "09.30", 34200],
    ["MM.SS", "30.05", 1805],
    ["(H)H.(M)M.(S)S", "9.30.5", 34205],
    ["(H)H.(M)M", "9.3", 9 * 3600 + 180],
    ["(M)M.(S)S", "3.5", 185],
  ];
  for (const [format, text, seconds] of parseCases) {
    it(`${format} reads "${text}"`, () => {
      expect(makeTimeParser(format)(text)).toBe(seconds);
    });
  }

  it("covers every listed Modeler time format", () => {
    const tested = new Set(parseCases.map((c) => c[0]));
    for (const f of TIME_FORMATS) expect(tested.has(f), f).toBe(true);
  });

  it("fixed-digit formats need two digits; optional-digit formats take one or two", () => {
    expect(makeTimeParser("HH:MM:SS")("9:30:05")).toBeNull();
    expect(makeTimeParser("(H)H:(M)M:(S)S")("09:30:05")).toBe(34205);
  });

  it("rejects out-of-range parts", () => {
    const p = makeTimeParser("HH:MM:SS");
    expect(p("24:00:00")).toBeNull();
    expect(p("12:60:00")).toBeNull();
    expect(p("12:00:60")).toBeNull();
  });

  it("reads fractional seconds", () => {
    expect(makeTimeParser("HH:MM:SS")("00:00:01.25")).toBe(1.25);
  });

  it("formats with padding for fixed digits and without for optional ones", () => {
    const t = 9 * 3600 + 5 * 60 + 3;
    expect(makeTimeFormatter("HH:MM:SS")(t)).toBe("09:05:03");
    expect(makeTimeFormatter("(H)H:(M)M:(S)S")(t)).toBe("9:5:3");
    expect(makeTimeFormatter("HHMM")(t)).toBe("0905");
    expect(makeTimeFormatter("HH.MM.SS")(t)).toBe("09.05.03");
  });

  it("without hours, minutes are total minutes (01:30:00 is 90:00)", () => {
    expect(makeTimeFormatter("MM:SS")(5400)).toBe("90:00");
    expect(makeTimeParser("MM:SS")("90:00")).toBe(5400);
  });

  it("refuses an unknown time format", () => {
    expect(() => makeTimeParser("SS:MM")).toThrow(DateTimeFormatError);
    expect(() => makeTimeParser("HH:MM:XX")).toThrow(DateTimeFormatError);
  });
});

describe("timestamps", () => {
  const ts = daysFromCivil(2004, 2, 29) * 86400 + 13 * 3600 + 5 * 60 + 9;

  it("reads date format, space, time format", () => {
    expect(makeTimestampParser("DD/MM/YYYY", "HH:MM:SS")("29/02/2004 13:05:09")).toBe(ts);
    expect(makeTimestampParser("MON YYYY", "HH:MM")("Feb 2004 13:05")).toBe(daysFromCivil(2004, 2, 1) * 86400 + 13 * 3600 + 300);
  });

  it("also reads ISO 8601", () => {
    const p = makeTimestampParser("DD/MM/YYYY", "HH:MM:SS");
    expect(p("2004-02-29T13:05:09")).toBe(ts);
    expect(p("2004-02-29 13:05:09")).toBe(ts);
  });

  it("gives null for a date alone or garbage", () => {
    const p = makeTimestampParser("DD/MM/YYYY", "HH:MM:SS");
    expect(p("29/02/2004")).toBeNull();
    expect(p("yesterday noon")).toBeNull();
  });

  it("formats as date, space, time", () => {
    expect(makeTimestampFormatter("YYYY-MM-DD", "HH:MM:SS")(ts)).toBe("2004-02-29 13:05:09");
    expect(makeTimestampFormatter("DD.MM.YY", "(H)H.(M)M")(ts)).toBe("29.02.04 13.5");
  });
});
