/**
 * Stopping rules the tree builders share, named as Modeler's scripting properties
 * (`use_percentage`, `min_parent_records_pc`, ... , `max_depth`), and the option checks that
 * turn a bad value into an error naming the property.
 */
import { TrainingError, UnsupportedTrainingOptionError } from "../errors.js";

export interface StoppingOptions {
  /** Deepest level below the root that may be split into (root = 0). */
  max_depth?: number;
  /** Give minimum node sizes as a percentage of the training weight (true) or as counts. */
  use_percentage?: boolean;
  min_parent_records_pc?: number;
  min_child_records_pc?: number;
  min_parent_records_abs?: number;
  min_child_records_abs?: number;
}

export interface StoppingRules {
  readonly maxDepth: number;
  /** Smallest weight a node must have to be split. */
  readonly minParent: number;
  /** Smallest weight each child of a split must have. */
  readonly minChild: number;
}

export const STOPPING_DEFAULTS = {
  use_percentage: true,
  min_parent_records_pc: 2,
  min_child_records_pc: 1,
  min_parent_records_abs: 100,
  min_child_records_abs: 50,
} as const;

export function resolveStopping(algorithm: string, o: StoppingOptions, totalWeight: number, defaultDepth: number): StoppingRules {
  const maxDepth = o.max_depth ?? defaultDepth;
  positiveInteger(algorithm, "max_depth", maxDepth, 0);
  const pc = o.use_percentage ?? STOPPING_DEFAULTS.use_percentage;
  let minParent: number;
  let minChild: number;
  if (pc) {
    const p = o.min_parent_records_pc ?? STOPPING_DEFAULTS.min_parent_records_pc;
    const c = o.min_child_records_pc ?? STOPPING_DEFAULTS.min_child_records_pc;
    percentage(algorithm, "min_parent_records_pc", p);
    percentage(algorithm, "min_child_records_pc", c);
    minParent = (p / 100) * totalWeight;
    minChild = (c / 100) * totalWeight;
  } else {
    minParent = o.min_parent_records_abs ?? STOPPING_DEFAULTS.min_parent_records_abs;
    minChild = o.min_child_records_abs ?? STOPPING_DEFAULTS.min_child_records_abs;
    positiveInteger(algorithm, "min_parent_records_abs", minParent, 1);
    positiveInteger(algorithm, "min_child_records_abs", minChild, 1);
  }
  if (minChild * 2 > minParent && minParent > 0) {
    // Modeler requires the parent minimum to exceed the child minimum; twice is what any split needs.
    minParent = Math.max(minParent, minChild * 2);
  }
  return { maxDepth, minParent, minChild };
}

export function positiveInteger(algorithm: string, name: string, v: number, min: number): void {
  if (!Number.isInteger(v) || v < min) throw new TrainingError(`${algorithm}: ${name} must be an integer ≥ ${min}, not ${v}`, { option: name });
}

export function percentage(algorithm: string, name: string, v: number): void {
  if (!(v >= 0 && v <= 100)) throw new TrainingError(`${algorithm}: ${name} must be a percentage between 0 and 100, not ${v}`, { option: name });
}

export function probability(algorithm: string, name: string, v: number, openLow = true): void {
  if (!(v < 1 && (openLow ? v > 0 : v >= 0))) throw new TrainingError(`${algorithm}: ${name} must be between 0 and 1, not ${v}`, { option: name });
}

export function oneOf<T extends string>(algorithm: string, name: string, v: T | undefined, allowed: readonly T[], fallback: T): T {
  const value = v ?? fallback;
  if (!allowed.includes(value)) throw new TrainingError(`${algorithm}: ${name} must be one of ${allowed.join(", ")}, not "${String(value)}"`, { option: name });
  return value;
}

/** Modeler's ensemble objectives are not provided: only `Standard` trains. */
export function requireStandardObjective(algorithm: string, objective: string | undefined): void {
  if (objective !== undefined && objective !== "Standard") {
    throw new UnsupportedTrainingOptionError(algorithm, `objective=${objective}`, "only the Standard objective (one tree) is implemented; use Random Trees for bagging-style ensembles");
  }
}

/** Options that select Modeler's interactive tree builder, which a batch run cannot open. */
export function requireBatchBuild(algorithm: string, o: { model_output_type?: string; use_tree_directives?: boolean }): void {
  if (o.model_output_type !== undefined && o.model_output_type !== "Single") {
    throw new UnsupportedTrainingOptionError(algorithm, `model_output_type=${o.model_output_type}`, "the interactive tree builder needs Modeler's user interface; use Single");
  }
  if (o.use_tree_directives) throw new UnsupportedTrainingOptionError(algorithm, "use_tree_directives", "tree directives (scripted interactive growing) are not implemented");
}
