/**
 * Term selection for logistic regression, with the procedures of SPSS NOMREG (Modeler's
 * multinomial `method`) and their entry/removal statistics (`entry_criterion` Score or LR,
 * `removal_criterion` LR or Wald; IBM SPSS Statistics Algorithms, "NOMREG: Stepwise"):
 *
 * - Enter: all terms;
 * - Forwards (FORWARD): from the constant-only model, enter the term with the smallest entry
 *   p-value while it is ≤ `probability_entry`;
 * - Stepwise (FSTEP): as Forwards, and after each entry remove the term with the largest
 *   removal p-value while it is > `probability_removal`;
 * - Backwards (BACKWARD): from the full model, remove while the largest removal p > the limit;
 * - BackwardsStepwise (BSTEP): as Backwards, and after each removal re-enter terms that pass.
 *
 * The binomial procedure's Forwards and Backwards are SPSS LOGISTIC REGRESSION's FSTEP and
 * BSTEP, the stepwise variants (`train-logistic.ts` maps them). `min_terms` bounds removal and
 * `max_terms` entry; steps are capped at three times the number of terms.
 */
import { checkpoint, type TrainingControl } from "../progress.js";
import { termColumns, type Design } from "../regression/design.js";
import { pivotTolerance, sweep, sweepAll } from "../regression/sweep.js";
import type { LogitProblem } from "./logit-derivatives.js";
import { blockIndices, likelihoodRatioTest, scoreTests, waldTest, type ChiSquareTest } from "./logit-tests.js";
import { fitLogit, type LogitFit, type NewtonSettings } from "./newton-fit.js";

export type LogitMethod = "Enter" | "Stepwise" | "Forwards" | "Backwards" | "BackwardsStepwise";

export interface LogitSelectionSettings {
  readonly entry: "Score" | "LR";
  readonly removal: "LR" | "Wald";
  readonly pEntry: number;
  readonly pRemoval: number;
  readonly minTerms: number;
  readonly maxTerms: number;
}

export interface LogitStep {
  readonly step: number;
  readonly action: "enter" | "remove";
  readonly term: number;
  readonly test: ChiSquareTest;
}

export interface LogitContext {
  readonly problem: LogitProblem;
  readonly design: Design;
  readonly newton: NewtonSettings;
  readonly spread: Float64Array;
  /** Cross-products of the design scaled to unit diagonal ((p + 1) × (p + 1), last row unused). */
  readonly scaled: Float64Array;
  /** Singularity tolerance (`tolerance`, default 1e−8). */
  readonly tolerance: number;
  readonly control?: TrainingControl;
}

export interface TermsFit {
  readonly terms: readonly number[];
  readonly fit: LogitFit;
  /** Columns of the terms left out as linear combinations of earlier ones. */
  readonly aliased: readonly number[];
}

/** Fits (and remembers) the model of a set of terms. */
export function termsFitter(ctx: LogitContext): (terms: readonly number[]) => TermsFit {
  const cache = new Map<string, TermsFit>();
  const m = ctx.problem.p + 1;
  return (terms) => {
    const key = [...terms].sort((a, b) => a - b).join(",");
    const hit = cache.get(key);
    if (hit) return { ...hit, terms: [...terms] };
    const { swept, refused } = sweepAll(ctx.scaled, m, termColumns(ctx.design, terms), ctx.tolerance);
    const result = { terms: [...terms], fit: fitLogit(ctx.problem, swept, ctx.newton, ctx.spread, ctx.control), aliased: refused };
    cache.set(key, result);
    return result;
  };
}

/** Columns of `term` that are not linear combinations of `base`. */
function newColumns(ctx: LogitContext, base: readonly number[], term: number): number[] {
  const m = ctx.problem.p + 1;
  const { a } = sweepAll(ctx.scaled, m, base, ctx.tolerance);
  const out: number[] = [];
  for (const c of termColumns(ctx.design, [term])) {
    if (pivotTolerance(a, ctx.scaled, m, c) < ctx.tolerance) continue;
    sweep(a, m, c);
    out.push(c);
  }
  return out;
}

