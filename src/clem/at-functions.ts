/**
 * Binding of the `@`-functions: sequence functions (CLEM.md §4.14), globals (§4.15), blanks and
 * nulls (§4.16) and special fields (§4.17). They need more than argument types — a field's blank
 * definition, a constant look-back, the node's context — so each has its own small binder here;
 * their run-time state lives in sequence.ts.
 */
import { makeDateFormatter, hasTwoDigitYear } from "../data/datetime-format.js";
import { blankTester, type Field } from "../data/field.js";
import { storageOfJsValue, type Value } from "../data/values.js";
import type { Call, ClemExpression } from "./ast.js";
import { lenient, walkBound, type BoundCall, type BoundNode, type Implementation } from "./bound.js";
import type { Binder } from "./binder.js";
import { wallClockTimestamp } from "./functions/dates.js";
import { wildcardRegex } from "./functions/strings.js";
import {
  diffImpl, indexImpl, lastNonBlankImpl, lookaheadImpl, offsetImpl, runningImpl, selfOffsetImpl, sinceImpl,
  sinceWithThisImpl, thisImpl, windowImpl, type Statistic,
} from "./sequence.js";
import { closest } from "./suggest.js";
import { describeType, isNumericType, typeOfStorage, type ClemType } from "./types.js";

type Handler = (b: Binder, node: Call) => BoundNode;

function arity(b: Binder, node: Call, min: number, max = min): void {
  const n = node.args.length;
  if (n < min || n > max) {
    const expected = min === max ? `${min}` : `${min} to ${max}`;
    b.fail(node.pos, `${node.name} takes ${expected} argument${max === 1 ? "" : "s"}, not ${n}`);
  }
}

function call(node: Call, type: ClemType, args: readonly BoundNode[], impl: Implementation): BoundCall {
  return { kind: "call", name: node.name, type, args, impl, pos: node.pos };
}

/** An integer written as a constant (`3`, `-1`), or undefined. */
function constantInteger(e: ClemExpression): number | undefined {
  if (e.kind === "integer") return Number(e.value);
  if (e.kind === "unary" && e.op === "-") {
    const v = constantInteger(e.operand);
    return v === undefined ? undefined : -v;
  }
  return undefined;
}

/** The optional INT look-back limit: a constant integer ≥ 0. */
function limitArgument(b: Binder, node: Call, index: number): number | undefined {
  const e = node.args[index];
  if (e === undefined) return undefined;
  const v = constantInteger(e);
  if (v === undefined || v < 0) b.fail(e.pos, `the last argument of ${node.name} is the maximum look-back: a constant integer ≥ 0`);
  return v;
}

function integerArgument(b: Binder, e: ClemExpression, what: string): BoundNode {
  const n = b.bind(e);
  if (n.type !== "integer" && n.type !== "null" && n.type !== "any") b.fail(n.pos, `${what} must be an integer, but it is ${describeType(n.type)}`);
  return n;
}

/** An argument that must name a field: a bare or quoted name, or @FIELD / @TARGET / ... */
function fieldArgument(b: Binder, e: ClemExpression, fn: string): { name: string; field: Field; node: BoundNode } {
  const bound = e.kind === "name" && !e.name.startsWith("$P-") ? b.field(e.name, e.pos) : b.bind(e);
  if (bound.kind !== "field") b.fail(e.pos, `${fn} needs a field name here`);
  return { name: bound.name, field: b.env.schema.field(bound.name)!, node: bound };
}

