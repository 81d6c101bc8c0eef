/**
 * Variable selection for least squares, as SPSS REGRESSION (and so Modeler's Regression node)
 * defines its methods (IBM SPSS Statistics Algorithms, "REGRESSION: Methods for Variable Entry
 * and Removal"):
 *
 * - Enter: every term at once (columns failing the tolerance test are left out);
 * - Forwards: from the empty model, enter the term with the smallest p of F-to-enter (largest F
 *   with F criteria) while it passes the entry criterion;
 * - Backwards: from the full model, remove the term with the largest p of F-to-remove (smallest
 *   F) while it fails the removal criterion;
 * - Stepwise: forwards, but before each entry the entered terms are checked for removal.
 *
 * A term is a field (a categorical field's indicators enter together), so its F has one
 * numerator degree of freedom per column. A term may enter only if its columns pass the
 * tolerance test and no entered column's tolerance falls below the tolerance by its entry
 * (SPSS's minimum-tolerance test). Steps are capped at twice the number of terms (SPSS's
 * MAXSTEPS default).
 */
import { TrainingError } from "../errors.js";
import { checkpoint, type TrainingControl } from "../progress.js";
import { fSurvival } from "../stats/distributions.js";
import { termColumns } from "./design.js";
import { fitSubset, residualSS, type LeastSquaresProblem, type SubsetFit } from "./least-squares.js";
import { pivotTolerance, sweep } from "./sweep.js";

export type SelectionMethod = "Enter" | "Stepwise" | "Forwards" | "Backwards";

export interface SelectionCriteria {
  /** Compare p-values (`useP`) or F values (`useF`), Modeler's `stepping_method`. */
  readonly by: "useP" | "useF";
  /** p: enter when p ≤ entry; F: enter when F ≥ entry. */
  readonly entry: number;
  /** p: remove when p > removal; F: remove when F < removal. */
  readonly removal: number;
}

export interface SelectionStep {
  readonly step: number;
  readonly action: "enter" | "remove";
  readonly term: number;
  readonly f: number;
  readonly p: number;
  /** Residual sum of squares after the step. */
  readonly rss: number;
}

interface Candidate {
  readonly term: number;
  readonly f: number;
  readonly p: number;
}

/** F-to-enter of `term` into `fit`, or null when it cannot enter (tolerance). */
function entryTest(problem: LeastSquaresProblem, fit: SubsetFit, term: number): Candidate | null {
  const m = problem.p + 1;
  const a = Float64Array.from(fit.a);
  let q = 0;
  for (const col of termColumns(problem.design, [term])) {
    if (pivotTolerance(a, problem.r, m, col) < problem.tolerance) continue;
    sweep(a, m, col);
    q++;
  }
  if (q === 0) return null;
  // Minimum tolerance: the entered columns' tolerances 1 / (X'X)⁻¹_jj (scaled) must stay acceptable.
  for (const col of fit.columns) if (1 / a[col * m + col]! < problem.tolerance) return null;
  const rss = residualSS(problem, a);
  const df = fit.dfResidual - q;
  if (df <= 0) return null;
  const f = rss > 0 ? (fit.rss - rss) / q / (rss / df) : Infinity;
  return { term, f, p: Number.isFinite(f) ? fSurvival(f, q, df) : 0 };
}

/** F-to-remove of `term` from `fit`. */
function removalTest(problem: LeastSquaresProblem, fit: SubsetFit, term: number): Candidate {
  const without = fitSubset(problem, fit.terms.filter((t) => t !== term));
  const q = without.dfResidual - fit.dfResidual;
  if (q <= 0) return { term, f: 0, p: 1 };
  const f = fit.rss > 0 ? (without.rss - fit.rss) / q / (fit.rss / fit.dfResidual) : Infinity;
  return { term, f, p: Number.isFinite(f) ? fSurvival(f, q, fit.dfResidual) : 0 };
}

