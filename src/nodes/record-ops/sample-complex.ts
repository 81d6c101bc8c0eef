/**
 * The Sample node's Complex method: a sample drawn within each stratum (`stratify_by`), of
 * records or of whole clusters (`cluster_field`), at random or systematically, sized by a
 * proportion or a count (fixed, per stratum, or read from a field). The output holds the
 * selected records in input order plus `SampleWeight`, the inverse of each record's
 * selection fraction (stratum units / units drawn), as Modeler's complex sampling writes it.
 *
 * Sizes: a proportion p of N units draws round(p·N) units (halves up); a count draws
 * min(count, N). `minimum_stratum_size`/`maximum_stratum_size` then bound the draw (never
 * above N). Random draws n of the N units without replacement; Systematic takes units
 * ⌊s + i·N/n⌋ (i = 0..n−1) from a random start s in [0, N/n), in input order.
 */
import type { RecordBatch } from "../../data/batch.js";
import { makeField } from "../../data/field.js";
import { seededRandom, type RandomSource } from "../../data/random.js";
import { Schema } from "../../data/schema.js";
import { isNumericStorage } from "../../data/storage.js";
import { groupKey, type Value } from "../../data/values.js";
import type { NodeContext, RunContext } from "../definition.js";
import { collectInput, gatherRows, rowKeyFunction, type RowKey } from "./rows.js";

export const SAMPLE_WEIGHT = "SampleWeight";

/** Input fields, then `SampleWeight` (real); an existing numeric one is multiplied (a further stage). */
export function complexSampleSchema(ctx: NodeContext, input: Schema): Schema {
  checkComplex(ctx, input);
  const existing = input.field(SAMPLE_WEIGHT);
  if (existing && !isNumericStorage(existing.storage)) {
    throw ctx.props.unsupported("method", "Complex", `the input already has a non-numeric field "${SAMPLE_WEIGHT}", which complex sampling writes`);
  }
  return existing ? input.replace(SAMPLE_WEIGHT, makeField(SAMPLE_WEIGHT, "real", { role: existing.role })) : input.append(makeField(SAMPLE_WEIGHT, "real"));
}

function checkComplex(ctx: NodeContext, input: Schema): void {
  const p = ctx.props;
  const where = `node "${ctx.node.id}" (sample)`;
  if (p.str("mode", "Include") === "Discard") throw p.unsupported("mode", "Discard", "a complex sample can only be included (its records carry sampling weights)");
  if (p.has("clusters")) throw p.unsupported("clusters", p.values.clusters, "name the cluster field in cluster_field instead");
  for (const f of p.list<string>("stratify_by")) input.require(f, `stratify_by of ${where}`);
  if (p.has("cluster_field")) input.require(p.str("cluster_field"), `cluster_field of ${where}`);
  const units = p.str("sample_units", "Proportions");
  const size = units === "Proportions" ? p.str("sample_size_proportions", "Fixed") : p.str("sample_size_counts", "Fixed");
  if (size === "Variable") {
    const prop = units === "Proportions" ? "variable_proportions" : "variable_counts";
    const name = p.required(prop);
    const f = input.require(name, `${prop} of ${where}`);
    if (!isNumericStorage(f.storage)) throw p.unsupported(prop, name, `field "${name}" must be numeric`);
  }
  if (size === "Custom" && p.list<string>("stratify_by").length === 0) {
    throw p.unsupported(units === "Proportions" ? "sample_size_proportions" : "sample_size_counts", "Custom", "custom sizes are per stratum: set stratify_by");
  }
  if (units === "Proportions" && size === "Fixed") checkProportion(ctx, "fixed_proportions", p.num("fixed_proportions"));
}

function checkProportion(ctx: NodeContext, property: string, p: unknown): number {
  if (typeof p !== "number" || !(p >= 0 && p <= 1)) throw ctx.props.unsupported(property, p, "a proportion must be between 0 and 1");
  return p;
}

