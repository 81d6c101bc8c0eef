/**
 * Binder and type checker: resolves every name of a parsed expression against the input schema
 * (fields, `'$P-'` parameters, constant functions), picks each function's overload from the
 * argument types, and gives every node its static type — all before a row is read, so a
 * misspelt field fails at once with its line and column (CLEM.md Part 2 §B.1).
 *
 * Name rules (CLEM.md §1.3, §1.8, §1.9):
 * - a bare name is `pi`/`datetime_now`, else a field; an unknown bare name is an error listing
 *   the closest field names;
 * - a single-quoted name is a parameter (`'$P-x'`), else a field, else — Modeler's context
 *   rule — the string itself, with a warning.
 */
import type { Binary, ClemExpression, NameRef, Unary } from "./ast.js";
import type { BoundCall, BoundNode } from "./bound.js";
import { ClemTypeError, type SourcePosition } from "./errors.js";
import type { ClemEnvironment } from "./environment.js";
import { bindAtFunction } from "./at-functions.js";
import { comparisonImplementation, compareKind, type ComparisonOperator } from "./functions/comparison.js";
import { CONSTANT_FUNCTIONS, FUNCTIONS, SPATIAL_FUNCTION_NAMES, functionNames, type CallSite, type Signature } from "./functions/index.js";
import { closest } from "./suggest.js";
import { convertConstantForComparison } from "./date-constants.js";
import { acceptsType, describeKind, describeType, typeOfStorage, unifyTypes, type ClemType } from "./types.js";
import { DEFAULT_SETTINGS, type StreamSettings } from "../data/settings.js";

export interface BindResult {
  readonly root: BoundNode;
  readonly warnings: readonly string[];
  readonly fields: readonly string[];
  readonly sequential: boolean;
}

/** Advice for common mistakes, keyed by operator and argument type. */
const HINTS: Record<string, string> = {
  '"+":string': "; join strings with ><",
  '"+":date': "; use date_add_days(N, DATE) or date_days_difference(DATE1, DATE2)",
  '"-":date': "; use date_days_difference(DATE1, DATE2) or date_add_days(-N, DATE)",
  '"+":timestamp': "; use date_add_days(N, TIMESTAMP) or datetime_timestamp(...)",
  '"-":timestamp': "; use date_days_difference or datetime_in_seconds",
  '"+":time': "; use time_secs_difference or datetime_time(...)",
  '"-":time': "; use time_secs_difference(TIME1, TIME2)",
};

const COMPARISONS = new Set(["=", "/=", "<", "<=", ">", ">="]);
const PARAMETER_PREFIX = "$P-";

export class Binder {
  readonly settings: StreamSettings;
  readonly warnings: string[] = [];
  private readonly fields = new Set<string>();
  private sequential = false;
  /** Depth of `@SINCE` expressions being bound (`@THIS` is allowed only inside). */
  sinceDepth = 0;

  constructor(readonly env: ClemEnvironment) {
    this.settings = env.settings ?? DEFAULT_SETTINGS;
  }

  result(root: BoundNode): BindResult {
    return { root, warnings: this.warnings, fields: [...this.fields], sequential: this.sequential };
  }

  fail(pos: SourcePosition, message: string, details: Record<string, unknown> = {}): never {
    throw new ClemTypeError(message, pos, details);
  }

  warn(pos: SourcePosition, message: string): void {
    this.warnings.push(`line ${pos.line}, column ${pos.column}: ${message}`);
  }

  markSequential(): void {
    this.sequential = true;
  }

  bind(node: ClemExpression): BoundNode {
    switch (node.kind) {
      case "integer": return { kind: "constant", type: "integer", value: node.value, pos: node.pos };
      case "real": return { kind: "constant", type: "real", value: node.value, pos: node.pos };
      case "string":
      case "char": return { kind: "constant", type: "string", value: node.value, pos: node.pos };
      case "boolean": return { kind: "constant", type: "boolean", value: node.value, pos: node.pos };
      case "undef": return { kind: "constant", type: "null", value: null, pos: node.pos };
      case "name": return this.bindName(node);
      case "call": return node.name.startsWith("@") ? bindAtFunction(this, node) : this.bindCall(node.name, node.args.map((a) => this.bind(a)), node.pos, node.args);
      case "unary": return this.bindUnary(node);
      case "binary": return this.bindBinary(node);
      case "list": return { kind: "list", type: "list", items: node.items.map((i) => this.bind(i)), pos: node.pos };
      case "if": return this.bindIf(node);
    }
  }

  /** A field reference (recorded as read). */
  field(name: string, pos: SourcePosition): BoundNode {
    const f = this.env.schema.field(name);
    if (!f) return this.unknownField(name, pos);
    this.fields.add(name);
    return { kind: "field", type: typeOfStorage(f.storage), name, pos };
  }

