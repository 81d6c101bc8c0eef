/**
 * Fixed File (`fixedfile`): text whose fields sit in fixed character columns. NODES.md §1.2.
 *
 * `fields` lists `[name, start, length]` with a 1-based start column. With `line_oriented`
 * (the default) every line is a record and the line break is not counted; otherwise records
 * are consecutive runs of `record_len` characters, line breaks counting as characters.
 * `skip_header` drops that many lines first. Storages are detected from the first
 * `lines_to_scan` records as for Var. File (Data-tab overrides, Filter and Types tabs alike).
 *
 * Choices (docs/nodes.md, "Fixed File"): a field reaching past the end of a short line takes
 * what is there (an empty field: `$null$` for numbers, `""` for strings); empty lines are
 * skipped; `record_len` is ignored for line-oriented files; a final partial record of a
 * non-line-oriented file is read when it holds anything but white space.
 */
import { FieldRow, type RecordCallback } from "../../data/text-tokenizer.js";
import { Schema } from "../../data/schema.js";
import { TextFileReader, type TextFileOptions } from "../../data/text-file.js";
import type { SampleValue, StripMode, TextConverter } from "../../data/text-values.js";
import { boolCodec, checkSourceFilterTable, checkTypeTable, child, DECIMAL_SYMBOL_TOKENS, defineXmlMapping, elements, encodingCodec, enumCodec, INVALID_CHAR_MODE_TOKENS, numberCodec, SOURCE_FILTER_CODECS, textCodec, TRIM_MODE_TOKENS, TYPE_TABLE_CODECS, warnIfRows } from "../common/str-mapping/index.js";
import { defineNode, type NodeContext } from "../definition.js";
import { TYPE_PROPERTIES, createTypeChecker } from "../field-ops/type.js";
import { NodePropertyError, bool, int, json, oneOf, prop, str } from "../properties.js";
import { RecordSink } from "./common/record-sink.js";
import { DATA_TAB_PROPERTIES, DECIMAL_SYMBOLS, FILTER_TAB_PROPERTIES, fileAutoName, fileColumns, fieldNames, outputPlan, textFileOptions, type OutputPlan } from "./common/text-source.js";
import { invalidWarning } from "./variablefile.js";
import { oncePerContext } from "./common/per-context.js";

const FIELD_SPEC_SCHEMA = {
  type: "array",
  items: { type: "array", minItems: 3, maxItems: 3, items: [{ type: "string" }, { type: "integer", minimum: 1 }, { type: "integer", minimum: 1 }] },
};

/**
 * Fixed File (`FixedFileImportNode` → `fixedfile`): `inputFileName`, `recordLength`,
 * `lineOriented`, `skipHeaderLines`, `realDecimalSymbol`, `trimMode`, `autoRecognizeDates`,
 * `scanLineCount`, `invalidCharacterMode` / `…Replacement`, `fileEncoding`, Types and Filter
 * tabs. The column layout (`fixedFileColumnSpecs/entries`) is empty in the only corpus file
 * with this class, so its entry structure is unknown: entries are reported, not guessed.
 */
const fixedFileMapping = defineXmlMapping({
  properties: {
    full_filename: textCodec("inputFileName"),
    record_len: numberCodec("recordLength", { integer: true }),
    line_oriented: boolCodec("lineOriented"),
    skip_header: numberCodec("skipHeaderLines", { integer: true }),
    decimal_symbol: enumCodec("realDecimalSymbol", DECIMAL_SYMBOL_TOKENS),
    strip_spaces: enumCodec("trimMode", TRIM_MODE_TOKENS),
    auto_recognize_datetime: boolCodec("autoRecognizeDates"),
    lines_to_scan: numberCodec("scanLineCount", { integer: true }),
    invalid_char_mode: enumCodec("invalidCharacterMode", INVALID_CHAR_MODE_TOKENS),
    invalid_char_replacement: textCodec("invalidCharacterReplacement"),
    encoding: encodingCodec(),
    ...TYPE_TABLE_CODECS,
    ...SOURCE_FILTER_CODECS,
  },
  check(props, ctx) {
    checkTypeTable(props, ctx);
    checkSourceFilterTable(props, ctx);
    warnIfRows(props, "textImportTable", ctx, "per-field storage overrides are not read from .str yet");
    const entries = child(child(props, "fixedFileColumnSpecs"), "entries");
    if (entries && elements(entries).length > 0) {
      ctx.warn(`fixedFileColumnSpecs has ${elements(entries).length} column(s), kept in the XML but not read: the column layout of .str files is not mapped yet, so the node has no fields until "fields" is set`);
    }
  },
});

