/**
 * An ordered, immutable list of fields with lookup by name. Every node computes its output
 * schema from its input schemas before any record is read.
 */
import type { Field } from "./field.js";
import { ModelerBatchError } from "../errors.js";

export class SchemaError extends ModelerBatchError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super("SCHEMA", message, details);
  }
}

export class Schema {
  readonly fields: readonly Field[];
  private readonly byName: ReadonlyMap<string, number>;

  constructor(fields: readonly Field[]) {
    const byName = new Map<string, number>();
    fields.forEach((f, i) => {
      if (byName.has(f.name)) throw new SchemaError(`duplicate field name "${f.name}"`, { field: f.name });
      byName.set(f.name, i);
    });
    this.fields = fields;
    this.byName = byName;
  }

  static readonly empty = new Schema([]);

  get length(): number {
    return this.fields.length;
  }

  get names(): string[] {
    return this.fields.map((f) => f.name);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** Column index of a field, or -1. */
  indexOf(name: string): number {
    return this.byName.get(name) ?? -1;
  }

  field(name: string): Field | undefined {
    const i = this.byName.get(name);
    return i === undefined ? undefined : this.fields[i];
  }

  /** The field, or an error naming it and the fields that exist. */
  require(name: string, context = ""): Field {
    const f = this.field(name);
    if (!f) {
      const where = context ? ` (${context})` : "";
      throw new SchemaError(`unknown field "${name}"${where}; the input has: ${this.names.map((n) => `"${n}"`).join(", ") || "no fields"}`, { field: name });
    }
    return f;
  }

  /** A new schema with one field replaced (same position). */
  replace(name: string, field: Field): Schema {
    const i = this.indexOf(name);
    if (i < 0) return this.append(field);
    const fields = this.fields.slice();
    fields[i] = field;
    return new Schema(fields);
  }

  /** A new schema with fields added at the end (a field of the same name is replaced in place). */
  append(...added: Field[]): Schema {
    const fields = this.fields.slice();
    for (const f of added) {
      const i = fields.findIndex((x) => x.name === f.name);
      if (i >= 0) fields[i] = f;
      else fields.push(f);
    }
    return new Schema(fields);
  }

  select(names: readonly string[]): Schema {
    return new Schema(names.map((n) => this.require(n)));
  }

  map(fn: (f: Field, i: number) => Field): Schema {
    return new Schema(this.fields.map(fn));
  }

  /** Fields by role, in schema order. */
  withRole(...roles: Field["role"][]): Field[] {
    return this.fields.filter((f) => roles.includes(f.role));
  }
}
