import { describe, expect, it } from "vitest";
import { DEFAULT_BATCH_SIZE } from "../../../src/data/batch.js";
import { daysFromCivil } from "../../../src/data/values.js";
import { basename, dirname } from "node:path";
import { FileNotFoundError, runStream } from "../../../src/engine/index.js";
import { StreamBuilder } from "../../../src/stream/index.js";
import type { TableContent } from "../../../src/reports/document.js";
import { createRegistry, defaultRegistry } from "../../../src/nodes/registry.js";
import { defineNode } from "../../../src/nodes/definition.js";
import { CancelledError } from "../../../src/errors.js";
import { readSource, readVarFile, tempFile } from "./helpers.js";

describe("variablefile: fields and storages", () => {
  it("reads names from the first line and detects integer, real and string storage", async () => {
    const r = await readVarFile("Age,Na,Drug\n23,0.5,drugY\n47,0.75,drugC\n");
    expect(r.fields).toEqual([{ name: "Age", storage: "integer" }, { name: "Na", storage: "real" }, { name: "Drug", storage: "string" }]);
    expect(r.rows).toEqual([[23, 0.5, "drugY"], [47, 0.75, "drugC"]]);
    expect(r.warnings).toEqual([]);
  });

  it("without read_field_names the fields are field1, field2, ... and the first line is data", async () => {
    const r = await readVarFile("1,a\n2,b\n", { read_field_names: false });
    expect(r.fields.map((f) => f.name)).toEqual(["field1", "field2"]);
    expect(r.rows).toEqual([[1, "a"], [2, "b"]]);
  });

  it("reads 23.0 as real, and an empty numeric field as $null$ but an empty string field as \"\"", async () => {
    const r = await readVarFile("A,B\n23.0,x\n,\n");
    expect(r.fields.map((f) => f.storage)).toEqual(["real", "string"]);
    expect(r.rows).toEqual([[23, "x"], [null, ""]]);
  });

  it("decides storage from lines_to_scan lines; later values that do not parse become $null$ with a warning", async () => {
    const r = await readVarFile("N\n1\n2\n3.5\nx\n", { lines_to_scan: 2 });
    expect(r.fields).toEqual([{ name: "N", storage: "integer" }]);
    expect(r.rows).toEqual([[1], [2], [null], [null]]);
    expect(r.warnings.join("\n")).toMatch(/field "N": 2 value\(s\) could not be read as integer and were set to \$null\$ \(first on line 4: "3.5"\)/);
    const all = await readVarFile("N\n1\n2\n3.5\nx\n", { lines_to_scan: 50 });
    expect(all.fields).toEqual([{ name: "N", storage: "string" }]);
  });

  it("fills blank and repeated header names", async () => {
    const r = await readVarFile("a,,a\n1,2,3\n");
    expect(r.fields.map((f) => f.name)).toEqual(["a", "field2", "a_1"]);
    expect(r.warnings.join("\n")).toMatch(/duplicate field names.*"a" → "a_1"/);
  });

  it("records with missing fields get $null$ (with a warning); extra fields are dropped, silently when empty", async () => {
    const r = await readVarFile("a;b;c\n1;2\n3;4;5;;;\n6;7;8;9\n", { delimit_other: true, other: ";" });
    expect(r.rows).toEqual([[1, 2, null], [3, 4, 5], [6, 7, 8]]);
    const text = r.warnings.join("\n");
    expect(text).toMatch(/1 record\(s\) had fewer than 3 fields.*line 2/);
    expect(text).toMatch(/1 record\(s\) had more than 3 fields; the extra values were ignored \(first on line 4: "9"\)/);
  });

  it("a `;` header read with `,` only is one field; the records' other values are extra", async () => {
    const r = await readVarFile("id;name;n\n1,a,2;;\n3,b,4;;\n");
    expect(r.fields).toEqual([{ name: "id;name;n", storage: "integer" }]);
    expect(r.rows).toEqual([[1], [3]]);
    expect(r.warnings.join("\n")).toMatch(/2 record\(s\) had more than 1 fields; the extra values were ignored \(first on line 2: "a"\)/);
  });

  it("takes every Var. File property once, with the Types and Filter tabs (and so do Fixed File and Flat File)", () => {
    for (const type of ["variablefile", "fixedfile", "outputfile"]) {
      const names = defaultRegistry().get(type)!.properties.map((p) => p.name);
      expect(names.filter((n, i) => names.indexOf(n) !== i), type).toEqual([]);
    }
    const names = defaultRegistry().get("variablefile")!.properties.map((p) => p.name);
    for (const n of ["full_filename", "skip_header", "num_fields_auto", "num_fields", "read_field_names", "delimit_space", "delimit_tab", "delimit_new_line", "delimit_non_printing", "delimit_comma", "delimit_other", "other", "multi_blank", "decimal_symbol", "quotes_1", "quotes_2", "strip_spaces", "invalid_char_mode", "invalid_char_replacement", "break_case_by_newline", "lines_to_scan", "auto_recognize_datetime", "encoding", "use_custom_values", "custom_storage", "custom_date_format", "custom_time_format", "custom_decimal_symbol", "direction", "type", "values", "check", "null_missing", "include", "new_name"]) {
      expect(names).toContain(n);
    }
  });

  it("is named after its file", () => {
    const name = defaultRegistry().displayName({ id: "n", type: "variablefile", enabled: true, properties: { full_filename: "C:\\data\\DRUG1n.csv" } });
    expect(name).toBe("DRUG1n.csv");
  });
});

