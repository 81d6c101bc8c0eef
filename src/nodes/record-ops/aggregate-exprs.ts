/**
 * The Aggregate node's custom aggregate expressions (`aggregate_exprs`), e.g.
 * `"Na_MAX": "MAX('Na')"` or `"Spread": "MAX(Na) - MIN(Na)"`.
 *
 * An expression is CLEM in which the upper-case aggregate functions below stand for a
 * statistic over the group. The argument of each is an ordinary CLEM value expression,
 * evaluated per record (columnar, with the node's environment); around the aggregate calls
 * only key fields, literals and parameters may appear. The expression is split at its
 * aggregate calls using the lexer's token offsets (so the text of each argument is exactly
 * what the user wrote), each argument is compiled against the input, and the remaining
 * outer expression is compiled against the key fields plus one stand-in field per call and
 * evaluated once per batch of finished groups.
 */
import type { CompiledClem } from "../../clem/index.js";
import { walk, type Call, type ClemExpression } from "../../clem/ast.js";
import { tokenize } from "../../clem/lexer.js";
import { parseClem } from "../../clem/parser.js";
import type { Column } from "../../data/batch.js";
import { makeField } from "../../data/field.js";
import { Schema } from "../../data/schema.js";
import { isNumericStorage, type Storage } from "../../data/storage.js";
import type { NodeContext } from "../definition.js";
import { NodePropertyError } from "../properties.js";
import { needsNumbers, statisticStorage, type Statistic } from "./aggregate-stats.js";
import { compileQuietly } from "./expressions.js";

/** Aggregate functions of an expression and the statistic each computes (nulls skipped). */
export const AGGREGATE_FUNCTIONS: Readonly<Record<string, Statistic>> = {
  SUM: "Sum",
  MEAN: "Mean",
  MIN: "Min",
  MAX: "Max",
  COUNT: "Count",
  SDEV: "SDev",
  VARIANCE: "Variance",
  MEDIAN: "Median",
};

function isAggregate(name: string): boolean {
  return Object.hasOwn(AGGREGATE_FUNCTIONS, name);
}

export interface AggregateMeasure {
  /** The argument, compiled against the input records. */
  readonly expression: CompiledClem;
  readonly storage: Storage;
  readonly statistic: Statistic;
}

export interface AggregateExpression {
  readonly name: string;
  readonly storage: Storage;
  readonly measures: readonly AggregateMeasure[];
  /** The output column from the groups' key columns and their measure results. */
  finish(keyColumns: readonly Column[], measureColumns: readonly Column[], length: number): Column;
}

/** Compiles every `aggregate_exprs` entry; with `report` their CLEM warnings are passed on. */
export function compileAggregateExpressions(ctx: NodeContext, input: Schema, keys: readonly string[], report: boolean): AggregateExpression[] {
  const entries = Object.entries(ctx.props.keyed<string>("aggregate_exprs"));
  return entries.map(([name, text]) => compileOne(ctx, input, keys, name, text, report));
}

