/**
 * What the reference decoding says each mapped class's scripting properties are: written
 * here from the XML names of docs/modeler-str.md and the values as they appear in
 * decoded/*.xml, independently of the node mappings (only the XML is shared).
 */
import { refChild, refChildren, refText, type RefElement } from "./corpus.js";

type Oracle = (props: RefElement, node: RefElement) => Record<string, unknown>;

const t = (p: RefElement, tag: string) => refText(p, tag);
const b = (p: RefElement, tag: string) => {
  const v = refText(p, tag);
  return v === undefined ? undefined : v === "true";
};
const n = (p: RefElement, tag: string) => {
  const v = refText(p, tag);
  return v === undefined ? undefined : Number(v);
};
const list = (p: RefElement, tag: string, item = "field") => (refChild(p, tag) ? refChildren(refChild(p, tag), item).map((e) => e.text) : undefined);
const rows = (p: RefElement, tag: string) => refChildren(refChild(refChild(p, tag), "rows"), "row");
const pick = <T>(table: Record<string, T>, v: string | undefined) => (v === undefined ? undefined : table[v]);
const nonEmpty = (v: string | undefined) => (v === "" ? undefined : v);
const keyed = <T>(entries: Array<[string, T | undefined]>) => {
  const kept = entries.filter((e): e is [string, T] => e[1] !== undefined);
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
};
/** Only the properties the XML sets (undefined ones are left out of the comparison). */
const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

const MEASURE = { auto: "Default", range: "Range", set: "Set", flag: "Flag", typeless: "Typeless", orderedSet: "OrderedSet", discrete: "Discrete" };
const SORT = (p: RefElement, tag: string) => (refChild(p, tag) ? rows(p, tag).map((r) => [refText(r, "field"), refText(r, "direction") === "1" ? "Descending" : "Ascending"]) : undefined);

/** Field names a source produced when saved; Types/Filter rows for other fields are stale. */
function imported(node: RefElement): Set<string> | undefined {
  const f = refChild(node, "importedFields");
  return f ? new Set(refChildren(f, "field").map((x) => refText(x, "name")!)) : undefined;
}

function typeTab(p: RefElement, known?: Set<string>): Record<string, unknown> {
  const live = rows(p, "typeTable").filter((r) => !known || known.has(refText(r, "name")!));
  return {
    direction: keyed(live.map((r) => [refText(r, "name")!, pick({ in: "Input", out: "Target", both: "Both", none: "None", partition: "Partition" }, refText(r, "direction"))])),
    type: keyed(live.map((r) => [refText(r, "name")!, pick(MEASURE, refText(r, "measure") ?? refText(refChild(r, "type"), "measure"))])),
    value_mode: keyed(live.map((r) => [refText(r, "name")!, pick({ computed: "Current", local: "Specify", pass: "Pass", read: "Read" }, refText(r, "valueMode"))])),
  };
}

function filterTab(p: RefElement, known?: Set<string>): Record<string, unknown> {
  const live = rows(p, "filterTable").filter((r) => !known || known.has(refText(r, "name")!));
  return {
    include: keyed(live.map((r) => [refText(r, "name")!, refText(r, "drop") === undefined ? undefined : refText(r, "drop") !== "true"])),
    new_name: keyed(live.map((r) => [refText(r, "name")!, refText(r, "rename")])),
  };
}

