/**
 * Aggregate (`aggregate`): one record per distinct key combination, holding the key fields,
 * the statistics asked for (`<field>_<Stat>`), the custom aggregate expressions and the
 * record count. NODES.md §2.11; choices in docs/nodes.md.
 *
 * Without `contiguous` every group is held (one accumulator per statistic-bearing field) and
 * the groups come out sorted by key, ascending (nulls first). With `contiguous` a group ends
 * when the key changes and is emitted at once, so memory stays bounded; a key that comes back
 * after a break starts a new group, as Modeler's option promises nothing more.
 */
import { DEFAULT_BATCH_SIZE, type Column, type RecordBatch } from "../../data/batch.js";
import { makeField, type Field } from "../../data/field.js";
import { Schema } from "../../data/schema.js";
import { isNumericStorage, storageLabel } from "../../data/storage.js";
import type { Value } from "../../data/values.js";
import { boolCodec, childText, defineXmlMapping, enumCodec, fieldListCodec, makeRow, numberCodec, type PropertyCodec, readList, setTableRows, StrWriteError, tableRows, textCodec, warnIfRows, writeList } from "../common/str-mapping/index.js";
import { defineNode, type NodeContext, type RunContext } from "../definition.js";
import { NodePropertyError, bool, clem, fields, int, keyed, list, oneOf, prop, str } from "../properties.js";
import { accumulatorPlan, FieldAccumulator, needsNumbers, statisticStorage, STATISTICS, type AccumulatorPlan, type Statistic } from "./aggregate-stats.js";
import { compileAggregateExpressions, type AggregateExpression } from "./aggregate-exprs.js";
import { compareSortValues } from "./ordering.js";
import { rowKeyFunction, type RowKey } from "./rows.js";

