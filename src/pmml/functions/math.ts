/**
 * Mathematical functions: log10 ln sqrt abs exp pow threshold floor ceil round rint expm1 ln1p
 * hypot, the trigonometric family, and the normal-distribution functions of PMML 4.4.
 */
import { erf, normalCdf, normalIdf, normalPdf, stdNormalCdf, stdNormalIdf, stdNormalPdf } from "../math/normal-distribution.js";
import type { Getter } from "../runtime/frame.js";
import type { DataType } from "../types/values.js";
import { binaryMath, numberArg, result, unaryMath, widestNumeric, type BuiltinFunction } from "./function.js";

const sameNumeric = (dt: DataType): DataType => widestNumeric([dt]);
const toInteger = (): DataType => "integer";

/** Round half to even (IEEE rint), as opposed to `round`, which rounds halves up (Java Math.round). */
function rint(x: number): number {
  if (!Number.isFinite(x)) return x;
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function ternary(fn: (x: number, a: number, b: number) => number): BuiltinFunction {
  return {
    minArgs: 3,
    maxArgs: 3,
    compile(args, el) {
      const [x, a, b] = args.map((arg) => numberArg(arg, el)) as [ReturnType<typeof numberArg>, ReturnType<typeof numberArg>, ReturnType<typeof numberArg>];
      const get: Getter = (f) => {
        const vx = x(f);
        if (vx === null) return null;
        const va = a(f);
        if (va === null) return null;
        const vb = b(f);
        if (vb === null) return null;
        return fn(vx, va, vb);
      };
      return result(get, "double");
    },
  };
}

export const mathFunctions: Record<string, BuiltinFunction> = {
  log10: unaryMath(Math.log10),
  ln: unaryMath(Math.log),
  sqrt: unaryMath(Math.sqrt),
  exp: unaryMath(Math.exp),
  expm1: unaryMath(Math.expm1),
  ln1p: unaryMath(Math.log1p),
  abs: unaryMath(Math.abs, sameNumeric),
  floor: unaryMath(Math.floor, toInteger),
  ceil: unaryMath(Math.ceil, toInteger),
  // Java's Math.round (halves towards +∞) is what PMML producers and JPMML use; JS agrees.
  round: unaryMath(Math.round, toInteger),
  rint: unaryMath(rint, (dt) => widestNumeric([dt], "double")),
  pow: binaryMath(Math.pow),
  hypot: binaryMath(Math.hypot),
  threshold: binaryMath((x, y) => (x > y ? 1 : 0), () => "integer"),
  sin: unaryMath(Math.sin),
  cos: unaryMath(Math.cos),
  tan: unaryMath(Math.tan),
  asin: unaryMath(Math.asin),
  acos: unaryMath(Math.acos),
  atan: unaryMath(Math.atan),
  sinh: unaryMath(Math.sinh),
  cosh: unaryMath(Math.cosh),
  tanh: unaryMath(Math.tanh),
  erf: unaryMath(erf),
  stdNormalCDF: unaryMath(stdNormalCdf),
  stdNormalPDF: unaryMath(stdNormalPdf),
  stdNormalIDF: unaryMath(stdNormalIdf),
  normalCDF: ternary(normalCdf),
  normalPDF: ternary(normalPdf),
  normalIDF: ternary(normalIdf),
};
