/**
 * ComparisonMeasure: distances and similarities between a record and a reference point (a cluster
 * centre, a training instance), shared by ClusteringModel and NearestNeighborModel.
 *
 * Distances (euclidean, squaredEuclidean, chebychev, cityBlock, minkowski) combine per-field
 * comparisons c_i = compareFunction(x_i, y_i) as (Σ w_i·c_i^p · adjustment)^(1/p), or the largest
 * w_i·c_i (chebychev). Missing inputs are left out and `adjustment` = Σq_i / Σ_{non-missing} q_i
 * rescales for them (q_i: MissingValueWeights, default 1). Similarities (simpleMatching, jaccard,
 * tanimoto, binarySimilarity) count the 0/1 agreements a11, a10, a01, a00 between the two points.
 * Compare functions: absDiff |x−y|, gaussSim exp(−ln2·(x−y)²/s²), delta (0 if equal, else 1),
 * equal (1 if equal, else 0), table (a value from the field's Comparisons matrix).
 */
import { invalid, unsupported } from "../errors.js";
import { compareValues, type Value } from "../types/values.js";
import { checkChildren, enumAttr, numberArray, requiredNumberAttr } from "../xml/read.js";
import type { XmlElement } from "../xml/xml-element.js";
import type { CoordinateDistance } from "./nearest-neighbor/kd-tree.js";

export const COMPARE_FUNCTIONS = ["absDiff", "gaussSim", "delta", "equal", "table"] as const;
export type CompareFunction = (typeof COMPARE_FUNCTIONS)[number];

const DISTANCES = ["euclidean", "squaredEuclidean", "chebychev", "cityBlock", "minkowski"];
const SIMILARITIES = ["simpleMatching", "jaccard", "tanimoto", "binarySimilarity"];

export interface MeasureField {
  readonly compare: CompareFunction;
  readonly weight: number;
  readonly similarityScale?: number;
  /** For compareFunction="table": the matrix and the index of each value in it. */
  readonly table?: { readonly matrix: number[][]; readonly index: ReadonlyMap<Value, number> };
}

export interface Measure {
  readonly kind: "distance" | "similarity";
  /** Compares x (record, null = missing) with y (reference); `adjustment` as described above. */
  compute(x: readonly Value[], y: readonly Value[], adjustment: number): number;
  /** True when a smaller value is a better match. */
  readonly smallerIsBetter: boolean;
  /**
   * Set when, over complete numeric records, `compute` is a coordinate distance a k-d tree can
   * search (`nearest-neighbor/kd-tree.ts`): kind distance, euclidean, squaredEuclidean, cityBlock
   * or minkowski with p 1 or 2, absDiff on every field, every weight positive.
   */
  readonly coordinates?: CoordinateDistance;
}

export function readMeasureElement(el: XmlElement): { kind: "distance" | "similarity"; measure: XmlElement; compare: CompareFunction } {
  checkChildren(el, [...DISTANCES, ...SIMILARITIES]);
  const kind = enumAttr(el, "kind", ["distance", "similarity"] as const, "distance");
  if (el.attr("kind") === undefined) throw invalid("ComparisonMeasure needs a kind", el.path);
  const measure = el.contentChildren[0];
  if (!measure) throw invalid("ComparisonMeasure needs a measure element", el.path);
  const compare = enumAttr(el, "compareFunction", COMPARE_FUNCTIONS, "absDiff");
  return { kind, measure, compare };
}

function compareOne(field: MeasureField, x: Value, y: Value): number {
  switch (field.compare) {
    case "absDiff":
      return Math.abs((x as number) - (y as number));
    case "gaussSim": {
      const d = (x as number) - (y as number);
      const s = field.similarityScale!;
      return Math.exp((-Math.LN2 * d * d) / (s * s));
    }
    case "delta":
      return x === y || compareValues(x!, y!) === 0 ? 0 : 1;
    case "equal":
      return x === y || compareValues(x!, y!) === 0 ? 1 : 0;
    case "table": {
      const t = field.table!;
      const i = t.index.get(x);
      const j = t.index.get(y);
      if (i === undefined || j === undefined) return NaN;
      return t.matrix[i]?.[j] ?? NaN;
    }
  }
}

