/**
 * Stream options that change how values are parsed, computed and shown
 * (Stream Properties > Options in Modeler; `reference/NODES.md` §0.3).
 */

export interface StreamSettings {
  /** Modeler date format token, e.g. `DD/MM/YYYY`, `YYYY-MM-DD`. */
  dateFormat: string;
  /** Modeler time format token, e.g. `HH:MM:SS`. */
  timeFormat: string;
  /** Zero point of day and second counts (1 January of this year). */
  dateBaseline: number;
  /** Two-digit years below `yy` of this year fall in the next century (Modeler's 2-digit baseline). */
  date2DigitBaseline: number;
  /** "Rollover days/mins": a negative time difference wraps to the next day. */
  timeRollover: boolean;
  /** Decimal separator for reading and writing numbers in text. */
  decimalSymbol: "." | ",";
  /** Decimal places shown for reals in documents. */
  decimalPlaces: number;
  /** Nominal fields with more values than this become Typeless (0 = no limit). */
  maxSetSize: number;
  /** Trigonometric functions take and return radians (true) or degrees. */
  anglesInRadians: boolean;
  /** How rule sets vote (C5.0 rule-set nuggets). */
  rulesetEvaluation: "Voting" | "FirstHit";
  /** Text encoding of files when a node says `StreamDefault`. */
  encoding: string;
}

export const DEFAULT_SETTINGS: Readonly<StreamSettings> = Object.freeze({
  dateFormat: "DD/MM/YYYY",
  timeFormat: "HH:MM:SS",
  dateBaseline: 1900,
  date2DigitBaseline: 1930,
  timeRollover: true,
  decimalSymbol: ".",
  decimalPlaces: 3,
  maxSetSize: 250,
  anglesInRadians: true,
  rulesetEvaluation: "Voting",
  encoding: "utf-8",
});

/**
 * Reads the stream's top-level `properties` (scripting names) into settings, with Modeler's
 * defaults for what is absent. Unknown option names are ignored here; the stream reader
 * validates them.
 */
export function settingsFromProperties(props: Readonly<Record<string, unknown>> = {}): StreamSettings {
  const s: StreamSettings = { ...DEFAULT_SETTINGS };
  if (typeof props.date_format === "string") s.dateFormat = props.date_format;
  if (typeof props.time_format === "string") s.timeFormat = props.time_format;
  if (props.date_baseline !== undefined) s.dateBaseline = Number(props.date_baseline);
  if (props.date_2digit_baseline !== undefined) s.date2DigitBaseline = Number(props.date_2digit_baseline);
  if (typeof props.time_rollover === "boolean") s.timeRollover = props.time_rollover;
  if (typeof props.decimal_symbol === "string") s.decimalSymbol = /comma/i.test(props.decimal_symbol) || props.decimal_symbol === "," ? "," : ".";
  if (props.decimal_places !== undefined) s.decimalPlaces = Number(props.decimal_places);
  if (props.use_max_set_size === false) s.maxSetSize = 0;
  else if (props.max_set_size !== undefined) s.maxSetSize = Number(props.max_set_size);
  if (typeof props.angles_in_radians === "boolean") s.anglesInRadians = props.angles_in_radians;
  if (props.ruleset_evaluation === "FirstHit" || props.ruleset_evaluation === "Voting") s.rulesetEvaluation = props.ruleset_evaluation;
  if (typeof props.encoding === "string" && props.encoding !== "StreamDefault" && props.encoding !== "SystemDefault") s.encoding = props.encoding;
  return s;
}

/** The stream option names the open format accepts under `properties`. */
export const STREAM_OPTION_NAMES: readonly string[] = [
  "date_format", "time_format", "date_baseline", "date_2digit_baseline", "time_rollover",
  "decimal_symbol", "decimal_places", "grouping_symbol", "use_max_set_size", "max_set_size",
  "angles_in_radians", "ruleset_evaluation", "encoding", "refresh_source_nodes",
];
