/**
 * Function definitions: each CLEM function is data — its overloads (parameter kinds, result
 * type) and, per overload, how to build its implementation for one call site. The binder picks
 * the overload; nothing else needs to know the function. Operators are defined the same way,
 * under their spelling (`+`, `><`, `&&=_0`).
 */
import type { StreamSettings } from "../../data/settings.js";
import type { BoundNode, Implementation } from "../bound.js";
import type { SourcePosition } from "../errors.js";
import type { ClemType, ParamKind } from "../types.js";

/** What an implementation may know about its call site when it is built. */
export interface CallSite {
  readonly name: string;
  readonly args: readonly BoundNode[];
  readonly types: readonly ClemType[];
  readonly settings: StreamSettings;
  readonly pos: SourcePosition;
  warn(message: string): void;
  /** Throws a `ClemTypeError` at the argument (or the call when no index is given). */
  fail(message: string, argIndex?: number): never;
}

export interface Signature {
  readonly params: readonly ParamKind[];
  readonly result: ClemType | ((site: CallSite) => ClemType);
  readonly implement: Implementation | ((site: CallSite) => Implementation);
}

export interface FunctionDef {
  readonly name: string;
  readonly signatures: readonly Signature[];
  /** One line for docs and `inspect`; also names the family. */
  readonly family: string;
}

export function sig(
  params: readonly ParamKind[],
  result: Signature["result"],
  implement: Signature["implement"],
): Signature {
  return { params, result, implement };
}

export function family(name: string, defs: Record<string, Signature | readonly Signature[]>): FunctionDef[] {
  return Object.entries(defs).map(([fn, s]) => ({ name: fn, family: name, signatures: Array.isArray(s) ? s : [s as Signature] }));
}

/** Result type "same as argument i" (abs, negate, max ...). */
export function sameAs(i: number): (site: CallSite) => ClemType {
  return (site) => site.types[i]!;
}
