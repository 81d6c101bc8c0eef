/**
 * NormContinuous: piecewise-linear normalisation through the LinearNorm points.
 *
 * Outside the first and last points, `outliers` decides: asIs extrapolates the end segments,
 * asMissingValues gives `mapMissingTo` (or missing), asExtremeValues clamps to the end norms.
 */
import { invalid } from "../errors.js";
import type { Scope } from "../fields/scope.js";
import { checkChildren, enumAttr, requiredAttr, requiredNumberAttr } from "../xml/read.js";
import type { XmlElement } from "../xml/xml-element.js";
import type { CompiledExpression } from "./context.js";
import { typedReplacement } from "./simple-expressions.js";
import { numberArg } from "../functions/function.js";
import { fieldExpression } from "./simple-expressions.js";

export function compileNormContinuous(el: XmlElement, scope: Scope): CompiledExpression {
  checkChildren(el, ["LinearNorm"]);
  const b = scope.resolve(requiredAttr(el, "field"), el);
  const outliers = enumAttr(el, "outliers", ["asIs", "asMissingValues", "asExtremeValues"] as const, "asIs");
  const points = el.childrenNamed("LinearNorm").map((p) => ({ orig: requiredNumberAttr(p, "orig"), norm: requiredNumberAttr(p, "norm") }));
  if (points.length < 2) throw invalid("NormContinuous needs at least two LinearNorm elements", el.path);
  for (let i = 1; i < points.length; i++) {
    if (!(points[i]!.orig > points[i - 1]!.orig)) throw invalid("LinearNorm elements must be in strictly increasing orig order", el.path);
  }
  const orig = Float64Array.from(points, (p) => p.orig);
  const norm = Float64Array.from(points, (p) => p.norm);
  const n = points.length;
  const mapMissingTo = typedReplacement(el.attr("mapMissingTo"), "double") ?? null;
  const x = numberArg(fieldExpression(b), el);

  const interpolate = (v: number, i: number): number => norm[i]! + ((v - orig[i]!) / (orig[i + 1]! - orig[i]!)) * (norm[i + 1]! - norm[i]!);

  return {
    get: (f) => {
      const v = x(f);
      if (v === null) return mapMissingTo;
      if (v < orig[0]!) {
        if (outliers === "asMissingValues") return mapMissingTo;
        if (outliers === "asExtremeValues") return norm[0]!;
        return interpolate(v, 0);
      }
      if (v > orig[n - 1]!) {
        if (outliers === "asMissingValues") return mapMissingTo;
        if (outliers === "asExtremeValues") return norm[n - 1]!;
        return interpolate(v, n - 2);
      }
      let i = 0;
      while (i < n - 2 && v > orig[i + 1]!) i++;
      return interpolate(v, i);
    },
    dataType: "double",
    optype: "continuous",
  };
}