  unknownField(name: string, pos: SourcePosition): never {
    const names = this.env.schema.names;
    const near = closest(name, names);
    const hint = near.length > 0 ? `; did you mean ${near.map((n) => `"${n}"`).join(" or ")}?` : "";
    const listing = names.length > 0 ? ` The input has: ${names.map((n) => `"${n}"`).join(", ")}.` : " The input has no fields.";
    this.fail(pos, `unknown field "${name}"${hint}${listing}`, { field: name, candidates: near });
  }

  private bindName(node: NameRef): BoundNode {
    const { name, pos } = node;
    if (!node.quoted && CONSTANT_FUNCTIONS.has(name)) return this.bindCall(name, [], pos, []);
    if (node.quoted && name.startsWith(PARAMETER_PREFIX)) return this.parameter(name.slice(PARAMETER_PREFIX.length), pos);
    if (this.env.schema.has(name)) return this.field(name, pos);
    const self = this.env.selfField;
    if (self && self.name === name) {
      this.fail(pos, `"${name}" is the field being derived: an expression can read its earlier values with @OFFSET(${node.quoted ? `'${name}'` : name}, 1), not its current one`);
    }
    if (node.quoted) {
      const near = closest(name, this.env.schema.names);
      this.warn(pos, `'${name}' is not a field, so it is read as the string "${name}" (write "${name}" for a string${near.length ? `, or did you mean the field '${near[0]}'?` : ""})`);
      return { kind: "constant", type: "string", value: name, pos };
    }
    if (FUNCTIONS.has(name)) this.fail(pos, `${name} is a function: write ${name}(...)`);
    return this.unknownField(name, pos);
  }

  private parameter(name: string, pos: SourcePosition): BoundNode {
    const p = this.env.parameters?.get(name);
    if (!p) {
      const known = [...(this.env.parameters?.keys() ?? [])];
      const near = closest(name, known);
      this.fail(pos, `unknown parameter '$P-${name}'${near.length ? `; did you mean '$P-${near[0]}'?` : ""}${known.length ? ` Defined: ${known.map((k) => `'$P-${k}'`).join(", ")}.` : " The stream defines no parameters."}`, { parameter: name });
    }
    return { kind: "constant", type: p.value === null ? "null" : typeOfStorage(p.storage), value: p.value, pos };
  }

  private bindUnary(node: Unary): BoundNode {
    const operand = this.bind(node.operand);
    if (node.op === "not") {
      this.requireCondition(operand, '"not"');
      return { kind: "not", type: "boolean", operand, pos: node.pos };
    }
    return this.bindCall(node.op === "-" ? "negate" : "~~", [operand], node.pos, [node.operand], `"${node.op}"`);
  }

  private bindBinary(node: Binary): BoundNode {
    const left = this.bind(node.left);
    const right = this.bind(node.right);
    const op = node.op;
    if (op === "and" || op === "or") {
      this.requireCondition(left, `"${op}"`);
      this.requireCondition(right, `"${op}"`);
      return { kind: op, type: "boolean", left, right, pos: node.pos };
    }
    if (COMPARISONS.has(op)) return this.bindComparison(op as ComparisonOperator, left, right, node);
    const name = op === "matches" ? "matches" : op;
    return this.bindCall(name, [left, right], node.opPos, [node.left, node.right], `"${op}"`);
  }

  private bindComparison(op: ComparisonOperator, l: BoundNode, r: BoundNode, node: Binary): BoundNode {
    // A date/time field compared with a string constant: the constant is read in the stream format.
    const left = convertConstantForComparison(this, l, r.type);
    const right = convertConstantForComparison(this, r, l.type);
    const kind = compareKind(left.type, right.type);
    if (kind === null) {
      const hint = (left.type === "string") !== (right.type === "string") ? "; convert one side with to_string(...) or to_number(...)" : "";
      this.fail(node.opPos, `cannot compare ${describeType(left.type)} with ${describeType(right.type)} using "${op}"${hint}`);
    }
    if (kind === "boolean" && op !== "=" && op !== "/=") this.fail(node.opPos, `conditions (true/false) can only be tested with = and /=, not "${op}"`);
    const impl = comparisonImplementation(op, kind);
    return { kind: "call", type: "boolean", name: op, args: [left, right], impl, pos: node.pos };
  }

