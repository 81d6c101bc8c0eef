/**
 * Conversion functions (CLEM.md §4.2) and the text form of values used by `to_string` and `><`.
 *
 * - Integers print as digits; reals with six decimals (`to_string(1.5)` = "1.500000", as the
 *   IBM page states); dates, times and timestamps in the stream's formats; conditions as
 *   "true"/"false".
 * - Strings are parsed as numbers after trimming; the stream's decimal comma is accepted when set.
 * - `to_date` / `to_time` / `to_timestamp` parse strings with the stream formats; text that does
 *   not match gives `$null$`.
 */
import {
  makeDateFormatter, makeDateParser, makeTimeFormatter, makeTimeParser, makeTimestampFormatter, makeTimestampParser,
} from "../../data/datetime-format.js";
import type { StreamSettings } from "../../data/settings.js";
import { SECONDS_PER_DAY, type Value } from "../../data/values.js";
import { strict } from "../bound.js";
import type { ClemType } from "../types.js";
import { truncToInt, type Int } from "./integers.js";
import { family, sig, type CallSite } from "./registry.js";

export function formatReal(x: number): string {
  return x.toFixed(6);
}

/** How a value of a static type becomes text (`to_string`, `><`). */
export function textConverter(type: ClemType, settings: StreamSettings): (v: Value) => string {
  switch (type) {
    case "integer": return (v) => String(v);
    case "real": return (v) => formatReal(v as number);
    case "string": return (v) => v as string;
    case "date": {
      const f = makeDateFormatter(settings.dateFormat);
      return (v) => f(v as number);
    }
    case "time": {
      const f = makeTimeFormatter(settings.timeFormat);
      return (v) => f(v as number);
    }
    case "timestamp": {
      const f = makeTimestampFormatter(settings.dateFormat, settings.timeFormat);
      return (v) => f(v as number);
    }
    case "boolean": return (v) => (v ? "true" : "false");
    default:
      // Unknown storage: integral numbers print as integers, other numbers as reals.
      return (v) => (typeof v === "number" && !Number.isInteger(v) ? formatReal(v) : typeof v === "boolean" ? (v ? "true" : "false") : String(v));
  }
}

const INTEGER_TEXT = /^[+-]?\d+$/;
const REAL_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Parses a number written in data (`12`, `-3.5`, `.5`, `1e3`, `3,5` with a decimal comma). */
export function parseNumberText(text: string, decimalSymbol: "." | ","): Int | number | null {
  let t = text.trim();
  if (INTEGER_TEXT.test(t)) {
    const n = Number(t);
    return Number.isSafeInteger(n) ? n : BigInt(t);
  }
  if (decimalSymbol === "," && !t.includes(".")) t = t.replace(",", ".");
  if (!REAL_TEXT.test(t)) return null;
  const x = Number(t);
  return Number.isFinite(x) ? x : null;
}

function toInteger(site: CallSite) {
  const d = site.settings.decimalSymbol;
  switch (site.types[0]) {
    case "integer": return strict((v: Int) => v);
    case "real": return strict((v: number) => truncToInt(v));
    default:
      return strict((v: string | number | bigint) => {
        if (typeof v !== "string") return typeof v === "number" ? truncToInt(v) : v;
        const n = parseNumberText(v, d);
        return n === null || typeof n === "bigint" ? n : truncToInt(n);
      });
  }
}

function toReal(site: CallSite) {
  const d = site.settings.decimalSymbol;
  return strict((v: string | number | bigint) => {
    if (typeof v !== "string") return Number(v);
    const n = parseNumberText(v, d);
    return n === null ? null : Number(n);
  });
}

function toNumber(site: CallSite) {
  const d = site.settings.decimalSymbol;
  if (site.types[0] === "string") return strict((v: string) => parseNumberText(v, d));
  return strict((v: Value) => v);
}

function dateParser(settings: StreamSettings) {
  return makeDateParser(settings.dateFormat, settings);
}

/** A string as a timestamp: date and time in the stream formats (or ISO), else a date alone at midnight. */
export function timestampTextParser(settings: StreamSettings): (text: string) => number | null {
  const ts = makeTimestampParser(settings.dateFormat, settings.timeFormat, settings);
  const date = dateParser(settings);
  return (text) => {
    const t = ts(text);
    if (t !== null) return t;
    const d = date(text);
    return d === null ? null : d * SECONDS_PER_DAY;
  };
}

const dateOfTimestamp = (ts: number) => Math.floor(ts / SECONDS_PER_DAY);
const timeOfTimestamp = (ts: number) => ts - Math.floor(ts / SECONDS_PER_DAY) * SECONDS_PER_DAY;
const identity = strict((v: Value) => v);

/** Geohash cell centre (`stb_centroid_latitude` / `_longitude`), from the standard base-32 alphabet. */
const GEOHASH = "0123456789bcdefghjkmnpqrstuvwxyz";
export function geohashCentre(hash: string): { latitude: number; longitude: number } | null {
  const lat: [number, number] = [-90, 90];
  const lon: [number, number] = [-180, 180];
  let even = true;
  for (const ch of hash.toLowerCase()) {
    const bits = GEOHASH.indexOf(ch);
    if (bits < 0) return null;
    for (let b = 4; b >= 0; b--) {
      const range = even ? lon : lat;
      const mid = (range[0] + range[1]) / 2;
      if ((bits >> b) & 1) range[0] = mid;
      else range[1] = mid;
      even = !even;
    }
  }
  if (hash.length === 0) return null;
  return { latitude: (lat[0] + lat[1]) / 2, longitude: (lon[0] + lon[1]) / 2 };
}

export const CONVERSION_FUNCTIONS = family("conversion", {
  to_integer: sig(["numberOrString"], "integer", toInteger),
  to_real: sig(["numberOrString"], "real", toReal),
  to_number: [
    sig(["integer"], "integer", identity),
    sig(["real"], "real", identity),
    sig(["string"], "real", toNumber),
  ],
  to_string: sig(["value"], "string", (site) => {
    const f = textConverter(site.types[0]!, site.settings);
    return strict((v: Value) => f(v));
  }),
  to_date: [
    sig(["date"], "date", identity),
    sig(["timestamp"], "date", strict(dateOfTimestamp)),
    sig(["string"], "date", (site) => strict(dateParser(site.settings))),
  ],
  to_time: [
    sig(["time"], "time", identity),
    sig(["timestamp"], "time", strict(timeOfTimestamp)),
    sig(["string"], "time", (site) => strict(makeTimeParser(site.settings.timeFormat))),
  ],
  to_timestamp: [
    sig(["timestamp"], "timestamp", identity),
    sig(["date"], "timestamp", strict((d: number) => d * SECONDS_PER_DAY)),
    sig(["string"], "timestamp", (site) => strict(timestampTextParser(site.settings))),
  ],
  to_datetime: [
    sig(["date"], "date", identity),
    sig(["time"], "time", identity),
    sig(["timestamp"], "timestamp", identity),
    sig(["string"], "timestamp", (site) => strict(timestampTextParser(site.settings))),
  ],
  stb_centroid_latitude: sig(["string"], "real", strict((h: string) => geohashCentre(h)?.latitude ?? null)),
  stb_centroid_longitude: sig(["string"], "real", strict((h: string) => geohashCentre(h)?.longitude ?? null)),
});
