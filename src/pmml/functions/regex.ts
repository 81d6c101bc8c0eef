/**
 * PMML regular expressions (PCRE/Java flavoured) on the JS engine.
 *
 * The common syntax is shared. Java's leading inline flags `(?i)`, `(?s)`, `(?m)`, `(?u)` become JS
 * flags; possessive quantifiers and atomic groups, which JS lacks, are refused with an error
 * rather than silently read differently. Replacement strings follow PCRE/Java: `$n` and `${n}`
 * are groups, `$$` and `\$` a dollar, `\\` a backslash.
 */
import { invalid, unsupported } from "../errors.js";

export function compilePmmlRegex(pattern: string, path: string, extraFlags = ""): RegExp {
  let flags = "u" + extraFlags;
  let body = pattern;
  for (;;) {
    const m = /^\(\?([imsux]+)\)/.exec(body);
    if (!m) break;
    for (const c of m[1]!) if (c === "i" || c === "m" || c === "s") flags += flags.includes(c) ? "" : c;
    body = body.slice(m[0].length);
  }
  if (/(?<!\\)[*+?}]\+/.test(body) || body.includes("(?>")) {
    throw unsupported(`regular expression ${JSON.stringify(pattern)} (possessive quantifiers and atomic groups)`, path);
  }
  try {
    return new RegExp(body, flags);
  } catch {
    try {
      // Java accepts escapes such as \_ that the JS unicode mode rejects; retry without it.
      return new RegExp(body, flags.replace("u", ""));
    } catch (e) {
      throw invalid(`regular expression ${JSON.stringify(pattern)} does not compile: ${(e as Error).message}`, path);
    }
  }
}

type ReplacementPart = string | number;

/** A replacer for String.replace that follows PCRE/Java replacement syntax. */
export function compileReplacement(replacement: string): (match: string, ...groups: unknown[]) => string {
  const parts: ReplacementPart[] = [];
  let literal = "";
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i]!;
    if (c === "\\" && i + 1 < replacement.length) {
      literal += replacement[++i];
    } else if (c === "$" && replacement[i + 1] === "$") {
      literal += "$";
      i++;
    } else if (c === "$" && /[0-9{]/.test(replacement[i + 1] ?? "")) {
      let j = i + 1;
      let digits = "";
      if (replacement[j] === "{") {
        j++;
        while (j < replacement.length && replacement[j] !== "}") digits += replacement[j++];
      } else {
        while (j < replacement.length && /[0-9]/.test(replacement[j]!)) {
          digits += replacement[j];
          j++;
        }
        j--;
      }
      if (literal) parts.push(literal);
      literal = "";
      parts.push(Number(digits));
      i = j;
    } else {
      literal += c;
    }
  }
  if (literal) parts.push(literal);
  return (match, ...rest) => {
    let out = "";
    for (const p of parts) {
      if (typeof p === "string") out += p;
      else if (p === 0) out += match;
      else {
        const g = rest[p - 1];
        out += typeof g === "string" ? g : "";
      }
    }
    return out;
  };
}