export const CLASS_ORACLES: Readonly<Record<string, Oracle>> = {
  SelectNode: (p) => defined({ mode: pick({ include: "Include", discard: "Discard" }, t(p, "selectMode")), condition: t(p, "selectCondition") }),
  FilterNode: (p) => defined({ default_include: refChild(p, "filterTable") ? refText(refChild(p, "filterTable"), "defaultDrop") !== "true" : undefined, ...filterTab(p) }),
  TypeNode: (p) => defined(typeTab(p)),
  DeriveNode: (p) =>
    defined({
      new_name: t(p, "deriveSingleFieldName"),
      mode: pick({ single: "Single", multiple: "Multiple" }, t(p, "deriveMode")),
      result_type: pick({ formula: "Formula", flag: "Flag", set: "Set", state: "State", count: "Count", conditional: "Conditional" }, t(p, "deriveType")),
      formula_expr: t(p, "deriveFormulaExpression"),
      flag_expr: t(p, "deriveFlagFieldCondition"),
      flag_true: t(p, "deriveFlagTrueValue"),
      flag_false: t(p, "deriveFlagFalseValue"),
      set_default: t(p, "deriveSetDefaultValue"),
      set_value_cond: refChild(p, "deriveSetTable") ? rows(p, "deriveSetTable").map((r) => [refText(r, "name"), refText(r, "condition")]) : undefined,
      fields: list(p, "deriveMultipleFieldList"),
      name_extension: t(p, "deriveMultipleExtensionName"),
      count_initial_val: n(p, "deriveCountInitialValue"),
      cond_if_cond: t(p, "deriveConditionalIfCondition"),
      formula_measure_type: pick(MEASURE, t(p, "deriveFormulaFieldMeasure")),
    }),
  FillerNode: (p) =>
    defined({
      fields: list(p, "fillerSelectedFields"),
      replace_mode: pick({ always: "Always", conditional: "Conditional", blanks: "Blank", nulls: "Null", blanksAndNulls: "BlankAndNull" }, t(p, "fillerReplaceMode")),
      condition: t(p, "fillerCondition"),
      replace_with: t(p, "fillerReplaceExpression"),
    }),
  TableNode: (p) => defined({ output_mode: pick({ screen: "Screen" }, t(p, "outputMode")), paginate_output: b(p, "paginateOutput"), lines_per_page: n(p, "outputLinesPerPage"), transpose_data: b(p, "transposeData"), use_output_name: t(p, "autoOutputName") === undefined ? undefined : !b(p, "autoOutputName") }),
  DelimitedFileImportNode: (p, node) =>
    defined({
      full_filename: t(p, "inputFileName"),
      read_field_names: b(p, "fieldNamesIncluded"),
      skip_header: n(p, "skipHeaderCount"),
      delimit_comma: b(p, "delimitOnComma"),
      delimit_tab: b(p, "delimitOnTab"),
      delimit_space: b(p, "delimitOnSpace"),
      delimit_other: b(p, "useDelimiterChars"),
      other: t(p, "delimiterChars"),
      quotes_1: pick({ discard: "Discard", pairDiscard: "PairAndDiscard" }, t(p, "singleQuoteMode")),
      quotes_2: pick({ discard: "Discard", pairDiscard: "PairAndDiscard" }, t(p, "doubleQuoteMode")),
      strip_spaces: pick({ none: "None", both: "Both" }, t(p, "trimMode")),
      lines_to_scan: n(p, "scanLineCount"),
      ...typeTab(p, imported(node)),
      ...filterTab(p, imported(node)),
    }),
  AggregateNode: (p) =>
    defined({
      keys: list(p, "aggregateKeyFields"),
      contiguous: b(p, "aggregateContiguousKeys"),
      inc_record_count: b(p, "aggregateIncludeCount"),
      count_field: t(p, "aggregateCountFieldName"),
      extension: t(p, "aggregateNameExtension"),
      add_as: t(p, "aggregateExtensionPosition"),
      aggregate_defaults: list(p, "aggregateDefaults", "setElement"),
      aggregates: refChild(p, "aggregateFields")
        ? Object.fromEntries(
            rows(p, "aggregateFields").map((r) => [
              refText(r, "field"),
              (
                [["sum", "Sum"], ["mean", "Mean"], ["min", "Min"], ["max", "Max"], ["stddev", "SDev"], ["median", "Median"], ["count", "Count"], ["variance", "Variance"], ["firstQuartile", "FirstQuartile"], ["thirdQuartile", "ThirdQuartile"]] as const
              ).filter(([tag]) => refText(r, tag) === "true").map(([, s]) => s),
            ]),
          )
        : undefined,
    }),
  PartitionNode: (p) =>
    defined({
      new_name: t(p, "partitionFieldName"),
      training_size: n(p, "trainingPartitionSize"),
      testing_size: n(p, "testingPartitionSize"),
      validation_size: n(p, "validationPartitionSize"),
      create_validation: b(p, "createValidationPartition"),
      set_random_seed: b(p, "partitionUseRandomSeed"),
      random_seed: n(p, "partitionRandomSeed"),
      value_mode: pick({ system_label: "SystemAndLabel" }, t(p, "partitionValueMode")),
    }),
  MergeNode: (p) =>
    defined({
      method: pick({ key: "Keys", condition: "Condition", order: "Order" }, t(p, "mergeMode")),
      join: pick({ inner: "Inner", fullOuter: "FullOuter", partialOuter: "PartialOuter", anti: "Anti" }, t(p, "joinType")),
      key_fields: list(p, "keyFields"),
      common_keys: b(p, "mergeCommonKeys"),
      condition: nonEmpty(t(p, "mergeCondition")),
    }),
  AppendNode: (p) =>
    defined({
      match_by: pick({ name: "Name", position: "Position" }, t(p, "appendMode")),
      include_fields_from: t(p, "appendIncludeAllFields") === undefined ? undefined : b(p, "appendIncludeAllFields") ? "All" : "Main",
      create_tag_field: b(p, "appendIncludeTag"),
      tag_field_name: t(p, "appendTagField"),
      match_case: b(p, "appendMatchCase"),
    }),
  SortNode: (p) => defined({ keys: SORT(p, "sortKeys"), default_ascending: b(p, "sortDefaultOrder"), use_existing_keys: b(p, "useExistingSortOrder") }),
  SampleNode: (p) =>
    defined({
      sample_type: pick({ firstN: "First", oneInN: "OneInN", random: "RandomPct" }, t(p, "sampleMethod")),
      mode: pick({ pass: "Include", discard: "Discard" }, t(p, "sampleMode")),
      first_n: n(p, "sampleFirstN"),
      one_in_n: n(p, "sampleOneInN"),
      rand_pct: n(p, "sampleRandom"),
      set_random_seed: b(p, "sampleUseRandomSeed"),
      random_seed: n(p, "sampleRandomSeed"),
      use_max_size: b(p, "sampleUseMaxSize"),
      maximum_size: n(p, "sampleMaxSize"),
    }),
  BalanceNode: (p) =>
    defined({
      directives: refChildren(refChild(refChild(p, "balanceDirectives"), "entries"), "entry").map((e) => [Number(refText(e, "factor")), refText(e, "condition")]),
      training_data_only: b(p, "balanceTrainingPartitionOnly"),
    }),
  DistinctNode: (p) =>
    defined({
      mode: t(p, "distinctMode"),
      grouping_fields: list(p, "distinctFieldSelection"),
      sort_keys: SORT(p, "sortKeys"),
      inc_record_count: b(p, "distinctIncludeCount"),
      count_field: t(p, "distinctCountFieldName"),
    }),
  ReclassifyNode: (p) =>
    defined({
      mode: pick({ single: "Single", multiple: "Multiple" }, t(p, "reclassifyMode")),
      field: nonEmpty(t(p, "singleFieldSelection")),
      new_name: t(p, "singleFieldName"),
      replace_field: b(p, "reclassifyReplaceField"),
      reclassify: refChild(p, "reclassifyTable") ? rows(p, "reclassifyTable").map((r) => [refText(r, "oldValue"), refText(r, "newValue")]) : undefined,
      use_default: b(p, "useDefault"),
      default: t(p, "defaultValue"),
    }),
  SetToFlagNode: (p) => {
    const members = refChildren(refChild(p, "createFlagFields"), "persistentObjectListMember");
    const from: Record<string, string[]> = {};
    for (const m of members) (from[refText(m, "srcFieldName")!] ??= []).push(refText(m, "srcFieldValue")!);
    return defined({ fields_from: refChild(p, "createFlagFields") ? from : undefined, true_value: t(p, "trueValue"), false_value: t(p, "falseValue"), aggregate: b(p, "useAggregateKeyFields"), keys: list(p, "aggregateKeyFields") });
  },
  UserInputNode: (p) => {
    const fields = refChildren(refChild(refChild(p, "userFieldTable"), "fields"), "field");
    return defined({
      names: fields.map((f) => refText(f, "name")),
      data: Object.fromEntries(fields.map((f) => [refText(f, "name"), refText(f, "values")])),
      custom_storage: Object.fromEntries(fields.map((f) => [refText(f, "name"), pick({ string: "String", integer: "Integer", real: "Real", date: "Date", timestamp: "Timestamp" }, refText(f, "storage"))])),
      data_mode: pick({ combine: "Combined", order: "Ordered" }, t(p, "dataMode")),
    });
  },
  TextFileExportNode: (p) =>
    defined({
      full_filename: t(p, "exportFileName"),
      write_mode: pick({ overwrite: "Overwrite" }, t(p, "writeMode")),
      inc_field_names: b(p, "includeFieldNames"),
      delimit_mode: pick({ comma: "Comma", tab: "Tab" }, t(p, "fieldSeparator")),
      quote_mode: pick({ doubleQuotes: "Double" }, t(p, "quoteSymbolicValues")),
      use_newline_after_records: b(p, "newlineAfterRecord"),
    }),
  FieldReorderNode: (p) => {
    const table = refChild(p, "fieldReorderTable");
    const names = refChildren(table, "fieldName").map((e) => e.text);
    const divider = Number(refText(table, "dividerIndex"));
    return defined({ mode: pick({ custom: "Custom" }, t(p, "autoOrderType")), sort_by: t(p, "nameTypeStorage"), ascending: b(p, "ascendingDescending"), start_fields: names.slice(0, divider), end_fields: names.slice(divider) });
  },
  RestructureNode: (p) => {
    const from: Record<string, string[]> = {};
    for (const m of refChildren(refChild(p, "createRestructuredFields"), "persistentObjectListMember")) (from[refText(m, "srcFieldName")!] ??= []).push(refText(m, "srcFieldValue")!);
    return defined({ fields_from: from, include_field_name: b(p, "restructureIncludeFieldNames"), value_mode: t(p, "restructureValuesMode"), value_fields: list(p, "restructureValueFields") });
  },
  FixedFileImportNode: (p, node) =>
    defined({
      full_filename: t(p, "inputFileName"),
      record_len: n(p, "recordLength"),
      line_oriented: b(p, "lineOriented"),
      skip_header: n(p, "skipHeaderLines"),
      strip_spaces: pick({ none: "None", both: "Both" }, t(p, "trimMode")),
      lines_to_scan: n(p, "scanLineCount"),
      ...typeTab(p, imported(node)),
    }),
};
