/**
 * The design of a linear or logistic regression: one *term* per input field, each term a block
 * of design columns. A continuous input is one column (its value); a categorical input with C
 * categories is C − 1 indicator (dummy) columns, leaving out the reference category, whose
 * effect the intercept carries. SPSS's indicator contrast takes the *last* category as the
 * reference by default (LOGISTIC REGRESSION `/CONTRAST … = INDICATOR`, NOMREG factors);
 * Modeler's `binomial_input_category` can make it the first.
 *
 * Variable selection enters and removes whole terms, so a categorical field's indicators stay
 * together (the F or χ² test of a term has one degree of freedom per column).
 */
import type { DataColumn } from "../dataset.js";
import { indicatorFeatures, type Feature } from "./features.js";

export interface Term {
  /** Index of the input field. */
  readonly input: number;
  /** Columns [first, first + count) of the design. */
  readonly first: number;
  readonly count: number;
}

export interface Design {
  readonly features: readonly Feature[];
  readonly terms: readonly Term[];
}

export type ReferenceCategory = "First" | "Last";

export function regressionDesign(inputs: readonly DataColumn[], reference: ReferenceCategory = "Last"): Design {
  const features: Feature[] = [];
  const terms: Term[] = [];
  inputs.forEach((c, input) => {
    const first = features.length;
    if (c.measure === "continuous") features.push({ kind: "value", input });
    else {
      const n = c.categories.length;
      if (n >= 2) features.push(...indicatorFeatures(input, n, reference === "Last" ? n - 1 : 0));
    }
    terms.push({ input, first, count: features.length - first });
  });
  return { features, terms };
}

/** The design columns of a set of terms, in term order. */
export function termColumns(design: Design, terms: readonly number[]): number[] {
  const cols: number[] = [];
  for (const t of terms) {
    const term = design.terms[t]!;
    for (let j = 0; j < term.count; j++) cols.push(term.first + j);
  }
  return cols;
}
