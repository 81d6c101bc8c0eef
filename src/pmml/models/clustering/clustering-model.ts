/**
 * ClusteringModel.
 *
 * The record is compared with every Cluster's center vector by the ComparisonMeasure (see
 * comparison-measure.ts); the nearest (distance) or most similar (similarity) cluster wins, the
 * first one on ties. The prediction is the cluster's id (Cluster@id, else its 1-based position),
 * its display value the cluster's name. Distribution-based models are scored the same way on the
 * center vectors that approximate their clusters (PMML: "The center vectors then only approximate
 * the clusters"); a cluster without a center vector cannot be scored and is reported.
 *
 * Features: clusterId (1-based position), entityId, affinity / clusterAffinity (to the cluster
 * named by `value`, or the rank-th best), entityAffinity (to the winner).
 */
import { invalid, unsupported } from "../../errors.js";
import { parseTypedText, type Value } from "../../types/values.js";
import { booleanAttr, checkChildren, enumAttr, numberArray, numberAttr, readArray, requiredAttr, requiredChild } from "../../xml/read.js";
import { registerModel, type ModelCore, type ModelSetup } from "../compile-model.js";
import { compileMeasure, COMPARE_FUNCTIONS, readComparisons, type MeasureField } from "../comparison-measure.js";
import type { FeatureProvider, ModelState, OutputRequest } from "../model.js";