function passesEntry(c: Candidate, k: SelectionCriteria): boolean {
  return k.by === "useP" ? c.p <= k.entry : c.f >= k.entry;
}

function failsRemoval(c: Candidate, k: SelectionCriteria): boolean {
  return k.by === "useP" ? c.p > k.removal : c.f < k.removal;
}

/** The better candidate for entry (smaller p, or larger F); the first on ties. */
function better(a: Candidate | null, b: Candidate, k: SelectionCriteria): boolean {
  if (!a) return true;
  return k.by === "useP" ? b.p < a.p || (b.p === a.p && b.f > a.f) : b.f > a.f;
}

export function checkCriteria(algorithm: string, k: SelectionCriteria): void {
  if (k.by === "useP") {
    if (!(k.entry > 0 && k.entry < 1 && k.removal > 0 && k.removal < 1)) throw new TrainingError(`${algorithm}: probability_entry and probability_removal must be between 0 and 1`, { option: "probability_entry" });
    if (k.entry > k.removal) throw new TrainingError(`${algorithm}: probability_entry (${k.entry}) must not exceed probability_removal (${k.removal}), or a field could enter and leave forever`, { option: "probability_entry" });
  } else {
    if (!(k.entry > 0 && k.removal > 0)) throw new TrainingError(`${algorithm}: F_value_entry and F_value_removal must be positive`, { option: "F_value_entry" });
    if (k.entry < k.removal) throw new TrainingError(`${algorithm}: F_value_entry (${k.entry}) must be at least F_value_removal (${k.removal})`, { option: "F_value_entry" });
  }
}

export interface SelectionLimits {
  /** Most terms the model may hold (Linear's `max_effects`). */
  readonly maxTerms?: number;
  /** Most steps (Linear's `max_steps`); default twice the number of terms. */
  readonly maxSteps?: number;
}

export function selectTerms(problem: LeastSquaresProblem, method: SelectionMethod, k: SelectionCriteria, control?: TrainingControl, limits: SelectionLimits = {}): { fit: SubsetFit; steps: SelectionStep[] } {
  const all = problem.design.terms.map((_, i) => i).filter((i) => problem.design.terms[i]!.count > 0);
  if (method === "Enter") return { fit: fitSubset(problem, all), steps: [] };
  const steps: SelectionStep[] = [];
  let fit = fitSubset(problem, method === "Backwards" ? all : []);
  const maxSteps = limits.maxSteps ?? 2 * all.length;
  const maxTerms = limits.maxTerms ?? Infinity;
  const remove = method === "Backwards" || method === "Stepwise";
  const enter = method === "Forwards" || method === "Stepwise";
  while (steps.length < maxSteps) {
    checkpoint(control, { stage: "selecting fields", done: steps.length, total: maxSteps });
    if (remove && fit.terms.length > 0) {
      let worst: Candidate | null = null;
      for (const t of fit.terms) {
        const c = removalTest(problem, fit, t);
        if (!worst || (k.by === "useP" ? c.p > worst.p : c.f < worst.f)) worst = c;
      }
      if (worst && failsRemoval(worst, k)) {
        fit = fitSubset(problem, fit.terms.filter((t) => t !== worst!.term));
        steps.push({ step: steps.length + 1, action: "remove", term: worst.term, f: worst.f, p: worst.p, rss: fit.rss });
        continue;
      }
    }
    if (!enter || fit.terms.length >= maxTerms) break;
    let best: Candidate | null = null;
    for (const t of all) {
      if (fit.terms.includes(t)) continue;
      const c = entryTest(problem, fit, t);
      if (c && better(best, c, k)) best = c;
    }
    if (!best || !passesEntry(best, k)) break;
    fit = fitSubset(problem, [...fit.terms, best.term]);
    steps.push({ step: steps.length + 1, action: "enter", term: best.term, f: best.f, p: best.p, rss: fit.rss });
  }
  return { fit, steps };
}
