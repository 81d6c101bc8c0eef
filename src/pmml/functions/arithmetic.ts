/**
 * Arithmetic: + - * / modulo, and the multi-argument aggregations min, max, sum, avg, median,
 * product (which skip missing arguments: "Missing values in the input to an aggregate function
 * are simply ignored"; with no value left the result is missing).
 */
import type { Getter } from "../runtime/frame.js";
import type { DataType } from "../types/values.js";
import { binaryMath, narrow, numberArg, result, widestNumeric, type BuiltinFunction, type NumberGetter } from "./function.js";

const integerPreserving = (a: DataType, b: DataType): DataType => widestNumeric([a, b]);

export const arithmeticFunctions: Record<string, BuiltinFunction> = {
  "+": binaryMath((x, y) => x + y, integerPreserving),
  "-": binaryMath((x, y) => x - y, integerPreserving),
  "*": binaryMath((x, y) => x * y, integerPreserving),
  "/": binaryMath((x, y) => x / y, (a, b) => {
    const w = widestNumeric([a, b]);
    return w === "integer" ? "double" : w;
  }),
  modulo: binaryMath((x, y) => x - y * Math.floor(x / y), integerPreserving),
  min: aggregation((xs, n) => {
    let m = xs[0]!;
    for (let i = 1; i < n; i++) if (xs[i]! < m) m = xs[i]!;
    return m;
  }, "same"),
  max: aggregation((xs, n) => {
    let m = xs[0]!;
    for (let i = 1; i < n; i++) if (xs[i]! > m) m = xs[i]!;
    return m;
  }, "same"),
  sum: aggregation((xs, n) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += xs[i]!;
    return s;
  }, "same"),
  product: aggregation((xs, n) => {
    let p = 1;
    for (let i = 0; i < n; i++) p *= xs[i]!;
    return p;
  }, "same"),
  avg: aggregation((xs, n) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += xs[i]!;
    return s / n;
  }, "double"),
  median: aggregation((xs, n) => {
    const sorted = Array.from(xs.subarray(0, n)).sort((a, b) => a - b);
    const mid = n >> 1;
    return n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  }, "double"),
};

/**
 * A variadic numeric aggregation; `kind` says whether the result keeps the arguments' type
 * (min, max, sum, product) or is a double (avg, median).
 */
function aggregation(reduce: (xs: Float64Array, n: number) => number, kind: "same" | "double"): BuiltinFunction {
  return {
    minArgs: 1,
    maxArgs: Infinity,
    compile(args, el) {
      const getters: NumberGetter[] = args.map((a) => numberArg(a, el));
      const dt = kind === "double" ? widestNumeric(args.map((a) => a.dataType), "double") : widestNumeric(args.map((a) => a.dataType));
      const round = narrow(dt);
      // One scratch buffer per Apply element: no allocation per row.
      const scratch = new Float64Array(getters.length);
      const get: Getter = (f) => {
        let n = 0;
        for (let i = 0; i < getters.length; i++) {
          const v = getters[i]!(f);
          if (v !== null) scratch[n++] = v;
        }
        if (n === 0) return null;
        const r = reduce(scratch, n);
        return round ? round(r) : r;
      };
      return result(get, dt);
    },
  };
}
