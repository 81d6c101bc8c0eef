/**
 * Forward stepwise selection by a fit criterion, as SPSS LINEAR (Modeler's Linear node)
 * offers it besides F statistics (IBM SPSS Statistics Algorithms, "LINEAR: Model selection"):
 * at each step the effect whose entry gives the best criterion enters, if it improves the
 * criterion; then every effect in the model whose removal improves the criterion is removed,
 * best first. Stops when nothing improves, at `max_effects` effects or after `max_steps` steps.
 *
 * Criteria (n = cases, k = coefficients including the intercept, SSE = residual sum of squares):
 * - AICC = n·ln(SSE/n) + 2k·n / (n − k − 1) (Hurvich & Tsai 1989), smaller is better;
 * - adjusted R² = 1 − (1 − R²)(n − 1)/(n − k), larger is better.
 */
import { checkpoint, type TrainingControl } from "../progress.js";
import { fitSubset, totalSS, type LeastSquaresProblem, type SubsetFit } from "../regression/least-squares.js";
import type { SelectionLimits, SelectionStep } from "../regression/selection.js";

export type FitCriterion = "AICC" | "AdjustedRSquare";

/** The criterion of a fit, oriented so that smaller is better. */
export function criterionValue(problem: LeastSquaresProblem, fit: SubsetFit, criterion: FitCriterion): number {
  const n = problem.cp.weight;
  const k = fit.columns.length + (problem.intercept ? 1 : 0);
  if (criterion === "AICC") {
    if (n - k - 1 <= 0) return Infinity;
    const sse = Math.max(fit.rss, Number.MIN_VALUE);
    return n * Math.log(sse / n) + (2 * k * n) / (n - k - 1);
  }
  const sst = totalSS(problem);
  if (n - k <= 0 || !(sst > 0)) return Infinity;
  return (fit.rss / sst) * ((n - (problem.intercept ? 1 : 0)) / (n - k)) - 1;
}

export function selectByCriterion(problem: LeastSquaresProblem, criterion: FitCriterion, control?: TrainingControl, limits: SelectionLimits = {}): { fit: SubsetFit; steps: SelectionStep[] } {
  const all = problem.design.terms.map((_, i) => i).filter((i) => problem.design.terms[i]!.count > 0);
  const maxSteps = limits.maxSteps ?? 3 * all.length;
  const maxTerms = limits.maxTerms ?? Infinity;
  let fit = fitSubset(problem, []);
  let value = criterionValue(problem, fit, criterion);
  const steps: SelectionStep[] = [];
  const record = (action: "enter" | "remove", term: number) => steps.push({ step: steps.length + 1, action, term, f: NaN, p: NaN, rss: fit.rss });
  while (steps.length < maxSteps && fit.terms.length < maxTerms) {
    checkpoint(control, { stage: "selecting effects", done: steps.length, total: maxSteps });
    let best: { fit: SubsetFit; value: number; term: number } | null = null;
    for (const t of all) {
      if (fit.terms.includes(t)) continue;
      const candidate = fitSubset(problem, [...fit.terms, t]);
      if (candidate.columns.length === fit.columns.length) continue; // nothing new passed the tolerance test
      const v = criterionValue(problem, candidate, criterion);
      if (!best || v < best.value) best = { fit: candidate, value: v, term: t };
    }
    if (!best || !(best.value < value)) break;
    fit = best.fit;
    value = best.value;
    record("enter", best.term);
    // Removals that improve the criterion, best first.
    for (;;) {
      let drop: { fit: SubsetFit; value: number; term: number } | null = null;
      for (const t of fit.terms) {
        if (t === best.term) continue;
        const candidate = fitSubset(problem, fit.terms.filter((u) => u !== t));
        const v = criterionValue(problem, candidate, criterion);
        if (!drop || v < drop.value) drop = { fit: candidate, value: v, term: t };
      }
      if (!drop || !(drop.value < value) || steps.length >= maxSteps) break;
      fit = drop.fit;
      value = drop.value;
      record("remove", drop.term);
    }
  }
  return { fit, steps };
}
