/**
 * Scorecard.
 *
 * score = initialScore + Σ over Characteristics of the partialScore of its first Attribute whose
 * predicate is TRUE (or the value of its ComplexPartialScore expression). A Characteristic with
 * no matching Attribute makes the score invalid (an invalid-value error, as `returnInvalid`).
 *
 * Reason codes (useReasonCodes): per Characteristic, the points are baselineScore − partialScore
 * (pointsBelow) or partialScore − baselineScore (pointsAbove), summed per reason code (the
 * Attribute's reasonCode, else the Characteristic's). Codes are ranked by points, largest first,
 * ties in order of appearance; codes with negative points are not reported (as JPMML). The
 * baseline is Characteristic@baselineScore, else Scorecard@baselineScore; without either,
 * baselineMethod max/min/neutral gives the largest/smallest partial score of the characteristic
 * or 0.
 */
import { invalid, unsupported } from "../../errors.js";
import { compileExpression, expressionChild } from "../../expressions/compile-expression.js";
import { invalidValueError } from "../../fields/mining-field.js";
import { numberArg } from "../../functions/function.js";
import { compilePredicate, predicateChild, TRUTH, type Predicate, PREDICATE_ELEMENTS } from "../../predicates/compile-predicate.js";
import type { Frame } from "../../runtime/frame.js";
import { booleanAttr, checkChildren, enumAttr, numberAttr, requiredChild } from "../../xml/read.js";
import { registerModel, type ModelCore, type ModelSetup } from "../compile-model.js";

const { TRUE } = TRUTH;
import type { FeatureProvider, ModelState } from "../model.js";

interface CompiledAttribute {
  predicate: Predicate;
  score: (f: Frame) => number | null;
  reasonCode: number; // index into codes, -1 when none
}

function compileScorecard(setup: ModelSetup): ModelCore {
  const { el, scope, ctx, functionName } = setup;
  if (functionName !== "regression") throw unsupported(`Scorecard@functionName="${functionName}"`, el.path);
  const initialScore = numberAttr(el, "initialScore", 0);
  const useReasonCodes = booleanAttr(el, "useReasonCodes", true);
  const algorithm = enumAttr(el, "reasonCodeAlgorithm", ["pointsBelow", "pointsAbove"] as const, "pointsBelow");
  const method = enumAttr(el, "baselineMethod", ["max", "min", "mean", "neutral", "other"] as const, "other");
  const modelBaseline = numberAttr(el, "baselineScore");
  const codes: string[] = [];
  const codeIndex = (code: string | undefined): number => {
    if (code === undefined) return -1;
    let i = codes.indexOf(code);
    if (i < 0) i = codes.push(code) - 1;
    return i;
  };

  const characteristicsEl = requiredChild(el, "Characteristics");
  checkChildren(characteristicsEl, ["Characteristic"]);
  const characteristics = characteristicsEl.childrenNamed("Characteristic").map((c) => {
    checkChildren(c, ["Attribute"]);
    const attributes: CompiledAttribute[] = c.childrenNamed("Attribute").map((a) => {
      checkChildren(a, [...PREDICATE_ELEMENTS, "ComplexPartialScore"]);
      const complex = a.child("ComplexPartialScore");
      let score: (f: Frame) => number | null;
      if (complex) {
        const exprEl = expressionChild(complex);
        if (!exprEl) throw invalid("ComplexPartialScore needs an expression", complex.path);
        score = numberArg(compileExpression(exprEl, scope, ctx), complex);
      } else {
        const partial = numberAttr(a, "partialScore");
        if (partial === undefined) throw invalid("Attribute needs partialScore or ComplexPartialScore", a.path);
        score = () => partial;
      }
      const code = a.attr("reasonCode") ?? c.attr("reasonCode");
      if (useReasonCodes && code === undefined) throw invalid("reason codes are used but this Attribute has none", a.path);
      return { predicate: compilePredicate(predicateChild(a), scope), score, reasonCode: codeIndex(code) };
    });
    let baseline = numberAttr(c, "baselineScore") ?? modelBaseline;
    if (baseline === undefined && useReasonCodes) {
      const partials = c.childrenNamed("Attribute").map((a) => numberAttr(a, "partialScore"));
      if (method === "neutral") baseline = 0;
      else if ((method === "max" || method === "min") && partials.every((p) => p !== undefined)) {
        baseline = method === "max" ? Math.max(...(partials as number[])) : Math.min(...(partials as number[]));
      } else throw invalid(`Characteristic needs a baselineScore (baselineMethod="${method}" cannot derive one)`, c.path);
    }
    return { name: c.attr("name") ?? c.path, attributes, baseline: baseline ?? 0 };
  });

  const points = new Float64Array(codes.length);
  const seen = new Int32Array(codes.length);
  const ranking: number[] = [];
  const sign = algorithm === "pointsAbove" ? 1 : -1;

  const evaluate = (f: Frame, state: ModelState): void => {
    ranking.length = 0;
    points.fill(0);
    seen.fill(0);
    let total = initialScore;
    let order = 0;
    for (const c of characteristics) {
      let matched: CompiledAttribute | undefined;
      for (const a of c.attributes) {
        if (a.predicate(f) === TRUE) {
          matched = a;
          break;
        }
      }
      if (!matched) throw invalidValueError(c.name, "no Attribute applies");
      const s = matched.score(f);
      if (s === null) return;
      total += s;
      if (useReasonCodes && matched.reasonCode >= 0) {
        const i = matched.reasonCode;
        if (seen[i] === 0) seen[i] = ++order;
        points[i] = points[i]! + sign * (s - c.baseline);
      }
    }
    state.values[0] = total;
    if (!useReasonCodes) return;
    for (let i = 0; i < codes.length; i++) if (seen[i]! > 0 && points[i]! >= 0) ranking.push(i);
    ranking.sort((a, b) => points[b]! - points[a]! || seen[a]! - seen[b]!);
  };

  const features: FeatureProvider = (request) => {
    if (request.feature !== "reasonCode") return undefined;
    if (!useReasonCodes) throw invalid(`OutputField@feature="reasonCode" needs useReasonCodes="true"`, request.element.path);
    const rank = request.rank;
    const ascending = request.rankOrder === "ascending";
    return {
      get: () => (rank <= ranking.length ? codes[ranking[ascending ? ranking.length - rank : rank - 1]!]! : null),
      dataType: "string",
    };
  };

  return { targets: [setup.target(0)], evaluate, features };
}

registerModel("Scorecard", { children: ["Characteristics"], compile: compileScorecard });
