/**
 * String functions (CLEM.md §4.11). Positions are 1-based and count UTF-16 code units, as
 * Modeler's Java strings do. Out-of-range rules (docs/clem.md, "Strings"):
 * - a position outside the string (`locchar`, `skipchar`, `subscrs`, `substring` start,
 *   `substring_between`) or a negative count gives `$null$`;
 * - a length running past the end is cut at the end (`startstring(10, "abc")` = "abc");
 * - an empty substring is never found (the search functions give 0, `replace` leaves the text);
 * - a CHAR argument must be one character: a constant that is not is a type error, a field
 *   value that is not gives `$null$`.
 */
import type { Value } from "../../data/values.js";
import { strict } from "../bound.js";
import { ClemRuntimeError } from "../errors.js";
import type { Int } from "./integers.js";
import { family, sig, type CallSite } from "./registry.js";

/** Checks a constant CHAR argument; values from fields are checked per row by `oneChar`. */
export function charParam(i: number) {
  return (site: CallSite, result: "string" | "integer" | "boolean") => {
    const arg = site.args[i]!;
    if (arg.kind === "constant" && typeof arg.value === "string" && !isOneChar(arg.value)) {
      site.fail(`${site.name} expects one character here, written \`c\`; got "${arg.value}"`, i);
    }
    return result;
  };
}

function isOneChar(s: string): boolean {
  return s.length === 1 || (s.length === 2 && s.codePointAt(0)! > 0xffff);
}

const pos = (n: Int) => Number(n);

function countOverlapping(s: string, sub: string): number {
  if (sub.length === 0) return 0;
  let n = 0;
  for (let i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + 1)) n++;
  return n;
}

/** 1-based start of the k-th (overlapping) occurrence at or after 0-based `from`, else 0. */
function nthOccurrence(s: string, sub: string, from: number, k: number): number {
  if (sub.length === 0) return 0;
  let i = s.indexOf(sub, from);
  for (let seen = 1; i >= 0; seen++) {
    if (seen === k) return i + 1;
    i = s.indexOf(sub, i + 1);
  }
  return 0;
}

function isSubstring(sub: string, n: Int, s: string): number | null {
  const k = pos(n);
  return k < 1 ? null : nthOccurrence(s, sub, k - 1, 1);
}

function isEndString(sub: string, s: string): number {
  return sub.length > 0 && s.endsWith(sub) ? s.length - sub.length + 1 : 0;
}

function isMidString(sub: string, s: string): number {
  if (sub.length === 0) return 0;
  // Later matches end later, so only the first match after position 1 can end before the end.
  const i = s.indexOf(sub, 1);
  return i > 0 && i + sub.length < s.length ? i + 1 : 0;
}

function isStartString(sub: string, s: string): number {
  return sub.length > 0 && s.startsWith(sub) ? 1 : 0;
}

function limit(v: Int | boolean, name: string): number {
  if (v === false) return Infinity;
  if (v === true) throw new ClemRuntimeError(`issubstring_lim: a limit is an integer, or false to switch it off; got ${name} = true`);
  return Number(v);
}

function isSubstringLim(sub: string, n: Int, startLim: Int | boolean, endLim: Int | boolean, s: string): number | null {
  const k = pos(n);
  if (k < 1) return null;
  const p = nthOccurrence(s, sub, k - 1, 1);
  // The first match has the smallest start and end, so if it breaks a limit every later one does.
  return p > 0 && p <= limit(startLim, "STARTLIM") && p + sub.length - 1 <= limit(endLim, "ENDLIM") ? p : 0;
}

const inRange = (k: number, s: string) => k >= 1 && k <= s.length;

function locChar(c: string, n: Int, s: string): number | null {
  const k = pos(n);
  if (!isOneChar(c) || !inRange(k, s)) return null;
  return s.indexOf(c, k - 1) + 1;
}

function locCharBack(c: string, n: Int, s: string): number | null {
  const k = pos(n);
  if (!isOneChar(c) || !inRange(k, s)) return null;
  return s.lastIndexOf(c, k - 1) + 1;
}

