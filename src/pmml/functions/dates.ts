/**
 * Date functions: dateDaysSinceYear, dateSecondsSinceYear, dateSecondsSinceMidnight.
 * Arguments of any date-like type work (see types/dates.ts for the number representation);
 * a string argument is read as an ISO date or date-time.
 */
import { yearStartDays } from "../types/dates.js";
import { toEpochDays, toEpochSeconds, toTypedValue, type DataType } from "../types/values.js";
import type { CompiledExpression } from "../expressions/context.js";
import type { XmlElement } from "../xml/xml-element.js";
import { numberArg, result, type BuiltinFunction, type NumberGetter } from "./function.js";

/** The argument as a number of its own date-like type (strings parsed as `fallback`). */
function dateArg(arg: CompiledExpression, el: XmlElement, fallback: DataType): { get: NumberGetter; dt: DataType } {
  if (arg.dataType !== "string") return { get: numberArg(arg, el), dt: arg.dataType };
  const g = arg.get;
  return {
    get: (f) => {
      const v = g(f);
      if (v === null) return null;
      const t = toTypedValue(v, fallback);
      return typeof t === "number" ? t : null;
    },
    dt: fallback,
  };
}

export const dateFunctions: Record<string, BuiltinFunction> = {
  dateDaysSinceYear: {
    minArgs: 2,
    maxArgs: 2,
    compile(args, el) {
      const { get, dt } = dateArg(args[0]!, el, "date");
      const year = numberArg(args[1]!, el);
      return result((f) => {
        const v = get(f);
        const y = year(f);
        return v === null || y === null ? null : toEpochDays(v, dt) - yearStartDays(y);
      }, "integer");
    },
  },
  dateSecondsSinceYear: {
    minArgs: 2,
    maxArgs: 2,
    compile(args, el) {
      const { get, dt } = dateArg(args[0]!, el, "dateTime");
      const year = numberArg(args[1]!, el);
      return result((f) => {
        const v = get(f);
        const y = year(f);
        return v === null || y === null ? null : Math.floor(toEpochSeconds(v, dt) - yearStartDays(y) * 86_400);
      }, "integer");
    },
  },
  dateSecondsSinceMidnight: {
    minArgs: 1,
    maxArgs: 1,
    compile(args, el) {
      const { get, dt } = dateArg(args[0]!, el, "dateTime");
      return result((f) => {
        const v = get(f);
        if (v === null) return null;
        const s = toEpochSeconds(v, dt);
        return Math.floor(((s % 86_400) + 86_400) % 86_400);
      }, "integer");
    },
  },
};