function bindOffset(b: Binder, node: Call): BoundNode {
  arity(b, node, 2, 3);
  b.markSequential();
  const [fieldExpr, offsetExpr] = node.args as [ClemExpression, ClemExpression];
  const offset = integerArgument(b, offsetExpr, "the offset of @OFFSET");
  const constant = constantInteger(offsetExpr);
  const limit = limitArgument(b, node, 2);
  const capacity = limit ?? (constant !== undefined && constant >= 0 ? constant : Infinity);
  const self = b.env.selfField;
  if (self && fieldExpr.kind === "name" && fieldExpr.name === self.name) {
    if (constant !== undefined && constant < 1) b.fail(offsetExpr.pos, `"${self.name}" is the field being derived: @OFFSET can read its earlier values (offset ≥ 1) only`);
    return call(node, typeOfStorage(self.storage), [offset], selfOffsetImpl(capacity, node.pos));
  }
  if (constant !== undefined && constant < 0) {
    const f = fieldArgument(b, fieldExpr, "@OFFSET with a look-ahead");
    return call(node, f.node.type, [], lookaheadImpl(f.name, -constant));
  }
  const value = b.bind(fieldExpr);
  return call(node, value.type, [value, offset], offsetImpl(capacity, node.pos));
}

const SEQUENCE_NAMES = new Set(["@INDEX", "@OFFSET", "@SINCE", "@SINCE0", "@DIFF1", "@DIFF2", "@MEAN", "@SUM", "@MAX", "@MIN", "@SDEV", "@LAST_NON_BLANK"]);

function bindSince(includeCurrent: boolean): Handler {
  return (b: Binder, node: Call) => {
    arity(b, node, 1, 2);
    b.markSequential();
    b.sinceDepth++;
    const condition = b.bind(node.args[0]!);
    b.sinceDepth--;
    b.requireCondition(condition, node.name);
    const limit = limitArgument(b, node, 1) ?? Infinity;
    let usesThis = false;
    const fields = new Set<string>();
    walkBound(condition, (n) => {
      if (n.kind === "call" && n.name === "@THIS") usesThis = true;
      if (n.kind === "field") fields.add(n.name);
    });
    if (!usesThis) return call(node, "integer", [condition], sinceImpl(includeCurrent, limit));
    walkBound(condition, (n) => {
      if (n.kind === "call" && SEQUENCE_NAMES.has(n.name)) b.fail(n.pos, `${n.name} cannot be used inside ${node.name} together with @THIS`);
    });
    return call(node, "integer", [condition], sinceWithThisImpl(includeCurrent, limit, [...fields]));
  };
}

function sequenceValue(b: Binder, e: ClemExpression, fn: string, allowDates: boolean): BoundNode {
  const v = b.bind(e);
  const ok = isNumericType(v.type) || v.type === "null" || v.type === "any" || (allowDates && (v.type === "date" || v.type === "time" || v.type === "timestamp"));
  if (!ok) b.fail(v.pos, `${fn} needs ${allowDates ? "numbers, dates or times" : "numbers"}, but this is ${describeType(v.type)}`);
  return v;
}

/** IBM's reference types both differentials as Real, whatever the field's storage. */
function bindDiff(order: 1 | 2): Handler {
  return (b: Binder, node: Call) => {
    arity(b, node, 1, 2);
    b.markSequential();
    const values = node.args.map((a) => sequenceValue(b, a, node.name, true));
    return call(node, "real", values, diffImpl(order));
  };
}

function bindStatistic(stat: Statistic): Handler {
  return (b: Binder, node: Call) => {
    arity(b, node, 1, 3);
    b.markSequential();
    const value = sequenceValue(b, node.args[0]!, node.name, stat === "max" || stat === "min");
    const integer = value.type === "integer";
    const type: ClemType = stat === "mean" || stat === "sdev" ? "real" : stat === "sum" ? (integer ? "integer" : "real") : value.type;
    if (node.args.length === 1) return call(node, type, [value], runningImpl(stat, integer));
    const width = integerArgument(b, node.args[1]!, `the window of ${node.name}`);
    const constant = constantInteger(node.args[1]!);
    const capacity = limitArgument(b, node, 2) ?? (constant !== undefined ? Math.max(constant, 1) : Infinity);
    return call(node, type, [value, width], windowImpl(stat, integer, capacity));
  };
}