describe("variablefile: file options", () => {
  it("skip_header skips characters, not lines", async () => {
    // "#v1\n" is 4 characters; skipping 6 also drops "xy" of the header line.
    const r = await readVarFile("#v1\nxyA,B\n1,2\n", { skip_header: 6 });
    expect(r.fields.map((f) => f.name)).toEqual(["A", "B"]);
    expect(r.rows).toEqual([[1, 2]]);
  });

  it("num_fields with newline delimiting makes records of N fields across lines", async () => {
    const r = await readVarFile("1,2,3\n4,5,6\n", { read_field_names: false, num_fields_auto: false, num_fields: 2 });
    expect(r.rows).toEqual([[1, 2], [3, 4], [5, 6]]);
  });

  it("break_case_by_newline ends a record at the line end even with fields missing", async () => {
    const r = await readVarFile("1,2\n3,4,5,6\n", { read_field_names: false, num_fields_auto: false, num_fields: 3, break_case_by_newline: true });
    expect(r.rows).toEqual([[1, 2, null], [3, 4, 5]]);
  });

  it("without delimit_new_line a line is a record of at most num_fields fields", async () => {
    const r = await readVarFile("1,2,3\n4\n", { read_field_names: false, num_fields_auto: false, num_fields: 2, delimit_new_line: false });
    expect(r.rows).toEqual([[1, 2], [4, null]]);
  });

  it("delimiters: space, tab, other characters and non-printing characters", async () => {
    expect((await readVarFile("a b\tc\n1 2\t3\n", { delimit_comma: false, delimit_space: true, delimit_tab: true })).rows).toEqual([[1, 2, 3]]);
    expect((await readVarFile("a|b;c\n1|2;3\n", { delimit_comma: false, delimit_other: true, other: "|;" })).rows).toEqual([[1, 2, 3]]);
    expect((await readVarFile("a\u0001b\n1\u00012\n", { delimit_comma: false, delimit_non_printing: true })).rows).toEqual([[1, 2]]);
    // With no delimiter at all, each line is one field.
    expect((await readVarFile("a,b\n1,2\n", { delimit_comma: false })).rows).toEqual([["1,2"]]);
  });

  it("multi_blank treats runs of blanks as one delimiter", async () => {
    const text = "x   y\n  1    2  \n";
    expect((await readVarFile(text, { delimit_comma: false, delimit_space: true, multi_blank: true })).rows).toEqual([[1, 2]]);
    // Without it every blank separates: "1", "" and "2" (y was only seen empty: a string).
    const plain = await readVarFile("x y\n1  2\n", { delimit_comma: false, delimit_space: true });
    expect(plain.rows).toEqual([[1, ""]]);
    expect(plain.warnings.join("\n")).toMatch(/more than 2 fields/);
  });

  it("decimal_symbol Comma reads 1,5 as 1.5 (with another delimiter)", async () => {
    const r = await readVarFile("a;b\n1,5;2\n", { delimit_comma: false, delimit_other: true, other: ";", decimal_symbol: "Comma" });
    expect(r.fields.map((f) => f.storage)).toEqual(["real", "integer"]);
    expect(r.rows).toEqual([[1.5, 2]]);
    const clash = await readVarFile("a\n1,5\n", { decimal_symbol: "Comma" });
    expect(clash.warnings.join("\n")).toMatch(/decimal symbol is a comma and the comma is also a delimiter/);
    // Default takes the stream's decimal symbol.
    const s = await readVarFile("a;b\n2,25;2\n", { delimit_comma: false, delimit_other: true, other: ";" }, { decimal_symbol: "Comma" });
    expect(s.rows).toEqual([[2.25, 2]]);
  });

  it("quotes: Discard removes the quotes (delimiters inside still split), and quoted values are strings", async () => {
    const r = await readVarFile('a,b,c\n"1","x,y"\n');
    expect(r.fields.map((f) => f.storage)).toEqual(["string", "string", "string"]);
    expect(r.rows).toEqual([["1", "x", "y"]]);
  });

  it("quotes: PairAndDiscard keeps delimiters and doubled quotes inside a pair", async () => {
    const r = await readVarFile("a,b\n'1',\"x,\"\"y\"\"\"\n", { quotes_1: "PairAndDiscard", quotes_2: "PairAndDiscard" });
    expect(r.rows).toEqual([["1", 'x,"y"']]);
  });

  it("quotes: IncludeAsText keeps them as characters (and a number in quotes is then not a number)", async () => {
    const r = await readVarFile("a,b\n'1',\"2\"\n", { quotes_1: "IncludeAsText", quotes_2: "IncludeAsText" });
    expect(r.rows).toEqual([["'1'", '"2"']]);
  });

  it("an unmatched PairAndDiscard quote fails at schema time, naming the line", async () => {
    await expect(readVarFile('a,b\n1,"x\n', { quotes_2: "PairAndDiscard" })).rejects.toThrow(/unmatched double quote opened on line 2/);
  });

  it("strip_spaces trims values (and names) on the chosen side", async () => {
    const text = "a, b\n x , y \n";
    expect((await readVarFile(text, { strip_spaces: "Both" })).rows).toEqual([["x", "y"]]);
    expect((await readVarFile(text, { strip_spaces: "Both" })).fields.map((f) => f.name)).toEqual(["a", "b"]);
    expect((await readVarFile(text, { strip_spaces: "Left" })).rows).toEqual([["x ", "y "]]);
    expect((await readVarFile(text, { strip_spaces: "Right" })).rows).toEqual([[" x", " y"]]);
    expect((await readVarFile(text)).rows).toEqual([[" x ", " y "]]);
    // Numbers read with blanks around them whatever the setting.
    expect((await readVarFile("n\n 42 \n")).rows).toEqual([[42]]);
  });

  it("invalid characters are discarded or replaced, with a warning", async () => {
    const bytes = Buffer.concat([Buffer.from("a\nx"), Buffer.from([0xff]), Buffer.from("y\n")]);
    const discard = await readVarFile(bytes);
    expect(discard.rows).toEqual([["xy"]]);
    expect(discard.warnings.join("\n")).toMatch(/1 invalid character\(s\).*discarded/);
    const replace = await readVarFile(bytes, { invalid_char_mode: "Replace", invalid_char_replacement: "?" });
    expect(replace.rows).toEqual([["x?y"]]);
    await expect(readVarFile(bytes, { invalid_char_mode: "Replace" })).rejects.toThrow(/invalid_char_replacement must be one character/);
  });

  it("auto_recognize_datetime reads dates and times in the stream's formats", async () => {
    const text = "d,t\n15/01/2024,10:30:00\n29/02/2024,23:59:59\n";
    const r = await readVarFile(text);
    expect(r.fields.map((f) => f.storage)).toEqual(["date", "time"]);
    expect(r.rows).toEqual([[daysFromCivil(2024, 1, 15), 37800], [daysFromCivil(2024, 2, 29), 86399]]);
    expect((await readVarFile(text, { auto_recognize_datetime: false })).fields.map((f) => f.storage)).toEqual(["string", "string"]);
    const iso = await readVarFile("d\n2024-01-15\n", {}, { date_format: "YYYY-MM-DD" });
    expect(iso.rows).toEqual([[daysFromCivil(2024, 1, 15)]]);
  });

  it("encoding: Latin-1 and UTF-16 files", async () => {
    const latin1 = Buffer.from([0x6e, 0x0a, 0x63, 0x61, 0x66, 0xe9, 0x0a]); // "n\ncafé\n" in Latin-1
    expect((await readVarFile(latin1, { encoding: "latin1" })).rows).toEqual([["café"]]);
    expect((await readVarFile(latin1, { encoding: "windows-1252" })).rows).toEqual([["café"]]);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("n,m\n1,ü\n", "utf16le")]);
    expect((await readVarFile(utf16, { encoding: "utf-16le" })).rows).toEqual([[1, "ü"]]);
    expect((await readVarFile("n\né\n", { encoding: "UTF-8" })).rows).toEqual([["é"]]);
    await expect(readVarFile("n\n1\n", { encoding: "EBCDIC-42" })).rejects.toThrow(/unknown text encoding "EBCDIC-42"/);
  });
});

