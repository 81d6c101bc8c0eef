/**
 * The six ways a Derive node computes a field ("Derive as"; NODES.md §2.3). Each builder
 * compiles its expressions once and returns the new field plus a function from a batch to
 * its column; state that spans records (State, Count, sequence functions) lives in that
 * function's closure, so batches must come in order, each once.
 */
import type { Column, RecordBatch } from "../../data/batch.js";
import { defaultMeasureFor, type Field } from "../../data/field.js";
import type { Schema } from "../../data/schema.js";
import { parseMeasure, type Measure, type Storage } from "../../data/storage.js";
import { groupKey, type Value } from "../../data/values.js";
import { compileClem, parseClem, type ClemExpression, type CompiledClem } from "../../clem/index.js";
import { compileNodeExpression, nodeClemEnvironment } from "../common/clem-env.js";
import type { NodeContext } from "../definition.js";
import { NodePropertyError } from "../properties.js";
import { literalValue, mappingEntries, storageOfLiterals } from "./field-values.js";

export interface Derivation {
  readonly field: Field;
  /** Rows after a batch its expressions read (`@OFFSET(F, -k)`); pass them as `ahead`. */
  readonly lookahead: number;
  column(batch: RecordBatch, ahead?: RecordBatch): Column;
}

export interface DeriveTarget {
  /** Name of the field being derived. */
  readonly name: string;
  /** `@FIELD` (Multiple mode). */
  readonly currentField?: string;
}

type Builder = (ctx: NodeContext, input: Schema, target: DeriveTarget) => Derivation;

export const DERIVE_MODES: Readonly<Record<string, Builder>> = {
  Formula: formula,
  Flag: flag,
  Set: nominal,
  State: state,
  Count: count,
  Conditional: conditional,
};

/** The measure property of each mode and the measure it defaults to (`undefined`: from storage). */
const MEASURE_PROPERTY: Record<string, [string, Measure | undefined]> = {
  Formula: ["formula_measure_type", undefined],
  Flag: ["flag_measure_type", "flag"],
  Set: ["set_measure_type", "nominal"],
  State: ["state_measure_type", "flag"],
  Count: ["count_measure_type", "continuous"],
  Conditional: ["conditional_measure_type", undefined],
};

function measureOf(ctx: NodeContext, mode: string, storage: Storage): Measure {
  const [property, fallback] = MEASURE_PROPERTY[mode]!;
  const text = ctx.props.str(property);
  if (text === "Collection" || text === "Geospatial") throw ctx.props.unsupported(property, text, "collection and geospatial fields need list storage");
  const declared = text === "" || text === "Default" ? undefined : parseMeasure(text);
  return declared ?? fallback ?? defaultMeasureFor(storage);
}

function field(ctx: NodeContext, mode: string, target: DeriveTarget, storage: Storage, extra: Partial<Field> = {}): Field {
  return { name: target.name, storage, measure: measureOf(ctx, mode, storage), role: "input", ...extra };
}

function expression(ctx: NodeContext, property: string): string {
  const text = ctx.props.str(property);
  if (text.trim() === "") throw new NodePropertyError(`node "${ctx.node.id}" (derive) needs a CLEM expression in "${property}"`, { node: ctx.node.id, nodeType: "derive", property });
  return text;
}

function compile(ctx: NodeContext, input: Schema, target: DeriveTarget, property: string, expect: "value" | "condition", text = expression(ctx, property)): CompiledClem {
  return compileNodeExpression(ctx, property, text, input, expect, target.currentField !== undefined ? { currentField: target.currentField } : {});
}

/** A condition that is absent (empty text) is never true. */
function optionalCondition(ctx: NodeContext, input: Schema, target: DeriveTarget, property: string): Pick<CompiledClem, "evaluate" | "lookahead"> {
  if (ctx.props.str(property).trim() === "") return { lookahead: 0, evaluate: (b) => new Array<Value>(b.length).fill(false) };
  return compile(ctx, input, target, property, "condition");
}

function lookaheadOf(...compiled: Array<Pick<CompiledClem, "lookahead">>): number {
  return Math.max(0, ...compiled.map((c) => c.lookahead));
}

/**
 * Formula: the expression's value. A true/false result becomes a flag field holding `T` / `F`
 * (`$null$` stays `$null$`). `@OFFSET(<new field>, n)` reads the formula's earlier results;
 * the field's storage is then found by compiling until it no longer changes.
 */
