/**
 * The fast path for ensembles of plain trees (random forests, gradient boosting): when every
 * segment is an always-true TreeModel that exposes its walk (see LeafWalker), the ensemble walks
 * each tree to its leaf and combines precomputed leaf payloads — a class index, a score, or a
 * probability row aligned with the ensemble's categories — instead of scoring every segment as a
 * model of its own. The results are the same as the general path's (segment-aggregation.ts),
 * including the tie rule of votes, float32 sums and the missing prediction treatments.
 *
 * When no tree has a generic predicate (the usual numeric splits), the trees are walked a block
 * of rows at a time, one tree after the other, and each row then combines its leaves: a tree's
 * nodes stay in cache across the block instead of 100 trees competing for it on every row.
 */
import type { Frame } from "../../runtime/frame.js";
import type { Value } from "../../types/values.js";
import { WALK_FAILED as IMPORTED_WALK_FAILED, type CompiledModel, type LeafWalker, type ModelState, type TargetInfo } from "../model.js";

// A module constant, not an imported binding, in the hot loops.
const WALK_FAILED = IMPORTED_WALK_FAILED;
/** Rows walked per tree at a time when every tree can walk blocks. */
const BLOCK = 512;

export interface EnsembleSegment {
  readonly model: CompiledModel;
  readonly weight: number;
  readonly alwaysTrue: boolean;
  readonly variableWeight?: unknown;
}

export interface EnsembleOptions {
  readonly method: string;
  readonly functionName: string;
  readonly target: TargetInfo;
  readonly float: boolean;
  /** A float sum's seed (the learner's base score). */
  readonly start: number;
  readonly missingTreatment: "returnMissing" | "skipSegment" | "continue";
  readonly missingThreshold: number;
}

const REGRESSION = new Set(["sum", "weightedSum", "average", "weightedAverage"]);
const CLASSIFICATION = new Set(["majorityVote", "weightedMajorityVote", "average", "weightedAverage"]);

export function compileTreeEnsemble(segments: readonly EnsembleSegment[], o: EnsembleOptions): ((f: Frame, state: ModelState) => void) | undefined {
  if (segments.some((s) => !s.alwaysTrue || s.variableWeight !== undefined || !s.model.leafWalker)) return undefined;
  const walkers = segments.map((s) => s.model.leafWalker!);
  const weights = Float64Array.from(segments, (s) => s.weight);
  const n = walkers.length;
  if (o.functionName === "regression" && REGRESSION.has(o.method)) return regression(walkers, weights, n, o);
  if (o.functionName === "classification" && CLASSIFICATION.has(o.method)) return classification(walkers, weights, n, o);
  return undefined;
}

/**
 * The leaves of every tree for the frame's row: `load(f)` returns the row's position i in the
 * block, and tree t's leaf is `leaves[t * BLOCK + i]` (WALK_FAILED: walk that row to report why).
 */
interface LeafReader {
  readonly leaves: Int32Array;
  load(f: Frame): number;
}

function leafReader(walkers: readonly LeafWalker[]): LeafReader {
  const n = walkers.length;
  const leaves = new Int32Array(n * BLOCK);
  if (walkers.some((w) => !w.walkBlock)) {
    return {
      leaves,
      load: (f) => {
        for (let t = 0; t < n; t++) leaves[t * BLOCK] = walkers[t]!.walk(f);
        return 0;
      },
    };
  }
  const blocks = walkers.map((w) => w.walkBlock!);
  let batch = -1;
  let start = 0;
  let end = 0;
  return {
    leaves,
    load: (f) => {
      const row = f.row;
      if (f.batch !== batch || row < start || row >= end) {
        batch = f.batch;
        start = row;
        end = Math.min(f.length, row + BLOCK);
        for (let t = 0; t < n; t++) blocks[t]!(f, start, end, leaves, t * BLOCK);
      }
      return row - start;
    },
  };
}

