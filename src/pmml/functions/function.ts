/**
 * The shape of a built-in function and the argument adapters the function families share.
 *
 * A built-in function compiles once per `Apply` element: it checks the argument count, picks its
 * result type from the argument types, and returns a getter specialised for those arguments.
 * Unless a function says otherwise, a missing argument makes the result missing (PMML 4.4,
 * "Built-in functions": "any missing inputs to a built-in function will result in a missing value").
 */
import { invalid, PmmlError } from "../errors.js";
import type { CompiledExpression, CompileContext } from "../expressions/context.js";
import type { Frame, Getter } from "../runtime/frame.js";
import { toTypedValue, valueToText, type DataType, type OpType, type Value } from "../types/values.js";
import type { XmlElement } from "../xml/xml-element.js";

export interface BuiltinFunction {
  readonly minArgs: number;
  readonly maxArgs: number;
  compile(args: readonly CompiledExpression[], el: XmlElement, ctx: CompileContext): CompiledExpression;
}

export type NumberGetter = (f: Frame) => number | null;
export type StringGetter = (f: Frame) => string | null;
export type BooleanGetter = (f: Frame) => boolean | null;

export function result(get: Getter, dataType: DataType, optype?: OpType): CompiledExpression {
  return { get, dataType, optype: optype ?? (dataType === "string" || dataType === "boolean" ? "categorical" : "continuous") };
}

function argumentError(el: XmlElement, what: string, v: Value): PmmlError {
  return new PmmlError("PMML_EVALUATION", `function ${el.attr("function")}: ${what} ${JSON.stringify(v)} (at ${el.path})`, {
    path: el.path,
    value: v,
  });
}

/** The argument as a number (strings are parsed; booleans are 1/0). */
export function numberArg(arg: CompiledExpression, el: XmlElement): NumberGetter {
  const g = arg.get;
  if (arg.dataType !== "string" && arg.dataType !== "boolean") return g as unknown as NumberGetter;
  return (f) => {
    const v = g(f);
    if (v === null || typeof v === "number") return v;
    const n = toTypedValue(v, "double");
    if (typeof n !== "number") throw argumentError(el, "expects a number, got", v);
    return n;
  };
}

/** The argument as text (numbers in their shortest form, dates in ISO form). */
export function stringArg(arg: CompiledExpression): StringGetter {
  const g = arg.get;
  if (arg.dataType === "string") {
    return (f) => {
      const v = g(f);
      return v === null || typeof v === "string" ? v : valueToText(v);
    };
  }
  const dt = arg.dataType;
  return (f) => {
    const v = g(f);
    return v === null ? null : valueToText(v, dt);
  };
}

export function booleanArg(arg: CompiledExpression, el: XmlElement): BooleanGetter {
  const g = arg.get;
  if (arg.dataType === "boolean") return g as unknown as BooleanGetter;
  return (f) => {
    const v = g(f);
    if (v === null || typeof v === "boolean") return v;
    const b = toTypedValue(v, "boolean");
    if (typeof b !== "boolean") throw argumentError(el, "expects a boolean, got", v);
    return b;
  };
}

/** integer < float < double: the narrowest numeric type that holds every argument. */
export function widestNumeric(types: readonly DataType[], floor: DataType = "integer"): DataType {
  let rank = floor === "double" ? 2 : floor === "float" ? 1 : 0;
  for (const t of types) {
    const r = t === "integer" || t === "boolean" ? 0 : t === "float" ? 1 : 2;
    if (r > rank) rank = r;
  }
  return rank === 2 ? "double" : rank === 1 ? "float" : "integer";
}

/** Rounds a double result to the declared numeric result type. */
export function narrow(dt: DataType): ((x: number) => number) | undefined {
  return dt === "float" ? Math.fround : undefined;
}

export function checkArity(name: string, fn: BuiltinFunction, count: number, el: XmlElement): void {
  if (count < fn.minArgs || count > fn.maxArgs) {
    const expected =
      fn.minArgs === fn.maxArgs
        ? `${fn.minArgs}`
        : fn.maxArgs === Infinity
          ? `at least ${fn.minArgs}`
          : `${fn.minArgs} to ${fn.maxArgs}`;
    throw invalid(`function ${name} takes ${expected} arguments, got ${count}`, el.path);
  }
}

/** A function of one number. */
export function unaryMath(fn: (x: number) => number, resultType?: (arg: DataType) => DataType): BuiltinFunction {
  return {
    minArgs: 1,
    maxArgs: 1,
    compile(args, el) {
      const a = numberArg(args[0]!, el);
      const dt = resultType ? resultType(args[0]!.dataType) : widestNumeric([args[0]!.dataType], "double");
      const round = narrow(dt);
      const get: Getter = round
        ? (f) => {
            const x = a(f);
            return x === null ? null : round(fn(x));
          }
        : (f) => {
            const x = a(f);
            return x === null ? null : fn(x);
          };
      return result(get, dt);
    },
  };
}

/** A function of two numbers. */
export function binaryMath(fn: (x: number, y: number) => number, resultType?: (a: DataType, b: DataType) => DataType): BuiltinFunction {
  return {
    minArgs: 2,
    maxArgs: 2,
    compile(args, el) {
      const a = numberArg(args[0]!, el);
      const b = numberArg(args[1]!, el);
      const dt = resultType ? resultType(args[0]!.dataType, args[1]!.dataType) : widestNumeric([args[0]!.dataType, args[1]!.dataType], "double");
      const round = narrow(dt);
      const get: Getter = (f) => {
        const x = a(f);
        if (x === null) return null;
        const y = b(f);
        if (y === null) return null;
        const r = fn(x, y);
        return round ? round(r) : r;
      };
      return result(get, dt);
    },
  };
}
