import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeBatch } from "../../../src/data/batch.js";
import { makeField } from "../../../src/data/field.js";
import { Schema } from "../../../src/data/schema.js";
import { runStream, type RunReport } from "../../../src/engine/index.js";
import { defineNode } from "../../../src/nodes/definition.js";
import { createRegistry } from "../../../src/nodes/registry.js";
import { StreamBuilder } from "../../../src/stream/index.js";
import { readSource } from "../sources/helpers.js";

const dir = mkdtempSync(join(tmpdir(), "mb-outputfile-"));
let n = 0;
const target = (name = "out.csv") => join(dir, `${++n}-${name}`);

const FIXTURE_ROWS = [
  ["a b", 1, 2.5, 19737], // 2024-01-15 is day 19737 since 1970-01-01
  ['say "x"', 2, 23, null],
  ["c,d", null, 0.125, null],
];

/** A stream: the rows above (string, integer, real, date) → outputfile. */
async function writeFixture(properties: Record<string, unknown>): Promise<RunReport> {
  const fixture = defineNode({
    type: "fixture",
    label: "Fixture",
    palette: "source",
    inputs: { min: 0, max: 0 },
    properties: [],
    schema: () => new Schema([makeField("name", "string"), makeField("count", "integer"), makeField("ratio", "real"), makeField("day", "date")]),
    async *run(ctx) {
      yield makeBatch(ctx.outputSchema, [0, 1, 2, 3].map((c) => FIXTURE_ROWS.map((row) => row[c]!)));
    },
  });
  const b = new StreamBuilder("w");
  b.add("fixture", {}, { id: "in" }).then("outputfile", properties, { id: "out" });
  return runStream(b.build(), { seed: 1, registry: createRegistry().register(fixture) });
}

/** A stream: user input of (name, count, ratio, day) → outputfile. */
async function writeUserInput(properties: Record<string, unknown>, options: { streamOptions?: Record<string, unknown>; data?: Record<string, string> } = {}): Promise<RunReport> {
  const b = new StreamBuilder("w");
  for (const [k, v] of Object.entries(options.streamOptions ?? {})) b.option(k, v);
  b.add(
    "userinput",
    {
      names: ["name", "count", "ratio", "day"],
      data: options.data ?? { name: '"a b" "say ""x""" "c,d"', count: "1 2", ratio: "2.5 23.0 0.125", day: "2024-01-15" },
      custom_storage: { name: "String", count: "Integer", ratio: "Real", day: "Date" },
      data_mode: "Ordered",
    },
    { id: "in" },
  ).then("outputfile", properties, { id: "out" });
  return runStream(b.build(), { seed: 1 });
}

