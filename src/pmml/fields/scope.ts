/**
 * Compile-time field scopes.
 *
 * A scope maps field names to bindings: how to get the field's value for the current row and
 * what type it has. Scopes nest the way PMML's field scoping does: the document's fields, then a
 * model's MiningSchema and LocalTransformations, then a segment's model, then its outputs. Derived
 * fields are compiled on first reference so they may refer to each other in any order; a field
 * that (indirectly) refers to itself is reported.
 */
import { invalid } from "../errors.js";
import type { Getter } from "../runtime/frame.js";
import type { DataType, OpType, Value } from "../types/values.js";
import type { XmlElement } from "../xml/xml-element.js";
import type { DataFieldDef } from "./data-field.js";

export interface FieldBinding {
  readonly name: string;
  readonly dataType: DataType;
  readonly optype: OpType;
  readonly get: Getter;
  /** Valid values in order: categories of categorical fields, the order of ordinal ones. */
  readonly values?: readonly Value[];
  /** The DataField behind an outside field (for isValid and display values). */
  readonly dataField?: DataFieldDef;
  /**
   * True when the value depends only on the record's outside fields (not on model results), so
   * that it may be computed for a whole batch ahead of the row (see numeric-column.ts).
   */
  readonly pure?: boolean;
  /** For outside fields: where the raw value comes from and how it is prepared. */
  readonly source?: InputSource;
}

export interface InputSource {
  /** Index of the input column in the frame. */
  readonly column: number;
  readonly prepare: (raw: unknown) => Value;
  /** True when a number passes through unchanged (a double field without treatments). */
  readonly numbersPassThrough: boolean;
}

/** Bindings resolved while a dependency collection is active (innermost first). */
const collectors: Set<FieldBinding>[] = [];

/** Runs `fn` and reports the fields it resolved (to tell whether a derived field is pure). */
export function collectDependencies<T>(fn: () => T): { result: T; dependencies: FieldBinding[] } {
  const deps = new Set<FieldBinding>();
  collectors.push(deps);
  try {
    const result = fn();
    return { result, dependencies: [...deps] };
  } finally {
    collectors.pop();
  }
}

interface Pending {
  compile: () => FieldBinding;
  state: "pending" | "compiling";
  path: string;
}

export class Scope {
  private readonly fields = new Map<string, FieldBinding | Pending>();

  constructor(
    readonly parent: Scope | null,
    /** What this scope is, for messages ("TreeModel", "Output of Segment 2"). */
    readonly label: string,
  ) {}

  define(binding: FieldBinding, path: string): void {
    if (this.fields.has(binding.name)) throw invalid(`field "${binding.name}" is defined twice in ${this.label}`, path);
    this.fields.set(binding.name, binding);
  }

  /** Registers a field whose binding is compiled when first looked up. */
  defineLazy(name: string, path: string, compile: () => FieldBinding): void {
    if (this.fields.has(name)) throw invalid(`field "${name}" is defined twice in ${this.label}`, path);
    this.fields.set(name, { compile, state: "pending", path });
  }

  hasOwn(name: string): boolean {
    return this.fields.has(name);
  }

  ownNames(): string[] {
    return [...this.fields.keys()];
  }

  lookup(name: string): FieldBinding | undefined {
    const entry = this.fields.get(name);
    if (entry === undefined) return this.parent?.lookup(name);
    if (!isPending(entry)) return entry;
    if (entry.state === "compiling") throw invalid(`field "${name}" refers to itself`, entry.path);
    entry.state = "compiling";
    const binding = entry.compile();
    this.fields.set(name, binding);
    return binding;
  }

  /** The binding of `name`; `at` (an element, or a path) is where the reference is, for the error. */
  resolve(name: string, at: XmlElement | string): FieldBinding {
    const b = this.lookup(name);
    if (!b) throw invalid(`field "${name}" is not defined in ${this.label}`, typeof at === "string" ? at : at.path);
    collectors[collectors.length - 1]?.add(b);
    return b;
  }

  /** Compiles every lazily defined field of this scope (so that errors surface at load time). */
  compileAll(): void {
    for (const name of [...this.fields.keys()]) this.lookup(name);
  }
}

function isPending(x: FieldBinding | Pending): x is Pending {
  return "compile" in x && "state" in x;
}
