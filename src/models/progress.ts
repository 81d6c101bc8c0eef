/**
 * What every trainer accepts besides its own options: a progress callback and an
 * `AbortSignal`. Trainers call `checkpoint()` between units of work (a tree node, a fold,
 * a boosting trial), so cancellation takes effect within one node's split search.
 */
import { CancelledError } from "../errors.js";

export interface TrainingProgress {
  /** What is being done, e.g. `"growing"`, `"pruning"`, `"fold 3/10"`, `"tree 4/10"`. */
  readonly stage: string;
  /** Units done and expected (nodes, folds, trees); `total` may be an estimate. */
  readonly done: number;
  readonly total: number;
}

export interface TrainingControl {
  readonly onProgress?: (p: TrainingProgress) => void;
  readonly signal?: AbortSignal;
}

/** Throws `CancelledError` when the signal has fired; otherwise reports progress if asked. */
export function checkpoint(control: TrainingControl | undefined, progress?: TrainingProgress): void {
  if (control?.signal?.aborted) throw new CancelledError("model training was cancelled");
  if (progress && control?.onProgress) control.onProgress(progress);
}
