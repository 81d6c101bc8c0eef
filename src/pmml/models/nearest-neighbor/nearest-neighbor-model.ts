/**
 * NearestNeighborModel (k-NN).
 *
 * The record is compared with every training instance over the KNNInputs by the
 * ComparisonMeasure; instances are ranked nearest first (ties keep training order) and the first
 * numberOfNeighbors decide each target:
 * - continuous targets: average, weightedAverage (weights 1/(distance + threshold)) or median;
 * - categorical targets: majorityVote or weightedMajorityVote; a tie goes to the category with
 *   more training instances, then to the smallest value (PMML's rule).
 * Clustering models have no target; their results are the neighbours' ids. Features: entityId
 * and affinity with rank (the rank-th nearest instance's id and distance), entityAffinity.
 *
 * Large training sets: when the measure is a coordinate distance (`Measure.coordinates`), every
 * training input is a finite number and the record's inputs are all present and finite, only the
 * nearest instances the model and its outputs read are found, through a k-d tree built on the
 * first such record (`kd-tree.ts`); it ranks and measures exactly as the full scan does. Records
 * with a missing input (whose distance is over fewer fields), other measures and outputs that
 * need the whole ranking (ascending ranks, the affinity to a named instance) scan every instance.
 */
import { invalid, unsupported } from "../../errors.js";
import { compareValues, type Value } from "../../types/values.js";
import { enumAttr, integerAttr, numberAttr, requiredAttr, requiredChild, checkChildren } from "../../xml/read.js";
import { registerModel, type ModelCore, type ModelSetup } from "../compile-model.js";
import { compileMeasure, COMPARE_FUNCTIONS, type MeasureField } from "../comparison-measure.js";
import type { FeatureProvider, ModelState, TargetInfo } from "../model.js";
import { INDEX_MIN_ROWS, KdTree } from "./kd-tree.js";
import { readTrainingInstances } from "./training-instances.js";

