/**
 * Sample (`sample`): keeps (Include) or drops (Discard) a sample of the records.
 * NODES.md §2.9; choices in docs/nodes.md.
 *
 * Simple method, streaming: `First` takes records 1..n and, in Include mode, stops reading
 * the input after them; `OneInN` takes records n, 2n, 3n, ...; `RandomPct` takes each record
 * independently with probability pct/100. `use_max_size` caps the sample (the records taken,
 * whether they are then included or discarded); once an Include sample is full the input is
 * no longer read. Random draws come from `random_seed` when `set_random_seed`, else from the
 * run's seed. The Complex method (stratified, clustered, systematic) is in sample-complex.ts.
 */
import { seededRandom } from "../../data/random.js";
import { sliceBatch, takeRows, type RecordBatch } from "../../data/batch.js";
import { boolCodec, child, defineXmlMapping, elements, enumCodec, fieldListCodec, numberCodec, textCodec } from "../common/str-mapping/index.js";
import { defineNode, type NodeContext, type RunContext } from "../definition.js";
import { bool, fields, int, json, num, oneOf, prop, str, type PropertySpec } from "../properties.js";
import { complexSample, complexSampleSchema } from "./sample-complex.js";

const SIZES = json({ type: "array", items: { type: "array", minItems: 2 } }, "a list of [stratum value, ..., size] rows");

const COMPLEX_PROPERTIES: PropertySpec[] = [
  prop("complex_sample_type", oneOf("Random", "Systematic"), "Random"),
  prop("sample_units", oneOf("Proportions", "Counts"), "Proportions"),
  prop("sample_size_proportions", oneOf("Fixed", "Custom", "Variable"), "Fixed"),
  prop("sample_size_counts", oneOf("Fixed", "Custom", "Variable"), "Fixed"),
  prop("fixed_proportions", num(), 0.1, "Proportion of each stratum's units."),
  prop("fixed_counts", int(), 100, "Units per stratum."),
  prop("variable_proportions", str(), undefined, "Field holding each stratum's proportion."),
  prop("variable_counts", str(), undefined, "Field holding each stratum's count."),
  prop("sizes_proportions", SIZES, [], "Custom proportions: [stratum value, ..., proportion] per stratum."),
  prop("sizes_counts", SIZES, [], "Custom counts: [stratum value, ..., count] per stratum."),
  prop("default_proportion", num(), 0.1, "Custom proportions: strata not listed."),
  prop("default_count", int(), 100, "Custom counts: strata not listed."),
  prop("stratify_by", fields(), [], "Strata: a sample is drawn within each combination of these fields' values."),
  prop("cluster_field", str(), undefined, "Sample whole clusters (values of this field) instead of records."),
  prop("clusters", json({}, "cluster settings"), undefined, "Not supported beyond cluster_field."),
  prop("use_min_stratum_size", bool(), false),
  prop("minimum_stratum_size", int(), 0),
  prop("use_max_stratum_size", bool(), false),
  prop("maximum_stratum_size", int(), 0),
];

/** Only the tokens seen in real files; others pass through with a warning (see codecs.ts). */
const sizes = { fixed: "Fixed" };

/**
 * Sample (`SampleNode` → `sample`): `sampleProcedure` simple/complex, `sampleMode`
 * pass/discard, `sampleMethod` firstN/oneInN/random with `sampleFirstN`, `sampleOneInN`,
 * `sampleRandom`, the maximum size and seed, and the complex (stratified) settings.
 */
const sampleMapping = defineXmlMapping({
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

export const sampleNode = defineNode({
  type: "sample",
  label: "Sample",
  palette: "record",
  modelerClasses: ["SampleNode"],
  modeler: sampleMapping,
  inputs: { min: 1, max: 1 },
  properties: [
    prop("method", oneOf("Simple", "Complex"), "Simple"),
    prop("mode", oneOf("Include", "Discard"), "Include", "Keep the sample, or everything but the sample."),
    prop("sample_type", oneOf("First", "OneInN", "RandomPct"), "First"),
    prop("first_n", int(), 100),
    prop("one_in_n", int(), 2),
    prop("rand_pct", num(), 10),
    prop("use_max_size", bool(), false, "Cap the sample size."),
    prop("maximum_size", int(), 5000),
    prop("set_random_seed", bool(), false),
    prop("random_seed", int(), 1234567),
    ...COMPLEX_PROPERTIES,
  ],
  schema(ctx, [input]) {
    if (ctx.props.str("method") === "Complex") return complexSampleSchema(ctx, input!);
    checkSimple(ctx);
    return input!;
  },
  async *run(ctx, [input]) {
    if (ctx.props.str("method") === "Complex") {
      yield* complexSample(ctx, input!);
      return;
    }
    yield* simpleSample(ctx, input!);
  },
});

function checkSimple(ctx: NodeContext): void {
  const p = ctx.props;
  const type = p.str("sample_type", "First");
  if (type === "First" && p.num("first_n") < 0) throw p.unsupported("first_n", p.num("first_n"), "it must be 0 or more");
  if (type === "OneInN" && p.num("one_in_n") < 1) throw p.unsupported("one_in_n", p.num("one_in_n"), "it must be 1 or more");
  if (type === "RandomPct" && !(p.num("rand_pct") >= 0 && p.num("rand_pct") <= 100)) throw p.unsupported("rand_pct", p.num("rand_pct"), "it must be between 0 and 100");
  if (p.bool("use_max_size") && p.num("maximum_size") < 0) throw p.unsupported("maximum_size", p.num("maximum_size"), "it must be 0 or more");
}

async function* simpleSample(ctx: RunContext, input: AsyncIterable<RecordBatch>): AsyncGenerator<RecordBatch> {
  checkSimple(ctx);
  const p = ctx.props;
  const include = p.str("mode", "Include") === "Include";
  const type = p.str("sample_type", "First");
  let cap = p.bool("use_max_size") ? p.num("maximum_size") : Infinity;
  if (type === "First") cap = Math.min(cap, p.num("first_n"));
  const n = p.num("one_in_n", 2);
  const pct = p.num("rand_pct", 10) / 100;
  const random = p.bool("set_random_seed") ? seededRandom(p.num("random_seed")) : ctx.random("sample");
  let seen = 0;
  let sampled = 0;
  // A complete Include sample needs nothing more: the input is not read any further.
  if (include && cap <= 0) return;
  for await (const batch of input) {
    ctx.throwIfAborted();
    if (sampled >= cap) {
      // A complete Discard sample lets every later record through unchanged.
      yield batch;
      continue;
    }
    if (type === "First") {
      const take = Math.min(batch.length, cap - sampled);
      sampled += take;
      const part = include ? sliceBatch(batch, 0, take) : sliceBatch(batch, take);
      if (part.length > 0) yield part;
      if (include && sampled >= cap) return;
      continue;
    }
    const keep = new Uint32Array(batch.length);
    let kept = 0;
    for (let r = 0; r < batch.length; r++) {
      seen++;
      const inSample = sampled < cap && (type === "OneInN" ? seen % n === 0 : random() < pct);
      if (inSample) sampled++;
      if (inSample === include) keep[kept++] = r;
    }
    if (kept === batch.length) yield batch;
    else if (kept > 0) yield takeRows(batch, keep, kept);
    if (include && sampled >= cap) return;
  }
}
