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

  resolve(name: string, path: string): FieldBinding {
    const b = this.lookup(name);
    if (!b) throw invalid(`field "${name}" is not defined in ${this.label}`, path);
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
