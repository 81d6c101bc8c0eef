/**
 * The target as binary-tree builders (C&R Tree, QUEST, Random Trees) see it: class codes
 * with prior and cost adjustments, or values for least squares.
 *
 * Priors (Breiman et al. 1984, §4.1): with priors π_j and root class weights N_j, a record
 * of class j counts π_j·N/N_j, so that p(j|t) = π_j·N_j(t)/N_j / Σ_i π_i·N_i(t)/N_i. With
 * `Data` priors the factor is 1. Misclassification costs C(i|j) (predict i, actual j) choose
 * the class of least expected cost; with `adjust_priors` they also alter the priors,
 * π'_j ∝ π_j·Σ_i C(i|j) (Breiman §4.4), so that the Gini splits take costs into account.
 */
import { TrainingError } from "../errors.js";
import type { CategoricalColumn, Category, TrainingData } from "../dataset.js";
import { categoryText } from "../pmml-writer/fields.js";

export interface PriorOptions {
  priors?: "Data" | "Equal" | "Custom";
  /** `[[category, prior], ...]` for `Custom` priors. */
  custom_priors?: readonly (readonly [Category, number])[];
  adjust_priors?: boolean;
  use_costs?: boolean;
  /** `[[actual, predicted, cost], ...]`; unlisted pairs cost 1 (0 on the diagonal). */
  costs?: readonly (readonly [Category, Category, number])[];
}

export interface ClassTarget {
  readonly kind: "class";
  readonly classes: number;
  readonly codes: Int32Array;
  /** Per class, the weight factor that turns data proportions into prior proportions. */
  readonly factor: Float64Array;
  /** `costs[predicted * J + actual]`, or null for unit costs. */
  readonly costs: Float64Array | null;
}

export interface ValueTarget {
  readonly kind: "value";
  readonly y: Float64Array;
}

export type TreeTarget = ClassTarget | ValueTarget;

export function makeTreeTarget(algorithm: string, data: TrainingData, weights: Float64Array, o: PriorOptions): TreeTarget {
  const t = data.target;
  if (t.measure === "continuous") {
    if ((o.priors && o.priors !== "Data") || o.use_costs) throw new TrainingError(`${algorithm}: priors and costs apply to categorical targets only`);
    return { kind: "value", y: t.values };
  }
  const J = t.categories.length;
  const counts = new Float64Array(J);
  for (let i = 0; i < data.rowCount; i++) if (t.codes[i]! >= 0) counts[t.codes[i]!]! += weights[i]!;
  const total = counts.reduce((a, b) => a + b, 0);
  const costs = o.use_costs ? costMatrix(algorithm, t, o.costs ?? []) : null;
  let priors: Float64Array;
  switch (o.priors ?? "Data") {
    case "Data":
      priors = counts.map((c) => c / total);
      break;
    case "Equal":
      priors = new Float64Array(J).fill(1 / J);
      break;
    case "Custom":
      priors = customPriors(algorithm, t, o.custom_priors ?? []);
      break;
    default:
      throw new TrainingError(`${algorithm}: priors must be Data, Equal or Custom, not "${String(o.priors)}"`);
  }
  if (o.adjust_priors && costs) {
    const altered = priors.map((p, j) => {
      let s = 0;
      for (let i = 0; i < J; i++) s += costs[i * J + j]!;
      return p * s;
    });
    const s = altered.reduce((a, b) => a + b, 0);
    priors = altered.map((p) => p / s);
  }
  const factor = new Float64Array(J);
  for (let j = 0; j < J; j++) factor[j] = counts[j]! > 0 ? (priors[j]! * total) / counts[j]! : 0;
  return { kind: "class", classes: J, codes: t.codes, factor, costs };
}

function categoryIndex(algorithm: string, t: CategoricalColumn, c: Category, option: string): number {
  const k = t.categories.findIndex((x) => x === c || categoryText(x) === String(c));
  if (k < 0) throw new TrainingError(`${algorithm}: ${option} names "${String(c)}", which is not a value of the target "${t.name}"`, { option });
  return k;
}

function customPriors(algorithm: string, t: CategoricalColumn, list: readonly (readonly [Category, number])[]): Float64Array {
  const J = t.categories.length;
  const p = new Float64Array(J);
  for (const [c, v] of list) {
    if (!(v >= 0)) throw new TrainingError(`${algorithm}: custom prior of "${String(c)}" must be ≥ 0`, { option: "custom_priors" });
    p[categoryIndex(algorithm, t, c, "custom_priors")] = v;
  }
  const s = p.reduce((a, b) => a + b, 0);
  if (!(s > 0)) throw new TrainingError(`${algorithm}: custom_priors must give some class a positive prior`, { option: "custom_priors" });
  return p.map((x) => x / s);
}

function costMatrix(algorithm: string, t: CategoricalColumn, list: readonly (readonly [Category, Category, number])[]): Float64Array {
  const J = t.categories.length;
  const m = new Float64Array(J * J);
  for (let i = 0; i < J; i++) for (let j = 0; j < J; j++) m[i * J + j] = i === j ? 0 : 1;
  for (const [actual, predicted, cost] of list) {
    if (!(cost >= 0)) throw new TrainingError(`${algorithm}: misclassification costs must be ≥ 0`, { option: "costs" });
    m[categoryIndex(algorithm, t, predicted, "costs") * J + categoryIndex(algorithm, t, actual, "costs")] = cost;
  }
  return m;
}

export interface ClassSummary {
  readonly probabilities: Float64Array;
  readonly prediction: number;
  /** Expected misclassification cost of the node's prediction, × the node's adjusted weight. */
  readonly risk: number;
  /** Σ adjusted class weights. */
  readonly adjustedWeight: number;
}

/** Probabilities, prediction (least expected cost; ties to the lower code) and risk of a node. */
export function summarizeClasses(target: ClassTarget, classWeights: Float64Array): ClassSummary {
  const J = target.classes;
  const p = new Float64Array(J);
  let A = 0;
  for (let j = 0; j < J; j++) {
    p[j] = classWeights[j]! * target.factor[j]!;
    A += p[j]!;
  }
  if (A > 0) for (let j = 0; j < J; j++) p[j] = p[j]! / A;
  let prediction = 0;
  let best = Infinity;
  for (let i = 0; i < J; i++) {
    let cost = 0;
    if (target.costs) for (let j = 0; j < J; j++) cost += target.costs[i * J + j]! * p[j]!;
    else cost = 1 - p[i]!;
    if (cost < best - 1e-12) {
      best = cost;
      prediction = i;
    }
  }
  return { probabilities: p, prediction, risk: best * A, adjustedWeight: A };
}
