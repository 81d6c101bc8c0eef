/**
 * Flat File export (`outputfile`): every record as a line of delimited text. NODES.md §5.2.
 *
 * Values are written in the stream's formats (data/text-format.ts): dates and times with the
 * stream's date and time formats, reals in full precision with the chosen decimal symbol,
 * `$null$` as an empty field. Only string values are quoted (`quote_mode`); a quote character
 * inside a value is doubled, so the Var. File node (PairAndDiscard) and CSV readers read it back.
 *
 * Nothing is lost when a run fails: records go to a temporary file in the target's folder
 * (written through a stream with back-pressure, flushed to disk), which then replaces the
 * target in one rename (Overwrite) or, only once the run has succeeded, is appended to it
 * (Append). A failed or cancelled run leaves the previous file as it was.
 *
 * Choices (docs/nodes.md, "Flat File"): lines end with `\n`; without
 * `use_newline_after_records` records are separated by the field delimiter; in Append mode
 * the header is written only when the target is new or empty; `generate_import` is accepted
 * and does nothing (it adds a source node to Modeler's canvas, which a batch run has not got).
 */
import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream, type WriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import { once } from "node:events";
import { basename, dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { makeEncoder, resolveEncoding } from "../../data/text-encoding.js";
import { DelimitedWriter, type DelimitedWriterOptions } from "../../data/text-writer.js";
import { boolCodec, DECIMAL_SYMBOL_TOKENS, defineXmlMapping, encodingCodec, enumCodec, textCodec, warnIfSet } from "../common/str-mapping/index.js";
import { defineNode, type RunContext } from "../definition.js";
import { NodePropertyError, bool, oneOf, prop, str } from "../properties.js";

/**
 * Flat File export (`TextFileExportNode` → `outputfile`): `exportFileName`, `writeMode`,
 * `includeFieldNames`, `newlineAfterRecord`, `fieldSeparator` / `delimiterChars`,
 * `quoteSymbolicValues` / `userQuoteMark`, `realDecimalSymbol`, `fileEncoding`,
 * `autoGenerateImportNode`.
 */
const outputFileMapping = defineXmlMapping({
  properties: {
    full_filename: textCodec("exportFileName"),
    write_mode: enumCodec("writeMode", { overwrite: "Overwrite" }),
    inc_field_names: boolCodec("includeFieldNames"),
    use_newline_after_records: boolCodec("newlineAfterRecord"),
    delimit_mode: enumCodec("fieldSeparator", { comma: "Comma", tab: "Tab" }),
    other_delimiter: textCodec("delimiterChars"),
    quote_mode: enumCodec("quoteSymbolicValues", { doubleQuotes: "Double" }),
    other_quote: textCodec("userQuoteMark"),
    decimal_symbol: enumCodec("realDecimalSymbol", DECIMAL_SYMBOL_TOKENS),
    encoding: encodingCodec(),
    generate_import: boolCodec("autoGenerateImportNode"),
  },
  check(props, ctx) {
    warnIfSet(props, "executionMode", ["export_data"], ctx, "only exporting data is supported");
  },
});

export const outputFileNode = defineNode({
  type: "outputfile",
  label: "Flat File",
  palette: "export",
  modelerClasses: ["TextFileExportNode"],
  modeler: outputFileMapping,
  inputs: { min: 1, max: 1 },
  properties: [
    prop("full_filename", str(), undefined, "The file to write."),
    prop("write_mode", oneOf("Overwrite", "Append"), "Overwrite"),
    prop("inc_field_names", bool(), true, "Write the field names as the first line (in Append mode only into a new or empty file)."),
    prop("use_newline_after_records", bool(), true, "End each record with a line break (otherwise records are separated by the delimiter)."),
    prop("delimit_mode", oneOf("Comma", "Tab", "Space", "Other"), "Comma"),
    prop("other_delimiter", str(), "", "Delimiter when delimit_mode is Other."),
    prop("quote_mode", oneOf("None", "Single", "Double", "Other"), "Double", "Quotes around string values."),
    prop("other_quote", str(), "", "Quote when quote_mode is Other."),
    prop("decimal_symbol", oneOf("Default", "Period", "Comma"), "Default"),
    prop("encoding", str(), "StreamDefault", "StreamDefault, SystemDefault, UTF-8 or another encoding name (latin1, windows-1252, utf-16le, ...)."),
    prop("generate_import", bool(), false, "Modeler adds a Var. File node for the file to its canvas; no effect in a batch run."),
  ],
  autoName: (_node, props) => {
    const path = typeof props.full_filename === "string" ? props.full_filename : "";
    return path.split(/[\\/]/).pop() || "Flat File";
  },
  async execute(ctx, [input]) {
    const target = ctx.resolveOutputFile(ctx.props.required("full_filename"), "full_filename");
    const format = flatFileFormat(ctx);
    const append = ctx.props.str("write_mode", "Overwrite") === "Append";
    await mkdir(dirname(target), { recursive: true });
    const existing = append ? await sizeOf(target) : 0;
    const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`);
    const out = createWriteStream(temp, { highWaterMark: 1 << 20, flush: true });
    let failure: Error | undefined;
    out.on("error", (err) => (failure ??= err));
    const schema = ctx.inputSchemas[0]!;
    const writer = new DelimitedWriter(schema, format);
    let records = 0;
    try {
      const write = async (bytes: Buffer) => {
        if (failure) throw failure;
        if (!out.write(bytes)) await once(out, "drain");
      };
      if (ctx.props.bool("inc_field_names", true) && existing === 0) await write(writer.header());
      for await (const batch of input!) {
        ctx.throwIfAborted();
        if (batch.length === 0) continue;
        await write(writer.batch(batch));
        records += batch.length;
      }
      out.end();
      await once(out, "close");
      if (failure) throw failure;
      if (append) {
        await pipeline(createReadStream(temp), createWriteStream(target, { flags: "a", flush: true }));
        await rm(temp, { force: true });
      } else {
        await rename(temp, target);
      }
    } catch (err) {
      await discard(out, temp);
      throw err;
    }
    if (writer.unquotedSpecial > 0) {
      ctx.warn(`${writer.unquotedSpecial} string value(s) contain the delimiter or a line break and were written without quotes (quote_mode None); the file will not read back as written`);
    }
    if (writer.unmappable > 0) ctx.warn(`${writer.unmappable} character(s) cannot be written in ${format.encoding} and were written as "?"`);
    return { exports: [{ target, records, mode: append ? "Append" : "Overwrite" }], files: [target] };
  },
});

function flatFileFormat(ctx: RunContext): DelimitedWriterOptions {
  const p = ctx.props;
  const need = (property: string, mode: string) => {
    const v = p.str(property);
    if (v === "") throw new NodePropertyError(`node "${ctx.node.id}" (outputfile) has ${mode}, so property "${property}" must be set`, { node: ctx.node.id, property });
    return v;
  };
  const delimiter = { Comma: ",", Tab: "\t", Space: " ", Other: "" }[p.str("delimit_mode", "Comma")] || need("other_delimiter", "delimit_mode Other");
  const quoteMode = p.str("quote_mode", "Double");
  const quote = quoteMode === "Other" ? need("other_quote", "quote_mode Other") : ({ None: "", Single: "'", Double: '"' } as Record<string, string>)[quoteMode]!;
  const encoding = resolveEncoding(p.str("encoding", "StreamDefault"), ctx.settings.encoding);
  const decimal = p.str("decimal_symbol", "Default");
  const decimalSymbol = decimal === "Comma" ? "," : decimal === "Period" ? "." : ctx.settings.decimalSymbol;
  if (decimalSymbol === delimiter) ctx.warn(`the decimal symbol "${decimalSymbol}" is also the field delimiter; reals will not read back`);
  makeEncoder(encoding); // fails now, naming the encoding, when it cannot be written
  return {
    delimiter,
    quote,
    recordEnd: p.bool("use_newline_after_records", true) ? "\n" : delimiter,
    encoding,
    decimalSymbol,
    dateFormat: ctx.settings.dateFormat,
    timeFormat: ctx.settings.timeFormat,
  };
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

async function discard(out: WriteStream, temp: string): Promise<void> {
  if (!out.closed) {
    out.destroy();
    await once(out, "close").catch(() => undefined);
  }
  await rm(temp, { force: true });
}
