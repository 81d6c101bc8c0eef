/**
 * Node properties described as data.
 *
 * Each node type lists its scripting properties with a type, a default and, for enums, the
 * allowed values. From these one description we get: the JSON Schema of the node in the open
 * stream format, validation with messages that name node, property and value, defaults for
 * what a stream leaves out, and conversion of `--set node.prop=value` text.
 */
import type { JsonSchema } from "../stream/json-schema.js";
import type { StreamNode } from "../stream/model.js";
import { ModelerBatchError } from "../errors.js";

export type PropertyType =
  | { readonly kind: "string" }
  | { readonly kind: "number" }
  | { readonly kind: "integer" }
  | { readonly kind: "boolean" }
  | { readonly kind: "enum"; readonly values: readonly string[] }
  /** CLEM expression text. */
  | { readonly kind: "clem" }
  /** One field name. */
  | { readonly kind: "field" }
  /** A list of field names. */
  | { readonly kind: "fields" }
  | { readonly kind: "list"; readonly items: PropertyType }
  /** An object keyed by field name (Modeler's keyed properties). */
  | { readonly kind: "keyed"; readonly value: PropertyType }
  /** Any JSON value (scalar or structure) described by a JSON Schema. */
  | { readonly kind: "json"; readonly schema: JsonSchema; readonly describe: string };

export interface PropertySpec {
  readonly name: string;
  readonly type: PropertyType;
  readonly default?: unknown;
  readonly description?: string;
}

export const str = (): PropertyType => ({ kind: "string" });
export const num = (): PropertyType => ({ kind: "number" });
export const int = (): PropertyType => ({ kind: "integer" });
export const bool = (): PropertyType => ({ kind: "boolean" });
export const oneOf = (...values: string[]): PropertyType => ({ kind: "enum", values });
export const clem = (): PropertyType => ({ kind: "clem" });
export const field = (): PropertyType => ({ kind: "field" });
export const fields = (): PropertyType => ({ kind: "fields" });
export const list = (items: PropertyType): PropertyType => ({ kind: "list", items });
export const keyed = (value: PropertyType): PropertyType => ({ kind: "keyed", value });
export const json = (schema: JsonSchema, describe: string): PropertyType => ({ kind: "json", schema, describe });

/** Shorthand for a spec list: `prop("mode", oneOf("Include", "Discard"), "Include")`. */
export function prop(name: string, type: PropertyType, defaultValue?: unknown, description?: string): PropertySpec {
  return { name, type, ...(defaultValue !== undefined && { default: defaultValue }), ...(description !== undefined && { description }) };
}

/** A property value the node does not accept. Names node, property and value. */
export class NodePropertyError extends ModelerBatchError {
  constructor(message: string, details: Record<string, unknown>) {
    super("NODE_PROPERTY", message, details);
  }
}

export function typeToJsonSchema(t: PropertyType): JsonSchema {
  switch (t.kind) {
    case "string":
    case "clem":
    case "field":
      return { type: "string" };
    case "number":
      return { type: "number" };
    case "integer":
      return { type: "integer" };
    case "boolean":
      return { type: "boolean" };
    case "enum":
      return { enum: [...t.values] };
    case "fields":
      return { type: "array", items: { type: "string" } };
    case "list":
      return { type: "array", items: typeToJsonSchema(t.items) };
    case "keyed":
      return { type: "object", additionalProperties: typeToJsonSchema(t.value) };
    case "json":
      return t.schema;
  }
}

export function propertiesJsonSchema(specs: readonly PropertySpec[]): JsonSchema {
  return {
    type: "object",
    additionalProperties: false,
    properties: Object.fromEntries(
      specs.map((s) => [s.name, { ...typeToJsonSchema(s.type), ...(s.description !== undefined && { description: s.description }), ...(s.default !== undefined && { default: s.default }) }]),
    ),
  };
}

export function describeType(t: PropertyType): string {
  switch (t.kind) {
    case "enum":
      return `one of ${t.values.join(", ")}`;
    case "clem":
      return "a CLEM expression (string)";
    case "field":
      return "a field name";
    case "fields":
      return "a list of field names";
    case "list":
      return `a list of ${describeType(t.items)}`;
    case "keyed":
      return `an object keyed by field name with ${describeType(t.value)} values`;
    case "json":
      return t.describe;
    case "integer":
      return "an integer";
    default:
      return `a ${t.kind}`;
  }
}