function compileClusteringModel(setup: ModelSetup): ModelCore {
  const { el, scope, functionName } = setup;
  if (functionName !== "clustering") throw invalid(`ClusteringModel@functionName="${functionName}"`, el.path);
  enumAttr(el, "modelClass", ["centerBased", "distributionBased"] as const, "centerBased");
  if (el.child("CenterFields")) throw unsupported("CenterFields (PMML 2/3 normalised center coordinates)", el.child("CenterFields")!.path);
  const measureEl = requiredChild(el, "ComparisonMeasure");
  const defaultCompare = enumAttr(measureEl, "compareFunction", COMPARE_FUNCTIONS, "absDiff");

  const centerFields = el.childrenNamed("ClusteringField").filter((cf) => {
    checkChildren(cf, ["Comparisons"]);
    return booleanAttr(cf, "isCenterField", true);
  });
  const bindings = centerFields.map((cf) => scope.resolve(requiredAttr(cf, "field"), cf));
  const fields: MeasureField[] = centerFields.map((cf, i) => {
    const compare = enumAttr(cf, "compareFunction", COMPARE_FUNCTIONS, defaultCompare);
    const b = bindings[i]!;
    const comparisons = cf.child("Comparisons");
    if (compare === "table" && !comparisons) throw invalid(`compareFunction="table" needs a Comparisons matrix`, cf.path);
    return {
      compare,
      weight: numberAttr(cf, "fieldWeight", 1),
      similarityScale: numberAttr(cf, "similarityScale"),
      table: comparisons ? readComparisons(comparisons, b.values ?? []) : undefined,
    };
  });
  const measure = compileMeasure(measureEl, fields);
  const n = fields.length;

  const mvw = el.child("MissingValueWeights");
  let q = new Float64Array(n).fill(1);
  if (mvw) {
    checkChildren(mvw, ["Array"]);
    q = Float64Array.from(numberArray(requiredChild(mvw, "Array")));
    if (q.length !== n) throw invalid(`MissingValueWeights has ${q.length} values for ${n} clustering fields`, mvw.path);
  }
  let qSum = 0;
  for (let i = 0; i < n; i++) qSum += q[i]!;

  const clusterEls = el.childrenNamed("Cluster");
  if (clusterEls.length === 0) throw invalid("ClusteringModel needs at least one Cluster", el.path);
  const clusters = clusterEls.map((c, k) => {
    checkChildren(c, ["KohonenMap", "Array", "Partition", "Covariances"]);
    const arr = c.child("Array");
    if (!arr) throw unsupported("a Cluster without a center Array", c.path, "only center vectors can be compared");
    const tokens = readArray(arr).values;
    if (tokens.length !== n) throw invalid(`Cluster center has ${tokens.length} values for ${n} center fields`, arr.path);
    const center: Value[] = tokens.map((t, i) => {
      const v = parseTypedText(t, bindings[i]!.dataType);
      if (v === undefined) throw invalid(`center value "${t}" is not a ${bindings[i]!.dataType}`, arr.path);
      return v;
    });
    const id: Value = c.attr("id") ?? String(k + 1);
    return { id, name: c.attr("name"), center };
  });
  const ids = clusters.map((c) => c.id);
  const base = setup.target(0, ids);
  const displayValues = new Map(base.displayValues);
  for (const c of clusters) if (c.name !== undefined && !displayValues.has(c.id)) displayValues.set(c.id, c.name);
  const target = { ...base, dataType: "string" as const, optype: "categorical" as const, displayValues };

  const getters = bindings.map((b) => b.get);
  const x: Value[] = new Array<Value>(n).fill(null);
  const affinities = new Float64Array(clusters.length);
  let winner = -1;
  const better = measure.smallerIsBetter ? (a: number, b: number) => a < b : (a: number, b: number) => a > b;

  const evaluate = (f: Parameters<ModelCore["evaluate"]>[0], state: ModelState): void => {
    winner = -1;
    let present = 0;
    for (let i = 0; i < n; i++) {
      const v = getters[i]!(f);
      x[i] = v;
      if (v !== null) present += q[i]!;
    }
    if (present === 0) return;
    const adjustment = qSum / present;
    for (let k = 0; k < clusters.length; k++) {
      const a = measure.compute(x, clusters[k]!.center, adjustment);
      affinities[k] = a;
      if (winner < 0 || better(a, affinities[winner]!)) winner = k;
    }
    state.values[0] = ids[winner]!;
    state.entityId = ids[winner]!;
  };

  const rankOf = (request: OutputRequest): ((k: number) => number) => {
    const order = new Int32Array(clusters.length);
    const sign = (request.rankOrder === "descending") === measure.smallerIsBetter ? 1 : -1;
    return () => {
      for (let i = 0; i < order.length; i++) order[i] = i;
      const sorted = Array.from(order).sort((a, b) => sign * (affinities[a]! - affinities[b]!) || a - b);
      return sorted[request.rank - 1] ?? -1;
    };
  };

  const features: FeatureProvider = (request) => {
    switch (request.feature) {
      case "clusterId":
        return { get: () => (winner >= 0 ? winner + 1 : null), dataType: "integer" };
      case "entityId":
        if (request.rank > 1) {
          const pick = rankOf(request);
          return { get: () => (winner >= 0 ? ids[pick(0)] ?? null : null), dataType: "string" };
        }
        return { get: () => (winner >= 0 ? ids[winner]! : null), dataType: "string" };
      case "entityAffinity":
        return { get: () => (winner >= 0 ? affinities[winner]! : null), dataType: "double" };
      case "affinity":
      case "clusterAffinity": {
        if (request.value !== undefined) {
          const k = ids.findIndex((id) => id === request.value);
          if (k < 0) throw invalid(`OutputField@value="${request.value}" is not a cluster id`, request.element.path);
          return { get: () => (winner >= 0 ? affinities[k]! : null), dataType: "double" };
        }
        if (request.rank > 1) {
          const pick = rankOf(request);
          return { get: () => (winner >= 0 ? (affinities[pick(0)] ?? null) : null), dataType: "double" };
        }
        return { get: () => (winner >= 0 ? affinities[winner]! : null), dataType: "double" };
      }
      default:
        return undefined;
    }
  };

  return { targets: [target], evaluate, features };
}

registerModel("ClusteringModel", {
  children: ["ComparisonMeasure", "ClusteringField", "MissingValueWeights", "Cluster", "CenterFields"],
  compile: compileClusteringModel,
});
