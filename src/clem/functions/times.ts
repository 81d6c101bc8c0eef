/**
 * Time and timestamp functions (CLEM.md §4.13, times side). Times are seconds since midnight,
 * timestamps seconds since 1970-01-01 00:00, both wall clock.
 *
 * The `time_*_difference` functions follow the stream option "Rollover days/mins": when it is
 * on and both arguments are times, a second time earlier than the first is taken to be on the
 * next day (23:00 → 01:00 is 2 hours). Timestamps carry their date, so they never roll over.
 */
import { makeTimeParser } from "../../data/datetime-format.js";
import { SECONDS_PER_DAY, isValidCivil, daysFromCivil, type Value } from "../../data/values.js";
import { strict, type Evaluator, type Implementation } from "../bound.js";
import { describeType, type ClemType } from "../types.js";
import { timestampTextParser } from "./conversion.js";
import { baselineDays, wallClockTimestamp } from "./dates.js";
import { truncToInt, type Int } from "./integers.js";
import { family, sig, type CallSite } from "./registry.js";

/** Seconds since midnight of a time, or of a timestamp's time of day. */
function secondsOfDay(site: CallSite, i: number): (v: number) => number {
  return site.types[i] === "timestamp" ? (ts) => ts - Math.floor(ts / SECONDS_PER_DAY) * SECONDS_PER_DAY : (t) => t;
}

function part(f: (seconds: number) => Value) {
  return (site: CallSite): Implementation => {
    const secs = secondsOfDay(site, 0);
    return strict((v: number) => f(secs(v)));
  };
}

function sameKind(site: CallSite): ClemType {
  const [a, b] = site.types as [ClemType, ClemType];
  if (a !== b && a !== "null" && b !== "null" && a !== "any" && b !== "any") {
    site.fail(`${site.name} needs two times or two timestamps; got ${describeType(a)} and ${describeType(b)}`, 1);
  }
  return "real";
}

function difference(divisor: number, toResult: (x: number) => Value = (x) => x) {
  return (site: CallSite): Implementation => {
    const rollover = site.settings.timeRollover && site.types[0] === "time" && site.types[1] === "time";
    return strict((a: number, b: number) => {
      let d = b - a;
      if (rollover && d < 0) d += SECONDS_PER_DAY;
      return toResult(d / divisor);
    });
  };
}

function timeOf(h: Int, m: Int, s: Int | number): Value {
  const [hour, minute, second] = [Number(h), Number(m), Number(s)];
  const ok = hour >= 0 && hour < 24 && minute >= 0 && minute < 60 && second >= 0 && second < 60 && Number.isInteger(hour) && Number.isInteger(minute);
  return ok ? hour * 3600 + minute * 60 + second : null;
}

function timestampOf(y: Int, mo: Int, d: Int, h: Int, mi: Int, s: Int | number): Value {
  const [year, month, day] = [Number(y), Number(mo), Number(d)];
  const t = timeOf(h, mi, s);
  return t === null || !isValidCivil(year, month, day) ? null : daysFromCivil(year, month, day) * SECONDS_PER_DAY + (t as number);
}

function timeOfItem(site: CallSite): Implementation {
  switch (site.types[0]) {
    case "string": return strict(makeTimeParser(site.settings.timeFormat));
    default: return part((s) => s)(site);
  }
}

const now: Implementation = {
  pure: false,
  compile: (_args, ctx): Evaluator => () => wallClockTimestamp(ctx.now()),
};

export const TIME_FUNCTIONS = family("time", {
  datetime_hour: sig(["timeLike"], "integer", part((s) => Math.floor(s / 3600))),
  datetime_minute: sig(["timeLike"], "integer", part((s) => Math.floor((s % 3600) / 60))),
  datetime_second: sig(["timeLike"], "integer", part((s) => Math.floor(s % 60))),
  datetime_in_seconds: [
    sig(["time"], "real", strict((t: number) => t)),
    sig(["date"], "real", (site) => {
      const base = baselineDays(site.settings);
      return strict((d: number) => (d - base) * SECONDS_PER_DAY);
    }),
    sig(["timestamp"], "real", (site) => {
      const base = baselineDays(site.settings) * SECONDS_PER_DAY;
      return strict((ts: number) => ts - base);
    }),
  ],
  datetime_now: sig([], "timestamp", now),
  datetime_time: [
    sig(["integer", "integer", "number"], "time", strict(timeOf)),
    sig(["time"], "time", timeOfItem),
    sig(["timestamp"], "time", timeOfItem),
    sig(["string"], "time", timeOfItem),
  ],
  datetime_timestamp: [
    sig(["integer", "integer", "integer", "integer", "integer", "number"], "timestamp", strict(timestampOf)),
    sig(["date", "time"], "timestamp", strict((d: number, t: number) => d * SECONDS_PER_DAY + t)),
    sig(["timestamp"], "timestamp", strict((ts: number) => ts)),
    sig(["date"], "timestamp", strict((d: number) => d * SECONDS_PER_DAY)),
    sig(["string"], "timestamp", (site) => strict(timestampTextParser(site.settings))),
    sig(["number"], "timestamp", (site) => {
      const base = baselineDays(site.settings) * SECONDS_PER_DAY;
      return strict((seconds: Int) => base + Number(seconds));
    }),
  ],
  time_hours_difference: sig(["timeLike", "timeLike"], sameKind, difference(3600)),
  time_mins_difference: sig(["timeLike", "timeLike"], sameKind, difference(60)),
  time_secs_difference: sig(["timeLike", "timeLike"], (s) => (sameKind(s), "integer"), difference(1, (x) => truncToInt(x))),
  time_in_hours: sig(["timeLike"], "real", part((s) => s / 3600)),
  time_in_mins: sig(["timeLike"], "real", part((s) => s / 60)),
  time_in_secs: sig(["timeLike"], "integer", part((s) => truncToInt(s))),
});