/** Row element ↔ statistic, in the order Modeler lists them. */
const STATISTIC_ELEMENTS: ReadonlyArray<readonly [string, string]> = [
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

const aggregatesCodec: PropertyCodec = {
  xml: "aggregateFields/rows/row{field, sum, mean, …}",
  read(props) {
    const rows = tableRows(props, "aggregateFields");
    if (!rows) return undefined;
    const out: Record<string, string[]> = {};
    for (const r of rows) out[childText(r, "field") ?? ""] = STATISTIC_ELEMENTS.filter(([tag]) => childText(r, tag) === "true").map(([, s]) => s);
    return out;
  },
  write(props, value) {
    if (typeof value !== "object" || value === null || Array.isArray(value)) throw new StrWriteError("aggregates needs an object keyed by field name", { xml: "aggregateFields" });
    setTableRows(
      props,
      "aggregateFields",
      Object.entries(value as Record<string, unknown>).map(([field, stats]) => {
        const wanted = new Set(Array.isArray(stats) ? stats.map(String) : []);
        for (const s of wanted) if (!STATISTIC_ELEMENTS.some(([, n]) => n === s)) throw new StrWriteError(`aggregate statistic "${s}" of field "${field}" has no .str form`, { xml: "aggregateFields" });
        return makeRow([["field", field], ...STATISTIC_ELEMENTS.map(([tag, s]) => [tag, String(wanted.has(s))] as const)]);
      }),
    );
  },
};

const aggregateDefaultsCodec: PropertyCodec = {
  xml: "aggregateDefaults/setElement",
  read: (props) => readList(props, "aggregateDefaults", "setElement"),
  write(props, value) {
    writeList(props, "aggregateDefaults", Array.isArray(value) ? value.map(String) : [], "setElement");
  },
};

/**
 * Aggregate (`AggregateNode` → `aggregate`): `aggregateKeyFields`, `aggregateContiguousKeys`,
 * `aggregateFields/rows/row{field, sum, mean, min, max, stddev, median, count, variance,
 * firstQuartile, thirdQuartile}` → `aggregates` keyed by field, `aggregateDefaults`,
 * `aggregateNameExtension` / `aggregateExtensionPosition`, `aggregateIncludeCount` /
 * `aggregateCountFieldName`, `aggregateAllowApproximation`, `aggregateNumberOfBins`.
 */
const aggregateMapping = defineXmlMapping({
  properties: {
    keys: fieldListCodec("aggregateKeyFields"),
    contiguous: boolCodec("aggregateContiguousKeys"),
    aggregates: aggregatesCodec,
    aggregate_defaults: aggregateDefaultsCodec,
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

export const aggregateNode = defineNode({
  type: "aggregate",
  label: "Aggregate",
  palette: "record",
  modelerClasses: ["AggregateNode"],
  modeler: aggregateMapping,
  inputs: { min: 1, max: 1 },
  properties: [
    prop("keys", fields(), [], "Group-by fields."),
    prop("contiguous", bool(), false, "Records with equal keys are adjacent: stream one group at a time."),
    prop("aggregates", keyed(list(oneOf(...STATISTICS))), {}, "Statistics per field."),
    prop("aggregate_exprs", keyed(clem()), {}, 'New field → aggregate expression, e.g. "Na_MAX": "MAX(\'Na\')".'),
    prop("extension", str(), "", "Added to the statistic field names."),
    prop("add_as", oneOf("Suffix", "Prefix"), "Suffix", "Where the extension goes."),
    prop("inc_record_count", bool(), true, "Add a field counting each group's records."),
    prop("count_field", str(), "Record_Count", "Name of the record-count field."),
    prop("allow_approximation", bool(), false, "Allow approximate order statistics (exact values are always computed)."),
    prop("bin_count", int(), undefined, "Bins for approximate order statistics (not needed: values are exact)."),
    prop("aggregate_defaults", list(oneOf(...STATISTICS)), [], "Statistics an editor applies to newly added fields (no effect on a run)."),
  ],
  schema(ctx, [input]) {
    return aggregatePlan(ctx, input!, false).schema;
  },
  async *run(ctx, [input]) {
    const plan = aggregatePlan(ctx, ctx.inputSchemas[0]!, true);
    const grouper = ctx.props.bool("contiguous") ? contiguousGroups(ctx, plan, input!) : allGroups(ctx, plan, input!);
    yield* grouper;
  },
});

/** One column whose values feed accumulators: an input field, or a row-level expression. */
interface Measure {
  readonly column: (batch: RecordBatch) => Column;
  readonly plan: AccumulatorPlan;
}

type OutputColumn =
  | { readonly kind: "key"; readonly key: number }
  | { readonly kind: "stat"; readonly measure: number; readonly stat: Statistic }
  | { readonly kind: "expression"; readonly expression: number }
  | { readonly kind: "count" };

interface AggregatePlan {
  readonly schema: Schema;
  readonly keyIndices: readonly number[];
  readonly measures: readonly Measure[];
  readonly outputs: readonly OutputColumn[];
  readonly expressions: readonly AggregateExpression[];
  /** For each expression, the measures (in its own order) whose statistics it combines. */
  readonly expressionMeasures: readonly (readonly { measure: number; stat: Statistic }[])[];
}

/** The output fields and how to compute them; `report` passes expression warnings on (once, in run). */
function aggregatePlan(ctx: NodeContext, input: Schema, report: boolean): AggregatePlan {
  const where = `node "${ctx.node.id}" (aggregate)`;
  const keys = ctx.props.list<string>("keys");
  const keyFields = keys.map((k) => input.require(k, `keys of ${where}`));
  const measures: Measure[] = [];
  const outputs: OutputColumn[] = keyFields.map((_f, key) => ({ kind: "key", key }));
  const fields: Field[] = [...keyFields];
  const extension = ctx.props.str("extension");
  const prefix = ctx.props.str("add_as") === "Prefix";
  const statName = (base: string) => (extension === "" ? base : prefix ? extension + base : base + extension);

  for (const [name, asked] of Object.entries(ctx.props.keyed<Statistic[]>("aggregates"))) {
    const field = input.require(name, `aggregates of ${where}`);
    if (keys.includes(name)) throw propertyError(ctx, "aggregates", name, `"${name}" is a key field; aggregate other fields`);
    // Fixed order, whatever order the list gives: Sum Mean Min Max SDev Median Count Variance Q1 Q3.
    const stats = STATISTICS.filter((s) => asked.includes(s));
    if (stats.length === 0) continue;
    for (const s of stats) {
      if (needsNumbers(s) && !isNumericStorage(field.storage)) {
        throw propertyError(ctx, "aggregates", name, `${s} needs a numeric field; "${name}" has ${storageLabel(field.storage)} storage`);
      }
    }
    const index = input.indexOf(name);
    const measure = measures.length;
    measures.push({ column: (b) => b.columns[index]!, plan: accumulatorPlan(stats, field.storage) });
    for (const stat of stats) {
      outputs.push({ kind: "stat", measure, stat });
      fields.push(makeField(statName(`${name}_${stat}`), statisticStorage(stat, field.storage)));
    }
  }

  const expressions = compileAggregateExpressions(ctx, input, keys, report);
  const expressionMeasures = expressions.map((e, i) => {
    outputs.push({ kind: "expression", expression: i });
    fields.push(makeField(e.name, e.storage));
    return e.measures.map((m) => {
      measures.push({ column: (b) => m.expression.evaluate(b), plan: accumulatorPlan([m.statistic], m.storage) });
      return { measure: measures.length - 1, stat: m.statistic };
    });
  });

  if (ctx.props.bool("inc_record_count", true)) {
    outputs.push({ kind: "count" });
    fields.push(makeField(ctx.props.str("count_field") || "Record_Count", "integer"));
  }
  const seen = new Set<string>();
  for (const f of fields) {
    if (seen.has(f.name)) throw propertyError(ctx, "aggregates", f.name, `two output fields would be named "${f.name}"; set extension or rename the expression or count field`);
    seen.add(f.name);
  }
  return { schema: new Schema(fields), keyIndices: keyFields.map((f) => input.indexOf(f.name)), measures, outputs, expressions, expressionMeasures };
}

interface Group {
  readonly key: readonly Value[];
  readonly accumulators: FieldAccumulator[];
  records: number;
}

function newGroup(plan: AggregatePlan, batch: RecordBatch | undefined, row: number): Group {
  return {
    key: plan.keyIndices.map((c) => (batch ? batch.columns[c]![row]! : null)),
    accumulators: plan.measures.map((m) => new FieldAccumulator(m.plan)),
    records: 0,
  };
}

function addRow(group: Group, measureColumns: readonly Column[], row: number): void {
  group.records++;
  for (let m = 0; m < measureColumns.length; m++) group.accumulators[m]!.add(measureColumns[m]![row]!);
}

async function* allGroups(ctx: RunContext, plan: AggregatePlan, input: AsyncIterable<RecordBatch>): AsyncGenerator<RecordBatch> {
  const groups = new Map<RowKey, Group>();
  for await (const batch of input) {
    ctx.throwIfAborted();
    const keyOf = rowKeyFunction(plan.keyIndices.map((c) => batch.columns[c]!));
    const measureColumns = plan.measures.map((m) => m.column(batch));
    for (let r = 0; r < batch.length; r++) {
      const k = keyOf(r);
      let g = groups.get(k);
      if (!g) groups.set(k, (g = newGroup(plan, batch, r)));
      addRow(g, measureColumns, r);
    }
  }
  // No keys: the whole input is one group, even when it is empty (a count of 0).
  if (plan.keyIndices.length === 0 && groups.size === 0) groups.set("", newGroup(plan, undefined, 0));
  const ordered = [...groups.values()];
  if (plan.keyIndices.length > 0) {
    ordered.sort((a, b) => {
      for (let k = 0; k < a.key.length; k++) {
        const c = compareSortValues(a.key[k]!, b.key[k]!);
        if (c !== 0) return c;
      }
      return 0;
    });
  }
  for (let start = 0; start < ordered.length; start += DEFAULT_BATCH_SIZE) {
    ctx.throwIfAborted();
    yield groupsBatch(ctx, plan, ordered.slice(start, start + DEFAULT_BATCH_SIZE));
  }
}

async function* contiguousGroups(ctx: RunContext, plan: AggregatePlan, input: AsyncIterable<RecordBatch>): AsyncGenerator<RecordBatch> {
  let pending: Group[] = [];
  let current: Group | undefined;
  let currentKey: RowKey = null;
  for await (const batch of input) {
    ctx.throwIfAborted();
    const keyOf = rowKeyFunction(plan.keyIndices.map((c) => batch.columns[c]!));
    const measureColumns = plan.measures.map((m) => m.column(batch));
    for (let r = 0; r < batch.length; r++) {
      const k = keyOf(r);
      if (!current || k !== currentKey) {
        if (current) pending.push(current);
        current = newGroup(plan, batch, r);
        currentKey = k;
      }
      addRow(current, measureColumns, r);
    }
    if (pending.length >= DEFAULT_BATCH_SIZE) {
      yield groupsBatch(ctx, plan, pending);
      pending = [];
    }
  }
  if (current) pending.push(current);
  else if (plan.keyIndices.length === 0) pending.push(newGroup(plan, undefined, 0));
  if (pending.length > 0) yield groupsBatch(ctx, plan, pending);
}

/** The output records of finished groups. */
function groupsBatch(ctx: RunContext, plan: AggregatePlan, groups: readonly Group[]): RecordBatch {
  const n = groups.length;
  const expressionColumns = plan.expressions.map((e, i) =>
    e.finish(
      plan.keyIndices.map((_c, k) => groups.map((g) => g.key[k]!)),
      plan.expressionMeasures[i]!.map(({ measure, stat }) => groups.map((g) => g.accumulators[measure]!.result(stat))),
      n,
    ),
  );
  const columns: Column[] = plan.outputs.map((o) => {
    switch (o.kind) {
      case "key":
        return groups.map((g) => g.key[o.key]!);
      case "stat":
        return groups.map((g) => g.accumulators[o.measure]!.result(o.stat));
      case "expression":
        return expressionColumns[o.expression]!;
      case "count":
        return groups.map((g) => g.records);
    }
  });
  return { schema: ctx.outputSchema, columns, length: n };
}

function propertyError(ctx: NodeContext, property: string, key: string, why: string): NodePropertyError {
  return new NodePropertyError(`property "${property}" of node "${ctx.node.id}" (aggregate), entry "${key}": ${why}`, {
    node: ctx.node.id,
    nodeType: "aggregate",
    property,
    field: key,
  });
}
