/**
 * Boolean-valued functions: isMissing isNotMissing isValid isNotValid, the six comparisons,
 * and or not (three-valued, like CompoundPredicate: false wins over missing in `and`, true wins
 * over missing in `or`), isIn isNotIn, and the conditional `if`.
 */
import { compileValidity, Validity } from "../fields/data-field.js";
import type { CompiledExpression } from "../expressions/context.js";
import type { Frame, Getter } from "../runtime/frame.js";
import { castValue, compareValues, toTypedValue, widenForComparison, type DataType, type Value } from "../types/values.js";
import { booleanArg, result, widestNumeric, type BooleanGetter, type BuiltinFunction } from "./function.js";

function missingTest(wantMissing: boolean): BuiltinFunction {
  return {
    minArgs: 1,
    maxArgs: 1,
    compile(args) {
      const g = args[0]!.get;
      return result((f) => (g(f) === null) === wantMissing, "boolean");
    },
  };
}

/** isValid: present and valid for the field's DataField (values kept by invalidValueTreatment=asIs are not). */
function validityTest(wantValid: boolean): BuiltinFunction {
  return {
    minArgs: 1,
    maxArgs: 1,
    compile(args) {
      const arg = args[0]!;
      const g = arg.get;
      const df = arg.field?.dataField;
      if (!df) return result((f) => (g(f) !== null) === wantValid, "boolean");
      const validity = compileValidity(df);
      return result((f) => {
        const v = g(f);
        const valid = v !== null && validity(v) === Validity.Valid;
        return valid === wantValid;
      }, "boolean");
    },
  };
}

/** Brings both sides of a comparison to one representation (numbers, text or booleans). */
function comparable(a: CompiledExpression, b: CompiledExpression): [Getter, Getter] {
  const common = widenForComparison(a.dataType, b.dataType);
  const adapt = (e: CompiledExpression): Getter => {
    if (e.dataType === common) return e.get;
    const g = e.get;
    const from = e.dataType;
    return (f) => {
      const v = g(f);
      if (v === null) return null;
      const c = castValue(v, from, common);
      return c === undefined ? v : c;
    };
  };
  return [adapt(a), adapt(b)];
}

function comparison(test: (order: number) => boolean): BuiltinFunction {
  return {
    minArgs: 2,
    maxArgs: 2,
    compile(args) {
      const [a, b] = comparable(args[0]!, args[1]!);
      return result((f) => {
        const x = a(f);
        if (x === null) return null;
        const y = b(f);
        if (y === null) return null;
        return test(compareValues(x, y));
      }, "boolean");
    },
  };
}

function equality(wantEqual: boolean): BuiltinFunction {
  return {
    minArgs: 2,
    maxArgs: 2,
    compile(args) {
      const [a, b] = comparable(args[0]!, args[1]!);
      return result((f) => {
        const x = a(f);
        if (x === null) return null;
        const y = b(f);
        if (y === null) return null;
        return (x === y || compareValues(x, y) === 0) === wantEqual;
      }, "boolean");
    },
  };
}

function junction(isAnd: boolean): BuiltinFunction {
  return {
    minArgs: 1,
    maxArgs: Infinity,
    compile(args, el) {
      const gs: BooleanGetter[] = args.map((a) => booleanArg(a, el));
      return result((f) => {
        let sawMissing = false;
        for (let i = 0; i < gs.length; i++) {
          const v = gs[i]!(f);
          if (v === null) sawMissing = true;
          else if (v !== isAnd) return !isAnd;
        }
        return sawMissing ? null : isAnd;
      }, "boolean");
    },
  };
}

function membership(wantIn: boolean): BuiltinFunction {
  return {
    minArgs: 2,
    maxArgs: Infinity,
    compile(args) {
      const x = args[0]!;
      const g = x.get;
      const rest = args.slice(1);
      const members = rest.map((r) => comparable(x, r)[1]);
      const gx = rest.length > 0 ? comparable(x, rest[0]!)[0] : g;
      return result((f: Frame) => {
        const v = gx(f);
        if (v === null) return null;
        for (let i = 0; i < members.length; i++) {
          const m = members[i]!(f);
          if (m !== null && (m === v || compareValues(m, v) === 0)) return wantIn;
        }
        return !wantIn;
      }, "boolean");
    },
  };
}

const ifFunction: BuiltinFunction = {
  minArgs: 2,
  maxArgs: 3,
  compile(args, el) {
    const cond = booleanArg(args[0]!, el);
    const branches = args.slice(1);
    const dt = commonType(branches.map((b) => b.dataType));
    const [thenGet, elseGet] = branches.map((b) => convertTo(b, dt));
    const otherwise = elseGet ?? ((): Value => null);
    const values = branches.every((b) => b.values) ? branches.flatMap((b) => b.values ?? []) : undefined;
    return {
      ...result((f) => {
        const c = cond(f);
        if (c === null) return null;
        return c ? thenGet!(f) : otherwise(f);
      }, dt, branches[0]!.optype),
      values,
    };
  },
};

function commonType(types: DataType[]): DataType {
  if (types.every((t) => t === types[0])) return types[0]!;
  if (types.every((t) => t === "integer" || t === "float" || t === "double")) return widestNumeric(types);
  return "string";
}

function convertTo(e: CompiledExpression, dt: DataType): Getter {
  if (e.dataType === dt) return e.get;
  const g = e.get;
  const from = e.dataType;
  return (f) => {
    const v = g(f);
    if (v === null) return null;
    const c = castValue(v, from, dt);
    return c === undefined ? toTypedValue(v, dt) ?? null : c;
  };
}

const notFunction: BuiltinFunction = {
  minArgs: 1,
  maxArgs: 1,
  compile(args, el) {
    const g = booleanArg(args[0]!, el);
    return result((f) => {
      const v = g(f);
      return v === null ? null : !v;
    }, "boolean");
  },
};

export const logicFunctions: Record<string, BuiltinFunction> = {
  isMissing: missingTest(true),
  isNotMissing: missingTest(false),
  isValid: validityTest(true),
  isNotValid: validityTest(false),
  equal: equality(true),
  notEqual: equality(false),
  lessThan: comparison((o) => o < 0),
  lessOrEqual: comparison((o) => o <= 0),
  greaterThan: comparison((o) => o > 0),
  greaterOrEqual: comparison((o) => o >= 0),
  and: junction(true),
  or: junction(false),
  not: notFunction,
  isIn: membership(true),
  isNotIn: membership(false),
  if: ifFunction,
};
