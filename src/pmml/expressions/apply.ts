/**
 * Apply: a built-in or user-defined (DefineFunction) function applied to argument expressions,
 * with the attributes every application has:
 * - `mapMissingTo`: if any argument is missing, the function is not applied and this is the result
 *   (for `if`, only the condition and the branch taken count);
 * - `defaultValue`: the result when the function yields a missing value;
 * - `invalidValueTreatment`: what an invalid result (a failed function) becomes.
 *
 * A user-defined function is expanded at its call site: its body is compiled in a scope where the
 * parameters are the argument expressions ("substitute the formal function parameters by the
 * actual argument values, and then replace the function application by the new expression").
 */
import { invalid, PmmlError, unsupported } from "../errors.js";
import { defaultOpType, readDataType, readOpType } from "../fields/data-field.js";
import { Scope } from "../fields/scope.js";
import { builtinFunction } from "../functions/builtins.js";
import { checkArity, result } from "../functions/function.js";
import type { Getter } from "../runtime/frame.js";
import { castValue, type DataType, type Value } from "../types/values.js";
import { checkChildren, enumAttr, requiredAttr } from "../xml/read.js";
import type { XmlElement } from "../xml/xml-element.js";
import type { CompiledExpression, CompileContext } from "./context.js";
import { typedReplacement } from "./simple-expressions.js";

type ExpressionCompiler = (el: XmlElement, scope: Scope, ctx: CompileContext) => CompiledExpression;

const MAX_FUNCTION_DEPTH = 64;

export function compileApply(el: XmlElement, scope: Scope, ctx: CompileContext, compile: ExpressionCompiler): CompiledExpression {
  const name = requiredAttr(el, "function");
  const argElements = el.contentChildren;
  const args = argElements.map((a) => compile(a, scope, ctx));
  const invalidTreatment = enumAttr(el, "invalidValueTreatment", ["returnInvalid", "asIs", "asMissing"] as const, "returnInvalid", ["asValue"]);

  let applied: CompiledExpression;
  const builtin = builtinFunction(name);
  const userDefined = ctx.userFunctions.get(name);
  // Built-in names win, as in JPMML: PMML forbids redefining them.
  if (builtin) {
    checkArity(name, builtin, args.length, el);
    applied = builtin.compile(args, el, ctx);
  } else if (userDefined) {
    applied = expandUserFunction(userDefined, args, el, ctx, compile);
  } else {
    throw unsupported(`function "${name}"`, el.path, "it is neither a PMML built-in function nor defined by a DefineFunction");
  }

  const mapMissingTo = typedReplacement(el.attr("mapMissingTo"), applied.dataType);
  const defaultValue = typedReplacement(el.attr("defaultValue"), applied.dataType);
  let get = applied.get;

  if (mapMissingTo !== undefined) {
    const inner = get;
    if (name === "if" && builtin) {
      const [cond, thenArg, elseArg] = args.map((a) => a.get);
      get = (f) => {
        const c = cond!(f);
        if (c === null) return mapMissingTo;
        const branch = c === true || c === 1 || c === "true" ? thenArg : elseArg;
        if (branch && branch(f) === null) return mapMissingTo;
        return inner(f);
      };
    } else {
      const argGets = args.map((a) => a.get);
      get = (f) => {
        for (let i = 0; i < argGets.length; i++) if (argGets[i]!(f) === null) return mapMissingTo;
        return inner(f);
      };
    }
  }
  if (defaultValue !== undefined) {
    const inner = get;
    get = (f) => {
      const v = inner(f);
      return v === null ? defaultValue : v;
    };
  }
  if (invalidTreatment !== "returnInvalid") {
    // A function that fails on its arguments (bad substring position, bad pattern…) yields
    // missing (then defaultValue) instead of stopping the row; asIs has no value to keep either.
    const inner = get;
    const fallback: Value = defaultValue ?? null;
    get = (f) => {
      try {
        return inner(f);
      } catch (e) {
        if (e instanceof PmmlError && e.code === "PMML_EVALUATION") return fallback;
        throw e;
      }
    };
  }
  return { ...applied, get };
}

interface UserFunction {
  params: { name: string; dataType?: DataType; optype?: ReturnType<typeof readOpType> }[];
  dataType: DataType;
  optype: ReturnType<typeof defaultOpType>;
  body: XmlElement;
}

const userFunctionCache = new WeakMap<XmlElement, UserFunction>();

function readUserFunction(el: XmlElement): UserFunction {
  const cached = userFunctionCache.get(el);
  if (cached) return cached;
  checkChildren(el, ["ParameterField", "Constant", "FieldRef", "NormContinuous", "NormDiscrete", "Discretize", "MapValues", "TextIndex", "Apply", "Aggregate", "Lag"]);
  const params = el.childrenNamed("ParameterField").map((p) => ({ name: requiredAttr(p, "name"), dataType: readDataType(p), optype: readOpType(p) }));
  const bodies = el.contentChildren.filter((c) => c.name !== "ParameterField");
  if (bodies.length !== 1) throw invalid(`DefineFunction needs exactly one expression, found ${bodies.length}`, el.path);
  const dataType = readDataType(el);
  if (!dataType) throw invalid(`DefineFunction "${el.attr("name")}" needs a dataType`, el.path);
  const uf: UserFunction = { params, dataType, optype: readOpType(el) ?? defaultOpType(dataType), body: bodies[0]! };
  userFunctionCache.set(el, uf);
  return uf;
}

function convertArgument(arg: CompiledExpression, to: DataType | undefined): CompiledExpression {
  if (!to || to === arg.dataType) return arg;
  const g = arg.get;
  const from = arg.dataType;
  const get: Getter = (f) => {
    const v = g(f);
    if (v === null) return null;
    const c = castValue(v, from, to);
    return c === undefined ? null : c;
  };
  return { ...arg, get, dataType: to };
}

function expandUserFunction(
  def: XmlElement,
  args: CompiledExpression[],
  call: XmlElement,
  ctx: CompileContext,
  compile: ExpressionCompiler,
): CompiledExpression {
  if (ctx.functionDepth >= MAX_FUNCTION_DEPTH) throw invalid(`DefineFunction "${def.attr("name")}" is applied recursively`, call.path);
  const uf = readUserFunction(def);
  if (args.length !== uf.params.length) {
    throw invalid(`function ${def.attr("name")} takes ${uf.params.length} arguments, got ${args.length}`, call.path);
  }
  // The body sees only its parameters.
  const scope = new Scope(null, `DefineFunction "${def.attr("name")}"`);
  uf.params.forEach((p, i) => {
    const a = convertArgument(args[i]!, p.dataType);
    // The argument's own fields were already collected at the call site.
    scope.define({ name: p.name, dataType: a.dataType, optype: p.optype ?? a.optype, get: a.get, values: a.values, pure: true }, def.path);
  });
  const body = compile(uf.body, scope, { ...ctx, functionDepth: ctx.functionDepth + 1 });
  const converted = convertArgument(body, uf.dataType);
  return result(converted.get, uf.dataType, uf.optype);
}

/** Compiles a DefineFunction once with placeholder arguments, so that errors in it surface at load time. */
export function checkUserFunction(def: XmlElement, ctx: CompileContext, compile: ExpressionCompiler): void {
  const uf = readUserFunction(def);
  const placeholders: CompiledExpression[] = uf.params.map((p) => ({
    get: () => null,
    dataType: p.dataType ?? "string",
    optype: p.optype ?? defaultOpType(p.dataType ?? "string"),
  }));
  expandUserFunction(def, placeholders, def, ctx, compile);
}
