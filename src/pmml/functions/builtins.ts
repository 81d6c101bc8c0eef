/**
 * The registry of PMML 4.4.1 built-in functions.
 *
 * Every function of the standard's "Built-in functions" page is here; a name not found here or
 * among the document's DefineFunctions is reported at load time.
 */
import { arithmeticFunctions } from "./arithmetic.js";
import { dateFunctions } from "./dates.js";
import { formatFunctions } from "./format.js";
import type { BuiltinFunction } from "./function.js";
import { logicFunctions } from "./logic.js";
import { mathFunctions } from "./math.js";
import { stringFunctions } from "./strings.js";

const registry = new Map<string, BuiltinFunction>(
  Object.entries({
    ...arithmeticFunctions,
    ...mathFunctions,
    ...logicFunctions,
    ...stringFunctions,
    ...formatFunctions,
    ...dateFunctions,
  }),
);

export function builtinFunction(name: string): BuiltinFunction | undefined {
  return registry.get(name);
}

/** Names of all built-in functions (for documentation and tests). */
export function builtinFunctionNames(): string[] {
  return [...registry.keys()];
}