export const fixedFileNode = defineNode({
  type: "fixedfile",
  label: "Fixed File",
  palette: "source",
  modelerClasses: ["FixedFileImportNode"],
  modeler: fixedFileMapping,
  inputs: { min: 0, max: 0 },
  properties: [
    prop("full_filename", str(), undefined, "The file to read."),
    prop("record_len", int(), undefined, "Characters per record (files that are not line oriented)."),
    prop("line_oriented", bool(), true, "Each line is a record; the line break is not counted."),
    prop("skip_header", int(), 0, "Lines to skip at the start of the file."),
    prop("fields", json(FIELD_SPEC_SCHEMA, "a list of [name, start, length] (start 1-based)"), [], "Field layout."),
    prop("decimal_symbol", oneOf(...DECIMAL_SYMBOLS), "Default"),
    prop("strip_spaces", oneOf("None", "Left", "Right", "Both"), "Both"),
    prop("auto_recognize_datetime", bool(), true),
    prop("lines_to_scan", int(), 50),
    prop("invalid_char_mode", oneOf("Discard", "Replace"), "Discard"),
    prop("invalid_char_replacement", str(), ""),
    prop("encoding", str(), "StreamDefault"),
    ...DATA_TAB_PROPERTIES,
    ...TYPE_PROPERTIES,
    ...FILTER_TAB_PROPERTIES,
  ],
  autoName: (_node, props) => fileAutoName(props),
  async schema(ctx) {
    return (await layoutOf(ctx)).plan.schema;
  },
  async *run(ctx) {
    const layout = await layoutOf(ctx);
    const reader = await TextFileReader.open(layout.path, layout.text);
    const tokenizer = new FixedTokenizer(layout.specs, layout.recordLength, layout.skipLines);
    const sink = new RecordSink({
      schema: ctx.outputSchema,
      columns: layout.plan.columns,
      converters: layout.converters,
      fieldCount: layout.specs.length,
      strip: layout.strip,
    });
    const check = createTypeChecker(ctx.outputSchema, (m) => ctx.warn(m));
    let text = "";
    let pos = 0;
    let final = false;
    try {
      for (;;) {
        pos = tokenizer.parse(text, pos, final, sink.onRecord);
        if (sink.full) {
          const batch = check ? check.check(sink.flush()) : sink.flush();
          if (batch.length > 0) yield batch;
          ctx.throwIfAborted();
          continue;
        }
        if (final) break;
        ctx.throwIfAborted();
        const chunk = await reader.read();
        if (chunk === null) final = true;
        text = text.slice(pos) + (chunk ?? "");
        pos = 0;
      }
      if (sink.length > 0) {
        const batch = check ? check.check(sink.flush()) : sink.flush();
        if (batch.length > 0) yield batch;
      }
      for (const w of sink.warnings()) ctx.warn(w);
      if (reader.invalidCount > 0) ctx.warn(invalidWarning(ctx, reader.invalidCount));
      check?.finish();
    } finally {
      await reader.close();
    }
  },
});

interface FieldSpec {
  readonly name: string;
  /** 0-based offset in the record. */
  readonly offset: number;
  readonly length: number;
}

/**
 * Cuts records into fixed columns: lines (`recordLength` 0) or runs of `recordLength`
 * characters, after `skipLines` lines. Same resumable contract as `DelimitedTokenizer.parse`.
 */
export class FixedTokenizer {
  line = 1;
  private readonly row = new FieldRow();
  private toSkip: number;

  constructor(private readonly specs: readonly FieldSpec[], private readonly recordLength: number, skipLines: number) {
    this.toSkip = skipLines;
    while (this.row.starts.length < specs.length) this.row.grow();
    this.row.count = specs.length;
  }

  parse(s: string, pos: number, final: boolean, onRecord: RecordCallback): number {
    const n = s.length;
    while (this.toSkip > 0) {
      const nl = s.indexOf("\n", pos);
      if (nl < 0) return final ? n : pos;
      pos = nl + 1;
      this.line++;
      this.toSkip--;
    }
    while (pos < n) {
      let start = pos;
      let end: number;
      let next: number;
      if (this.recordLength === 0) {
        const nl = s.indexOf("\n", pos);
        if (nl < 0 && !final) return pos;
        next = nl < 0 ? n : nl + 1;
        end = nl < 0 ? n : nl;
        if (end > start && s.charCodeAt(end - 1) === 13) end--;
        if (end === start) {
          pos = next;
          this.line++;
          continue;
        }
      } else {
        if (pos + this.recordLength > n) {
          if (!final) return pos;
          if (s.slice(pos).trim() === "") return n;
        }
        next = Math.min(n, pos + this.recordLength);
        end = next;
        start = pos;
      }
      this.fill(start, end);
      this.row.line = this.line;
      this.line += this.recordLength === 0 ? 1 : countBreaks(s, start, end);
      pos = next;
      if (!onRecord(s, this.row)) return pos;
    }
    return pos;
  }