describe("variablefile: Data, Filter and Types tabs", () => {
  it("custom_storage overrides the detected storage, with its formats", async () => {
    const r = await readVarFile("id;when;amount\n007;2024-01-15;3,5\n", {
      delimit_comma: false,
      delimit_other: true,
      other: ";",
      use_custom_values: { id: true, when: true, amount: true },
      custom_storage: { id: "String", when: "Date", amount: "Real" },
      custom_date_format: { when: "YYYY-MM-DD" },
      custom_decimal_symbol: { amount: "Comma" },
    });
    expect(r.fields.map((f) => f.storage)).toEqual(["string", "date", "real"]);
    expect(r.rows).toEqual([["007", daysFromCivil(2024, 1, 15), 3.5]]);
  });

  it("use_custom_values false keeps the detected storage", async () => {
    const r = await readVarFile("n\n1\n", { use_custom_values: { n: false }, custom_storage: { n: "String" } });
    expect(r.fields[0]!.storage).toBe("integer");
  });

  it("an override naming a field the file lacks is an error naming it", async () => {
    await expect(readVarFile("n\n1\n", { custom_storage: { m: "String" } })).rejects.toThrow(/custom_storage.*field "m", which is not in the file/);
  });

  it("the Filter tab drops and renames fields; dropped fields are not converted", async () => {
    const r = await readVarFile("a,b,c\n1,x,2\n", { include: { b: false }, new_name: { c: "C2" } });
    expect(r.fields.map((f) => f.name)).toEqual(["a", "C2"]);
    expect(r.rows).toEqual([[1, 2]]);
  });

  it("the Types tab declares role, measure and values (keyed by the filtered names)", async () => {
    const r = await readVarFile("Age,Drug\n30,drugY\n", {
      new_name: { Drug: "Target" },
      direction: { Target: "Target", Age: "Input" },
      type: { Age: "Range", Target: "Set" },
      values: { Age: [1, 100], Target: ["drugY", "drugC"] },
    });
    const [age, drug] = r.schema;
    expect(age).toMatchObject({ name: "Age", role: "input", measure: "continuous", values: [1, 100] });
    expect(drug).toMatchObject({ name: "Target", role: "target", measure: "nominal", values: ["drugY", "drugC"] });
  });

  it("the Types tab's check acts on the records", async () => {
    const r = await readVarFile("Age\n10\n150\n40\n", { type: { Age: "Range" }, values: { Age: [0, 120] }, check: { Age: "Discard" } });
    expect(r.rows).toEqual([[10], [40]]);
  });

  it("a Types-tab key naming no field is an error naming the field", async () => {
    await expect(readVarFile("a\n1\n", { direction: { b: "Target" } })).rejects.toThrow(/"b"/);
  });
});

