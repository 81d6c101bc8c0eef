/**
 * Helpers for list arguments. The binder turns every list argument into a list node (literal
 * lists, field lists, `@FIELDS_MATCHING`), so item types are known statically.
 */
import type { BoundNode } from "../bound.js";
import { describeType, unifyTypes, type ClemType } from "../types.js";
import type { CallSite } from "./registry.js";

export function listItems(site: CallSite, i: number): readonly BoundNode[] {
  const arg = site.args[i]!;
  if (arg.kind !== "list") return site.fail(`${site.name} needs a list here, such as [A B C]`, i);
  return arg.items;
}

/** The one storage of the items of list argument `i` (integers and reals give real). */
export function itemTypeOf(site: CallSite, i: number): ClemType {
  let t: ClemType = "null";
  for (const item of listItems(site, i)) {
    const u = unifyTypes(t, item.type);
    if (u === null) site.fail(`${site.name}: the list mixes ${describeType(t)} and ${describeType(item.type)}, so the result has no single storage`, i);
    t = u;
  }
  return t;
}
