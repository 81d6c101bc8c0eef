/**
 * The statistics of the Aggregate node, one accumulator per (group, field).
 *
 * Nulls are skipped by every statistic; `Count` counts the non-null values. `SDev` and
 * `Variance` are sample statistics (n − 1 denominator, `$null$` below two values), computed
 * with Welford's update so that large means do not swallow small spreads. Median and
 * quartiles keep the group's values and use linear interpolation between order statistics
 * at position (n − 1)·p — numpy's and pandas' default definition (Hyndman & Fan type 7).
 */
import type { Storage } from "../../data/storage.js";
import type { Value } from "../../data/values.js";
import { compareSortValues } from "./ordering.js";

export const STATISTICS = ["Sum", "Mean", "Min", "Max", "SDev", "Median", "Count", "Variance", "FirstQuartile", "ThirdQuartile"] as const;
export type Statistic = (typeof STATISTICS)[number];

/** Statistics that need numbers; the others (Min, Max, Count) take any storage. */
const NUMERIC_ONLY: ReadonlySet<Statistic> = new Set(["Sum", "Mean", "SDev", "Median", "Variance", "FirstQuartile", "ThirdQuartile"]);
const ORDER_STATISTICS: ReadonlySet<Statistic> = new Set(["Median", "FirstQuartile", "ThirdQuartile"]);

export function needsNumbers(stat: Statistic): boolean {
  return NUMERIC_ONLY.has(stat);
}

/** Storage of a statistic's result for an input of the given storage. */
export function statisticStorage(stat: Statistic, input: Storage): Storage {
  switch (stat) {
    case "Sum":
      return input === "integer" ? "integer" : "real";
    case "Min":
    case "Max":
      return input;
    case "Count":
      return "integer";
    default:
      return "real";
  }
}

/** What one field's accumulators must track, decided once from the statistics asked for. */
export interface AccumulatorPlan {
  /** Integer storage: the sum stays exact (a bigint beyond ±2^53). */
  readonly integer: boolean;
  readonly moments: boolean;
  readonly extremes: boolean;
  readonly keepValues: boolean;
}

export function accumulatorPlan(stats: readonly Statistic[], storage: Storage): AccumulatorPlan {
  return {
    integer: storage === "integer",
    moments: stats.some((s) => s === "Sum" || s === "Mean" || s === "SDev" || s === "Variance"),
    extremes: stats.includes("Min") || stats.includes("Max"),
    keepValues: stats.some((s) => ORDER_STATISTICS.has(s)),
  };
}

/** Running statistics of one field within one group. */
export class FieldAccumulator {
  count = 0;
  private sum = 0;
  /** Exact integer sum once the number sum leaves the safe range. */
  private bigSum: bigint | undefined;
  private mean = 0;
  private m2 = 0;
  private min: Value = null;
  private max: Value = null;
  private values: number[] | undefined;
  private sorted = false;

  constructor(private readonly plan: AccumulatorPlan) {
    if (plan.keepValues) this.values = [];
  }

  add(v: Value): void {
    if (v === null) return;
    this.count++;
    const plan = this.plan;
    if (plan.extremes) {
      if (this.count === 1) {
        this.min = v;
        this.max = v;
      } else {
        if (compareSortValues(v, this.min) < 0) this.min = v;
        if (compareSortValues(v, this.max) > 0) this.max = v;
      }
    }
    if (!plan.moments && !plan.keepValues) return;
    const x = typeof v === "bigint" ? Number(v) : (v as number);
    if (plan.moments) {
      if (!plan.integer) this.sum += x;
      else if (this.bigSum !== undefined) this.bigSum += BigInt(v as number | bigint);
      else {
        const s = this.sum + x;
        if (typeof v === "number" && Number.isSafeInteger(s)) this.sum = s;
        else this.bigSum = BigInt(this.sum) + BigInt(v as number | bigint);
      }
      const delta = x - this.mean;
      this.mean += delta / this.count;
      this.m2 += delta * (x - this.mean);
    }
    this.values?.push(x);
  }

  result(stat: Statistic): Value {
    const n = this.count;
    switch (stat) {
      case "Count":
        return n;
      case "Sum":
        if (n === 0) return null;
        if (this.bigSum !== undefined) return normaliseBig(this.bigSum);
        return this.sum;
      case "Mean":
        // The sum over the count is exact for integers and closest to pandas/SPSS for reals;
        // the running Welford mean is kept only for the variance.
        if (n === 0) return null;
        return this.bigSum !== undefined ? Number(this.bigSum) / n : this.sum / n;
      case "Min":
        return this.min;
      case "Max":
        return this.max;
      case "Variance":
        return n < 2 ? null : this.m2 / (n - 1);
      case "SDev":
        return n < 2 ? null : Math.sqrt(this.m2 / (n - 1));
      case "Median":
        return this.quantile(0.5);
      case "FirstQuartile":
        return this.quantile(0.25);
      case "ThirdQuartile":
        return this.quantile(0.75);
    }
  }

  private quantile(p: number): number | null {
    const xs = this.values!;
    if (xs.length === 0) return null;
    if (!this.sorted) {
      xs.sort((a, b) => a - b);
      this.sorted = true;
    }
    return interpolatedQuantile(xs, p);
  }

}

/** Linear interpolation between order statistics at (n − 1)·p of ascending `xs`. */
export function interpolatedQuantile(xs: readonly number[], p: number): number {
  const h = (xs.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, xs.length - 1);
  return xs[lo]! + (h - lo) * (xs[hi]! - xs[lo]!);
}

function normaliseBig(v: bigint): number | bigint {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}