function skipChar(c: string, n: Int, s: string): number | null {
  const k = pos(n);
  if (!isOneChar(c) || !inRange(k, s)) return null;
  for (let i = k - 1; i < s.length; i += c.length) if (!s.startsWith(c, i)) return i + 1;
  return 0;
}

function skipCharBack(c: string, n: Int, s: string): number | null {
  const k = pos(n);
  if (!isOneChar(c) || !inRange(k, s)) return null;
  for (let i = k - 1; i >= 0; i -= c.length) if (!s.startsWith(c, i)) return i + 1;
  return 0;
}

/** Whole-string wildcard match: `?` one character, `*` any run, `\` escapes the next character. */
export function wildcardRegex(pattern: string): RegExp {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "\\" && i + 1 < pattern.length) re += escapeRegex(pattern[++i]!);
    else if (c === "*") re += "[\\s\\S]*";
    else if (c === "?") re += "[\\s\\S]";
    else re += escapeRegex(c);
  }
  return new RegExp(`^${re}$`, "u");
}

function escapeRegex(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}

function matcher() {
  let lastPattern: string | null = null;
  let lastRegex: RegExp = /^$/;
  return strict((s: string, pattern: string) => {
    if (pattern !== lastPattern) {
      lastRegex = wildcardRegex(pattern);
      lastPattern = pattern;
    }
    return lastRegex.test(s);
  });
}

/** Case-insensitive dictionary order, ties broken by code unit (docs/clem.md). */
function alphaBefore(a: string, b: string): boolean {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  return la !== lb ? la < lb : a < b;
}

const MAX_STRING = 1 << 28;

function lastChar(s: string): string | null {
  if (s.length === 0) return null;
  const code = s.charCodeAt(s.length - 1);
  return code >= 0xdc00 && code <= 0xdfff && s.length >= 2 ? s.slice(-2) : s.slice(-1);
}

const oneCharTest = (re: RegExp) => strict((c: string) => (isOneChar(c) ? re.test(c) : null));
const char0 = charParam(0);