export function compileMeasure(el: XmlElement, fields: readonly MeasureField[]): Measure {
  const { kind, measure } = readMeasureElement(el);
  const n = fields.length;
  for (const f of fields) {
    if (f.compare === "gaussSim" && f.similarityScale === undefined) throw invalid("compareFunction gaussSim needs a similarityScale", el.path);
  }
  if (DISTANCES.includes(measure.name)) {
    const name = measure.name;
    const p = name === "minkowski" ? requiredNumberAttr(measure, "p-parameter") : name === "cityBlock" || name === "chebychev" ? 1 : 2;
    if (p < 0) throw invalid(`minkowski@p-parameter must not be negative`, measure.path);
    const outer = name === "squaredEuclidean" ? 1 : p;
    const chebychev = name === "chebychev";
    // minkowski with p 1 or 2 takes the same arithmetic path as cityBlock or euclidean below.
    const metric = chebychev ? undefined : p === 1 ? "cityBlock" : p === 2 ? (outer === 1 ? "squaredEuclidean" : "euclidean") : undefined;
    const weights = Float64Array.from(fields, (f) => f.weight);
    const indexable = kind === "distance" && metric !== undefined && fields.every((f) => f.compare === "absDiff") && weights.every((w) => w > 0 && w < Infinity);
    return {
      kind,
      smallerIsBetter: kind === "distance",
      coordinates: indexable ? { metric, weights } : undefined,
      compute(x, y, adjustment) {
        let acc = 0;
        for (let i = 0; i < n; i++) {
          const xi = x[i]!;
          if (xi === null) continue;
          const f = fields[i]!;
          const c = compareOne(f, xi, y[i]!);
          const term = f.weight * (p === 1 ? c : p === 2 ? c * c : Math.pow(c, p));
          if (chebychev) {
            if (term > acc) acc = term;
          } else acc += term;
        }
        if (chebychev) return acc * adjustment;
        const adjusted = acc * adjustment;
        return outer === 1 ? adjusted : outer === 2 ? Math.sqrt(adjusted) : Math.pow(adjusted, 1 / outer);
      },
    };
  }
  if (SIMILARITIES.includes(measure.name)) {
    const name = measure.name;
    let c = [0, 0, 0, 0];
    let d = [0, 0, 0, 0];
    if (name === "binarySimilarity") {
      c = ["c00-parameter", "c01-parameter", "c10-parameter", "c11-parameter"].map((a) => requiredNumberAttr(measure, a));
      d = ["d00-parameter", "d01-parameter", "d10-parameter", "d11-parameter"].map((a) => requiredNumberAttr(measure, a));
    }
    const bit = (v: Value): number => {
      if (v === true || v === 1 || v === "1" || v === "true") return 1;
      if (v === false || v === 0 || v === "0" || v === "false") return 0;
      return NaN;
    };
    return {
      kind,
      smallerIsBetter: kind === "distance",
      compute(x, y) {
        let a11 = 0;
        let a10 = 0;
        let a01 = 0;
        let a00 = 0;
        for (let i = 0; i < n; i++) {
          const bx = bit(x[i]!);
          const by = bit(y[i]!);
          if (Number.isNaN(bx) || Number.isNaN(by)) return NaN;
          if (bx === 1) {
            if (by === 1) a11++;
            else a10++;
          } else if (by === 1) a01++;
          else a00++;
        }
        switch (name) {
          case "simpleMatching":
            return (a11 + a00) / (a11 + a10 + a01 + a00);
          case "jaccard":
            return a11 / (a11 + a10 + a01);
          case "tanimoto":
            return (a11 + a00) / (a11 + 2 * (a10 + a01) + a00);
          default:
            return (c[3]! * a11 + c[2]! * a10 + c[1]! * a01 + c[0]! * a00) / (d[3]! * a11 + d[2]! * a10 + d[1]! * a01 + d[0]! * a00);
        }
      },
    };
  }
  throw unsupported(`comparison measure ${measure.name}`, measure.path);
}

/** The Comparisons matrix of a field (compareFunction="table"), indexed by the field's values in order. */
export function readComparisons(el: XmlElement, values: readonly Value[]): MeasureField["table"] {
  checkChildren(el, ["Matrix"]);
  const matrixEl = el.child("Matrix");
  if (!matrixEl) throw invalid("Comparisons needs a Matrix", el.path);
  checkChildren(matrixEl, ["Array", "MatCell"]);
  const n = values.length;
  const kind = enumAttr(matrixEl, "kind", ["diagonal", "symmetric", "any"] as const, "any");
  const off = Number(matrixEl.attr("offDiagDefault") ?? NaN);
  const diag = Number(matrixEl.attr("diagDefault") ?? NaN);
  const matrix = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? diag : off)));
  const rows = matrixEl.childrenNamed("Array").map((a) => numberArray(a));
  rows.forEach((row, i) => {
    row.forEach((v, j) => {
      if (kind === "diagonal") matrix[j]![j] = v;
      else if (kind === "symmetric") {
        matrix[i]![j] = v;
        matrix[j]![i] = v;
      } else matrix[i]![j] = v;
    });
  });
  for (const cellEl of matrixEl.childrenNamed("MatCell")) {
    const r = requiredNumberAttr(cellEl, "row") - 1;
    const c = requiredNumberAttr(cellEl, "col") - 1;
    const v = Number(cellEl.text.trim());
    if (matrix[r] === undefined || c < 0 || c >= n) throw invalid("MatCell outside the matrix", cellEl.path);
    matrix[r]![c] = v;
    if (kind === "symmetric") matrix[c]![r] = v;
  }
  return { matrix, index: new Map(values.map((v, i) => [v, i])) };
}
