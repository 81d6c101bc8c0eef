/**
 * TextIndex: how often a term occurs in a text field (PMML "Text Models" transformations).
 *
 * The text is normalised by the TextIndexNormalization tables (literal or regex replacements,
 * optionally repeated until nothing changes), split into tokens (by `wordSeparatorCharacterRE`,
 * trimming punctuation, or — JPMML's `x-wordRE` — by matching words), and the term's tokens are
 * counted as a contiguous sequence, with up to `maxLevenshteinDistance` edits in total.
 *
 * The text's processing is shared by all TextIndex expressions of a document that process text
 * the same way (same normalisation tables and tokenizer): 500 term counts over one text field
 * normalise and tokenise each row's text once, not 500 times.
 */
import { unsupported } from "../errors.js";
import type { Scope } from "../fields/scope.js";
import { stringArg } from "../functions/function.js";
import { compilePmmlRegex } from "../functions/regex.js";
import type { Getter } from "../runtime/frame.js";
import { booleanAttr, checkChildren, enumAttr, integerAttr, requiredAttr } from "../xml/read.js";
import type { XmlElement } from "../xml/xml-element.js";
import type { CompileContext, CompiledExpression } from "./context.js";
import { cell, readTableOf } from "./inline-table.js";
import { fieldExpression } from "./simple-expressions.js";

type Tokenizer = (text: string) => string[];

interface TextProcessor {
  normalize(text: string): string;
  tokenize: Tokenizer;
  caseSensitive: boolean;
  lastText: string | null;
  lastTokens: string[];
}

/** Everything that decides how a TextIndex processes its text, as a key for sharing. */
function processingKey(el: XmlElement): string {
  const describe = (e: XmlElement): unknown => [e.name, Object.entries(e.attributes).sort(), e.text, e.children.map(describe)];
  const own = ["isCaseSensitive", "wordSeparatorCharacterRE", "x-wordRE"].map((a) => el.attr(a) ?? null);
  return JSON.stringify(["TextIndex", own, el.childrenNamed("TextIndexNormalization").map(describe)]);
}

function makeTokenizer(el: XmlElement, inherited?: { separator: string; wordRe?: string }): Tokenizer {
  const wordRe = el.attr("x-wordRE") ?? inherited?.wordRe;
  if (wordRe !== undefined) {
    const re = compilePmmlRegex(wordRe, el.path, "g");
    return (text) => {
      re.lastIndex = 0;
      return text.match(re) ?? [];
    };
  }
  const separator = compilePmmlRegex(el.attr("wordSeparatorCharacterRE") ?? inherited?.separator ?? "\\s+", el.path, "g");
  return (text) => {
    const out: string[] = [];
    for (const piece of text.split(separator)) {
      const token = piece.replace(/^\p{P}+|\p{P}+$/gu, "");
      if (token !== "") out.push(token);
    }
    return out;
  };
}

function compileNormalization(norm: XmlElement, textIndex: XmlElement): (text: string) => string {
  checkChildren(norm, ["InlineTable", "TableLocator"]);
  const inField = norm.attr("inField") ?? "string";
  const outField = norm.attr("outField") ?? "stem";
  const regexField = norm.attr("regexField") ?? "regex";
  const recursive = booleanAttr(norm, "recursive", false);
  const caseSensitive = booleanAttr(norm, "isCaseSensitive", booleanAttr(textIndex, "isCaseSensitive", false));
  const distance = integerAttr(norm, "maxLevenshteinDistance", 0)!;
  if (distance > 0) throw unsupported(`TextIndexNormalization@maxLevenshteinDistance="${distance}" (fuzzy normalisation)`, norm.path);
  const rules = readTableOf(norm).rows.map((row) => {
    const from = cell(row, inField);
    const to = cell(row, outField);
    if (from === undefined || to === undefined) throw unsupported(`TextIndexNormalization row without ${inField}/${outField} cells`, norm.path);
    const isRegex = (cell(row, regexField) ?? "false").trim().toLowerCase() === "true";
    const source = isRegex ? from : from.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const re = compilePmmlRegex(source, norm.path, caseSensitive ? "g" : "gi");
    // The replacement is literal text except for group references ($1) of regex rows.
    const replacement = isRegex ? to : to.replace(/\$/g, "$$$$");
    return { re, replacement };
  });
  const applyOnce = (text: string): string => {
    let s = text;
    for (const r of rules) {
      r.re.lastIndex = 0;
      s = s.replace(r.re, r.replacement);
    }
    return s;
  };
  if (!recursive) return applyOnce;
  return (text) => {
    let s = text;
    for (let i = 0; i < 1000; i++) {
      const next = applyOnce(s);
      if (next === s) return s;
      s = next;
    }
    return s;
  };
}

