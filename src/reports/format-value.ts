/**
 * How values look in documents: dates and times in the stream's formats, reals with the
 * stream's decimal places and symbol, `$null$` for nulls (as Modeler's output windows show).
 */
import type { StreamSettings } from "../data/settings.js";
import { DEFAULT_SETTINGS } from "../data/settings.js";
import type { Storage } from "../data/storage.js";
import { formatValue, type Value } from "../data/values.js";
import { makeDateFormatter, makeTimeFormatter, makeTimestampFormatter } from "../data/datetime-format.js";

export type ValueFormatter = (v: Value) => string;

export function documentValueFormatter(storage: Storage, settings: StreamSettings = DEFAULT_SETTINGS): ValueFormatter {
  switch (storage) {
    case "real": {
      const places = settings.decimalPlaces;
      const comma = settings.decimalSymbol === ",";
      return (v) => {
        if (v === null) return "$null$";
        if (typeof v !== "number") return String(v);
        const text = v.toFixed(places);
        return comma ? text.replace(".", ",") : text;
      };
    }
    case "date": {
      const fmt = makeDateFormatter(settings.dateFormat);
      return (v) => (v === null ? "$null$" : typeof v === "number" ? fmt(v) : String(v));
    }
    case "time": {
      const fmt = makeTimeFormatter(settings.timeFormat);
      return (v) => (v === null ? "$null$" : typeof v === "number" ? fmt(v) : String(v));
    }
    case "timestamp": {
      const fmt = makeTimestampFormatter(settings.dateFormat, settings.timeFormat);
      return (v) => (v === null ? "$null$" : typeof v === "number" ? fmt(v) : String(v));
    }
    default:
      return (v) => formatValue(v, storage);
  }
}