function fieldFromContext(what: string, pick: (b: Binder) => string | undefined, hint: string): Handler {
  return (b: Binder, node: Call) => {
    arity(b, node, 0);
    const name = pick(b);
    if (name === undefined) b.fail(node.pos, `${node.name} has no field here: ${hint}`);
    if (!b.env.schema.has(name)) b.fail(node.pos, `${node.name} stands for the ${what} "${name}", which is not in the input`);
    return b.field(name, node.pos);
  };
}

function partitionValue(pick: (b: Binder) => Value | undefined): Handler {
  return (b: Binder, node: Call) => {
    arity(b, node, 0);
    const v = pick(b);
    if (v === undefined) b.fail(node.pos, `${node.name} is not set: the stream has no partition field with that partition`);
    const type: ClemType = v === null ? "null" : typeof v === "boolean" ? "boolean" : typeOfStorage(storageOfJsValue(v));
    return { kind: "constant", type, value: v, pos: node.pos };
  };
}

function bindGlobal(stat: "max" | "min" | "mean" | "sum" | "sdev"): Handler {
  return (b: Binder, node: Call) => {
    arity(b, node, 1);
    const e = node.args[0]!;
    if (e.kind !== "name") b.fail(e.pos, `${node.name} needs a field name`);
    const value = b.env.globals?.get(e.name)?.[stat];
    if (value === undefined) b.fail(node.pos, `${node.name}(${e.name}) has no value: a Set Globals node computing the ${stat} of "${e.name}" must run first`);
    const field = b.env.schema.field(e.name);
    const integer = field?.storage === "integer" && stat !== "mean" && stat !== "sdev" && Number.isInteger(value);
    return { kind: "constant", type: integer ? "integer" : "real", value, pos: node.pos };
  };
}

function fieldNameOf(b: Binder, e: ClemExpression, fn: string): string {
  if (e.kind !== "name") b.fail(e.pos, `${fn} needs field names`);
  if (!b.env.schema.has(e.name)) b.unknownField(e.name, e.pos);
  return e.name;
}

function fieldList(node: Call, names: readonly string[], b: Binder): BoundNode {
  return { kind: "list", type: "list", items: names.map((n) => b.field(n, node.pos)), pos: node.pos };
}

const today: Handler = (b: Binder, node: Call) => {
  arity(b, node, 0);
  const s = b.settings;
  // Documented quirk: with a 2-digit-year format and rollover off, @TODAY is $null$.
  const undefinedToday = hasTwoDigitYear(s.dateFormat) && !s.timeRollover;
  const format = makeDateFormatter(s.dateFormat);
  return call(node, "string", [], {
    pure: false,
    compile: (_args, ctx) => () => (undefinedToday ? null : format(Math.floor(wallClockTimestamp(ctx.now()) / 86_400))),
  });
};

