/**
 * Modeler's date and time formats (stream options `date_format` / `time_format`, Var. File
 * `custom_date_format` / `custom_time_format`): parsers from text to our day / second numbers
 * and formatters back.
 *
 * A format is read once into a list of parts (year, month, separator, ...) and compiled into
 * one regular expression and one formatter, so per-value work is a single `exec` or a few
 * string joins. Formats are tokenised generically, so combinations Modeler does not list
 * (e.g. `YYYY/MM/DD`) work too; unknown letters are an error, not a literal.
 *
 * Choices where Modeler's behaviour is not documented (see docs/clem.md):
 * - With separators, day and month accept one or two digits; without, exactly two.
 * - `MON` parses a three-letter abbreviation or a full English month name in any case and
 *   formats as `Jan`; `DAY` / `MONTH` alone format as `Monday` / `January`.
 * - Parsing `DAY` gives the first day on or after 1 January of the baseline year with that
 *   weekday; `MONTH`, `MON YYYY`, `q Q YYYY` and `ww WK YYYY` give the first day of the period.
 * - Week `ww` counts 7-day blocks from 1 January (days 1–7 are week 1).
 * - A time format without hours (`MM:SS`, `MMSS`) holds total minutes, so 01:30:00 is `90:00`.
 * - `(H)H`-style optional digits parse one or two digits and format without a leading zero.
 */
import { ModelerBatchError } from "../errors.js";
import { DEFAULT_SETTINGS, type StreamSettings } from "./settings.js";
import {
  SECONDS_PER_DAY, civilFromDays, daysFromCivil, isValidCivil, parseIsoTimestamp, weekdayOfDays,
} from "./values.js";

export class DateTimeFormatError extends ModelerBatchError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super("DATETIME_FORMAT", message, details);
  }
}

/** The date formats of Modeler's stream options (CLEM.md §1.7), in its menu order. */
export const DATE_FORMATS: readonly string[] = [
  "DDMMYY", "MMDDYY", "YYMMDD", "YYYYMMDD", "YYYYDDD", "DAY", "MONTH",
  "DD/MM/YY", "DD/MM/YYYY", "MM/DD/YY", "MM/DD/YYYY", "DD-MM-YY", "DD-MM-YYYY", "MM-DD-YY",
  "MM-DD-YYYY", "DD.MM.YY", "DD.MM.YYYY", "MM.DD.YY", "MM.DD.YYYY", "DD-MON-YY", "DD/MON/YY",
  "DD.MON.YY", "DD-MON-YYYY", "DD/MON/YYYY", "DD.MON.YYYY", "MON YYYY", "q Q YYYY", "ww WK YYYY",
  "YYYY-MM-DD",
];

/** The time formats of Modeler's stream options (CLEM.md §1.7). */
export const TIME_FORMATS: readonly string[] = [
  "HHMMSS", "HHMM", "MMSS", "HH:MM:SS", "HH:MM", "MM:SS", "(H)H:(M)M:(S)S", "(H)H:(M)M", "(M)M:(S)S",
  "HH.MM.SS", "HH.MM", "MM.SS", "(H)H.(M)M.(S)S", "(H)H.(M)M", "(M)M.(S)S",
];

export const MONTH_NAMES: readonly string[] = [
  "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
];
/** Index 0 is Sunday, as CLEM's day numbers 1..7 start on Sunday. */
export const WEEKDAY_NAMES: readonly string[] = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

export type DateParseSettings = Pick<StreamSettings, "date2DigitBaseline" | "dateBaseline">;

type DatePart =
  | "year4" | "year2" | "month" | "day" | "monthAbbrev" | "dayOfYear" | "quarter" | "week" | "weekdayName" | "monthName"
  | { literal: string };

const DATE_TOKENS: ReadonlyArray<readonly [string, DatePart]> = [
  ["YYYY", "year4"], ["YY", "year2"], ["MONTH", "monthName"], ["MON", "monthAbbrev"], ["MM", "month"],
  ["DDD", "dayOfYear"], ["DAY", "weekdayName"], ["DD", "day"], ["ww", "week"], ["WK", { literal: "WK" }],
  ["q", "quarter"], ["Q", { literal: "Q" }],
];