function processorFor(el: XmlElement, ctx: CompileContext): TextProcessor {
  const key = processingKey(el);
  let p = ctx.shared.get(key) as TextProcessor | undefined;
  if (p) return p;
  const normalizations = el.childrenNamed("TextIndexNormalization").map((n) => compileNormalization(n, el));
  const caseSensitive = booleanAttr(el, "isCaseSensitive", false);
  p = {
    normalize: (text) => normalizations.reduce((s, n) => n(s), text),
    tokenize: makeTokenizer(el),
    caseSensitive,
    lastText: null,
    lastTokens: [],
  };
  ctx.shared.set(key, p);
  return p;
}

/** Levenshtein distance of a and b, or -1 when above `limit`. */
function limitedDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return -1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return -1;
    prev = cur;
  }
  return prev[b.length]! <= limit ? prev[b.length]! : -1;
}

function countTerm(text: string[], term: string[], maxDistance: number, bestHits: boolean, maxFrequency: number): number {
  if (text.length === 0 || term.length === 0) return 0;
  let frequency = 0;
  let best = Infinity;
  outer: for (let i = 0; i + term.length <= text.length; i++) {
    let distance = 0;
    for (let j = 0; j < term.length; j++) {
      const a = text[i + j]!;
      const b = term[j]!;
      if (maxDistance - distance === 0) {
        if (a !== b) continue outer;
      } else {
        const d = limitedDistance(a, b, maxDistance - distance);
        if (d < 0) continue outer;
        distance += d;
      }
    }
    if (bestHits) {
      if (distance < best) {
        best = distance;
        frequency = 1;
      } else if (distance === best) frequency++;
    } else {
      frequency++;
      if (frequency >= maxFrequency) return frequency;
    }
  }
  return Math.min(frequency, maxFrequency);
}

export function compileTextIndex(
  el: XmlElement,
  scope: Scope,
  ctx: CompileContext,
  compileTerm: (e: XmlElement) => CompiledExpression,
): CompiledExpression {
  const content = el.contentChildren.filter((c) => c.name !== "TextIndexNormalization");
  if (content.length !== 1) throw unsupported("TextIndex without exactly one term expression", el.path);
  const weights = enumAttr(el, "localTermWeights", ["termFrequency", "binary", "logarithmic"] as const, "termFrequency", [
    "augmentedNormalizedTermFrequency",
  ]);
  const countHits = enumAttr(el, "countHits", ["allHits", "bestHits"] as const, "allHits");
  const maxDistance = integerAttr(el, "maxLevenshteinDistance", 0)!;
  if (!booleanAttr(el, "tokenize", true)) throw unsupported(`TextIndex@tokenize="false"`, el.path);
  const text = stringArg(fieldExpression(scope.resolve(requiredAttr(el, "textField"), el)));
  const term = stringArg(compileTerm(content[0]!));
  const p = processorFor(el, ctx);
  const fold = (s: string) => (p.caseSensitive ? s : s.toLowerCase());
  const textTokens = (t: string): string[] => {
    if (t !== p.lastText) {
      p.lastTokens = p.tokenize(fold(p.normalize(t)));
      p.lastText = t;
    }
    return p.lastTokens;
  };
  let lastTerm: string | null = null;
  let lastTermTokens: string[] = [];
  const maxFrequency = weights === "binary" ? 1 : Infinity;
  const get: Getter = (f) => {
    const t = text(f);
    const w = term(f);
    if (t === null || w === null) return null;
    if (w !== lastTerm) {
      lastTermTokens = p.tokenize(fold(w));
      lastTerm = w;
    }
    const n = countTerm(textTokens(t), lastTermTokens, maxDistance, countHits === "bestHits", maxFrequency);
    return weights === "logarithmic" ? Math.log10(1 + n) : n;
  };
  return { get, dataType: weights === "logarithmic" ? "double" : "integer", optype: "continuous" };
}
