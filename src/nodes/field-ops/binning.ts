/**
 * Binning (`binning`): adds bin fields computed from numeric fields — fixed-width bins,
 * equal-count or equal-sum tiles, ranks, or bands at the mean ± standard deviations. Bins
 * depend on all the data, so the node reads every record first, then emits them with the new
 * fields. `$null$` stays `$null$`; blanks are binned like any value. The supervised `Optimal`
 * method is not supported and is refused by name. NODES.md §2.6; docs/nodes.md ("Binning").
 */
import type { Column, RecordBatch } from "../../data/batch.js";
import { makeField, type Field } from "../../data/field.js";
import type { Schema } from "../../data/schema.js";
import { isNumericStorage } from "../../data/storage.js";
import type { Value } from "../../data/values.js";
import { defineNode, type NodeContext } from "../definition.js";
import { NodePropertyError, bool, field, fields, int, num, oneOf, prop, str } from "../properties.js";
import { fixedWidthBins, rankValues, sdevBins, tileBins, type NumberOrNull } from "./binning-methods.js";
import { columnPlan, withColumns } from "./columns.js";
import { ADD_AS, assertDistinctNewNames, extendName } from "./naming.js";

const TILES = [4, 5, 10, 20, 100] as const;

export const binningNode = defineNode({
  type: "binning",
  label: "Binning",
  palette: "field",
  modelerClasses: ["BinningNode"],
  inputs: { min: 1, max: 1 },
  properties: [
    prop("fields", fields(), [], "Numeric fields to bin."),
    prop("method", oneOf("FixedWidth", "EqualCount", "Rank", "SDev", "Optimal"), "FixedWidth"),
    prop("recalculate_bins", oneOf("Always", "IfNecessary"), "Always", "Bins are computed on every run (no bin table is stored between runs)."),
    prop("fixed_width_name_extension", str(), "_BIN"),
    prop("fixed_width_add_as", ADD_AS, "Suffix"),
    prop("fixed_bin_method", oneOf("Width", "Count"), "Width"),
    prop("fixed_bin_count", int(), 10),
    prop("fixed_bin_width", num()),
    prop("equal_count_name_extension", str(), "_TILE", "Followed by the number of tiles (Age_TILE4)."),
    prop("equal_count_add_as", ADD_AS, "Suffix"),
    ...TILES.map((t) => prop(`tile${t}`, bool(), false)),
    prop("use_custom_tile", bool(), false),
    prop("custom_tile_name_extension", str(), "_TILEN", "Used as written (N is not replaced)."),
    prop("custom_tile_add_as", ADD_AS, "Suffix"),
    prop("custom_tile", int(), 10),
    prop("equal_count_method", oneOf("RecordCount", "ValueSum"), "RecordCount"),
    prop("tied_values_method", oneOf("Next", "Current", "Random"), "Next"),
    prop("rank_order", oneOf("Ascending", "Descending"), "Ascending"),
    prop("rank", bool(), false),
    prop("rank_name_extension", str(), "_RANK"),
    prop("rank_add_as", ADD_AS, "Suffix"),
    prop("rank_fractional", bool(), false),
    prop("rank_fractional_name_extension", str(), "_F_RANK"),
    prop("rank_fractional_add_as", ADD_AS, "Suffix"),
    prop("rank_pct", bool(), false),
    prop("rank_pct_name_extension", str(), "_P_RANK"),
    prop("rank_pct_add_as", ADD_AS, "Suffix"),
    prop("sdev_name_extension", str(), "_SDBIN"),
    prop("sdev_add_as", ADD_AS, "Suffix"),
    prop("sdev_count", oneOf("One", "Two", "Three"), "One"),
    prop("optimal_name_extension", str(), "_OPTIMAL"),
    prop("optimal_add_as", ADD_AS, "Suffix"),
    prop("optimal_supervisor_field", field()),
    prop("optimal_merge_bins", bool()),
    prop("optimal_small_bin_threshold", num()),
    prop("optimal_pre_bin", bool()),
    prop("optimal_max_bins", int()),
    prop("optimal_lower_end_point", oneOf("Inclusive", "Exclusive")),
    prop("optimal_first_bin", oneOf("Unbounded", "Bounded")),
    prop("optimal_last_bin", oneOf("Unbounded", "Bounded")),
  ],
  schema(ctx, [input]) {
    return input!.append(...binOutputs(ctx, input!).map((o) => o.field));
  },
  async *run(ctx, [input]) {
    const inSchema = ctx.inputSchemas[0]!;
    const outputs = binOutputs(ctx, inSchema);
    const batches: RecordBatch[] = [];
    let total = 0;
    for await (const batch of input!) {
      ctx.throwIfAborted();
      batches.push(batch);
      total += batch.length;
    }
    ctx.progress(`computing bins over ${total} records`);
    const sources = new Map<string, NumberOrNull[]>();
    for (const o of outputs) if (!sources.has(o.source)) sources.set(o.source, gather(batches, inSchema.indexOf(o.source), total));
    const computed = new Map<string, NumberOrNull[]>();
    for (const o of outputs) {
      ctx.throwIfAborted();
      computed.set(o.field.name, o.compute(sources.get(o.source)!, ctx));
    }
    const plan = columnPlan(ctx.outputSchema, inSchema, new Set(computed.keys()));
    let offset = 0;
    for (const batch of batches) {
      const added = new Map<string, Column>();
      for (const [name, all] of computed) added.set(name, all.slice(offset, offset + batch.length));
      offset += batch.length;
      yield withColumns(ctx.outputSchema, plan, batch, added);
    }
  },
});

