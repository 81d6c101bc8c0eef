/**
 * Sample (`SampleNode` → `sample`): `sampleProcedure` simple/complex, `sampleMode`
 * pass/discard, `sampleMethod` firstN/oneInN/random with `sampleFirstN`, `sampleOneInN`,
 * `sampleRandom`, the maximum size and seed, and the complex (stratified) settings.
 */
import { child, elements } from "../xml/dom.js";
import { boolCodec, enumCodec, fieldListCodec, numberCodec, textCodec } from "./codecs.js";
import { defineXmlMapping } from "./types.js";

/** Only the tokens seen in real files; others pass through with a warning (see codecs.ts). */
const sizes = { fixed: "Fixed" };

export const sampleMapping = defineXmlMapping({
  properties: {
    method: enumCodec("sampleProcedure", { simple: "Simple" }),
    mode: enumCodec("sampleMode", { pass: "Include", discard: "Discard" }),
    sample_type: enumCodec("sampleMethod", { firstN: "First", oneInN: "OneInN", random: "RandomPct" }),
    first_n: numberCodec("sampleFirstN", { integer: true }),
    one_in_n: numberCodec("sampleOneInN", { integer: true }),
    rand_pct: numberCodec("sampleRandom"),
    use_max_size: boolCodec("sampleUseMaxSize"),
    maximum_size: numberCodec("sampleMaxSize", { integer: true }),
    set_random_seed: boolCodec("sampleUseRandomSeed"),
    random_seed: numberCodec("sampleRandomSeed", { integer: true }),
    complex_sample_type: enumCodec("sampleComplexType", { random: "Random" }),
    sample_units: enumCodec("sampleUnits", { proportions: "Proportions" }),
    sample_size_proportions: enumCodec("sampleSizeProportions", sizes),
    sample_size_counts: enumCodec("sampleSizeCounts", sizes),
    fixed_proportions: numberCodec("sampleFixedProportions"),
    fixed_counts: numberCodec("sampleFixedCounts", { integer: true }),
    variable_proportions: textCodec("sampleVariableProportions", { omitEmpty: true }),
    variable_counts: textCodec("sampleVariableCounts", { omitEmpty: true }),
    default_proportion: numberCodec("sampleDefaultProportion"),
    default_count: numberCodec("sampleDefaultCount", { integer: true }),
    stratify_by: fieldListCodec("sampleStratifyBy"),
    use_min_stratum_size: boolCodec("sampleUseMinStratumSize"),
    minimum_stratum_size: numberCodec("sampleMinimumStratumSize", { integer: true }),
    use_max_stratum_size: boolCodec("sampleUseMaxStratumSize"),
    maximum_stratum_size: numberCodec("sampleMaximumStratumSize", { integer: true }),
  },
  check(props, ctx) {
    for (const tag of ["sampleClusters", "sampleProportionsSizes", "sampleCountsSizes", "sampleInputWeight"]) {
      const el = child(props, tag);
      if (el && (elements(el).length > 0 || el.children.some((c) => c.kind === "text" && c.value.trim() !== ""))) {
        ctx.warn(`${tag} is set, kept in the XML but not applied: cluster, custom-size and weight settings are not read from .str yet`);
      }
    }
    if (child(props, "sampleSpecifyInputWeight") && elements(child(props, "sampleSpecifyInputWeight")!).length === 0) {
      const v = child(props, "sampleSpecifyInputWeight")!.children.find((c) => c.kind === "text");
      if (v && v.kind === "text" && v.value === "true") ctx.warn("sampleSpecifyInputWeight is true, kept in the XML but not applied");
    }
  },
});