function tokeniseDate(format: string): DatePart[] {
  const parts: DatePart[] = [];
  let i = 0;
  outer: while (i < format.length) {
    for (const [token, part] of DATE_TOKENS) {
      if (format.startsWith(token, i)) {
        // Literal tokens are copied: a following separator is appended to the copy.
        parts.push(typeof part === "object" ? { literal: part.literal } : part);
        i += token.length;
        continue outer;
      }
    }
    const ch = format[i]!;
    if (/[A-Za-z0-9]/.test(ch)) {
      throw new DateTimeFormatError(`unknown date format "${format}": "${format.slice(i)}" is not a date part (use one of ${DATE_FORMATS.join(", ")})`, { format });
    }
    const last = parts[parts.length - 1];
    if (last && typeof last === "object") last.literal += ch;
    else parts.push({ literal: ch });
    i++;
  }
  if (!parts.some((p) => typeof p === "string")) throw new DateTimeFormatError(`date format "${format}" has no date part`, { format });
  return parts;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+");
}

function lookupName(names: readonly string[], text: string): number {
  const t = text.toLowerCase();
  for (let i = 0; i < names.length; i++) {
    const n = names[i]!.toLowerCase();
    if (t === n || t === n.slice(0, 3)) return i;
  }
  return -1;
}

function completeTwoDigitYear(yy: number, baseline: number): number {
  let year = Math.floor(baseline / 100) * 100 + yy;
  if (year < baseline) year += 100;
  return year;
}

/**
 * A parser for one date format: text → days since 1970-01-01, or `null` when the text does not
 * match or names no real day (29/02/2001). Surrounding white space is ignored.
 */
export function makeDateParser(format: string, settings: Partial<DateParseSettings> = {}): (text: string) => number | null {
  const parts = tokeniseDate(format);
  const baseline = settings.dateBaseline ?? DEFAULT_SETTINGS.dateBaseline;
  const twoDigitBaseline = settings.date2DigitBaseline ?? DEFAULT_SETTINGS.date2DigitBaseline;
  const separated = parts.some((p) => typeof p === "object");
  const pattern = parts.map((p) => {
    if (typeof p === "object") return escapeRegex(p.literal);
    switch (p) {
      case "year4": return "(\\d{4})";
      case "year2": return "(\\d{2})";
      case "month":
      case "day": return separated ? "(\\d{1,2})" : "(\\d{2})";
      case "dayOfYear": return separated ? "(\\d{1,3})" : "(\\d{3})";
      case "quarter": return "([1-4])";
      case "week": return separated ? "(\\d{1,2})" : "(\\d{2})";
      default: return "([A-Za-z]+)";
    }
  }).join("");
  const regex = new RegExp(`^${pattern}$`, "i");
  const fields = parts.filter((p): p is Exclude<DatePart, { literal: string }> => typeof p === "string");
  return (text: string) => {
    const m = regex.exec(text.trim());
    if (!m) return null;
    let year: number | undefined;
    let month = 1;
    let day = 1;
    let dayOfYear: number | undefined;
    let week: number | undefined;
    let weekday: number | undefined;
    for (let i = 0; i < fields.length; i++) {
      const s = m[i + 1]!;
      switch (fields[i]!) {
        case "year4": year = Number(s); break;
        case "year2": year = completeTwoDigitYear(Number(s), twoDigitBaseline); break;
        case "month": month = Number(s); break;
        case "day": day = Number(s); break;
        case "dayOfYear": dayOfYear = Number(s); break;
        case "quarter": month = (Number(s) - 1) * 3 + 1; break;
        case "week": week = Number(s); break;
        case "monthAbbrev":
        case "monthName": {
          const k = lookupName(MONTH_NAMES, s);
          if (k < 0) return null;
          month = k + 1;
          break;
        }
        case "weekdayName": {
          const k = lookupName(WEEKDAY_NAMES, s);
          if (k < 0) return null;
          weekday = k + 1;
          break;
        }
      }
    }
    if (weekday !== undefined && year === undefined) {
      const start = daysFromCivil(baseline, 1, 1);
      return start + ((weekday - weekdayOfDays(start) + 7) % 7);
    }
    const y = year ?? baseline;
    if (dayOfYear !== undefined) {
      const daysInYear = daysFromCivil(y + 1, 1, 1) - daysFromCivil(y, 1, 1);
      return dayOfYear >= 1 && dayOfYear <= daysInYear ? daysFromCivil(y, 1, 1) + dayOfYear - 1 : null;
    }
    if (week !== undefined) {
      if (week < 1 || week > 53) return null;
      const d = daysFromCivil(y, 1, 1) + (week - 1) * 7;
      return civilFromDays(d).year === y ? d : null;
    }
    return isValidCivil(y, month, day) ? daysFromCivil(y, month, day) : null;
  };
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n)).padStart(width, "0");
  return n < 0 ? "-" + s : s;
}