function formula(ctx: NodeContext, input: Schema, target: DeriveTarget): Derivation {
  const text = expression(ctx, "formula_expr");
  const formulaType = ctx.props.str("formula_type");
  if (formulaType !== "" && formulaType !== "Default") throw ctx.props.unsupported("formula_type", formulaType);
  const compiled = input.has(target.name) || !mentions(text, target.name) ? compile(ctx, input, target, "formula_expr", "value", text) : compileSelfReferring(ctx, input, target, text);
  if (compiled.storage === "list") throw ctx.props.unsupported("formula_expr", text, "the expression gives a list; a field cannot hold lists");
  if (compiled.storage === "boolean") return booleanResult(ctx, "Formula", target, compiled);
  return { field: field(ctx, "Formula", target, compiled.storage), lookahead: compiled.lookahead, column: (b, a) => compiled.evaluate(b, a) };
}

/** A true/false result is stored as a flag field of `T` / `F`; `$null$` stays `$null$`. */
function booleanResult(ctx: NodeContext, mode: string, target: DeriveTarget, compiled: CompiledClem): Derivation {
  const declared = ctx.props.str(MEASURE_PROPERTY[mode]![0]);
  const measure = declared === "" || declared === "Default" ? "flag" : measureOf(ctx, mode, "string");
  return {
    field: field(ctx, mode, target, "string", { measure, values: ["F", "T"] }),
    lookahead: compiled.lookahead,
    column: (b, a) => compiled.evaluate(b, a).map((v) => (v === null ? null : v ? "T" : "F")),
  };
}

function mentions(text: string, name: string): boolean {
  return text.includes(name);
}

function compileSelfReferring(ctx: NodeContext, input: Schema, target: DeriveTarget, text: string): CompiledClem {
  const ast = parseClem(text);
  const attempt = (storage: Storage) =>
    compileClem(ast, nodeClemEnvironment(ctx, input, { label: "formula_expr", ...(target.currentField !== undefined && { currentField: target.currentField }), selfField: { name: target.name, storage } }));
  let storage: Storage | undefined;
  for (const guess of ["integer", "real", "string", "date", "time", "timestamp"] as const) {
    try {
      const s = attempt(guess).storage;
      if (s !== "boolean" && s !== "list") storage = s === "unknown" ? guess : s;
      break;
    } catch {
      // the guess made the expression ill-typed; try the next storage
    }
  }
  for (let i = 0; storage !== undefined && i < 3; i++) {
    const s = attempt(storage).storage;
    if (s === storage || s === "boolean" || s === "list" || s === "unknown") break;
    storage = s;
  }
  return compileNodeExpression(ctx, "formula_expr", text, input, "value", {
    ...(target.currentField !== undefined && { currentField: target.currentField }),
    selfField: { name: target.name, storage: storage ?? "real" },
  });
}

/** Flag: the true value where the condition is true, else (false or `$null$`) the false value. */
function flag(ctx: NodeContext, input: Schema, target: DeriveTarget): Derivation {
  const cond = compile(ctx, input, target, "flag_expr", "condition");
  const storage = storageOfLiterals([ctx.props.values.flag_true, ctx.props.values.flag_false]);
  const t = literalValue(ctx.props.values.flag_true, storage);
  const f = literalValue(ctx.props.values.flag_false, storage);
  return { field: field(ctx, "Flag", target, storage, { values: [f, t] }), lookahead: cond.lookahead, column: (b, a) => cond.evaluate(b, a).map((v) => (v === true ? t : f)) };
}

/** Nominal ("Set"): the value of the first true condition, in the order listed, else `set_default`. */
function nominal(ctx: NodeContext, input: Schema, target: DeriveTarget): Derivation {
  const entries = mappingEntries(ctx.props.values.set_value_cond);
  if (entries.length === 0) throw new NodePropertyError(`node "${ctx.node.id}" (derive) needs at least one value and condition in "set_value_cond"`, { node: ctx.node.id, nodeType: "derive", property: "set_value_cond" });
  const storage = storageOfLiterals([...entries.map((e) => e[0]), ctx.props.values.set_default]);
  const fallback = literalValue(ctx.props.values.set_default, storage);
  const branches = entries.map(([value, condition]) => {
    if (typeof condition !== "string") throw ctx.props.unsupported("set_value_cond", condition, "each value needs a CLEM condition (string)");
    return { value: literalValue(value, storage), cond: compile(ctx, input, target, "set_value_cond", "condition", condition) };
  });
  const seen = new Set<string>();
  const values = [...branches.map((b) => b.value), fallback].filter((v) => v !== null && !seen.has(groupKey(v)) && (seen.add(groupKey(v)), true));
  return {
    field: field(ctx, "Set", target, storage, { values }),
    lookahead: lookaheadOf(...branches.map((br) => br.cond)),
    column(b, a) {
      const tests = branches.map((br) => br.cond.evaluate(b, a));
      const out: Column = new Array(b.length);
      for (let r = 0; r < b.length; r++) {
        let v = fallback;
        for (let i = 0; i < tests.length; i++) if (tests[i]![r] === true) { v = branches[i]!.value; break; }
        out[r] = v;
      }
      return out;
    },
  };
}