function compileOne(ctx: NodeContext, input: Schema, keys: readonly string[], name: string, text: string, report: boolean): AggregateExpression {
  const property = `aggregate_exprs.${name}`;
  const fail = (why: string) =>
    new NodePropertyError(`property "aggregate_exprs" of node "${ctx.node.id}" (aggregate), entry "${name}" (${JSON.stringify(text)}): ${why}`, {
      node: ctx.node.id,
      nodeType: "aggregate",
      property: "aggregate_exprs",
      field: name,
    });
  if (text.trim() === "") throw fail("the expression is empty");
  const ast = parseClem(text);
  const calls = aggregateCalls(ast, fail);
  const tokens = tokenize(text);
  const spans = calls.map((call) => callSpan(tokens, call, fail));

  const measures: AggregateMeasure[] = calls.map((call, i) => {
    const statistic = AGGREGATE_FUNCTIONS[call.name]!;
    if (call.args.length !== 1) throw fail(`${call.name} takes exactly one argument (a field or a per-record expression)`);
    const argText = text.slice(spans[i]!.argStart, spans[i]!.argEnd);
    const expression = compileQuietly(ctx, property, argText, input, "value", report);
    if (expression.storage === "boolean" || expression.storage === "list") {
      throw fail(`the argument of ${call.name} yields a ${expression.storage}; aggregate a field or a value expression`);
    }
    const storage = expression.storage;
    if (needsNumbers(statistic) && !isNumericStorage(storage)) {
      throw fail(`${call.name} needs numbers; its argument "${argText}" has ${storage} storage`);
    }
    return { expression, storage, statistic };
  });

  // The whole expression is one aggregate call: its statistic is the output.
  if (calls.length === 1 && spans[0]!.start === text.length - text.trimStart().length && spans[0]!.end === text.trimEnd().length) {
    const m = measures[0]!;
    return { name, storage: statisticStorage(m.statistic, m.storage), measures, finish: (_k, [column]) => column! };
  }

  checkOuterFields(ast, input, keys, fail);
  const standIn = (i: number) => `__aggregate_${i}__`;
  let outerText = "";
  let at = 0;
  spans.forEach((s, i) => {
    outerText += text.slice(at, s.start) + `'${standIn(i)}'`;
    at = s.end;
  });
  outerText += text.slice(at);
  const outerSchema = new Schema([
    ...keys.map((k) => input.require(k)),
    ...measures.map((m, i) => makeField(standIn(i), statisticStorage(m.statistic, m.storage))),
  ]);
  const outer = compileQuietly(ctx, property, outerText, outerSchema, "value", report);
  if (outer.storage === "boolean" || outer.storage === "list") {
    throw fail(`the expression yields a ${outer.storage}; an aggregate expression must give a value (use if ... then ... else ... endif for a flag)`);
  }
  return {
    name,
    storage: outer.storage,
    measures,
    finish(keyColumns, measureColumns, length) {
      return outer.evaluate({ schema: outerSchema, columns: [...keyColumns, ...measureColumns], length });
    },
  };
}

/** The aggregate calls of an expression, outermost first in text order; nested ones are refused. */
function aggregateCalls(ast: ClemExpression, fail: (why: string) => Error): Call[] {
  const found: Call[] = [];
  walk(ast, (n) => {
    if (n.kind !== "call" || !n.parenthesised || n.name.startsWith("@")) return;
    if (isAggregate(n.name)) {
      for (const arg of n.args) {
        walk(arg, (inner) => {
          if (inner.kind === "call" && isAggregate(inner.name)) throw fail(`${inner.name} is used inside ${n.name}; aggregate functions cannot be nested`);
        });
      }
      found.push(n);
    } else if (/^[A-Z][A-Z0-9_]*$/.test(n.name)) {
      throw fail(`${n.name} is not an aggregate function modeler-batch knows; use one of ${Object.keys(AGGREGATE_FUNCTIONS).join(", ")}`);
    }
  });
  return found.sort((a, b) => a.pos.offset - b.pos.offset);
}

interface CallSpan {
  /** Offsets of the whole call `NAME(...)` and of its argument text. */
  readonly start: number;
  readonly end: number;
  readonly argStart: number;
  readonly argEnd: number;
}

function callSpan(tokens: ReturnType<typeof tokenize>, call: Call, fail: (why: string) => Error): CallSpan {
  const first = tokens.findIndex((t) => t.pos.offset === call.pos.offset);
  const open = tokens[first + 1];
  if (first < 0 || !open || open.kind !== "op" || open.text !== "(") throw fail(`could not find the arguments of ${call.name}`);
  let depth = 0;
  for (let i = first + 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== "op") continue;
    if (t.text === "(") depth++;
    else if (t.text === ")" && --depth === 0) return { start: call.pos.offset, end: t.end, argStart: open.end, argEnd: t.pos.offset };
  }
  throw fail(`${call.name}( is not closed`);
}

/** Outside aggregate calls only key fields can be read: any other field has no single value per group. */
function checkOuterFields(ast: ClemExpression, input: Schema, keys: readonly string[], fail: (why: string) => Error): void {
  const visit = (n: ClemExpression): void => {
    if (n.kind === "call" && isAggregate(n.name)) return;
    if (n.kind === "name" && input.has(n.name) && !keys.includes(n.name)) {
      throw fail(`field "${n.name}" is used outside an aggregate function; only key fields (${keys.join(", ") || "none"}) have one value per group`);
    }
    switch (n.kind) {
      case "call": n.args.forEach(visit); break;
      case "unary": visit(n.operand); break;
      case "binary": visit(n.left); visit(n.right); break;
      case "if":
        n.branches.forEach((b) => { visit(b.condition); visit(b.value); });
        if (n.otherwise) visit(n.otherwise);
        break;
      case "list": n.items.forEach(visit); break;
      default: break;
    }
  };
  visit(ast);
}