  private fill(start: number, end: number): void {
    const row = this.row;
    for (let i = 0; i < this.specs.length; i++) {
      const spec = this.specs[i]!;
      const a = Math.min(start + spec.offset, end);
      row.starts[i] = a;
      row.ends[i] = Math.min(a + spec.length, end);
    }
  }
}

function countBreaks(s: string, from: number, to: number): number {
  let k = 0;
  for (let i = from; i < to; i++) if (s.charCodeAt(i) === 10) k++;
  return k;
}

interface Layout {
  readonly path: string;
  readonly text: TextFileOptions;
  readonly specs: readonly FieldSpec[];
  readonly recordLength: number;
  readonly skipLines: number;
  readonly strip: StripMode;
  readonly plan: OutputPlan;
  readonly converters: readonly TextConverter[];
}

const layoutOf = oncePerContext(computeLayout);

async function computeLayout(ctx: NodeContext): Promise<Layout> {
  const props = ctx.props;
  const fail = (property: string, value: unknown, why: string) => new NodePropertyError(`property "${property}" of node "${ctx.node.id}" (fixedfile) ${why} (got ${JSON.stringify(value)})`, { node: ctx.node.id, property, value });
  const path = await ctx.resolveInputFile(props.required("full_filename"), "full_filename");
  const raw = props.list<[string, number, number]>("fields");
  if (raw.length === 0) throw fail("fields", raw, "must list at least one [name, start, length]");
  for (const f of raw) {
    if (!Array.isArray(f) || f.length !== 3 || typeof f[0] !== "string" || !Number.isInteger(f[1]) || f[1] < 1 || !Number.isInteger(f[2]) || f[2] < 1) {
      throw fail("fields", f, "entries must be [name, start, length] with start and length whole numbers of 1 or more (start is 1-based)");
    }
  }
  const names = fieldNames(ctx, raw.length, raw.map((f) => f[0]));
  const specs = raw.map((f, i) => ({ name: names[i]!, offset: f[1] - 1, length: f[2] }));
  const lineOriented = props.bool("line_oriented", true);
  let recordLength = 0;
  if (!lineOriented) {
    recordLength = props.num("record_len", 0);
    if (!(Number.isInteger(recordLength) && recordLength >= 1)) throw fail("record_len", props.values.record_len ?? null, "must be 1 or more characters when line_oriented is false");
    const beyond = specs.find((s) => s.offset + s.length > recordLength);
    if (beyond) throw fail("fields", raw, `field "${beyond.name}" ends at column ${beyond.offset + beyond.length}, beyond record_len ${recordLength}`);
  }
  const skipLines = props.num("skip_header", 0);
  if (!(skipLines >= 0)) throw fail("skip_header", skipLines, "must be 0 or more lines");
  const text = textFileOptions(ctx);
  const strip = props.str("strip_spaces", "Both") as StripMode;
  const toScan = props.num("lines_to_scan", 50);
  if (!(toScan >= 0)) throw fail("lines_to_scan", toScan, "must be 0 or more");
  const samples = await scanSamples(path, text, specs, recordLength, skipLines, toScan, strip);
  const columns = fileColumns(ctx, names, samples);
  const plan = outputPlan(ctx, new Schema(columns.map((c) => c.field)));
  return { path, text, specs, recordLength, skipLines, strip, plan, converters: plan.columns.map((i) => columns[i]!.convert) };
}

async function scanSamples(path: string, options: TextFileOptions, specs: readonly FieldSpec[], recordLength: number, skipLines: number, count: number, strip: StripMode): Promise<SampleValue[][]> {
  const samples: SampleValue[][] = specs.map(() => []);
  if (count === 0) return samples;
  const reader = await TextFileReader.open(path, options);
  const tokenizer = new FixedTokenizer(specs, recordLength, skipLines);
  let records = 0;
  const collect: RecordCallback = (s, row) => {
    for (let i = 0; i < specs.length; i++) {
      let a = row.starts[i]!;
      let b = row.ends[i]!;
      if (strip === "Left" || strip === "Both") while (a < b && (s.charCodeAt(a) === 32 || s.charCodeAt(a) === 9)) a++;
      if (strip === "Right" || strip === "Both") while (b > a && (s.charCodeAt(b - 1) === 32 || s.charCodeAt(b - 1) === 9)) b--;
      samples[i]!.push({ text: s.slice(a, b), quoted: false });
    }
    return ++records < count;
  };
  try {
    let text = "";
    let pos = 0;
    let final = false;
    for (;;) {
      pos = tokenizer.parse(text, pos, final, collect);
      if (records >= count || final) return samples;
      const chunk = await reader.read();
      if (chunk === null) final = true;
      text = text.slice(pos) + (chunk ?? "");
      pos = 0;
    }
  } finally {
    await reader.close();
  }
}
