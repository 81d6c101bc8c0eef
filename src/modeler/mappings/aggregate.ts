/**
 * Aggregate (`AggregateNode` → `aggregate`): `aggregateKeyFields`, `aggregateContiguousKeys`,
 * `aggregateFields/rows/row{field, sum, mean, min, max, stddev, median, count, variance,
 * firstQuartile, thirdQuartile}` → `aggregates` keyed by field, `aggregateDefaults`,
 * `aggregateNameExtension` / `aggregateExtensionPosition`, `aggregateIncludeCount` /
 * `aggregateCountFieldName`, `aggregateAllowApproximation`, `aggregateNumberOfBins`.
 */
import { StrWriteError } from "../errors.js";
import { childText } from "../xml/dom.js";
import { boolCodec, enumCodec, fieldListCodec, makeRow, numberCodec, readList, setTableRows, tableRows, textCodec, warnIfRows, writeList } from "./codecs.js";
import { defineXmlMapping, type PropertyCodec } from "./types.js";

/** Row element ↔ statistic, in the order Modeler lists them. */
const STATISTICS: ReadonlyArray<readonly [string, string]> = [
  ["sum", "Sum"],
  ["mean", "Mean"],
  ["min", "Min"],
  ["max", "Max"],
  ["stddev", "SDev"],
  ["median", "Median"],
  ["count", "Count"],
  ["variance", "Variance"],
  ["firstQuartile", "FirstQuartile"],
  ["thirdQuartile", "ThirdQuartile"],
];

const aggregates: PropertyCodec = {
  xml: "aggregateFields/rows/row{field, sum, mean, …}",
  read(props) {
    const rows = tableRows(props, "aggregateFields");
    if (!rows) return undefined;
    const out: Record<string, string[]> = {};
    for (const r of rows) out[childText(r, "field") ?? ""] = STATISTICS.filter(([tag]) => childText(r, tag) === "true").map(([, s]) => s);
    return out;
  },
  write(props, value) {
    if (typeof value !== "object" || value === null || Array.isArray(value)) throw new StrWriteError("aggregates needs an object keyed by field name", { xml: "aggregateFields" });
    setTableRows(
      props,
      "aggregateFields",
      Object.entries(value as Record<string, unknown>).map(([field, stats]) => {
        const wanted = new Set(Array.isArray(stats) ? stats.map(String) : []);
        for (const s of wanted) if (!STATISTICS.some(([, n]) => n === s)) throw new StrWriteError(`aggregate statistic "${s}" of field "${field}" has no .str form`, { xml: "aggregateFields" });
        return makeRow([["field", field], ...STATISTICS.map(([tag, s]) => [tag, String(wanted.has(s))] as const)]);
      }),
    );
  },
};

const defaults: PropertyCodec = {
  xml: "aggregateDefaults/setElement",
  read: (props) => readList(props, "aggregateDefaults", "setElement"),
  write(props, value) {
    writeList(props, "aggregateDefaults", Array.isArray(value) ? value.map(String) : [], "setElement");
  },
};

export const aggregateMapping = defineXmlMapping({
  properties: {
    keys: fieldListCodec("aggregateKeyFields"),
    contiguous: boolCodec("aggregateContiguousKeys"),
    aggregates,
    aggregate_defaults: defaults,
    extension: textCodec("aggregateNameExtension"),
    add_as: enumCodec("aggregateExtensionPosition", { Suffix: "Suffix", Prefix: "Prefix" }),
    inc_record_count: boolCodec("aggregateIncludeCount"),
    count_field: textCodec("aggregateCountFieldName"),
    allow_approximation: boolCodec("aggregateAllowApproximation"),
    bin_count: numberCodec("aggregateNumberOfBins", { integer: true }),
  },
  check(props, ctx) {
    warnIfRows(props, "aggregateExpressionsTable", ctx, "expression aggregates are not read from .str yet");
  },
});