function regression(walkers: LeafWalker[], weights: Float64Array, n: number, o: EnsembleOptions): (f: Frame, state: ModelState) => void {
  const leafValues = walkers.map((w) => Float64Array.from(w.nodes, (node) => (typeof node.score === "number" ? node.score : NaN)));
  const weighted = o.method === "weightedSum" || o.method === "weightedAverage";
  const averaged = o.method === "average" || o.method === "weightedAverage";
  const r = o.float ? Math.fround : (x: number) => x;
  const { missingTreatment, missingThreshold } = o;
  const start = r(o.method === "sum" ? o.start : 0);
  const reader = leafReader(walkers);
  const leaves = reader.leaves;
  return (f, state) => {
    const at = reader.load(f);
    let sum = start;
    let weightSum = 0;
    let count = 0;
    let missingWeight = 0;
    let total = 0;
    for (let t = 0; t < n; t++) {
      let leaf = leaves[t * BLOCK + at]!;
      if (leaf === WALK_FAILED) leaf = walkers[t]!.walk(f);
      const v = leaf < 0 ? NaN : leafValues[t]![leaf]!;
      const w = weights[t]!;
      total += w;
      if (v !== v) {
        if (missingTreatment !== "skipSegment") return;
        missingWeight += w;
        continue;
      }
      sum = weighted ? r(sum + r(w * v)) : r(sum + v);
      weightSum = r(weightSum + w);
      count++;
    }
    if (count === 0 || (total > 0 && missingWeight / total > missingThreshold)) return;
    state.values[0] = averaged ? r(sum / (weighted ? weightSum : count)) : sum;
  };
}

function classification(walkers: LeafWalker[], weights: Float64Array, n: number, o: EnsembleOptions): (f: Frame, state: ModelState) => void {
  const categories = o.target.categories;
  const k = categories.length;
  const index = new Map<Value, number>(categories.map((c, i) => [c, i]));
  const { missingTreatment, missingThreshold } = o;
  // Per tree and leaf: the class it predicts (as the general path would read it), and its
  // probabilities in the ensemble's category order.
  const leafClass = walkers.map((w) =>
    Int32Array.from(w.nodes, (node) => {
      if (node.hasScore) return index.get(node.score) ?? -1;
      const p = node.probabilities;
      if (!p) return -1;
      let best = 0;
      for (let i = 1; i < p.length; i++) if (p[i]! > p[best]!) best = i;
      return index.get(w.categories[best]!) ?? -1;
    }),
  );
  const leafRows = walkers.map((w, t) =>
    w.nodes.map((node, leaf) => {
      const row = new Float64Array(k);
      const p = node.probabilities;
      if (p) {
        w.categories.forEach((c, j) => {
          const i = index.get(c);
          if (i !== undefined) row[i] = p[j]!;
        });
      } else if (leafClass[t]![leaf]! >= 0) row[leafClass[t]![leaf]!] = 1;
      return row;
    }),
  );
  const votes = new Float64Array(k);
  const firstSeen = new Int32Array(k);
  const voting = o.method === "majorityVote" || o.method === "weightedMajorityVote";
  const weighted = o.method === "weightedMajorityVote" || o.method === "weightedAverage";
  const reader = leafReader(walkers);
  const leaves = reader.leaves;
  return (f, state) => {
    const at = reader.load(f);
    votes.fill(0);
    firstSeen.fill(0);
    let order = 0;
    let total = 0;
    let missingWeight = 0;
    let missingVotes = 0;
    let counted = 0;
    let weightSum = 0;
    for (let t = 0; t < n; t++) {
      let leaf = leaves[t * BLOCK + at]!;
      if (leaf === WALK_FAILED) leaf = walkers[t]!.walk(f);
      const c = leaf < 0 ? -1 : leafClass[t]![leaf]!;
      const w = weights[t]!;
      total += w;
      if (c < 0) {
        if (missingTreatment === "returnMissing") return;
        if (missingTreatment === "skipSegment") {
          missingWeight += w;
          continue;
        }
        if (!voting) return;
        missingVotes += weighted ? w : 1;
        continue;
      }
      const vw = weighted ? w : 1;
      if (voting) {
        if (votes[c] === 0) firstSeen[c] = ++order;
        votes[c] = votes[c]! + vw;
      } else {
        const row = leafRows[t]![leaf]!;
        for (let i = 0; i < k; i++) votes[i] = votes[i]! + vw * row[i]!;
      }
      weightSum += vw;
      counted++;
    }
    if (counted === 0 || (total > 0 && missingWeight / total > missingThreshold)) return;
    let best = -1;
    for (let i = 0; i < k; i++) {
      if (voting && votes[i] === 0) continue;
      if (best < 0 || votes[i]! > votes[best]! || (voting && votes[i] === votes[best] && firstSeen[i]! < firstSeen[best]!)) best = i;
    }
    if (best < 0 || (voting && missingVotes > votes[best]!)) return;
    const probs = state.probabilities[0]!;
    for (let i = 0; i < k; i++) probs[i] = votes[i]! / weightSum;
    state.hasProbabilities[0] = true;
    state.values[0] = categories[best]!;
  };
}
