/**
 * Stream-level settings of `clementineStream/stream/properties`: name, parameters
 * (`parameterTable`), options under their scripting names, the script, and the deployment
 * references (scoring branch, model build node: uids).
 *
 * Options map where the XML value is unambiguous. `dateFormat` / `timeFormat` hold Modeler's
 * internal numbers (`format23`) whose order is not documented, so they stay in the XML and
 * the reader says so instead of guessing a format.
 */
import type { FiElement } from "../fastinfoset/types.js";
import type { ParameterStorage, StreamParameter, StreamScript } from "../../stream/model.js";
import { child, childText, elements } from "../xml/dom.js";
import { readTypedValue, type JsonScalar } from "../../nodes/common/str-mapping/typed-values.js";

const STORAGES: Readonly<Record<string, ParameterStorage>> = {
  string: "string",
  integer: "integer",
  real: "real",
  date: "date",
  time: "time",
  timestamp: "timestamp",
  unknown: "unknown",
};

/** Typed-value letter → parameter storage, when the row has no `type/storage`. */
const LETTER_STORAGES: Readonly<Record<string, ParameterStorage>> = { A: "string", D: "real", I: "integer", J: "integer", U: "date", W: "timestamp", Z: "string" };

export function readParameters(props: FiElement | undefined, warn: (m: string) => void): StreamParameter[] {
  const rows = child(child(props, "parameterTable"), "rows");
  if (!rows) return [];
  return elements(rows).map((row) => {
    const name = childText(row, "name") ?? "";
    const valueEl = child(row, "value");
    const declared = childText(child(row, "type"), "storage");
    const letter = valueEl ? (valueEl.attributes.find((a) => a.name.localName === "type")?.value ?? "A") : "A";
    let storage = declared !== undefined ? STORAGES[declared] : LETTER_STORAGES[letter];
    if (!storage) {
      warn(`parameter "${name}" has storage "${declared ?? letter}", read as unknown`);
      storage = "unknown";
    }
    let value: JsonScalar = valueEl ? readTypedValue(valueEl) : null;
    if (typeof value === "boolean") value = String(value);
    const label = childText(row, "longName");
    const prompt = childText(row, "prompt");
    return {
      name,
      storage,
      value,
      ...(label ? { label } : {}),
      ...(prompt === "true" ? { prompt: true } : {}),
    };
  });
}

type OptionReader = (text: string) => unknown;
const bool: OptionReader = (t) => (t === "true" ? true : t === "false" ? false : undefined);
const int: OptionReader = (t) => (/^-?\d+$/.test(t) ? Number(t) : undefined);
const table =
  (values: Readonly<Record<string, string>>): OptionReader =>
  (t) =>
    values[t];

/** Stream option tags → scripting names (`STREAM_OPTION_NAMES` of data/settings.ts). */
export const STREAM_OPTIONS: ReadonlyArray<readonly [tag: string, name: string, read: OptionReader]> = [
  ["dateBaseline", "date_baseline", int],
  ["date2DigitBaseline", "date_2digit_baseline", int],
  ["timeRollover", "time_rollover", bool],
  ["realDecimalSymbol", "decimal_symbol", table({ period: "Period", comma: "Comma" })],
  ["realDecimalPlaces", "decimal_places", int],
  ["useTypeMaximumSetSize", "use_max_set_size", bool],
  ["typeMaximumSetSize", "max_set_size", int],
  ["anglesInRadians", "angles_in_radians", bool],
  ["rulesetMode", "ruleset_evaluation", table({ voting: "Voting", firstHit: "FirstHit" })],
  ["refreshImportSources", "refresh_source_nodes", bool],
  ["fileEncoding", "encoding", (t) => (t === "serverDefault" ? "SystemDefault" : t === "" ? undefined : t)],
];

export function readStreamOptions(props: FiElement | undefined, warn: (m: string) => void): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [tag, name, read] of STREAM_OPTIONS) {
    const t = childText(props, tag);
    if (t === undefined) continue;
    const v = read(t);
    if (v === undefined) warn(`stream option ${tag}="${t}" has no scripting value; it stays in the stream but the engine's default applies`);
    else out[name] = v;
  }
  for (const tag of ["dateFormat", "timeFormat"]) {
    const t = childText(props, tag);
    if (t !== undefined && t !== "") {
      warn(`stream option ${tag}="${t}" is Modeler's internal format number, whose formats are not documented; it is kept in the stream, and the engine uses its default ${tag === "dateFormat" ? "date" : "time"} format unless ${tag === "dateFormat" ? "date_format" : "time_format"} is set`);
    }
  }
  return out;
}

export function readScript(props: FiElement | undefined): StreamScript | undefined {
  const text = childText(props, "script") ?? "";
  if (text.trim() === "") return undefined;
  return { language: childText(props, "scriptLanguage") || "legacy", text, runByDefault: childText(props, "scriptDefaultExecution") === "true" };
}