interface BinOutput {
  readonly source: string;
  readonly field: Field;
  compute(values: NumberOrNull[], ctx: NodeContext): NumberOrNull[];
}

function binOutputs(ctx: NodeContext, input: Schema): BinOutput[] {
  const p = ctx.props;
  const names = p.list<string>("fields");
  if (names.length === 0) throw new NodePropertyError(`node "${ctx.node.id}" (binning) needs at least one field in "fields"`, { node: ctx.node.id, nodeType: "binning", property: "fields" });
  for (const n of names) {
    const f = input.require(n, `property "fields" of node "${ctx.node.id}" (binning)`);
    if (!isNumericStorage(f.storage)) throw p.unsupported("fields", n, `field "${n}" has ${f.storage} storage; binning needs integer or real fields`);
  }
  const method = p.str("method");
  const bins = (source: string, ext: string, addAs: string, compute: BinOutput["compute"]): BinOutput => ({
    source,
    field: makeField(extendName(source, ext, addAs), "integer", { measure: "nominal" }),
    compute,
  });
  const ranks = (source: string, ext: string, addAs: string, pick: (r: ReturnType<typeof rankValues>) => NumberOrNull[]): BinOutput => ({
    source,
    field: makeField(extendName(source, ext, addAs), "real", { measure: "continuous" }),
    compute: (v) => pick(rankValues(v, p.str("rank_order") as "Ascending" | "Descending")),
  });
  const outputs: BinOutput[] = [];
  switch (method) {
    case "FixedWidth": {
      const spec = fixedSpec(ctx);
      for (const n of names) outputs.push(bins(n, p.str("fixed_width_name_extension"), p.str("fixed_width_add_as"), (v) => fixedWidthBins(v, spec)));
      break;
    }
    case "EqualCount": {
      const tiles: Array<{ count: number; ext: string; addAs: string }> = TILES.filter((t) => p.bool(`tile${t}`)).map((t) => ({
        count: t, ext: p.str("equal_count_name_extension") + t, addAs: p.str("equal_count_add_as"),
      }));
      if (p.bool("use_custom_tile")) {
        const k = p.num("custom_tile");
        if (!Number.isInteger(k) || k < 1) throw p.unsupported("custom_tile", k, "the number of tiles must be a whole number of at least 1");
        tiles.push({ count: k, ext: p.str("custom_tile_name_extension"), addAs: p.str("custom_tile_add_as") });
      }
      if (tiles.length === 0) throw new NodePropertyError(`node "${ctx.node.id}" (binning): method EqualCount needs tile4, tile5, tile10, tile20, tile100 or use_custom_tile`, { node: ctx.node.id, nodeType: "binning", property: "method" });
      const how = p.str("equal_count_method") as "RecordCount" | "ValueSum";
      const ties = p.str("tied_values_method") as "Next" | "Current" | "Random";
      for (const n of names) {
        for (const t of tiles) {
          outputs.push(bins(n, t.ext, t.addAs, (v, c) => {
            if (how === "ValueSum" && v.some((x) => x !== null && x < 0)) {
              throw p.unsupported("equal_count_method", how, `field "${n}" has negative values; equal sums of values need values of at least 0`);
            }
            return tileBins(v, t.count, how, ties, c.random(`tiles:${n}:${t.count}`));
          }));
        }
      }
      break;
    }
    case "Rank":
      if (!p.bool("rank") && !p.bool("rank_fractional") && !p.bool("rank_pct")) {
        throw new NodePropertyError(`node "${ctx.node.id}" (binning): method Rank needs rank, rank_fractional or rank_pct`, { node: ctx.node.id, nodeType: "binning", property: "method" });
      }
      for (const n of names) {
        if (p.bool("rank")) outputs.push(ranks(n, p.str("rank_name_extension"), p.str("rank_add_as"), (r) => r.rank));
        if (p.bool("rank_fractional")) outputs.push(ranks(n, p.str("rank_fractional_name_extension"), p.str("rank_fractional_add_as"), (r) => r.fractional));
        if (p.bool("rank_pct")) outputs.push(ranks(n, p.str("rank_pct_name_extension"), p.str("rank_pct_add_as"), (r) => r.percent));
      }
      break;
    case "SDev": {
      const count = ({ One: 1, Two: 2, Three: 3 } as const)[p.str("sdev_count") as "One" | "Two" | "Three"];
      for (const n of names) outputs.push(bins(n, p.str("sdev_name_extension"), p.str("sdev_add_as"), (v) => sdevBins(v, count)));
      break;
    }
    default:
      throw p.unsupported("method", method, "optimal (supervised) binning is not implemented; use FixedWidth, EqualCount, Rank or SDev");
  }
  assertDistinctNewNames(ctx, outputs.map((o) => ({ name: o.field.name, from: `"${o.source}"` })), "fields");
  return outputs;
}

function fixedSpec(ctx: NodeContext): { width: number } | { count: number } {
  const p = ctx.props;
  if (p.str("fixed_bin_method") === "Count") {
    const count = p.num("fixed_bin_count");
    if (!Number.isInteger(count) || count < 1) throw p.unsupported("fixed_bin_count", count, "the number of bins must be a whole number of at least 1");
    return { count };
  }
  if (!p.has("fixed_bin_width")) throw new NodePropertyError(`node "${ctx.node.id}" (binning): fixed_bin_method Width needs "fixed_bin_width"`, { node: ctx.node.id, nodeType: "binning", property: "fixed_bin_width" });
  const width = p.num("fixed_bin_width");
  if (!(width > 0)) throw p.unsupported("fixed_bin_width", width, "the bin width must be above 0");
  return { width };
}

function gather(batches: readonly RecordBatch[], index: number, total: number): NumberOrNull[] {
  const out: NumberOrNull[] = new Array(total);
  let o = 0;
  for (const b of batches) {
    const col = b.columns[index]!;
    for (let r = 0; r < b.length; r++) {
      const v: Value = col[r]!;
      out[o++] = v === null ? null : Number(v);
    }
  }
  return out;
}