/** Checks one value against a type; returns a reason when it does not fit. */
export function checkValue(t: PropertyType, v: unknown): string | undefined {
  switch (t.kind) {
    case "string":
    case "clem":
    case "field":
      return typeof v === "string" ? undefined : "must be a string";
    case "number":
      return typeof v === "number" && Number.isFinite(v) ? undefined : "must be a number";
    case "integer":
      return typeof v === "number" && Number.isInteger(v) ? undefined : "must be an integer";
    case "boolean":
      return typeof v === "boolean" ? undefined : "must be true or false";
    case "enum":
      return typeof v === "string" && t.values.includes(v) ? undefined : `must be one of ${t.values.join(", ")}`;
    case "fields":
      return Array.isArray(v) && v.every((x) => typeof x === "string") ? undefined : "must be a list of field names";
    case "list": {
      if (!Array.isArray(v)) return `must be ${describeType(t)}`;
      for (let i = 0; i < v.length; i++) {
        const r = checkValue(t.items, v[i]);
        if (r) return `item ${i} ${r}`;
      }
      return undefined;
    }
    case "keyed": {
      if (typeof v !== "object" || v === null || Array.isArray(v)) return `must be ${describeType(t)}`;
      for (const [k, x] of Object.entries(v)) {
        const r = checkValue(t.value, x);
        if (r) return `entry "${k}" ${r}`;
      }
      return undefined;
    }
    case "json":
      return v === undefined ? `must be ${t.describe}` : undefined;
  }
}

/**
 * The node's properties with defaults filled in, after checking every given property
 * against its spec. Unknown properties and ill-typed values are errors naming the node.
 */
export function resolveProperties(specs: readonly PropertySpec[], node: StreamNode): Record<string, unknown> {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const out: Record<string, unknown> = {};
  for (const s of specs) if (s.default !== undefined) out[s.name] = cloneDefault(s.default);
  for (const [name, value] of Object.entries(node.properties)) {
    const spec = byName.get(name);
    if (!spec) {
      throw new NodePropertyError(
        `node "${node.id}" (${node.type}) has no property "${name}"; its properties are: ${specs.map((s) => s.name).join(", ") || "none"}`,
        { node: node.id, nodeType: node.type, property: name },
      );
    }
    if (value === null || value === undefined) continue;
    const reason = checkValue(spec.type, value);
    if (reason) {
      throw new NodePropertyError(`property "${name}" of node "${node.id}" (${node.type}) ${reason} (got ${JSON.stringify(value)})`, {
        node: node.id,
        nodeType: node.type,
        property: name,
        value,
      });
    }
    out[name] = value;
  }
  return out;
}

/** Converts command-line text (`--set node.prop=value`) to a value of the property's type. */
export function parsePropertyText(spec: PropertySpec, text: string): unknown {
  const t = spec.type;
  switch (t.kind) {
    case "string":
    case "clem":
    case "field":
    case "enum":
      return text;
    case "number":
    case "integer": {
      const n = Number(text);
      if (text.trim() === "" || !Number.isFinite(n)) throw new NodePropertyError(`"${text}" is not a number (property "${spec.name}")`, { property: spec.name, value: text });
      return n;
    }
    case "boolean":
      if (/^(true|1|yes|y|t)$/i.test(text)) return true;
      if (/^(false|0|no|n|f)$/i.test(text)) return false;
      throw new NodePropertyError(`"${text}" is not a flag value (property "${spec.name}" takes true or false)`, { property: spec.name, value: text });
    default:
      try {
        return JSON.parse(text);
      } catch {
        if (t.kind === "fields") return text.split(",").map((s) => s.trim()).filter((s) => s !== "");
        throw new NodePropertyError(`property "${spec.name}" takes ${describeType(t)}; give it as JSON (got ${text})`, { property: spec.name, value: text });
      }
  }
}

function cloneDefault(v: unknown): unknown {
  return typeof v === "object" && v !== null ? structuredClone(v) : v;
}

/** Typed accessors for resolved properties, used by node implementations. */
export class Props {
  constructor(readonly node: StreamNode, readonly values: Readonly<Record<string, unknown>>) {}

  has(name: string): boolean {
    return this.values[name] !== undefined && this.values[name] !== null;
  }

  str(name: string, fallback = ""): string {
    const v = this.values[name];
    return typeof v === "string" ? v : fallback;
  }

  num(name: string, fallback = 0): number {
    const v = this.values[name];
    return typeof v === "number" ? v : fallback;
  }

  bool(name: string, fallback = false): boolean {
    const v = this.values[name];
    return typeof v === "boolean" ? v : fallback;
  }

  list<T = unknown>(name: string): T[] {
    const v = this.values[name];
    return Array.isArray(v) ? (v as T[]) : [];
  }

  keyed<T = unknown>(name: string): Record<string, T> {
    const v = this.values[name];
    return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, T>) : {};
  }

  /** A required string property; an error naming node and property when it is empty. */
  required(name: string): string {
    const v = this.str(name);
    if (v === "") throw new NodePropertyError(`node "${this.node.id}" (${this.node.type}) needs property "${name}"`, { node: this.node.id, property: name });
    return v;
  }

  /** An error for a value the node recognises but does not support. */
  unsupported(name: string, value: unknown, why?: string): NodePropertyError {
    return new NodePropertyError(
      `property "${name}" of node "${this.node.id}" (${this.node.type}) has value ${JSON.stringify(value)}, which is not supported${why ? `: ${why}` : ""}`,
      { node: this.node.id, nodeType: this.node.type, property: name, value },
    );
  }
}