describe("outputfile", () => {
  it("writes a header and records: strings in double quotes, reals with a point, dates in the stream format, $null$ empty", async () => {
    const path = target();
    const report = await writeFixture({ full_filename: path });
    expect(readFileSync(path, "utf8")).toBe(
      '"name","count","ratio","day"\n' +
        '"a b",1,2.5,15/01/2024\n' +
        '"say ""x""",2,23.0,\n' +
        '"c,d",,0.125,\n',
    );
    expect(report.terminals[0]!.result).toEqual({ exports: [{ target: path, records: 3, mode: "Overwrite" }], files: [path] });
  });

  it("delimiters: Tab, Space, Other", async () => {
    const data = { name: "x", count: "1", ratio: "0.5", day: "2024-01-15" };
    const tab = target();
    await writeUserInput({ full_filename: tab, delimit_mode: "Tab", inc_field_names: false }, { data });
    expect(readFileSync(tab, "utf8")).toBe('"x"\t1\t0.5\t15/01/2024\n');
    const space = target();
    await writeUserInput({ full_filename: space, delimit_mode: "Space", inc_field_names: false }, { data });
    expect(readFileSync(space, "utf8")).toBe('"x" 1 0.5 15/01/2024\n');
    const other = target();
    await writeUserInput({ full_filename: other, delimit_mode: "Other", other_delimiter: "|", inc_field_names: false }, { data });
    expect(readFileSync(other, "utf8")).toBe('"x"|1|0.5|15/01/2024\n');
    await expect(writeUserInput({ full_filename: target(), delimit_mode: "Other" }, { data })).rejects.toThrow(/other_delimiter/);
  });

  it("quotes: None, Single, Other; a quote inside a value is doubled", async () => {
    const data = { name: `"it's"`, count: "1", ratio: "1.5", day: "2024-01-15" };
    const none = target();
    const report = await writeUserInput({ full_filename: none, quote_mode: "None", inc_field_names: false }, { data: { ...data, name: '"a,b"' } });
    expect(readFileSync(none, "utf8")).toBe("a,b,1,1.5,15/01/2024\n");
    expect(report.warnings.join("\n")).toMatch(/1 string value\(s\) contain the delimiter/);
    const single = target();
    await writeUserInput({ full_filename: single, quote_mode: "Single", inc_field_names: false }, { data });
    expect(readFileSync(single, "utf8")).toBe("'it''s',1,1.5,15/01/2024\n");
    const other = target();
    await writeUserInput({ full_filename: other, quote_mode: "Other", other_quote: "`", inc_field_names: false }, { data });
    expect(readFileSync(other, "utf8")).toBe("`it's`,1,1.5,15/01/2024\n");
  });

  it("decimal_symbol Comma, the stream's date format, no newline after records", async () => {
    const data = { name: "x", count: "1 2", ratio: "0.5 1.0", day: "2024-01-15 2024-12-31" };
    const path = target();
    await writeUserInput({ full_filename: path, decimal_symbol: "Comma", delimit_mode: "Other", other_delimiter: ";", inc_field_names: false }, { data, streamOptions: { date_format: "YYYY-MM-DD" } });
    expect(readFileSync(path, "utf8")).toBe('"x";1;0,5;2024-01-15\n;2;1,0;2024-12-31\n');
    const flat = target();
    await writeUserInput({ full_filename: flat, use_newline_after_records: false, inc_field_names: false }, { data });
    expect(readFileSync(flat, "utf8")).toBe('"x",1,0.5,15/01/2024,,2,1.0,31/12/2024,');
  });

  it("writes times and timestamps in the stream's formats", async () => {
    const path = target();
    const b = new StreamBuilder("t");
    b.option("time_format", "HH:MM");
    b.add("userinput", { names: ["t", "ts"], data: { t: "10:30:00", ts: "2024-01-15T08:05:00" }, custom_storage: { t: "Time", ts: "Timestamp" } })
      .then("outputfile", { full_filename: path, inc_field_names: false });
    await runStream(b.build(), { seed: 1 });
    expect(readFileSync(path, "utf8")).toBe("10:30,15/01/2024 08:05\n");
  });

  it("encodes the file in the chosen encoding", async () => {
    const data = { name: "café", count: "1", ratio: "1.5", day: "2024-01-15" };
    const latin1 = target();
    const report = await writeUserInput({ full_filename: latin1, encoding: "latin1", inc_field_names: false, quote_mode: "None" }, { data: { ...data, name: '"café ж"' } });
    expect([...readFileSync(latin1)].slice(0, 6)).toEqual([0x63, 0x61, 0x66, 0xe9, 0x20, 0x3f]);
    expect(report.warnings.join("\n")).toMatch(/1 character\(s\) cannot be written in windows-1252/);
    const utf16 = target();
    await writeUserInput({ full_filename: utf16, encoding: "utf-16le", inc_field_names: false, quote_mode: "None" }, { data });
    expect(readFileSync(utf16).toString("utf16le")).toBe("café,1,1.5,15/01/2024\n");
    await expect(writeUserInput({ full_filename: target(), encoding: "shift_jis" }, { data })).rejects.toThrow(/not supported/);
  });

  it("Append adds records after the existing content, without a header; a new file gets one", async () => {
    const data = { name: "x", count: "1", ratio: "0.5", day: "2024-01-15" };
    const path = target();
    writeFileSync(path, "old line\n");
    const report = await writeUserInput({ full_filename: path, write_mode: "Append" }, { data });
    expect(readFileSync(path, "utf8")).toBe('old line\n"x",1,0.5,15/01/2024\n');
    expect(report.terminals[0]!.result.exports).toEqual([{ target: path, records: 1, mode: "Append" }]);
    const fresh = target();
    await writeUserInput({ full_filename: fresh, write_mode: "Append" }, { data });
    expect(readFileSync(fresh, "utf8")).toBe('"name","count","ratio","day"\n"x",1,0.5,15/01/2024\n');
  });

  it("a failed run leaves the previous file untouched and no temporary file (Overwrite and Append)", async () => {
    const failing = defineNode({
      type: "failing",
      label: "Failing",
      palette: "source",
      inputs: { min: 0, max: 0 },
      properties: [],
      schema: () => new Schema([makeField("A", "integer")]),
      async *run(ctx) {
        yield makeBatch(ctx.outputSchema, [[1, 2, 3]]);
        throw new Error("disk on fire");
      },
    });
    const registry = createRegistry().register(failing);
    const folder = mkdtempSync(join(tmpdir(), "mb-outputfile-fail-"));
    const path = join(folder, "keep.csv");
    for (const write_mode of ["Overwrite", "Append"]) {
      writeFileSync(path, "precious\n");
      const b = new StreamBuilder("f");
      b.add("failing").then("outputfile", { full_filename: path, write_mode });
      await expect(runStream(b.build(), { registry, seed: 1 })).rejects.toThrow(/disk on fire/);
      expect(readFileSync(path, "utf8")).toBe("precious\n");
      expect(readdirSync(folder)).toEqual(["keep.csv"]);
    }
  });

  it("writes a relative path under the run's output folder, creating it", async () => {
    const outDir = join(mkdtempSync(join(tmpdir(), "mb-outputfile-dir-")), "nested");
    const b = new StreamBuilder("o");
    b.add("userinput", { names: ["a"], data: { a: "1" } }).then("outputfile", { full_filename: "sub/x.csv", generate_import: true });
    const report = await runStream(b.build(), { seed: 1, outDir });
    expect(report.terminals[0]!.result.files).toEqual([join(outDir, "sub", "x.csv")]);
    expect(existsSync(join(outDir, "sub", "x.csv"))).toBe(true);
  });

  it("reads back through Var. File as the same values", async () => {
    const path = target();
    await writeFixture({ full_filename: path });
    const r = await readSource("variablefile", { full_filename: path, quotes_2: "PairAndDiscard" });
    expect(r.fields.map((f) => f.storage)).toEqual(["string", "integer", "real", "date"]);
    expect(r.rows).toEqual(FIXTURE_ROWS);
  });
});

