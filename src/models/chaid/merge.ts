/**
 * CHAID's merging of predictor categories (Kass 1980, as SPSS documents it):
 * 1. CHAID: repeatedly merge the pair of groups whose 2-row test against the target is least
 *    significant, while that p-value exceeds `merge_alpha`. Exhaustive CHAID (Biggs et al.
 *    1991) keeps merging down to two groups and keeps the grouping, among all those met, with
 *    the smallest adjusted p-value.
 * 2. A group smaller than the minimum child size is merged with its most similar allowed
 *    neighbour.
 * 3. The grouping's p-value is Bonferroni-adjusted for the number of ways the r categories
 *    could have been reduced to c groups.
 * Nominal predictors may merge any two groups; ordinal ones (and pre-binned continuous ones)
 * only neighbours, the missing value being a "floating" category that may join any group.
 */
import { adjustP, bonferroniMultiplier, groupingPValue, type AtomStats, type ChiSquare } from "./tests.js";

export interface MergeSpec {
  readonly stats: AtomStats;
  readonly kind: "nominal" | "ordinal";
  /** Atom index of the missing value, or −1 when no row at the node misses the predictor. */
  readonly missingAtom: number;
  readonly chi: ChiSquare;
  readonly mergeAlpha: number;
  readonly exhaustive: boolean;
  readonly minChild: number;
  readonly bonferroni: boolean;
}

export interface Grouping {
  /** Groups of atoms, each sorted; order: by smallest atom, the missing atom last. */
  readonly groups: number[][];
  readonly p: number;
  readonly adjusted: number;
}

type Groups = number[][];

function normalise(groups: Groups, missingAtom: number): Groups {
  const key = (g: number[]) => {
    const real = g.filter((a) => a !== missingAtom);
    return real.length > 0 ? Math.min(...real) : Infinity;
  };
  return groups.map((g) => [...g].sort((a, b) => (a === missingAtom ? 1 : b === missingAtom ? -1 : a - b))).sort((a, b) => key(a) - key(b));
}

function allowedPairs(spec: MergeSpec, groups: Groups): [number, number][] {
  const pairs: [number, number][] = [];
  if (spec.kind === "nominal") {
    for (let i = 0; i < groups.length; i++) for (let j = i + 1; j < groups.length; j++) pairs.push([i, j]);
    return pairs;
  }
  const floating = groups.findIndex((g) => g.length === 1 && g[0] === spec.missingAtom);
  const ordered = groups.map((_, i) => i).filter((i) => i !== floating);
  for (let k = 0; k + 1 < ordered.length; k++) pairs.push([ordered[k]!, ordered[k + 1]!]);
  if (floating >= 0) for (const i of ordered) pairs.push([Math.min(i, floating), Math.max(i, floating)]);
  return pairs;
}

/** The allowed pair whose groups differ least (largest p-value), optionally involving `only`. */
function mostSimilar(spec: MergeSpec, groups: Groups, only = -1): { pair: [number, number]; p: number } | null {
  let best: { pair: [number, number]; p: number } | null = null;
  for (const pair of allowedPairs(spec, groups)) {
    if (only >= 0 && pair[0] !== only && pair[1] !== only) continue;
    const p = groupingPValue(spec.stats, [groups[pair[0]]!, groups[pair[1]]!], spec.chi);
    if (!best || p > best.p) best = { pair, p };
  }
  return best;
}

function merged(spec: MergeSpec, groups: Groups, [i, j]: [number, number]): Groups {
  const out = groups.filter((_, k) => k !== i && k !== j);
  out.push([...groups[i]!, ...groups[j]!]);
  return normalise(out, spec.missingAtom);
}

function evaluate(spec: MergeSpec, groups: Groups, r: number): Grouping {
  const p = groupingPValue(spec.stats, groups, spec.chi);
  const kind = spec.kind === "nominal" ? "nominal" : spec.missingAtom >= 0 ? "floating" : "ordinal";
  const adjusted = spec.bonferroni ? adjustP(p, bonferroniMultiplier(kind, r, groups.length)) : p;
  return { groups, p, adjusted };
}

function groupWeight(spec: MergeSpec, g: readonly number[]): number {
  let w = 0;
  for (const a of g) w += spec.stats.weight[a]!;
  return w;
}

/** Merges small groups into their most similar allowed partner until all reach `minChild`. */
function enforceMinChild(spec: MergeSpec, groups: Groups): Groups {
  let g = groups;
  while (g.length > 1) {
    let smallest = -1;
    for (let i = 0; i < g.length; i++) {
      const w = groupWeight(spec, g[i]!);
      if (w < spec.minChild && (smallest < 0 || w < groupWeight(spec, g[smallest]!))) smallest = i;
    }
    if (smallest < 0) break;
    const best = mostSimilar(spec, g, smallest);
    if (!best) break;
    g = merged(spec, g, best.pair);
  }
  return g;
}

/** Groups the present atoms; null when they collapse into one group. */
export function mergeCategories(spec: MergeSpec, present: readonly number[]): Grouping | null {
  const r = present.length;
  let groups = normalise(present.map((a) => [a]), spec.missingAtom);
  if (groups.length < 2) return null;
  if (spec.exhaustive) {
    let best = evaluate(spec, groups, r);
    while (groups.length > 2) {
      const m = mostSimilar(spec, groups);
      if (!m) break;
      groups = merged(spec, groups, m.pair);
      const e = evaluate(spec, groups, r);
      if (e.adjusted < best.adjusted || (e.adjusted === best.adjusted && e.p < best.p)) best = e;
    }
    groups = best.groups;
  } else {
    while (groups.length > 1) {
      const m = mostSimilar(spec, groups);
      if (!m || !(m.p > spec.mergeAlpha)) break;
      groups = merged(spec, groups, m.pair);
    }
  }
  groups = enforceMinChild(spec, groups);
  if (groups.length < 2) return null;
  return evaluate(spec, groups, r);
}