  private bindIf(node: Extract<ClemExpression, { kind: "if" }>): BoundNode {
    const branches = node.branches.map((b) => {
      const condition = this.bind(b.condition);
      this.requireCondition(condition, '"if"');
      return { condition, value: this.bind(b.value) };
    });
    const otherwise = node.otherwise ? this.bind(node.otherwise) : null;
    let type: ClemType = "null";
    for (const v of [...branches.map((b) => b.value), ...(otherwise ? [otherwise] : [])]) {
      const u = unifyTypes(type, v.type);
      if (u === null) {
        this.fail(v.pos, `the branches of this "if" give different storages (${describeType(type)} and ${describeType(v.type)}); convert one, e.g. with to_string(...)`);
      }
      type = u;
    }
    return { kind: "if", type, branches, otherwise, pos: node.pos };
  }

  requireCondition(node: BoundNode, where: string): void {
    if (node.type !== "boolean" && node.type !== "null" && node.type !== "any") {
      this.fail(node.pos, `${where} needs a condition (true/false), but this is ${describeType(node.type)}; compare it, e.g. X = 1`);
    }
  }

  /** Resolves a function or operator call against its overloads. */
  bindCall(name: string, args: BoundNode[], pos: SourcePosition, syntax: readonly ClemExpression[], label = name): BoundCall {
    const def = FUNCTIONS.get(name);
    if (!def) {
      if (SPATIAL_FUNCTION_NAMES.has(name)) this.fail(pos, `${name}: geospatial storage is not supported by this engine`);
      const near = closest(name, functionNames());
      this.fail(pos, `unknown function "${name}"${near.length ? `; did you mean ${near.join(" or ")}?` : ""}`, { function: name });
    }
    const byArity = def.signatures.filter((s) => s.params.length === args.length);
    if (byArity.length === 0) {
      const counts = [...new Set(def.signatures.map((s) => s.params.length))].sort();
      this.fail(pos, `${label} takes ${counts.join(" or ")} argument${counts.length === 1 && counts[0] === 1 ? "" : "s"}, not ${args.length}`);
    }
    const types = args.map((a) => a.type);
    const signature = byArity.find((s) => s.params.every((k, i) => acceptsType(k, types[i]!, false)))
      ?? byArity.findLast((s) => s.params.every((k, i) => acceptsType(k, types[i]!, true)));
    if (!signature) return this.mismatch(label, byArity, args, pos);
    const guarded = args.map((a, i): BoundNode => {
      const kind = signature.params[i]!;
      if (a.type !== "any" || kind === "any" || kind === "value") return a;
      return { kind: "guard", type: a.type, operand: a, expected: kind, context: `argument ${i + 1} of ${label}`, pos: a.pos };
    });
    const site = this.callSite(name, guarded, pos, syntax);
    const type = typeof signature.result === "function" ? signature.result(site) : signature.result;
    const impl = typeof signature.implement === "function" ? signature.implement(site) : signature.implement;
    return { kind: "call", type, name, args: guarded, impl, pos };
  }

  private callSite(name: string, args: readonly BoundNode[], pos: SourcePosition, syntax: readonly ClemExpression[]): CallSite {
    return {
      name,
      args,
      types: args.map((a) => a.type),
      settings: this.settings,
      pos,
      warn: (message) => this.warn(pos, message),
      fail: (message, i) => this.fail(i === undefined ? pos : (syntax[i]?.pos ?? args[i]?.pos ?? pos), message),
    };
  }

  private mismatch(label: string, signatures: readonly Signature[], args: readonly BoundNode[], pos: SourcePosition): never {
    // Point at the first argument no overload accepts.
    const bad = args.findIndex((a, i) => !signatures.some((s) => acceptsType(s.params[i]!, a.type, true)));
    const forms = signatures.map((s) => `${label}(${s.params.map(describeKind).join(", ")})`).join("; ");
    if (bad >= 0) {
      const kinds = new Set(signatures.map((s) => s.params[bad]!));
      // "an integer or a number" says no more than "a number".
      if (kinds.has("number")) ["integer", "real"].forEach((k) => kinds.delete(k as never));
      const accepted = [...kinds].map(describeKind).join(" or ");
      const hint = HINTS[`${label}:${args[bad]!.type}`] ?? "";
      this.fail(args[bad]!.pos, `argument ${bad + 1} of ${label} must be ${accepted}, but it is ${describeType(args[bad]!.type)}${hint}`, { expected: forms });
    }
    this.fail(pos, `${label} cannot take ${args.map((a) => describeType(a.type)).join(", ")}; it takes ${forms}`);
  }
}

/** Binds and type-checks a parsed expression (see `compileClem` for the public entry). */
export function bindClem(ast: ClemExpression, env: ClemEnvironment, expect: "value" | "condition" = "value"): BindResult {
  const binder = new Binder(env);
  const root = binder.bind(ast);
  if (expect === "condition") binder.requireCondition(root, "a condition");
  return binder.result(root);
}
