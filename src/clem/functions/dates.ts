/**
 * Date functions (CLEM.md §4.13, dates side). Dates are day numbers since 1970-01-01 and
 * timestamps seconds since 1970-01-01 00:00 (src/data/values.ts); the stream's baseline year
 * (default 1900) is only the zero point of the `*_in_*` functions and of numbers read as
 * "seconds since the baseline".
 *
 * Month and year lengths in `*_in_months`, `*_in_years` and the `*_difference` functions are
 * Modeler's fixed averages, 30.4375 and 365.25 days. `date_add_months`/`_years` are calendar
 * arithmetic: the day is clamped to the end of a shorter month (31 Jan + 1 month = 28/29 Feb).
 */
import { makeDateParser, MONTH_NAMES, WEEKDAY_NAMES } from "../../data/datetime-format.js";
import type { StreamSettings } from "../../data/settings.js";
import {
  SECONDS_PER_DAY, civilFromDays, daysFromCivil, daysInMonth, isValidCivil, weekdayOfDays, type Value,
} from "../../data/values.js";
import { strict, type Implementation } from "../bound.js";
import type { Int } from "./integers.js";
import { family, sameAs, sig, type CallSite } from "./registry.js";

const DAYS_PER_MONTH = 30.4375;
const DAYS_PER_YEAR = 365.25;

export function baselineDays(settings: StreamSettings): number {
  return daysFromCivil(settings.dateBaseline, 1, 1);
}

/** Whole days of a date, or of a timestamp's date part. */
function wholeDays(site: CallSite, i: number): (v: number) => number {
  return site.types[i] === "timestamp" ? (ts) => Math.floor(ts / SECONDS_PER_DAY) : (d) => d;
}

/** Days with fraction: a timestamp counts its time of day. */
function exactDays(site: CallSite, i: number): (v: number) => number {
  return site.types[i] === "timestamp" ? (ts) => ts / SECONDS_PER_DAY : (d) => d;
}

function sinceBaseline(divisor: number) {
  return (site: CallSite): Implementation => {
    const base = baselineDays(site.settings);
    const days = exactDays(site, 0);
    return strict((v: number) => (days(v) - base) / divisor);
  };
}

function difference(divisor: number) {
  return (site: CallSite): Implementation => {
    const a = exactDays(site, 0);
    const b = exactDays(site, 1);
    return strict((x: number, y: number) => (b(y) - a(x)) / divisor);
  };
}

/** Adds whole months to a day number, clamping the day to the target month's length. */
export function addMonths(days: number, months: number): number {
  const { year, month, day } = civilFromDays(days);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return daysFromCivil(y, m, Math.min(day, daysInMonth(y, m)));
}

/** `date_add_*` on a date or a timestamp (whose time of day is kept). */
function addTo(toDays: (n: number, days: number) => number) {
  return (site: CallSite): Implementation => {
    if (site.types[1] === "timestamp") {
      return strict((n: Int, ts: number) => {
        const d = Math.floor(ts / SECONDS_PER_DAY);
        return toDays(Number(n), d) * SECONDS_PER_DAY + (ts - d * SECONDS_PER_DAY);
      });
    }
    return strict((n: Int, d: number) => toDays(Number(n), d));
  };
}

/** Part of a date's calendar form (day, month, year, weekday). */
function part(f: (days: number) => number) {
  return (site: CallSite): Implementation => {
    const days = wholeDays(site, 0);
    return strict((v: number) => f(days(v)));
  };
}

function name(names: readonly string[], length?: number) {
  return strict((n: Int) => {
    const k = Number(n);
    const full = names[k - 1];
    return full === undefined ? null : length ? full.slice(0, length) : full;
  });
}

/** `datetime_date(ITEM)`: seconds since the baseline, a string in the stream format, or a timestamp's date. */
function dateOfItem(site: CallSite): Implementation {
  switch (site.types[0]) {
    case "date": return strict((d: number) => d);
    case "timestamp": return strict((ts: number) => Math.floor(ts / SECONDS_PER_DAY));
    case "string": return strict(makeDateParser(site.settings.dateFormat, site.settings));
    default: {
      const base = baselineDays(site.settings);
      return strict((seconds: Int) => base + Math.floor(Number(seconds) / SECONDS_PER_DAY));
    }
  }
}

function dateOf(y: Int, m: Int, d: Int): Value {
  const [year, month, day] = [Number(y), Number(m), Number(d)];
  return isValidCivil(year, month, day) ? daysFromCivil(year, month, day) : null;
}

export const DATE_FUNCTIONS = family("date", {
  date_in_days: sig(["dateLike"], "integer", (site) => {
    const base = baselineDays(site.settings);
    const days = wholeDays(site, 0);
    return strict((v: number) => days(v) - base);
  }),
  date_in_weeks: sig(["dateLike"], "real", sinceBaseline(7)),
  date_in_months: sig(["dateLike"], "real", sinceBaseline(DAYS_PER_MONTH)),
  date_in_years: sig(["dateLike"], "real", sinceBaseline(DAYS_PER_YEAR)),
  date_days_difference: sig(["dateLike", "dateLike"], "integer", (site) => {
    const a = wholeDays(site, 0);
    const b = wholeDays(site, 1);
    return strict((x: number, y: number) => b(y) - a(x));
  }),
  date_weeks_difference: sig(["dateLike", "dateLike"], "real", difference(7)),
  date_months_difference: sig(["dateLike", "dateLike"], "real", difference(DAYS_PER_MONTH)),
  date_years_difference: sig(["dateLike", "dateLike"], "real", difference(DAYS_PER_YEAR)),
  date_add_days: sig(["number", "dateLike"], sameAs(1), addTo((n, d) => d + Math.trunc(n))),
  date_add_weeks: sig(["number", "dateLike"], sameAs(1), addTo((n, d) => d + Math.trunc(n) * 7)),
  date_add_months: sig(["number", "dateLike"], sameAs(1), addTo((n, d) => addMonths(d, Math.trunc(n)))),
  date_add_years: sig(["number", "dateLike"], sameAs(1), addTo((n, d) => addMonths(d, Math.trunc(n) * 12))),
  datetime_date: [
    sig(["integer", "integer", "integer"], "date", strict(dateOf)),
    sig(["date"], "date", dateOfItem),
    sig(["timestamp"], "date", dateOfItem),
    sig(["string"], "date", dateOfItem),
    sig(["number"], "date", dateOfItem),
  ],
  datetime_day: sig(["dateLike"], "integer", part((d) => civilFromDays(d).day)),
  datetime_month: sig(["dateLike"], "integer", part((d) => civilFromDays(d).month)),
  datetime_year: sig(["dateLike"], "integer", part((d) => civilFromDays(d).year)),
  datetime_weekday: sig(["dateLike"], "integer", part(weekdayOfDays)),
  datetime_day_name: sig(["integer"], "string", name(WEEKDAY_NAMES)),
  datetime_day_short_name: sig(["integer"], "string", name(WEEKDAY_NAMES, 3)),
  datetime_month_name: sig(["integer"], "string", name(MONTH_NAMES)),
  datetime_month_short_name: sig(["integer"], "string", name(MONTH_NAMES, 3)),
});

/** A JS clock reading as our wall-clock timestamp (local time of the machine, like Modeler). */
export function wallClockTimestamp(d: Date): number {
  const days = daysFromCivil(d.getFullYear(), d.getMonth() + 1, d.getDate());
  return days * SECONDS_PER_DAY + d.getHours() * 3600 + d.getMinutes() * 60 + d.getSeconds() + d.getMilliseconds() / 1000;
}