describe("variablefile: batches, errors, cancellation", () => {
  it("emits batches of DEFAULT_BATCH_SIZE records, however the file is chunked", async () => {
    const n = DEFAULT_BATCH_SIZE * 2 + 10;
    let text = "i,s\n";
    for (let i = 0; i < n; i++) text += `${i},v${i % 7}\n`;
    const r = await readVarFile(text);
    expect(r.batches).toEqual([DEFAULT_BATCH_SIZE, DEFAULT_BATCH_SIZE, 10]);
    expect(r.rows.length).toBe(n);
    expect(r.rows[n - 1]).toEqual([n - 1, `v${(n - 1) % 7}`]);
  });

  it("reads files larger than one read, with quoted values across the read boundaries", async () => {
    const rows = 50_000;
    let text = "id,note,x\n";
    for (let i = 0; i < rows; i++) text += `${i},"line ${i}\nsecond, ""part"" ${"é".repeat(i % 5)}",${i / 4}\r\n`;
    expect(Buffer.byteLength(text)).toBeGreaterThan(2 * (1 << 20));
    const r = await readVarFile(text, { quotes_2: "PairAndDiscard" });
    expect(r.rows.length).toBe(rows);
    for (const i of [0, 1, 12_345, 33_333, rows - 1]) expect(r.rows[i]).toEqual([i, `line ${i}\nsecond, "part" ${"é".repeat(i % 5)}`, i / 4]);
    expect(r.warnings).toEqual([]);
  });

  it("a missing file is an error naming the node, the property and the paths tried", async () => {
    const err = await readSource("variablefile", { full_filename: "/no/such/dir/x.csv" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileNotFoundError);
    expect(String(err)).toMatch(/full_filename/);
  });

  it("checks option values", async () => {
    await expect(readVarFile("a\n1\n", { delimit_other: true })).rejects.toThrow(/other must hold the delimiter/);
    await expect(readVarFile("a\n1\n", { num_fields_auto: false })).rejects.toThrow(/num_fields must be a whole number/);
    await expect(readVarFile("a\n1\n", { quotes_2: "Keep" })).rejects.toThrow(/quotes_2.*must be one of Discard, PairAndDiscard, IncludeAsText/);
  });

  it("reads an empty file as no fields and no records", async () => {
    const r = await readVarFile("");
    expect(r.fields).toEqual([]);
    expect(r.rows).toEqual([]);
  });

  it("resolves a relative full_filename against the stream's folder", async () => {
    const path = tempFile("a\n5\n", "rel.csv");
    const b = new StreamBuilder("rel", dirname(path));
    b.add("variablefile", { full_filename: basename(path) }, { id: "src" }).then("table", {}, { id: "t" });
    const report = await runStream(b.build(), { seed: 1 });
    expect((report.documents[0]!.content as TableContent).rows).toEqual([[5]]);
  });

  it("reads only as far as the consumer pulls, and stops when cancelled", async () => {
    let text = "i\n";
    for (let i = 0; i < DEFAULT_BATCH_SIZE * 6; i++) text += `${i}\n`;
    const path = tempFile(text, "big.csv");
    const controller = new AbortController();
    const firstOnly = defineNode({
      type: "firstonly",
      label: "First",
      palette: "output",
      inputs: { min: 1, max: 1 },
      properties: [],
      async execute(_ctx, [input]) {
        for await (const _batch of input!) break;
        return {};
      },
    });
    const abortAfterOne = defineNode({
      type: "abortafter",
      label: "Abort",
      palette: "output",
      inputs: { min: 1, max: 1 },
      properties: [],
      async execute(_ctx, [input]) {
        for await (const _batch of input!) controller.abort();
        return {};
      },
    });
    const registry = createRegistry().register(firstOnly).register(abortAfterOne);
    const b = new StreamBuilder("lazy");
    b.add("variablefile", { full_filename: path }, { id: "src" }).then("firstonly", {}, { id: "t" });
    const report = await runStream(b.build(), { seed: 1, registry });
    expect(report.nodes.find((n) => n.id === "src")!.records).toBe(DEFAULT_BATCH_SIZE);
    const c = new StreamBuilder("cancel");
    c.add("variablefile", { full_filename: path }, { id: "src" }).then("abortafter", {}, { id: "t" });
    await expect(runStream(c.build(), { seed: 1, registry, signal: controller.signal })).rejects.toBeInstanceOf(CancelledError);
  });
});