/** A formatter for one date format: days since 1970-01-01 → text. */
export function makeDateFormatter(format: string): (days: number) => string {
  const parts = tokeniseDate(format);
  const pieces = parts.map((p): ((days: number) => string) => {
    if (typeof p === "object") {
      const text = p.literal;
      return () => text;
    }
    switch (p) {
      case "year4": return (d) => pad(civilFromDays(d).year, 4);
      case "year2": return (d) => pad(((civilFromDays(d).year % 100) + 100) % 100, 2);
      case "month": return (d) => pad(civilFromDays(d).month, 2);
      case "day": return (d) => pad(civilFromDays(d).day, 2);
      case "monthAbbrev": return (d) => MONTH_NAMES[civilFromDays(d).month - 1]!.slice(0, 3);
      case "monthName": return (d) => MONTH_NAMES[civilFromDays(d).month - 1]!;
      case "weekdayName": return (d) => WEEKDAY_NAMES[weekdayOfDays(d) - 1]!;
      case "dayOfYear": return (d) => pad(d - daysFromCivil(civilFromDays(d).year, 1, 1) + 1, 3);
      case "quarter": return (d) => String(Math.floor((civilFromDays(d).month - 1) / 3) + 1);
      case "week": return (d) => pad(Math.floor((d - daysFromCivil(civilFromDays(d).year, 1, 1)) / 7) + 1, 2);
    }
  });
  return (days: number) => {
    const day = Math.floor(days);
    let out = "";
    for (const piece of pieces) out += piece(day);
    return out;
  };
}

type TimePart = { unit: "hour" | "minute" | "second"; optionalDigit: boolean } | { literal: string };

function tokeniseTime(format: string): TimePart[] {
  const parts: TimePart[] = [];
  let i = 0;
  while (i < format.length) {
    const rest = format.slice(i);
    const m = /^(\((H|M|S)\)\2|HH|MM|SS)/.exec(rest);
    if (m) {
      const letter = m[2] ?? m[1]![0]!;
      parts.push({ unit: letter === "H" ? "hour" : letter === "M" ? "minute" : "second", optionalDigit: m[2] !== undefined });
      i += m[1]!.length;
      continue;
    }
    const ch = format[i]!;
    if (/[A-Za-z0-9()]/.test(ch)) {
      throw new DateTimeFormatError(`unknown time format "${format}": "${rest}" is not a time part (use one of ${TIME_FORMATS.join(", ")})`, { format });
    }
    const last = parts[parts.length - 1];
    if (last && "literal" in last) last.literal += ch;
    else parts.push({ literal: ch });
    i++;
  }
  const units = parts.filter((p): p is Exclude<TimePart, { literal: string }> => !("literal" in p)).map((p) => p.unit);
  const valid = ["hour,minute,second", "hour,minute", "minute,second"].includes(units.join(","));
  if (!valid) throw new DateTimeFormatError(`unknown time format "${format}": expected hours, minutes and seconds in that order (use one of ${TIME_FORMATS.join(", ")})`, { format });
  return parts;
}

/**
 * A parser for one time format: text → seconds since midnight, or `null`. The seconds may carry
 * a decimal fraction (`12:30:15.25`). Without an hour part the minutes are total minutes.
 */
