/**
 * The Binning node's computations over one field's values (all records, `null` for
 * `$null$`, which stays `$null$`). Each returns one output value per input value. Intervals
 * are closed below and open above (`lower <= x < upper`), as Modeler's bin tables show them.
 * NODES.md §2.6; the choices are explained in docs/nodes.md ("Binning").
 */
import type { RandomSource } from "../../data/random.js";

export type NumberOrNull = number | null;

/**
 * Fixed-width bins numbered 1.. from the field's minimum: bin k holds
 * `min + (k-1)·width <= x < min + k·width`. With a bin count the width is `(max-min)/count` and
 * the maximum falls in the last bin.
 */
export function fixedWidthBins(values: readonly NumberOrNull[], spec: { width: number } | { count: number }): NumberOrNull[] {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v === null) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === Infinity) return values.map(() => null);
  const count = "count" in spec ? spec.count : Infinity;
  const width = "width" in spec ? spec.width : (max - min) / spec.count;
  return values.map((v) => {
    if (v === null) return null;
    if (!(width > 0)) return 1;
    let k = Math.floor((v - min) / width);
    // Division can land one off at exact boundaries; bounds decide.
    if (min + (k + 1) * width <= v) k++;
    else if (k > 0 && min + k * width > v) k--;
    return Math.min(k + 1, count);
  });
}

/**
 * Tiles 1..`tiles` by record count (each record weighs 1) or by sum of values (each weighs its
 * value). Records are taken in ascending order; records with one value form a group that is
 * never split. A bin's target weight is the weight not yet placed divided by the bins not yet
 * started, so a large group only pushes the thresholds after it ("thresholds of subsequent
 * bins may be adjusted"):
 * - `Next` (add to next): a group that would take its bin past the target starts the next bin
 *   (unless the bin is still empty);
 * - `Current` (keep in current): a group stays in the current bin and the next group starts a
 *   new bin once the target is reached, which can leave the top tiles unused;
 * - `Random`: tied records are put in random order and placed one by one as with `Next`, so
 *   counts stay even and ties may be split.
 */
export function tileBins(
  values: readonly NumberOrNull[],
  tiles: number,
  method: "RecordCount" | "ValueSum",
  ties: "Next" | "Current" | "Random",
  random: RandomSource,
): NumberOrNull[] {
  const { distinct, counts } = valueGroups(values);
  let total = 0;
  for (let g = 0; g < distinct.length; g++) total += method === "RecordCount" ? counts[g]! : distinct[g]! * counts[g]!;
  const eps = 1e-9 * Math.max(1, Math.abs(total));
  let bin = 1;
  let target = total / tiles;
  let placed = 0;
  let inBin = 0;
  /** Places `n` records of weight `w` each as one unseparable group; returns their bin. */
  const place = (n: number, w: number): number => {
    const after = placed + n * w;
    if (ties !== "Current" && after > target + eps && inBin > 0 && bin < tiles) {
      bin++;
      target = placed + (total - placed) / (tiles - bin + 1);
      inBin = 0;
    }
    const b = bin;
    inBin += n;
    placed = after;
    if (ties === "Current" && after >= target - eps && bin < tiles) {
      bin++;
      target = placed + (total - placed) / (tiles - bin + 1);
      inBin = 0;
    }
    return b;
  };
  const weight = (g: number) => (method === "RecordCount" ? 1 : distinct[g]!);
  if (ties !== "Random") {
    // Bins rise with the value, so a record's bin is found among the bins' lowest values.
    const starts: number[] = [];
    for (let g = 0; g < distinct.length; g++) {
      if (place(counts[g]!, weight(g)) > starts.length) starts.push(distinct[g]!);
    }
    return values.map((v) => (v === null ? null : binOfValue(starts, v)));
  }
  // Random: the records of a tie group are placed one by one, then their bins are dealt to the
  // group's records in random order.
  const dealt: number[][] = [];
  for (let g = 0; g < distinct.length; g++) {
    const bins: number[] = [];
    for (let j = 0; j < counts[g]!; j++) bins.push(place(1, weight(g)));
    for (let j = bins.length - 1; j > 0; j--) {
      const k = Math.floor(random() * (j + 1));
      [bins[j], bins[k]] = [bins[k]!, bins[j]!];
    }
    dealt.push(bins);
  }
  return values.map((v) => (v === null ? null : dealt[groupOf(distinct, v)]!.pop()!));
}

export interface Ranks {
  /** 1..n; tied values share the mean of their ranks. */
  readonly rank: NumberOrNull[];
  /** rank / n, in (0, 1]. */
  readonly fractional: NumberOrNull[];
  /** rank / n × 100, in (0, 100]. */
  readonly percent: NumberOrNull[];
}

/** Ranks of the non-null values (`n` of them), ascending (lowest is 1) or descending. */
export function rankValues(values: readonly NumberOrNull[], order: "Ascending" | "Descending"): Ranks {
  const { distinct, counts } = valueGroups(values);
  const rankOf = new Float64Array(distinct.length);
  let before = 0;
  const groups = distinct.length;
  for (let j = 0; j < groups; j++) {
    const g = order === "Ascending" ? j : groups - 1 - j;
    rankOf[g] = before + (counts[g]! + 1) / 2;
    before += counts[g]!;
  }
  const n = before;
  const rank = values.map((v) => (v === null ? null : rankOf[groupOf(distinct, v)]!));
  return {
    rank,
    fractional: rank.map((r) => (r === null ? null : r / n)),
    percent: rank.map((r) => (r === null ? null : (r / n) * 100)),
  };
}

/**
 * Bins at the mean ± 1, 2 or 3 sample standard deviations: 3, 5 or 7 bins numbered from the
 * lowest. With fewer than two values (no deviation) every value is in the middle bin.
 */
export function sdevBins(values: readonly NumberOrNull[], count: 1 | 2 | 3): NumberOrNull[] {
  let n = 0;
  let sum = 0;
  for (const v of values) if (v !== null) { n++; sum += v; }
  const mean = n > 0 ? sum / n : 0;
  let ss = 0;
  for (const v of values) if (v !== null) ss += (v - mean) ** 2;
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
  const cuts: number[] = [];
  for (let j = -count; j <= count; j++) if (j !== 0) cuts.push(mean + j * sd);
  return values.map((v) => {
    if (v === null) return null;
    if (sd === 0) return count + 1;
    let b = 1;
    for (const c of cuts) if (v >= c) b++;
    return b;
  });
}

/** The distinct non-null values in ascending order, with how many records hold each. */
function valueGroups(values: readonly NumberOrNull[]): { distinct: Float64Array; counts: Uint32Array } {
  let n = 0;
  for (const v of values) if (v !== null) n++;
  const sorted = new Float64Array(n);
  let i = 0;
  for (const v of values) if (v !== null) sorted[i++] = v;
  sorted.sort(); // numeric and native: much faster than sorting indices with a comparator
  const distinct = new Float64Array(n);
  const counts = new Uint32Array(n);
  let g = -1;
  for (let j = 0; j < n; j++) {
    if (g < 0 || sorted[j] !== distinct[g]) distinct[++g] = sorted[j]!;
    counts[g]!++;
  }
  return { distinct: distinct.subarray(0, g + 1), counts: counts.subarray(0, g + 1) };
}

/** The bin (1-based) whose lowest value is the largest at or below `v`. */
function binOfValue(starts: readonly number[], v: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid]! <= v) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** Index of `v` in the ascending `distinct` values (binary search; `v` is one of them). */
function groupOf(distinct: Float64Array, v: number): number {
  let lo = 0;
  let hi = distinct.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (distinct[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
