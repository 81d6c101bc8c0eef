/**
 * Every mapping lists only the XML tokens seen in the corpus or named in
 * docs/modeler-str.md (plus the evident counterpart of a seen pair, such as `on` for `off`).
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

export const SUFFIX_PREFIX: Readonly<Record<string, string>> = { suffix: "Suffix", prefix: "Prefix" };

export const DECIMAL_SYMBOLS: Readonly<Record<string, string>> = { default: "Default", period: "Period" };