export const STRING_FUNCTIONS = family("string", {
  allbutfirst: sig(["integer", "string"], "string", strict((n: Int, s: string) => (pos(n) < 0 ? null : s.slice(pos(n))))),
  allbutlast: sig(["integer", "string"], "string", strict((n: Int, s: string) => (pos(n) < 0 ? null : s.slice(0, Math.max(0, s.length - pos(n)))))),
  alphabefore: sig(["string", "string"], "boolean", strict(alphaBefore)),
  count_substring: sig(["string", "string"], "integer", strict(countOverlapping)),
  endstring: sig(["integer", "string"], "string", strict((n: Int, s: string) => (pos(n) < 0 ? null : s.slice(Math.max(0, s.length - pos(n)))))),
  hasendstring: sig(["string", "string"], "integer", strict((s: string, sub: string) => isEndString(sub, s))),
  hasmidstring: sig(["string", "string"], "integer", strict((s: string, sub: string) => isMidString(sub, s))),
  hasstartstring: sig(["string", "string"], "integer", strict((s: string, sub: string) => isStartString(sub, s))),
  hassubstring: [
    sig(["string", "string"], "integer", strict((s: string, sub: string) => isSubstring(sub, 1, s))),
    sig(["string", "integer", "string"], "integer", strict((s: string, n: Int, sub: string) => isSubstring(sub, n, s))),
  ],
  isalphacode: sig(["string"], (s) => char0(s, "boolean"), oneCharTest(/^\p{L}$/u)),
  islowercode: sig(["string"], (s) => char0(s, "boolean"), oneCharTest(/^\p{Ll}$/u)),
  isuppercode: sig(["string"], (s) => char0(s, "boolean"), oneCharTest(/^\p{Lu}$/u)),
  isnumbercode: sig(["string"], (s) => char0(s, "boolean"), oneCharTest(/^\p{Nd}$/u)),
  isendstring: sig(["string", "string"], "integer", strict(isEndString)),
  ismidstring: sig(["string", "string"], "integer", strict(isMidString)),
  isstartstring: sig(["string", "string"], "integer", strict(isStartString)),
  issubstring: [
    sig(["string", "string"], "integer", strict((sub: string, s: string) => isSubstring(sub, 1, s))),
    sig(["string", "integer", "string"], "integer", strict(isSubstring)),
  ],
  issubstring_count: sig(["string", "integer", "string"], "integer", strict((sub: string, n: Int, s: string) => (pos(n) < 1 ? null : nthOccurrence(s, sub, 0, pos(n))))),
  issubstring_lim: sig(["string", "integer", "integerOrFalse", "integerOrFalse", "string"], "integer", strict(isSubstringLim)),
  last: sig(["string"], "string", strict(lastChar)),
  length: sig(["string"], "integer", strict((s: string) => s.length)),
  locchar: sig(["string", "integer", "string"], (s) => char0(s, "integer"), strict(locChar)),
  locchar_back: sig(["string", "integer", "string"], (s) => char0(s, "integer"), strict(locCharBack)),
  lowertoupper: sig(["string"], "string", strict((s: string) => s.toUpperCase())),
  uppertolower: sig(["string"], "string", strict((s: string) => s.toLowerCase())),
  matches: sig(["string", "string"], "boolean", () => matcher()),
  replace: sig(["string", "string", "string"], "string", strict((sub: string, by: string, s: string) => (sub.length === 0 ? s : s.split(sub).join(by)))),
  replicate: sig(["integer", "string"], "string", strict((n: Int, s: string) => {
    const k = pos(n);
    if (k < 0) return null;
    if (k * s.length > MAX_STRING) throw new ClemRuntimeError(`replicate: ${k} copies of a ${s.length}-character string is too long`);
    return s.repeat(k);
  })),
  stripchar: sig(["string", "string"], (s) => char0(s, "string"), strict((c: string, s: string) => (isOneChar(c) ? s.split(c).join("") : null))),
  skipchar: sig(["string", "integer", "string"], (s) => char0(s, "integer"), strict(skipChar)),
  skipchar_back: sig(["string", "integer", "string"], (s) => char0(s, "integer"), strict(skipCharBack)),
  startstring: sig(["integer", "string"], "string", strict((n: Int, s: string) => (pos(n) < 0 ? null : s.slice(0, pos(n))))),
  strmember: sig(["string", "string"], (s) => char0(s, "integer"), strict((c: string, s: string) => (isOneChar(c) ? s.indexOf(c) + 1 : null))),
  subscrs: sig(["integer", "string"], "string", strict((n: Int, s: string) => (inRange(pos(n), s) ? s[pos(n) - 1]! : null))),
  substring: sig(["integer", "integer", "string"], "string", strict((n: Int, len: Int, s: string) => {
    const k = pos(n);
    const l = pos(len);
    return inRange(k, s) && l >= 0 ? s.slice(k - 1, k - 1 + l) : null;
  })),
  substring_between: sig(["integer", "integer", "string"], "string", strict((n1: Int, n2: Int, s: string) => {
    const a = pos(n1);
    const b = pos(n2);
    return inRange(a, s) && inRange(b, s) && a <= b ? s.slice(a - 1, b) : null;
  })),
  textsplit: sig(["string", "integer", "string"], (s) => charParam(2)(s, "string"), strict((s: string, n: Int, c: string) => {
    if (!isOneChar(c)) return null;
    const pieces = s.split(c);
    const k = pos(n);
    return k >= 1 && k <= pieces.length ? pieces[k - 1]! : null;
  })),
  trim: sig(["string"], "string", strict((s: string) => s.trim())),
  trim_start: sig(["string"], "string", strict((s: string) => s.trimStart())),
  trimend: sig(["string"], "string", strict((s: string) => s.trimEnd())),
  unicode_char: sig(["integer"], "string", strict((n: Int): Value => {
    const k = pos(n);
    return Number.isInteger(k) && k >= 0 && k <= 0x10ffff ? String.fromCodePoint(k) : null;
  })),
  unicode_value: sig(["string"], (s) => char0(s, "integer"), strict((c: string) => (c.length === 0 ? null : c.codePointAt(0)!))),
});
