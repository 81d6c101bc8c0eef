/**
 * The registry of node evaluators: scripting type name → definition. The built-in types are
 * registered the same way an embedding application registers its own:
 *
 * ```ts
 * const registry = createRegistry().register(myNodeDefinition);
 * await runStream(stream, { registry });
 * ```
 */
import type { NodePropertySchemas } from "../stream/json-schema.js";
import type { StreamNode } from "../stream/model.js";
import { ModelerBatchError } from "../errors.js";
import type { NodeDefinition } from "./definition.js";
import { propertiesJsonSchema, resolveProperties } from "./properties.js";
import { BUILTIN_NODES } from "./builtins.js";

export class NodeRegistry {
  private readonly byType = new Map<string, NodeDefinition>();
  private readonly byClass = new Map<string, NodeDefinition>();
  private readonly byExtension = new Map<string, NodeDefinition>();
  private schemasCache?: NodePropertySchemas;

  constructor(definitions: readonly NodeDefinition[] = []) {
    for (const d of definitions) this.register(d);
  }

  /** Adds (or replaces) a node type. Returns the registry for chaining. */
  register(def: NodeDefinition): this {
    if (!/^[a-z][a-z0-9_]*$/.test(def.type)) {
      throw new ModelerBatchError("REGISTRY", `node type name "${def.type}" must be lower-case letters, digits and _`);
    }
    if (!def.run && !def.execute) {
      throw new ModelerBatchError("REGISTRY", `node type "${def.type}" must define run() or execute()`);
    }
    this.byType.set(def.type, def);
    for (const cls of def.modelerClasses ?? []) this.byClass.set(cls, def);
    for (const ext of def.modelerExtensions ?? []) this.byExtension.set(ext, def);
    this.schemasCache = undefined;
    return this;
  }

  get(type: string): NodeDefinition | undefined {
    return this.byType.get(type);
  }

  has(type: string): boolean {
    return this.byType.has(type);
  }

  /** The definition for a Modeler Java class (`DeriveNode`), if one maps it. */
  forModelerClass(cls: string): NodeDefinition | undefined {
    return this.byClass.get(cls);
  }

  /** The definition for a Modeler extension node (`extensionID`, `extensionObjectID`), if one maps it. */
  forModelerExtension(extensionId: string, extensionObjectId: string): NodeDefinition | undefined {
    return this.byExtension.get(`${extensionId}/${extensionObjectId}`);
  }

  get types(): string[] {
    return [...this.byType.keys()].sort();
  }

  get definitions(): NodeDefinition[] {
    return this.types.map((t) => this.byType.get(t)!);
  }

  /** Property schemas for the open format's JSON Schema. */
  propertySchemas(): NodePropertySchemas {
    return (this.schemasCache ??= Object.fromEntries(this.definitions.map((d) => [d.type, propertiesJsonSchema(d.properties)])));
  }

  /** A copy that can be extended without touching this one. */
  clone(): NodeRegistry {
    return new NodeRegistry(this.definitions);
  }

  /** Modeler's display name of a node: its custom name, else the type's automatic name. */
  displayName(node: StreamNode): string {
    if (node.name) return node.name;
    const def = this.byType.get(node.type);
    if (!def) return node.type;
    if (def.autoName) {
      try {
        return def.autoName(node, resolveProperties(def.properties, node)) || def.label;
      } catch {
        return def.label;
      }
    }
    return def.label;
  }
}

/** A new registry holding the built-in node types. */
export function createRegistry(): NodeRegistry {
  return new NodeRegistry(BUILTIN_NODES);
}

let shared: NodeRegistry | undefined;

/** The shared registry of built-in types (do not register into it; `createRegistry()` for that). */
export function defaultRegistry(): NodeRegistry {
  return (shared ??= createRegistry());
}
