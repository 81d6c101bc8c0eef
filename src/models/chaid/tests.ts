/**
 * CHAID's significance tests of a grouping of predictor categories against the target
 * (Kass 1980; Biggs, de Ville & Suen 1991):
 * - categorical target: the c × J contingency table, Pearson X² = Σ (O−E)²/E or the
 *   likelihood ratio G² = 2 Σ O·ln(O/E), with (c′−1)(J′−1) degrees of freedom counting only
 *   non-empty rows and columns;
 * - continuous target: one-way ANOVA, F = (SSB/(c−1)) / (SSW/(N−c)).
 * Counts are frequency-weighted.
 *
 * An "atom" is one original category of the predictor (a code, a pre-binned interval, or the
 * missing value); its statistics are `stride` numbers: J class weights, or [w, Σwy, Σwy²].
 */
import { chiSquareSurvival, fSurvival } from "../stats/distributions.js";

export interface AtomStats {
  /** Classes J (categorical target) or 0 (continuous target). */
  readonly classes: number;
  /** Numbers per atom: J, or 3 for [w, Σwy, Σwy²]. */
  readonly stride: number;
  /** `stride` numbers per atom. */
  readonly sums: Float64Array;
  /** Raw (frequency) weight per atom. */
  readonly weight: Float64Array;
}

export type ChiSquare = "Pearson" | "LR";

/** Adds the statistics of `atoms` into `out` (length `stride`). */
export function groupSums(stats: AtomStats, atoms: readonly number[], out: Float64Array): Float64Array {
  out.fill(0);
  for (const a of atoms) for (let k = 0; k < stats.stride; k++) out[k]! += stats.sums[a * stats.stride + k]!;
  return out;
}

/** p-value of the test of `groups` (each a list of atoms) against the target. */
export function groupingPValue(stats: AtomStats, groups: readonly (readonly number[])[], chi: ChiSquare): number {
  const rows = groups.map((g) => groupSums(stats, g, new Float64Array(stats.stride)));
  return stats.classes > 0 ? chiSquareP(rows, stats.classes, chi) : anovaP(rows);
}

function chiSquareP(rows: readonly Float64Array[], J: number, chi: ChiSquare): number {
  const colTotals = new Float64Array(J);
  const rowTotals = rows.map((r) => {
    let s = 0;
    for (let j = 0; j < J; j++) {
      s += r[j]!;
      colTotals[j]! += r[j]!;
    }
    return s;
  });
  let total = 0;
  for (const t of rowTotals) total += t;
  const nonEmptyRows = rowTotals.filter((t) => t > 0).length;
  let nonEmptyCols = 0;
  for (let j = 0; j < J; j++) if (colTotals[j]! > 0) nonEmptyCols++;
  const df = (nonEmptyRows - 1) * (nonEmptyCols - 1);
  if (df <= 0 || !(total > 0)) return 1;
  let stat = 0;
  rows.forEach((r, i) => {
    if (!(rowTotals[i]! > 0)) return;
    for (let j = 0; j < J; j++) {
      if (!(colTotals[j]! > 0)) continue;
      const e = (rowTotals[i]! * colTotals[j]!) / total;
      const o = r[j]!;
      if (chi === "Pearson") stat += ((o - e) * (o - e)) / e;
      else if (o > 0) stat += 2 * o * Math.log(o / e);
    }
  });
  return chiSquareSurvival(Math.max(0, stat), df);
}

function anovaP(rows: readonly Float64Array[]): number {
  let n = 0;
  let sy = 0;
  let groups = 0;
  for (const r of rows) {
    if (r[0]! > 0) groups++;
    n += r[0]!;
    sy += r[1]!;
  }
  if (groups < 2 || !(n > groups)) return 1;
  const mean = sy / n;
  let ssb = 0;
  let ssw = 0;
  for (const r of rows) {
    if (!(r[0]! > 0)) continue;
    const m = r[1]! / r[0]!;
    ssb += r[0]! * (m - mean) * (m - mean);
    ssw += Math.max(0, r[2]! - r[1]! * m);
  }
  if (!(ssw > 0)) return ssb > 0 ? 0 : 1;
  const f = ssb / (groups - 1) / (ssw / (n - groups));
  return fSurvival(f, groups - 1, n - groups);
}

/**
 * Bonferroni multiplier for reducing r categories to c groups (Kass 1980):
 * nominal S(r, c) (Stirling numbers of the second kind); ordinal C(r−1, c−1); ordinal with
 * a floating missing category C(r−2, c−2) + c·C(r−2, c−1) (r counts the missing category).
 */
export function bonferroniMultiplier(kind: "nominal" | "ordinal" | "floating", r: number, c: number): number {
  if (c >= r) return 1;
  if (kind === "ordinal") return choose(r - 1, c - 1);
  if (kind === "floating") return choose(r - 2, c - 2) + c * choose(r - 2, c - 1);
  // S(r, c) by the recurrence S(n, k) = k·S(n−1, k) + S(n−1, k−1).
  let row = new Float64Array(c + 1);
  row[0] = 1;
  for (let n = 1; n <= r; n++) {
    const next = new Float64Array(c + 1);
    for (let k = 1; k <= Math.min(n, c); k++) next[k] = k * row[k]! + row[k - 1]!;
    row = next;
  }
  return row[c]!;
}

function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

/** min(1, B·p), with 0·∞ = 0. */
export function adjustP(p: number, multiplier: number): number {
  if (p === 0) return 0;
  return Math.min(1, p * multiplier);
}