export function makeTimeParser(format: string): (text: string) => number | null {
  const parts = tokeniseTime(format);
  const units = parts.filter((p): p is Exclude<TimePart, { literal: string }> => !("literal" in p));
  const hasHour = units[0]!.unit === "hour";
  const separated = parts.some((p) => "literal" in p);
  const pattern = parts.map((p, idx) => {
    if ("literal" in p) return escapeRegex(p.literal);
    const leading = idx === 0 && !hasHour && p.unit === "minute";
    let digits = p.optionalDigit ? "\\d{1,2}" : "\\d{2}";
    if (leading) digits = p.optionalDigit || separated ? "\\d{1,4}" : "\\d{2,4}";
    const fraction = p.unit === "second" && idx === parts.length - 1 ? "(?:[.,](\\d+))?" : "()";
    return `(${digits})${fraction}`;
  }).join("");
  const regex = new RegExp(`^${pattern}$`);
  return (text: string) => {
    const m = regex.exec(text.trim());
    if (!m) return null;
    let hour = 0;
    let minute = 0;
    let second = 0;
    let fraction = 0;
    for (let i = 0; i < units.length; i++) {
      const value = Number(m[2 * i + 1]);
      const frac = m[2 * i + 2];
      switch (units[i]!.unit) {
        case "hour": hour = value; break;
        case "minute": minute = value; break;
        case "second": second = value; if (frac) fraction = Number("0." + frac); break;
      }
    }
    if (hour > 23 || second > 59 || (hasHour && minute > 59)) return null;
    const total = hour * 3600 + minute * 60 + second + fraction;
    return total < SECONDS_PER_DAY ? total : null;
  };
}

/** A formatter for one time format: seconds since midnight → text. */
export function makeTimeFormatter(format: string): (seconds: number) => string {
  const parts = tokeniseTime(format);
  const hasHour = parts.some((p) => !("literal" in p) && p.unit === "hour");
  return (seconds: number) => {
    const whole = Math.floor(seconds);
    const fraction = seconds - whole;
    const hour = Math.floor(whole / 3600);
    const minute = hasHour ? Math.floor((whole % 3600) / 60) : Math.floor(whole / 60);
    const second = whole % 60;
    let out = "";
    for (const p of parts) {
      if ("literal" in p) {
        out += p.literal;
        continue;
      }
      const value = p.unit === "hour" ? hour : p.unit === "minute" ? minute : second;
      out += p.optionalDigit ? String(value) : pad(value, 2);
      if (p.unit === "second" && fraction > 0) {
        out += (Math.round(fraction * 1e6) / 1e6).toFixed(6).slice(1).replace(/0+$/, "");
      }
    }
    return out;
  };
}

/**
 * A parser for timestamps written as the date format, white space, then the time format
 * (`15/01/2024 10:30:00`); ISO 8601 (`2024-01-15T10:30:00`, zone suffix converted to UTC) is
 * also accepted. Date formats may contain spaces (`MON YYYY`), time formats never do, so the
 * text is split at its last run of white space.
 */
export function makeTimestampParser(
  dateFormat: string, timeFormat: string, settings: Partial<DateParseSettings> = {},
): (text: string) => number | null {
  const parseDate = makeDateParser(dateFormat, settings);
  const parseTime = makeTimeParser(timeFormat);
  return (text: string) => {
    const t = text.trim();
    const m = /^(.*\S)\s+(\S+)$/.exec(t);
    if (m) {
      const d = parseDate(m[1]!);
      const s = d === null ? null : parseTime(m[2]!);
      if (d !== null && s !== null) return d * SECONDS_PER_DAY + s;
    }
    return parseIsoTimestamp(t);
  };
}

/** A formatter for timestamps: the date format, one space, the time format. */
export function makeTimestampFormatter(dateFormat: string, timeFormat: string): (timestamp: number) => string {
  const formatDate = makeDateFormatter(dateFormat);
  const formatTime = makeTimeFormatter(timeFormat);
  return (ts: number) => {
    const days = Math.floor(ts / SECONDS_PER_DAY);
    return `${formatDate(days)} ${formatTime(ts - days * SECONDS_PER_DAY)}`;
  };
}

/** True when `format` is a date format we can read (listed or composed of known parts). */
export function isDateFormat(format: string): boolean {
  try {
    tokeniseDate(format);
    return true;
  } catch {
    return false;
  }
}

export function isTimeFormat(format: string): boolean {
  try {
    tokeniseTime(format);
    return true;
  } catch {
    return false;
  }
}

/** True when the format writes the year with two digits (`@TODAY`'s rollover rule). */
export function hasTwoDigitYear(dateFormat: string): boolean {
  return tokeniseDate(dateFormat).includes("year2");
}
