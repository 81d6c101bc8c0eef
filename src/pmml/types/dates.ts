/**
 * Dates and times as numbers.
 *
 * Inside the evaluator a `date` is a day count since 1970-01-01, a `time` a second count since
 * midnight and a `dateTime` a second count since 1970-01-01T00:00:00 (no time zone: PMML dates
 * are local and naive). Numbers compare, subtract and index cheaply, and the `dateDaysSince[Y]`
 * family is then a fixed offset away. Proleptic Gregorian calendar, year 0 included.
 */

import { civilFromDays, daysFromCivil, SECONDS_PER_DAY } from "../../data/values.js";

/** Day number (since 1970) of January 1st of `year`. */
export function yearStartDays(year: number): number {
  return daysFromCivil(year, 1, 1);
}

const DATE_RE = /^(-?\d{1,6})-(\d{1,2})-(\d{1,2})$/;
const TIME_RE = /^(\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?$/;
const DATETIME_RE = /^(-?\d{1,6})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

export function parseDate(text: string): number | undefined {
  const t = text.trim();
  const m = DATE_RE.exec(t);
  if (m) return validDays(Number(m[1]), Number(m[2]), Number(m[3]));
  const dt = parseDateTime(t);
  return dt === undefined ? undefined : Math.floor(dt / SECONDS_PER_DAY);
}

function validDays(y: number, mo: number, d: number): number | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  const days = daysFromCivil(y, mo, d);
  const back = civilFromDays(days);
  return back.month === mo && back.day === d ? days : undefined;
}

export function parseTime(text: string): number | undefined {
  const m = TIME_RE.exec(text.trim());
  if (!m) return undefined;
  const h = Number(m[1]);
  const mi = Number(m[2]);
  const s = m[3] ? Number(m[3]) : 0;
  if (h > 24 || mi > 59 || s > 60) return undefined;
  return h * 3600 + mi * 60 + s + (m[4] ? Number(m[4]) : 0);
}

/** Seconds since 1970-01-01T00:00:00; a time-zone suffix, if any, is applied (result in UTC). */
export function parseDateTime(text: string): number | undefined {
  const t = text.trim();
  const m = DATETIME_RE.exec(t);
  if (!m) {
    const d = DATE_RE.exec(t);
    if (d) {
      const days = validDays(Number(d[1]), Number(d[2]), Number(d[3]));
      return days === undefined ? undefined : days * SECONDS_PER_DAY;
    }
    return undefined;
  }
  const days = validDays(Number(m[1]), Number(m[2]), Number(m[3]));
  if (days === undefined) return undefined;
  const h = Number(m[4]);
  const mi = Number(m[5]);
  const s = m[6] ? Number(m[6]) : 0;
  const frac = m[7] ? Number(m[7]) : 0;
  let offset = 0;
  const zone = m[8];
  if (zone && zone !== "Z") {
    const sign = zone[0] === "-" ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    offset = sign * (Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2)) * 60);
  }
  return days * SECONDS_PER_DAY + h * 3600 + mi * 60 + s + frac - offset;
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n)).padStart(width, "0");
  return n < 0 ? `-${s}` : s;
}

export function formatDate(days: number): string {
  const { year, month, day } = civilFromDays(Math.floor(days));
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

export function formatTime(seconds: number): string {
  const whole = Math.floor(seconds);
  const frac = seconds - whole;
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const fracText = frac > 0 ? String(Number(frac.toFixed(6))).slice(1) : "";
  return `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}${fracText}`;
}

export function formatDateTime(seconds: number): string {
  const days = Math.floor(seconds / SECONDS_PER_DAY);
  return `${formatDate(days)}T${formatTime(seconds - days * SECONDS_PER_DAY)}`;
}

export { SECONDS_PER_DAY };
