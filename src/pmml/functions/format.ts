/**
 * formatNumber (printf patterns, as PMML defines it after C; Java's String.format in practice)
 * and formatDatetime (strftime-style `%` patterns).
 */
import { PmmlError } from "../errors.js";
import { civilFromDays } from "../../data/values.js";
import { yearStartDays } from "../types/dates.js";
import { toEpochSeconds, valueToText, type DataType } from "../types/values.js";
import type { XmlElement } from "../xml/xml-element.js";
import { numberArg, result, stringArg, type BuiltinFunction } from "./function.js";

const SPEC = /%([-#+ 0,(]*)(\d+)?(?:\.(\d+))?([dioxXeEfgGsS%n])/g;

function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function exponential(x: number, precision: number, upper: boolean): string {
  const [mantissa, exp] = x.toExponential(precision).split("e") as [string, string];
  const sign = exp[0] === "-" ? "-" : "+";
  const digits = exp.replace(/^[+-]/, "").padStart(2, "0");
  const s = `${mantissa}e${sign}${digits}`;
  return upper ? s.toUpperCase() : s;
}

function formatOne(x: number, flags: string, width: number | undefined, precision: number | undefined, conv: string, dt?: DataType): string {
  let body: string;
  let negative = x < 0 || Object.is(x, -0);
  const ax = Math.abs(x);
  switch (conv) {
    case "d":
    case "i":
      body = String(Math.trunc(ax));
      if (flags.includes(",")) body = group(body);
      break;
    case "o":
      body = Math.trunc(ax).toString(8);
      break;
    case "x":
    case "X":
      body = Math.trunc(ax).toString(16);
      if (conv === "X") body = body.toUpperCase();
      break;
    case "f": {
      if (!Number.isFinite(ax)) body = Number.isNaN(ax) ? "NaN" : "Infinity";
      else {
        body = ax.toFixed(precision ?? 6);
        if (flags.includes(",")) {
          const [i, d] = body.split(".");
          body = group(i!) + (d !== undefined ? `.${d}` : "");
        }
      }
      break;
    }
    case "e":
    case "E":
      body = Number.isFinite(ax) ? exponential(ax, precision ?? 6, conv === "E") : Number.isNaN(ax) ? "NaN" : "Infinity";
      break;
    case "g":
    case "G": {
      // Java %g: precision significant digits, scientific when < 1e-4 or ≥ 10^precision after rounding.
      const p = precision === 0 ? 1 : (precision ?? 6);
      if (!Number.isFinite(ax)) body = Number.isNaN(ax) ? "NaN" : "Infinity";
      else {
        const rounded = Number(ax.toPrecision(p));
        body = rounded !== 0 && (rounded < 1e-4 || rounded >= 10 ** p) ? exponential(ax, p - 1, conv === "G") : ax.toFixed(Math.max(0, p - 1 - (rounded === 0 ? 0 : Math.floor(Math.log10(rounded)))));
      }
      break;
    }
    default:
      body = valueToText(x, dt);
      negative = false;
  }
  if (Number.isNaN(x)) negative = false;
  const sign = negative ? (flags.includes("(") ? "(" : "-") : flags.includes("+") ? "+" : flags.includes(" ") ? " " : "";
  const close = negative && flags.includes("(") ? ")" : "";
  let out = sign + body + close;
  if (width !== undefined && out.length < width) {
    if (flags.includes("-")) out = out.padEnd(width);
    else if (flags.includes("0") && conv !== "s" && conv !== "S") out = sign + body.padStart(width - sign.length - close.length, "0") + close;
    else out = out.padStart(width);
  }
  return conv === "S" ? out.toUpperCase() : out;
}

export function formatNumber(x: number, pattern: string, dt?: DataType): string {
  return pattern.replace(SPEC, (_m, flags: string, width: string | undefined, precision: string | undefined, conv: string) => {
    if (conv === "%") return "%";
    if (conv === "n") return "\n";
    return formatOne(x, flags, width ? Number(width) : undefined, precision ? Number(precision) : undefined, conv, dt);
  });
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

export function formatDatetime(epochSeconds: number, pattern: string, el: XmlElement): string {
  const days = Math.floor(epochSeconds / 86_400);
  const secs = epochSeconds - days * 86_400;
  const { year, month, day } = civilFromDays(days);
  const h = Math.floor(secs / 3600);
  const mi = Math.floor((secs % 3600) / 60);
  const s = Math.floor(secs % 60);
  const weekday = (((days + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
  const p2 = (n: number) => String(n).padStart(2, "0");
  return pattern.replace(/%([a-zA-Z%])/g, (_m, c: string) => {
    switch (c) {
      case "Y":
        return String(year).padStart(4, "0");
      case "y":
        return p2(((year % 100) + 100) % 100);
      case "m":
        return p2(month);
      case "d":
        return p2(day);
      case "e":
        return String(day).padStart(2, " ");
      case "H":
        return p2(h);
      case "I":
        return p2(h % 12 === 0 ? 12 : h % 12);
      case "M":
        return p2(mi);
      case "S":
        return p2(s);
      case "p":
        return h < 12 ? "AM" : "PM";
      case "B":
        return MONTHS[month - 1]!;
      case "b":
      case "h":
        return MONTHS[month - 1]!.slice(0, 3);
      case "A":
        return WEEKDAYS[weekday]!;
      case "a":
        return WEEKDAYS[weekday]!.slice(0, 3);
      case "j":
        return String(days - yearStartDays(year) + 1).padStart(3, "0");
      case "%":
        return "%";
      default:
        throw new PmmlError("PMML_UNSUPPORTED", `formatDatetime pattern directive %${c} is not supported (at ${el.path})`, { path: el.path });
    }
  });
}

export const formatFunctions: Record<string, BuiltinFunction> = {
  formatNumber: {
    minArgs: 2,
    maxArgs: 2,
    compile(args, el) {
      const x = numberArg(args[0]!, el);
      const pattern = stringArg(args[1]!);
      const dt = args[0]!.dataType;
      return result((f) => {
        const v = x(f);
        const p = pattern(f);
        return v === null || p === null ? null : formatNumber(v, p, dt);
      }, "string");
    },
  },
  formatDatetime: {
    minArgs: 2,
    maxArgs: 2,
    compile(args, el) {
      const x = numberArg(args[0]!, el);
      const dt = args[0]!.dataType;
      const pattern = stringArg(args[1]!);
      return result((f) => {
        const v = x(f);
        const p = pattern(f);
        return v === null || p === null ? null : formatDatetime(toEpochSeconds(v, dt), p, el);
      }, "string");
    },
  },
};