const HANDLERS: Record<string, Handler> = {
  "@INDEX": (b: Binder, node: Call) => {
    arity(b, node, 0);
    b.markSequential();
    return call(node, "integer", [], indexImpl);
  },
  "@OFFSET": bindOffset,
  "@THIS": (b: Binder, node: Call) => {
    arity(b, node, 1);
    if (b.sinceDepth === 0) b.fail(node.pos, "@THIS is only meaningful inside the condition of @SINCE or @SINCE0");
    const f = fieldArgument(b, node.args[0]!, "@THIS");
    return call(node, f.node.type, [], thisImpl(f.name, node.pos));
  },
  "@SINCE": bindSince(false),
  "@SINCE0": bindSince(true),
  "@DIFF1": bindDiff(1),
  "@DIFF2": bindDiff(2),
  "@MEAN": bindStatistic("mean"),
  "@SUM": bindStatistic("sum"),
  "@MAX": bindStatistic("max"),
  "@MIN": bindStatistic("min"),
  "@SDEV": bindStatistic("sdev"),
  "@LAST_NON_BLANK": (b: Binder, node: Call) => {
    arity(b, node, 1);
    b.markSequential();
    const f = fieldArgument(b, node.args[0]!, node.name);
    return call(node, f.node.type, [f.node], lastNonBlankImpl(blankTester(f.field)));
  },
  "@BLANK": (b: Binder, node: Call) => {
    arity(b, node, 1);
    const f = fieldArgument(b, node.args[0]!, node.name);
    const test = blankTester(f.field);
    return call(node, "boolean", [f.node], lenient((v: Value) => test(v)));
  },
  "@NULL": (b: Binder, node: Call) => {
    arity(b, node, 1);
    return call(node, "boolean", [b.bind(node.args[0]!)], lenient((v: Value) => v === null));
  },
  "@FIELD": fieldFromContext("current field", (b) => b.env.currentField, "@FIELD is only meaningful where one expression is applied to several fields (Derive multiple, Filler)"),
  "@TARGET": fieldFromContext("target", (b) => b.env.special?.target, "it is set where a model is analysed"),
  "@PREDICTED": fieldFromContext("prediction", (b) => b.env.special?.predicted, "it is set where a model is analysed"),
  "@PARTITION_FIELD": fieldFromContext("partition field", (b) => b.env.special?.partitionField, "no field has the Partition role"),
  "@TRAINING_PARTITION": partitionValue((b) => b.env.special?.trainingPartition),
  "@TESTING_PARTITION": partitionValue((b) => b.env.special?.testingPartition),
  "@VALIDATION_PARTITION": partitionValue((b) => b.env.special?.validationPartition),
  "@TODAY": today,
  "@GLOBAL_MAX": bindGlobal("max"),
  "@GLOBAL_MIN": bindGlobal("min"),
  "@GLOBAL_MEAN": bindGlobal("mean"),
  "@GLOBAL_SUM": bindGlobal("sum"),
  "@GLOBAL_SDEV": bindGlobal("sdev"),
  "@FIELDS_BETWEEN": (b: Binder, node: Call) => {
    arity(b, node, 2);
    const names = b.env.schema.names;
    const from = names.indexOf(fieldNameOf(b, node.args[0]!, node.name));
    const to = names.indexOf(fieldNameOf(b, node.args[1]!, node.name));
    if (to < from) b.fail(node.pos, `${node.name}: "${names[to]}" comes before "${names[from]}" in the input`);
    return fieldList(node, names.slice(from, to + 1), b);
  },
  "@FIELDS_MATCHING": (b: Binder, node: Call) => {
    arity(b, node, 1);
    const e = node.args[0]!;
    // The pattern is literal text; a quoted pattern ('card*') is its text even if it names no field.
    const pattern = e.kind === "string" || (e.kind === "name" && e.quoted) ? (e.kind === "string" ? e.value : e.name) : undefined;
    if (pattern === undefined) b.fail(e.pos, `${node.name} needs a literal pattern such as "card*"`);
    const re = wildcardRegex(pattern);
    const names = b.env.schema.names.filter((n) => re.test(n));
    if (names.length === 0) b.warn(node.pos, `${node.name}("${pattern}") matches no field`);
    return fieldList(node, names, b);
  },
  "@MULTI_RESPONSE_SET": (b: Binder, node: Call) => b.fail(node.pos, "@MULTI_RESPONSE_SET: multiple-response sets are not supported by this engine"),
};

/** Every `@`-name the binder knows (docs, completeness tests). */
export const AT_FUNCTION_NAMES: readonly string[] = Object.keys(HANDLERS);

export function bindAtFunction(b: Binder, node: Call): BoundNode {
  const handler = HANDLERS[node.name];
  if (!handler) {
    const near = closest(node.name, Object.keys(HANDLERS));
    b.fail(node.pos, `unknown function ${node.name}${near.length ? `; did you mean ${near.join(" or ")}?` : ""}`, { function: node.name });
  }
  return handler(b, node);
}
