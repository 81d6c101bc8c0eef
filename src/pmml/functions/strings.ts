/**
 * String functions: uppercase lowercase stringLength substring trimBlanks concat replace matches.
 */
import { PmmlError } from "../errors.js";
import type { Getter } from "../runtime/frame.js";
import type { XmlElement } from "../xml/xml-element.js";
import { numberArg, result, stringArg, type BuiltinFunction } from "./function.js";
import { compilePmmlRegex, compileReplacement } from "./regex.js";

function stringToString(fn: (s: string) => string): BuiltinFunction {
  return {
    minArgs: 1,
    maxArgs: 1,
    compile(args) {
      const g = stringArg(args[0]!);
      return result((f) => {
        const s = g(f);
        return s === null ? null : fn(s);
      }, "string");
    },
  };
}

/** Java String.trim(): strips characters up to U+0020 from both ends. */
function trimBlanks(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s.charCodeAt(a) <= 32) a++;
  while (b > a && s.charCodeAt(b - 1) <= 32) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

const substring: BuiltinFunction = {
  minArgs: 3,
  maxArgs: 3,
  compile(args, el) {
    const s = stringArg(args[0]!);
    const start = numberArg(args[1]!, el);
    const length = numberArg(args[2]!, el);
    return result((f) => {
      const v = s(f);
      if (v === null) return null;
      const p = start(f);
      const n = length(f);
      if (p === null || n === null) return null;
      if (p < 1 || n < 0) throw badArgument(el, `startPos ${p} / length ${n}`);
      // "The first character of a string is located at position 1"; out-of-range parts are cut off.
      const from = Math.min(Math.trunc(p) - 1, v.length);
      return v.substr(from, Math.min(Math.trunc(n), v.length - from));
    }, "string");
  },
};

function badArgument(el: XmlElement, what: string): PmmlError {
  return new PmmlError("PMML_EVALUATION", `function ${el.attr("function")}: invalid ${what} (at ${el.path})`, { path: el.path });
}

const concat: BuiltinFunction = {
  minArgs: 1,
  maxArgs: Infinity,
  compile(args) {
    const gs = args.map(stringArg);
    // Missing arguments are skipped (concat aggregates, like sum).
    return result((f) => {
      let out = "";
      for (let i = 0; i < gs.length; i++) {
        const v = gs[i]!(f);
        if (v !== null) out += v;
      }
      return out;
    }, "string");
  },
};

/** A regex argument: compiled once when it is a constant, per distinct value otherwise. */
function regexGetter(arg: Parameters<typeof stringArg>[0], el: XmlElement, flags: string): (f: Parameters<Getter>[0]) => RegExp | null {
  const g = stringArg(arg);
  let lastSource: string | null = null;
  let last: RegExp | null = null;
  return (f) => {
    const p = g(f);
    if (p === null) return null;
    if (p !== lastSource) {
      last = compilePmmlRegex(p, el.path, flags);
      lastSource = p;
    }
    return last;
  };
}

const replace: BuiltinFunction = {
  minArgs: 3,
  maxArgs: 3,
  compile(args, el) {
    const input = stringArg(args[0]!);
    const pattern = regexGetter(args[1]!, el, "g");
    const replacement = stringArg(args[2]!);
    let lastText: string | null = null;
    let lastReplacer: ReturnType<typeof compileReplacement> | null = null;
    return result((f) => {
      const s = input(f);
      const re = pattern(f);
      const r = replacement(f);
      if (s === null || re === null || r === null) return null;
      if (r !== lastText) {
        lastReplacer = compileReplacement(r);
        lastText = r;
      }
      re.lastIndex = 0;
      return s.replace(re, lastReplacer!);
    }, "string");
  },
};

/** "The string is considered to match the pattern if any substring matches the pattern." */
const matches: BuiltinFunction = {
  minArgs: 2,
  maxArgs: 2,
  compile(args, el) {
    const input = stringArg(args[0]!);
    const pattern = regexGetter(args[1]!, el, "");
    return result((f) => {
      const s = input(f);
      const re = pattern(f);
      if (s === null || re === null) return null;
      return re.test(s);
    }, "boolean");
  },
};

const stringLength: BuiltinFunction = {
  minArgs: 1,
  maxArgs: 1,
  compile(args) {
    const g = stringArg(args[0]!);
    return result((f) => {
      const s = g(f);
      return s === null ? null : s.length;
    }, "integer");
  },
};

export const stringFunctions: Record<string, BuiltinFunction> = {
  uppercase: stringToString((s) => s.toUpperCase()),
  lowercase: stringToString((s) => s.toLowerCase()),
  trimBlanks: stringToString(trimBlanks),
  stringLength,
  substring,
  concat,
  replace,
  matches,
};