/**
 * State: starts `state_initial`; a record whose "on" condition is true switches it On, else
 * one whose "off" condition is true switches it Off, else it stays. Each record shows the
 * state after its own switch.
 */
function state(ctx: NodeContext, input: Schema, target: DeriveTarget): Derivation {
  const on = optionalCondition(ctx, input, target, "state_on_expression");
  const off = optionalCondition(ctx, input, target, "state_off_expression");
  const storage = storageOfLiterals([ctx.props.values.state_on_val, ctx.props.values.state_off_val]);
  const onValue = literalValue(ctx.props.values.state_on_val, storage);
  const offValue = literalValue(ctx.props.values.state_off_val, storage);
  let isOn = ctx.props.str("state_initial") === "On";
  return {
    field: field(ctx, "State", target, storage, { values: [offValue, onValue] }),
    lookahead: lookaheadOf(on, off),
    column(b, a) {
      const onTests = on.evaluate(b, a);
      const offTests = off.evaluate(b, a);
      const out: Column = new Array(b.length);
      for (let r = 0; r < b.length; r++) {
        if (onTests[r] === true) isOn = true;
        else if (offTests[r] === true) isOn = false;
        out[r] = isOn ? onValue : offValue;
      }
      return out;
    },
  };
}

/**
 * Count: starts at `count_initial_val`; a record whose reset condition is true sets it back
 * to the initial value, else one whose increment condition is true adds the increment
 * expression (a `$null$` increment adds nothing). Each record shows the count after itself.
 */
function count(ctx: NodeContext, input: Schema, target: DeriveTarget): Derivation {
  const initial = ctx.props.num("count_initial_val", 0);
  const inc = compile(ctx, input, target, "count_inc_condition", "condition");
  const by = compile(ctx, input, target, "count_inc_expression", "value");
  if (by.storage !== "integer" && by.storage !== "real") throw ctx.props.unsupported("count_inc_expression", ctx.props.str("count_inc_expression"), `the increment must be a number, not ${by.storage}`);
  const reset = optionalCondition(ctx, input, target, "count_reset_condition");
  const storage: Storage = Number.isInteger(initial) && by.storage === "integer" ? "integer" : "real";
  let value = initial;
  return {
    field: field(ctx, "Count", target, storage),
    lookahead: lookaheadOf(inc, by, reset),
    column(b, a) {
      const incTests = inc.evaluate(b, a);
      const amounts = by.evaluate(b, a);
      const resets = reset.evaluate(b, a);
      const out: Column = new Array(b.length);
      for (let r = 0; r < b.length; r++) {
        if (resets[r] === true) value = initial;
        else if (incTests[r] === true && amounts[r] !== null) value += Number(amounts[r]);
        out[r] = value;
      }
      return out;
    },
  };
}

/** Conditional: `if cond then a else b endif`; a `$null$` condition takes the else branch. */
function conditional(ctx: NodeContext, input: Schema, target: DeriveTarget): Derivation {
  const parts: Array<[string, "value" | "condition"]> = [["cond_if_cond", "condition"], ["cond_then_expr", "value"]];
  const elseText = ctx.props.str("cond_else_expr");
  if (elseText.trim() !== "") parts.push(["cond_else_expr", "value"]);
  // Each part is checked on its own first, so that an error names its property.
  for (const [property, expect] of parts) compile(ctx, input, target, property, expect);
  const cond = parseClem(ctx.props.str("cond_if_cond"));
  const ast: ClemExpression = {
    kind: "if",
    pos: cond.pos,
    branches: [{ condition: cond, value: parseClem(ctx.props.str("cond_then_expr")) }],
    otherwise: elseText.trim() === "" ? null : parseClem(elseText),
  };
  let compiled: CompiledClem;
  try {
    compiled = compileClem(ast, nodeClemEnvironment(ctx, input, { label: "cond", ...(target.currentField !== undefined && { currentField: target.currentField }) }));
  } catch (err) {
    if (err instanceof Error) err.message = `properties "cond_then_expr" and "cond_else_expr": ${err.message}`;
    throw err;
  }
  if (compiled.storage === "list") throw ctx.props.unsupported("cond_then_expr", ctx.props.str("cond_then_expr"), "the expression gives a list; a field cannot hold lists");
  if (compiled.storage === "boolean") return booleanResult(ctx, "Conditional", target, compiled);
  return { field: field(ctx, "Conditional", target, compiled.storage), lookahead: compiled.lookahead, column: (b, a) => compiled.evaluate(b, a) };
}
