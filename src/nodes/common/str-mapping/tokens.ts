/**
 * XML tokens ↔ scripting values that several node mappings share. Every mapping lists only
 * the XML tokens seen in the corpus or named in docs/modeler-str.md (plus the evident
 * counterpart of a seen pair, such as `on` for `off`).
 */

/** Measurement levels as node settings spell them (`deriveFormulaFieldMeasure` …) ↔ scripting names. */
export const MEASURE_TOKENS: Readonly<Record<string, string>> = {
  auto: "Default",
  range: "Range",
  set: "Set",
  flag: "Flag",
  typeless: "Typeless",
  orderedSet: "OrderedSet",
  discrete: "Discrete",
};

export const SUFFIX_PREFIX_TOKENS: Readonly<Record<string, string>> = { suffix: "Suffix", prefix: "Prefix" };

export const DECIMAL_SYMBOL_TOKENS: Readonly<Record<string, string>> = { default: "Default", period: "Period" };

/** `trimMode` of the text-file sources (Var. File, Fixed File). */
export const TRIM_MODE_TOKENS: Readonly<Record<string, string>> = { none: "None", both: "Both" };

/** `invalidCharacterMode` of the text-file sources. */
export const INVALID_CHAR_MODE_TOKENS: Readonly<Record<string, string>> = { discard: "Discard" };