export function selectLogitTerms(ctx: LogitContext, method: LogitMethod, s: LogitSelectionSettings): { model: TermsFit; steps: LogitStep[] } {
  const fitTerms = termsFitter(ctx);
  const all = ctx.design.terms.map((_, i) => i).filter((i) => ctx.design.terms[i]!.count > 0);
  if (method === "Enter") return { model: fitTerms(all), steps: [] };
  const K = ctx.problem.classes;
  const backwardStart = method === "Backwards" || method === "BackwardsStepwise";
  let model = fitTerms(backwardStart ? all : []);
  const steps: LogitStep[] = [];
  const maxSteps = 3 * all.length;
  const canEnter = method !== "Backwards";
  const canRemove = method !== "Forwards";

  /** Entry statistics of the terms not in the model (null: nothing new passes the tolerance test). */
  const entryTests = (terms: readonly number[]): (ChiSquareTest | null)[] => {
    const cols = terms.map((t) => newColumns(ctx, model.fit.cols, t));
    if (s.entry === "Score") {
      const tests = scoreTests(ctx.problem, model.fit, cols);
      return tests.map((test, i) => (cols[i]!.length === 0 ? null : test));
    }
    return terms.map((t, i) => (cols[i]!.length === 0 ? null : likelihoodRatioTest(fitTerms([...model.terms, t]).fit, model.fit, K)));
  };
  const removalTest = (term: number): ChiSquareTest => {
    if (s.removal === "LR") return likelihoodRatioTest(model.fit, fitTerms(model.terms.filter((t) => t !== term)).fit, K);
    const own = new Set(termColumns(ctx.design, [term]));
    const positions = model.fit.cols.map((c, i) => (own.has(c) ? i : -1)).filter((i) => i >= 0);
    return waldTest(model.fit, blockIndices(model.fit, K, positions, ctx.problem.intercept));
  };
  const tryEnter = (): boolean => {
    if (model.terms.length >= s.maxTerms) return false;
    let best: { term: number; test: ChiSquareTest } | null = null;
    const outside = all.filter((t) => !model.terms.includes(t));
    const tests = entryTests(outside);
    for (let i = 0; i < outside.length; i++) {
      const test = tests[i];
      if (test && (!best || test.p < best.test.p || (test.p === best.test.p && test.statistic > best.test.statistic))) best = { term: outside[i]!, test };
    }
    if (!best || !(best.test.p <= s.pEntry)) return false;
    model = fitTerms([...model.terms, best.term]);
    steps.push({ step: steps.length + 1, action: "enter", term: best.term, test: best.test });
    return true;
  };
  const tryRemove = (): boolean => {
    if (model.terms.length <= s.minTerms) return false;
    let worst: { term: number; test: ChiSquareTest } | null = null;
    for (const t of model.terms) {
      const test = removalTest(t);
      if (!worst || test.p > worst.test.p) worst = { term: t, test };
    }
    if (!worst || !(worst.test.p > s.pRemoval)) return false;
    model = fitTerms(model.terms.filter((t) => t !== worst!.term));
    steps.push({ step: steps.length + 1, action: "remove", term: worst.term, test: worst.test });
    return true;
  };

  while (steps.length < maxSteps) {
    checkpoint(ctx.control, { stage: "selecting terms", done: steps.length, total: maxSteps });
    const before = steps.length;
    if (backwardStart) {
      if (canRemove && tryRemove()) {
        while (method === "BackwardsStepwise" && steps.length < maxSteps && tryEnter());
        continue;
      }
    } else if (canEnter && tryEnter()) {
      while (method === "Stepwise" && steps.length < maxSteps && tryRemove());
      continue;
    }
    if (steps.length === before) break;
  }
  return { model, steps };
}