export async function* complexSample(ctx: RunContext, input: AsyncIterable<RecordBatch>): AsyncGenerator<RecordBatch> {
  const schema = ctx.inputSchemas[0]!;
  checkComplex(ctx, schema);
  const p = ctx.props;
  const all = await collectInput(ctx, input, schema, "sampling");
  const n = all.length;
  const strataFields = p.list<string>("stratify_by");
  const stratumOf = rowKeyFunction(strataFields.map((f) => all.columns[schema.indexOf(f)]!));
  const cluster = p.has("cluster_field") ? all.columns[schema.indexOf(p.str("cluster_field"))]! : undefined;

  // Strata in order of first appearance; within each, units (records or clusters) likewise.
  interface Stratum { firstRow: number; units: number[][]; unitOf: Map<RowKey, number> }
  const strata = new Map<RowKey, Stratum>();
  for (let r = 0; r < n; r++) {
    const key = stratumOf(r);
    let s = strata.get(key);
    if (!s) strata.set(key, (s = { firstRow: r, units: [], unitOf: new Map() }));
    if (!cluster) s.units.push([r]);
    else {
      const c = groupKey(cluster[r]!);
      const u = s.unitOf.get(c);
      if (u === undefined) {
        s.unitOf.set(c, s.units.length);
        s.units.push([r]);
      } else s.units[u]!.push(r);
    }
  }

  const random = p.bool("set_random_seed") ? seededRandom(p.num("random_seed")) : ctx.random("sample");
  const weights = new Float64Array(n);
  const selected = new Uint8Array(n);
  for (const s of strata.values()) {
    ctx.throwIfAborted();
    const size = stratumSampleSize(ctx, all.columns, schema, strataFields, s.firstRow, s.units.length);
    const chosen = p.str("complex_sample_type", "Random") === "Systematic" ? systematic(s.units.length, size, random) : simpleRandom(s.units.length, size, random);
    const weight = size === 0 ? 0 : s.units.length / size;
    for (const u of chosen) {
      for (const r of s.units[u]!) {
        selected[r] = 1;
        weights[r] = weight;
      }
    }
  }

  const rows: number[] = [];
  for (let r = 0; r < n; r++) if (selected[r]) rows.push(r);
  const existing = schema.indexOf(SAMPLE_WEIGHT);
  let offset = 0;
  for (const batch of gatherRows(all, ctx.outputSchema, rows)) {
    const w: Value[] = new Array(batch.length);
    for (let i = 0; i < batch.length; i++) {
      const r = rows[offset + i]!;
      w[i] = existing >= 0 ? multiply(all.columns[existing]![r]!, weights[r]!) : weights[r]!;
    }
    offset += batch.length;
    yield { schema: ctx.outputSchema, columns: existing >= 0 ? batch.columns.map((c, i) => (i === existing ? w : c)) : [...batch.columns, w], length: batch.length };
  }
}

/** Units to draw from a stratum of `units` units, from the node's size settings. */
function stratumSampleSize(ctx: NodeContext, columns: readonly Value[][], schema: Schema, strataFields: readonly string[], firstRow: number, units: number): number {
  const p = ctx.props;
  const proportions = p.str("sample_units", "Proportions") === "Proportions";
  const mode = proportions ? p.str("sample_size_proportions", "Fixed") : p.str("sample_size_counts", "Fixed");
  let size: number;
  if (mode === "Variable") {
    const prop = proportions ? "variable_proportions" : "variable_counts";
    const v = columns[schema.indexOf(p.str(prop))]![firstRow]!;
    size = proportions ? Math.round(checkProportion(ctx, prop, v === null ? null : Number(v)) * units) : countOf(ctx, prop, v);
  } else if (mode === "Custom") {
    const prop = proportions ? "sizes_proportions" : "sizes_counts";
    const values = strataFields.map((f) => columns[schema.indexOf(f)]![firstRow]!);
    const row = p.list<unknown[]>(prop).find((r) => Array.isArray(r) && r.length === values.length + 1 && values.every((v, i) => sameValue(v, r[i])));
    const given = row ? row[values.length] : proportions ? p.num("default_proportion", 0.1) : p.num("default_count", 100);
    size = proportions ? Math.round(checkProportion(ctx, prop, given) * units) : countOf(ctx, prop, given);
  } else {
    size = proportions ? Math.round(p.num("fixed_proportions", 0.1) * units) : countOf(ctx, "fixed_counts", p.num("fixed_counts", 100));
  }
  if (p.bool("use_min_stratum_size")) size = Math.max(size, p.num("minimum_stratum_size"));
  if (p.bool("use_max_stratum_size")) size = Math.min(size, p.num("maximum_stratum_size"));
  return Math.max(0, Math.min(size, units));
}

function countOf(ctx: NodeContext, property: string, v: unknown): number {
  const n = typeof v === "string" ? Number(v) : v;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 0) throw ctx.props.unsupported(property, v, "a count must be a whole number, 0 or more");
  return n;
}

/** A stratum value from the data against one written in a sizes row (text or number). */
function sameValue(v: Value, written: unknown): boolean {
  if (v === null) return written === null || written === "$null$";
  if (typeof v === "number" || typeof v === "bigint") return Number(written) === Number(v) && written !== "" && written !== null;
  return String(written) === v;
}

/** `size` of `n` unit indices without replacement, ascending (partial Fisher–Yates). */
function simpleRandom(n: number, size: number, random: RandomSource): number[] {
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(random() * (n - i));
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  return idx.slice(0, size).sort((a, b) => a - b);
}

/** Every (n/size)-th unit from a random start. */
function systematic(n: number, size: number, random: RandomSource): number[] {
  if (size === 0) return [];
  const step = n / size;
  const start = random() * step;
  return Array.from({ length: size }, (_, i) => Math.min(n - 1, Math.floor(start + i * step)));
}

function multiply(previous: Value, weight: number): Value {
  return previous === null ? weight : Number(previous) * weight;
}
