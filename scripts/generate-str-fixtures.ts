/**
 * Writes the project's own Modeler `.str` fixtures (`fixtures/str/*.str`): small streams over
 * the generated DRUG-like sample and typed-in data that exercise the node types the engine
 * runs, written through the `.str` writer and the Fast Infoset encoder. Seeded: the same seed
 * gives the same bytes, so the files can be checked in and compared.
 *
 *   npx tsx scripts/generate-str-fixtures.ts [--seed N]
 *
 * CI decodes them with the Java reference decoder and runs them (test/modeler/fixtures.test.ts).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { seededRandom } from "../src/data/random.js";
import { writeStr } from "../src/modeler/export/index.js";
import { defaultRegistry } from "../src/nodes/registry.js";
import { StreamBuilder } from "../src/stream/builder.js";
import type { Stream } from "../src/stream/model.js";

export const DEFAULT_SEED = 2026;

/** The fixture streams for a seed: thresholds, sample sizes and typed-in values come from it. */
export function strFixtureStreams(seed = DEFAULT_SEED): Stream[] {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const sample = "../data/drug-sample.csv";

  const basics = new StreamBuilder("drug-basics");
  basics.parameter("min_age", "integer", between(20, 40), "Youngest patient to keep");
  const src = basics.add("variablefile", { full_filename: sample, read_field_names: true, delimit_comma: true }, { id: "patients", name: "drug-sample.csv" });
  const typed = src
    .then("derive", { new_name: "Na_to_K", result_type: "Formula", formula_expr: "Na / K" }, { id: "ratio" })
    .then("derive", { new_name: "Ratio_band", result_type: "Conditional", cond_if_cond: `Na_to_K > ${between(10, 20)}`, cond_then_expr: '"high"', cond_else_expr: '"normal"' }, { id: "band" })
    .then("select", { mode: "Include", condition: "Age >= '$P-min_age'" }, { id: "adults" })
    .then("filter", { default_include: true, include: { K: false }, new_name: { Na: "Sodium" } }, { id: "tidy" })
    .then("type", { direction: { Drug: "Target", Ratio_band: "Input" }, type: { Drug: "Set" } }, { id: "roles" });
  const table = typed.then("table", {}, { id: "preview", name: "Adults" });
  typed.then("sort", { keys: [["Age", pick(["Ascending", "Descending"] as const)], ["Drug", "Ascending"]] }, { id: "by_age" }).then(
    "outputfile",
    { full_filename: "drug-adults.csv", inc_field_names: true, delimit_mode: "Comma", quote_mode: "Double" },
    { id: "export", name: "drug-adults.csv" },
  );
  basics.scoringBranch(table);

  const records = new StreamBuilder("drug-records");
  const rsrc = records.add("variablefile", { full_filename: sample, read_field_names: true, delimit_comma: true }, { id: "patients" });
  rsrc
    .then("sample", { method: "Simple", mode: "Include", sample_type: "First", first_n: between(100, 300) }, { id: "first" })
    .then("distinct", { mode: "Include", grouping_fields: ["Age", "Sex", "BP"] }, { id: "unique" })
    .then("aggregate", { keys: ["Drug"], aggregates: { Na: ["Mean", "Max"], K: ["Min"] }, inc_record_count: true, count_field: "Patients" }, { id: "per_drug" })
    .then("table", {}, { id: "per_drug_table" });
  rsrc
    .then("partition", { new_name: "Partition", training_size: between(60, 80), testing_size: 0, value_mode: "SystemAndLabel", set_random_seed: true, random_seed: between(1, 99999) }, { id: "split" })
    .then("balance", { directives: [[2, 'Drug = "drugA"'], [1, "true"]], training_data_only: false }, { id: "boost_a" })
    .then("filler", { fields: ["Cholesterol"], replace_mode: "Always", replace_with: "lowertoupper(Cholesterol)" }, { id: "upper" })
    .then("table", {}, { id: "balanced" });

  const combine = new StreamBuilder("merge-append");
  const ids = Array.from({ length: 4 }, (_, i) => i + 1).join(" ");
  const left = combine.add("userinput", { names: ["id", "x"], data: { id: ids, x: Array.from({ length: 4 }, () => between(0, 9)).join(" ") }, custom_storage: { id: "Integer", x: "Integer" }, data_mode: "Ordered" }, { id: "left" });
  const right = combine.add("userinput", { names: ["id", "y"], data: { id: ids, y: "a b c d" }, custom_storage: { id: "Integer", y: "String" }, data_mode: "Ordered" }, { id: "right" });
  const merge = combine.add("merge", { method: "Keys", key_fields: ["id"], join: "Inner" }, { id: "join" });
  right.into(merge, "2");
  left.into(merge, "1");
  merge.then("table", {}, { id: "joined" });
  const more = combine.add("userinput", { names: ["id", "x"], data: { id: "5 6", x: "7 8" }, custom_storage: { id: "Integer", x: "Integer" }, data_mode: "Ordered" }, { id: "more" });
  const append = combine.add("append", { match_by: "Name", include_fields_from: "Main" }, { id: "stack" });
  left.into(append, "1");
  more.into(append, "2");
  append.then("table", {}, { id: "stacked" });

  const fieldOps = new StreamBuilder("field-ops");
  fieldOps
    .add("userinput", { names: ["id", "colour", "size"], data: { id: "1 2 3", colour: "red green blue", size: "S M L" }, custom_storage: { id: "Integer", colour: "String", size: "String" }, data_mode: "Ordered" }, { id: "items" })
    .then("reclassify", { mode: "Single", field: "size", new_name: "size_band", reclassify: [["S", "small"], ["M", "medium"], ["L", "large"]], use_default: false }, { id: "bands" })
    .then("settoflag", { fields_from: { colour: ["red", "blue"] }, true_value: "T", false_value: "F" }, { id: "flags" })
    .then("restructure", { fields_from: { size: ["S", "L"] }, include_field_name: true, value_mode: "Flags" }, { id: "sizes" })
    .then("reorder", { mode: "Custom", start_fields: ["size_band"], end_fields: ["id"] }, { id: "order" })
    .then("table", {}, { id: "items_table" });

  return [basics.build(), records.build(), combine.build(), fieldOps.build()];
}

export function strFixtureFiles(seed = DEFAULT_SEED): Array<{ name: string; bytes: Uint8Array }> {
  const registry = defaultRegistry();
  return strFixtureStreams(seed).map((s) => ({ name: `${s.name}.str`, bytes: writeStr(s, { registry }).bytes }));
}

const invokedDirectly = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (invokedDirectly) {
  const i = process.argv.indexOf("--seed");
  const seed = i > 0 ? Number(process.argv[i + 1]) : DEFAULT_SEED;
  const dir = join(fileURLToPath(import.meta.url), "..", "..", "fixtures", "str");
  mkdirSync(dir, { recursive: true });
  for (const f of strFixtureFiles(seed)) {
    writeFileSync(join(dir, f.name), f.bytes);
    console.log(`wrote fixtures/str/${f.name} (${f.bytes.length} bytes)`);
  }
}
