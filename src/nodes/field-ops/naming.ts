/**
 * Naming of the fields Field Ops nodes add: Modeler's "name extension" added as a suffix or
 * prefix of a source field's name (Derive multiple mode, Reclassify, Binning, Set to Flag).
 */
import type { Schema } from "../../data/schema.js";
import type { NodeContext } from "../definition.js";
import { NodePropertyError, oneOf, type PropertyType } from "../properties.js";

export const ADD_AS: PropertyType = oneOf("Suffix", "Prefix");

/** `Age` + `_BIN` → `Age_BIN` (Suffix) or `_BINAge` (Prefix). */
export function extendName(name: string, extension: string, addAs: string): string {
  return addAs === "Prefix" ? extension + name : name + extension;
}

/**
 * Checks that the fields a node adds have distinct names. A new field that has the name of
 * an input field replaces it in place (as `Schema.append` does); two new fields with one name
 * would silently lose one of them, so that is an error naming both sources.
 */
export function assertDistinctNewNames(ctx: NodeContext, added: ReadonlyArray<{ name: string; from: string }>, property: string): void {
  const seen = new Map<string, string>();
  for (const a of added) {
    const other = seen.get(a.name);
    if (other !== undefined) {
      throw new NodePropertyError(
        `node "${ctx.node.id}" (${ctx.node.type}) would create two fields named "${a.name}" (from ${other} and ${a.from}); change "${property}"`,
        { node: ctx.node.id, nodeType: ctx.node.type, property, field: a.name },
      );
    }
    seen.set(a.name, a.from);
  }
}

/** The listed fields, each checked to exist (error naming the field and the property). */
export function requireFields(ctx: NodeContext, schema: Schema, names: readonly string[], property: string): void {
  for (const n of names) schema.require(n, `property "${property}" of node "${ctx.node.id}" (${ctx.node.type})`);
}
