/**
 * Values written as text in the stream's formats (Flat File export, delimited documents):
 * dates, times and timestamps with the stream's `date_format` / `time_format`, reals with the
 * chosen decimal symbol, `$null$` as an empty string.
 *
 * Reals are written with every digit needed to read the same double back (JavaScript's
 * shortest round-trip form), and always with a decimal point or exponent, so a real stays a
 * real when the file is read again (`23` is written `23.0`). Modeler's `decimal_places` is a
 * display setting of tables and is not applied here.
 */
import { makeDateFormatter, makeTimeFormatter, makeTimestampFormatter } from "./datetime-format.js";
import type { Storage } from "./storage.js";
import { formatValue, type Value } from "./values.js";

export interface TextFormatOptions {
  readonly decimalSymbol: "." | ",";
  readonly dateFormat: string;
  readonly timeFormat: string;
}

export type ValueFormatter = (v: Value) => string;

/** Exact powers of ten (10^0 … 10^22). */
const POW10: readonly number[] = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

/**
 * A real in shortest round-trip form with a decimal point (`23.0`, `0.5`, `1e+21`).
 *
 * `String(x)` is exact but slow (a shortest-digits search per value); most reals in data have
 * few decimals, so we first look for the fewest decimals d with round(x·10^d) / 10^d === x.
 * When that holds, the digits of the integer m = round(x·10^d) placed d digits from the right
 * read back as x: the decimal m/10^d parses to the double nearest to it, which is the
 * correctly rounded quotient m / 10^d, which is x. Values with more digits, and very large or
 * very small ones, take `String(x)`.
 */
export function formatReal(x: number): string {
  if (Number.isInteger(x)) return x < 1e21 && x > -1e21 ? String(x) + ".0" : String(x);
  const negative = x < 0;
  const ax = negative ? -x : x;
  if (ax >= 1e-6 && ax < 1e15 && fewDigits(ax)) {
    for (let d = 1; d <= 17; d++) {
      const p = POW10[d]!;
      const m = Math.round(ax * p);
      if (m > Number.MAX_SAFE_INTEGER) break;
      if (m / p === ax) {
        let digits = String(m);
        let places = d;
        while (places > 1 && digits.charCodeAt(digits.length - 1) === 48) {
          digits = digits.slice(0, -1);
          places--;
        }
        const s = digits.length <= places ? "0." + "0".repeat(places - digits.length) + digits : digits.slice(0, digits.length - places) + "." + digits.slice(digits.length - places);
        return negative ? "-" + s : s;
      }
    }
  }
  return String(x);
}

/**
 * False when `ax` (1e-6 ≤ ax < 1e15) needs more than 15 significant digits, so the search for
 * few decimals can be skipped: a value with at most 15 significant digits and d decimals also
 * passes the round-trip test at the largest d its magnitude allows, so trying that d alone is a
 * sound rejection.
 */
export function fewDigits(ax: number): boolean {
  let intDigits = 0;
  while (intDigits < 16 && ax >= POW10[intDigits]!) intDigits++;
  const d = intDigits > 0 ? 15 - intDigits : 17;
  if (d <= 0) return true;
  const p = POW10[d]!;
  const m = Math.round(ax * p);
  return m <= Number.MAX_SAFE_INTEGER && m / p === ax;
}

/** The formatter of one storage; `null` becomes `""`. */
export function makeValueFormatter(storage: Storage, options: TextFormatOptions): ValueFormatter {
  switch (storage) {
    case "integer":
      return (v) => (v === null ? "" : typeof v === "number" || typeof v === "bigint" ? String(v) : formatValue(v, storage));
    case "real":
      if (options.decimalSymbol === ",") return (v) => (v === null ? "" : typeof v === "number" ? formatReal(v).replace(".", ",") : formatValue(v, storage));
      return (v) => (v === null ? "" : typeof v === "number" ? formatReal(v) : formatValue(v, storage));
    case "date": {
      const f = makeDateFormatter(options.dateFormat);
      return (v) => (v === null ? "" : typeof v === "number" ? f(v) : formatValue(v, storage));
    }
    case "time": {
      const f = makeTimeFormatter(options.timeFormat);
      return (v) => (v === null ? "" : typeof v === "number" ? f(v) : formatValue(v, storage));
    }
    case "timestamp": {
      const f = makeTimestampFormatter(options.dateFormat, options.timeFormat);
      return (v) => (v === null ? "" : typeof v === "number" ? f(v) : formatValue(v, storage));
    }
    default:
      return (v) => (v === null ? "" : typeof v === "string" ? v : formatValue(v, storage));
  }
}