function compileNearestNeighbor(setup: ModelSetup): ModelCore {
  const { el, scope, ctx, functionName } = setup;
  const k = integerAttr(el, "numberOfNeighbors");
  if (k === undefined || k < 1) throw invalid("NearestNeighborModel needs a positive numberOfNeighbors", el.path);
  const continuousMethod = enumAttr(el, "continuousScoringMethod", ["average", "weightedAverage", "median"] as const, "average");
  const categoricalMethod = enumAttr(el, "categoricalScoringMethod", ["majorityVote", "weightedMajorityVote"] as const, "majorityVote");
  const threshold = numberAttr(el, "threshold", 0.001);
  const measureEl = requiredChild(el, "ComparisonMeasure");
  const defaultCompare = enumAttr(measureEl, "compareFunction", COMPARE_FUNCTIONS, "absDiff");

  const inputsEl = requiredChild(el, "KNNInputs");
  checkChildren(inputsEl, ["KNNInput"]);
  const knnInputs = inputsEl.childrenNamed("KNNInput");
  const bindings = knnInputs.map((i) => scope.resolve(requiredAttr(i, "field"), i));
  const fields: MeasureField[] = knnInputs.map((i) => ({
    compare: enumAttr(i, "compareFunction", COMPARE_FUNCTIONS, defaultCompare),
    weight: numberAttr(i, "fieldWeight", 1),
  }));
  if (fields.some((f) => f.compare === "table" || f.compare === "gaussSim")) {
    throw unsupported(`KNNInput@compareFunction table/gaussSim`, inputsEl.path, "k-NN inputs carry no similarity scale or comparison matrix");
  }
  const measure = compileMeasure(measureEl, fields);

  const clustering = functionName === "clustering";
  const targetNames = clustering ? [] : setup.targetNames;
  if (!clustering && targetNames.some((t) => t === null)) throw invalid("a k-NN model needs target fields", el.path);
  const types = targetNames.map((_, i) => setup.targetType(i));
  const idVariable = el.attr("instanceIdVariable");
  if (clustering && idVariable === undefined) throw invalid("a clustering k-NN model needs an instanceIdVariable", el.path);
  const training = readTrainingInstances(
    requiredChild(el, "TrainingInstances"),
    ctx.layout,
    bindings,
    targetNames.map((name, i) => ({ name, dataType: types[i]!.dataType })),
    idVariable,
  );
  if (training.rows < k) throw invalid(`numberOfNeighbors=${k} but only ${training.rows} training instances`, el.path);

  const targets: TargetInfo[] = [];
  const scorers = targetNames.map((_, t) => {
    const continuous = types[t]!.optype === "continuous" || functionName === "regression";
    const column = training.targets[t]!;
    if (continuous) {
      targets.push(setup.target(t));
      return { continuous: true as const, column };
    }
    const own: Value[] = [];
    for (const v of column) if (v !== null && !own.includes(v)) own.push(v);
    const info = setup.target(t, own);
    targets.push(info);
    const totals = new Map<Value, number>();
    for (const v of column) if (v !== null) totals.set(v, (totals.get(v) ?? 0) + 1);
    return { continuous: false as const, column, totals };
  });

  const n = training.rows;
  const p = bindings.length;
  const x: Value[] = new Array<Value>(p).fill(null);
  // The last record's ranking: instance indices nearest first and their distances. A scan ranks
  // all n instances (and `distances` holds every instance's); the tree only the `wanted` nearest.
  const distances = new Float64Array(n);
  let order: ArrayLike<number> = [];
  let orderDistances: ArrayLike<number> = [];
  let scored = false;
  const better = measure.smallerIsBetter ? 1 : -1;

  // How deep into the ranking anything reads (the outputs raise it at load time), and whether an
  // output needs the whole ranking.
  let wanted = k;
  let wholeRanking = false;
  // undefined: not built yet; null: the instances cannot be indexed.
  let tree: KdTree | null | undefined = n >= INDEX_MIN_ROWS && measure.coordinates ? undefined : null;
  const xq = new Float64Array(p);
  let nearIndex = new Int32Array(0);
  let nearDistances = new Float64Array(0);
  const byRank = new Float64Array(n);

  const buildTree = (): KdTree | null => {
    const matrix = new Float64Array(n * p);
    for (let r = 0; r < n; r++) {
      const row = training.inputs[r]!;
      for (let j = 0; j < p; j++) {
        const v = row[j];
        if (typeof v !== "number") return null;
        matrix[r * p + j] = v;
      }
    }
    return KdTree.over(matrix, n, p, measure.coordinates!) ?? null;
  };

  /** Ranks the `wanted` nearest through the tree; false when this record or model cannot use it. */
  const rankByTree = (): boolean => {
    // Past a quarter of the instances a search visits most of the tree: scanning is as fast.
    if (tree === null || wholeRanking || wanted * 4 > n) return false;
    for (let j = 0; j < p; j++) {
      const v = x[j];
      if (typeof v !== "number" || !Number.isFinite(v)) return false;
      xq[j] = v;
    }
    if (tree === undefined) tree = buildTree();
    if (tree === null) return false;
    if (nearIndex.length !== wanted) {
      nearIndex = new Int32Array(wanted);
      nearDistances = new Float64Array(wanted);
    }
    tree.kNearest(xq, 0, wanted, nearIndex, nearDistances);
    order = nearIndex;
    orderDistances = nearDistances;
    return true;
  };

  const evaluate = (f: Parameters<ModelCore["evaluate"]>[0], state: ModelState): void => {
    scored = false;
    let present = 0;
    for (let i = 0; i < p; i++) {
      const v = bindings[i]!.get(f);
      x[i] = v;
      if (v !== null) present++;
    }
    if (present === 0) return;
    if (!rankByTree()) {
      const adjustment = p / present;
      for (let r = 0; r < n; r++) distances[r] = measure.compute(x, training.inputs[r]!, adjustment);
      const ranked = Array.from({ length: n }, (_, r) => r).sort((a, b) => better * (distances[a]! - distances[b]!) || a - b);
      for (let i = 0; i < n; i++) byRank[i] = distances[ranked[i]!]!;
      order = ranked;
      orderDistances = byRank;
    }
    scored = true;
    scorers.forEach((s, t) => {
      if (s.continuous) state.values[t] = continuousScore(s.column);
      else state.values[t] = categoricalScore(s.column, s.totals);
    });
  };

  /** The weight of the i-th nearest instance. */
  const weight = (i: number): number => 1 / (orderDistances[i]! + threshold);

  const continuousScore = (column: Value[]): Value => {
    const vals: number[] = [];
    let sum = 0;
    let weights = 0;
    for (let i = 0; i < k; i++) {
      const r = order[i]!;
      const v = column[r];
      if (typeof v !== "number") return null;
      vals.push(v);
      const w = continuousMethod === "weightedAverage" ? weight(i) : 1;
      sum += w * v;
      weights += w;
    }
    if (continuousMethod === "median") {
      vals.sort((a, b) => a - b);
      const mid = vals.length >> 1;
      return vals.length % 2 ? vals[mid]! : (vals[mid - 1]! + vals[mid]!) / 2;
    }
    return sum / weights;
  };

  const categoricalScore = (column: Value[], totals: Map<Value, number>): Value => {
    const votes = new Map<Exclude<Value, null>, number>();
    for (let i = 0; i < k; i++) {
      const r = order[i]!;
      const v = column[r];
      if (v === null || v === undefined) return null;
      votes.set(v, (votes.get(v) ?? 0) + (categoricalMethod === "weightedMajorityVote" ? weight(i) : 1));
    }
    let best: Exclude<Value, null> | null = null;
    for (const [v, count] of votes) {
      if (best === null) {
        best = v;
        continue;
      }
      const bestCount = votes.get(best)!;
      if (count > bestCount) best = v;
      else if (count === bestCount) {
        // "the category with the largest number of cases in the training data is the winner";
        // then "the smallest data value (in lexical order)".
        const a = totals.get(v) ?? 0;
        const b = totals.get(best) ?? 0;
        if (a > b || (a === b && compareValues(v, best) < 0)) best = v;
      }
    }
    return best;
  };

  const features: FeatureProvider = (request) => {
    // Rank 1 is the nearest (descending, the default) or the farthest (ascending) instance.
    const ascending = request.rankOrder === "ascending";
    const position = (rank: number): number => (ascending ? n - rank : rank - 1);
    const rank = request.rank;
    const needs = (): void => {
      if (ascending) wholeRanking = true;
      else wanted = Math.max(wanted, Math.min(rank, n));
    };
    switch (request.feature) {
      case "entityId":
        needs();
        return { get: () => (scored && rank <= n ? training.ids[order[position(rank)]!]! : null), dataType: "string" };
      case "affinity":
      case "entityAffinity":
        if (request.value !== undefined) {
          const r = training.ids.indexOf(request.value);
          if (r < 0) throw invalid(`OutputField@value="${request.value}" is not a training instance id`, request.element.path);
          // Any instance's distance: only a scan computes them all.
          wholeRanking = true;
          return { get: () => (scored ? distances[r]! : null), dataType: "double" };
        }
        needs();
        return { get: () => (scored && rank <= n ? orderDistances[position(rank)]! : null), dataType: "double" };
      default:
        return undefined;
    }
  };

  if (clustering) {
    const synthetic = { ...setup.target(0), dataType: "string" as const, optype: "categorical" as const };
    return {
      targets: [synthetic],
      evaluate: (f, state) => {
        evaluate(f, state);
        if (scored) state.values[0] = training.ids[order[0]!]!;
      },
      features,
    };
  }
  return { targets, evaluate, features };
}

registerModel("NearestNeighborModel", {
  children: ["TrainingInstances", "ComparisonMeasure", "KNNInputs"],
  compile: compileNearestNeighbor,
});
