import { describe, expect, it } from "vitest";
import { daysFromCivil } from "../../../src/data/values.js";
import { defaultRegistry } from "../../../src/nodes/registry.js";
import { readSource, tempFile } from "./helpers.js";

const readFixed = (text: string | Buffer, properties: Record<string, unknown>, streamOptions: Record<string, unknown> = {}) =>
  readSource("fixedfile", { full_filename: tempFile(text, "data.txt"), ...properties }, streamOptions);

// Columns:    1234567890123
const PEOPLE = "023F HIGH  0.5\n047M LOW   1.25\n";
const LAYOUT = [["Age", 1, 3], ["Sex", 4, 1], ["BP", 6, 6], ["Na", 12, 4]];

describe("fixedfile", () => {
  it("cuts each line at the given columns (1-based) and detects storages", async () => {
    const r = await readFixed(PEOPLE, { fields: LAYOUT });
    expect(r.fields).toEqual([{ name: "Age", storage: "integer" }, { name: "Sex", storage: "string" }, { name: "BP", storage: "string" }, { name: "Na", storage: "real" }]);
    // strip_spaces defaults to Both: "HIGH  " is "HIGH".
    expect(r.rows).toEqual([[23, "F", "HIGH", 0.5], [47, "M", "LOW", 1.25]]);
  });

  it("strip_spaces None keeps the padding of strings", async () => {
    const r = await readFixed(PEOPLE, { fields: LAYOUT, strip_spaces: "None" });
    expect(r.rows.map((row) => row[2])).toEqual(["HIGH  ", "LOW   "]);
    expect((await readFixed(PEOPLE, { fields: LAYOUT, strip_spaces: "Right" })).rows.map((row) => row[2])).toEqual(["HIGH", "LOW"]);
    expect((await readFixed(" ab \n", { fields: [["x", 1, 4]], strip_spaces: "Left" })).rows).toEqual([["ab "]]);
  });

  it("skip_header skips lines; CRLF lines and empty lines are handled", async () => {
    const r = await readFixed("header line\r\n----\r\n12ab\r\n\r\n34cd\r\n", { fields: [["n", 1, 2], ["s", 3, 2]], skip_header: 2 });
    expect(r.rows).toEqual([[12, "ab"], [34, "cd"]]);
  });

  it("a field past the end of a short line is empty: $null$ for numbers, \"\" for strings", async () => {
    const r = await readFixed("12ab9\n34\n", { fields: [["n", 1, 2], ["s", 3, 2], ["m", 5, 1]] });
    expect(r.rows).toEqual([[12, "ab", 9], [34, "", null]]);
  });

  it("without line_oriented, records are record_len characters and line breaks count", async () => {
    // Four 5-character records; the third holds the line break.
    const r = await readFixed("01abc02def03g\nh04jkl\n", { fields: [["n", 1, 2], ["s", 3, 3]], line_oriented: false, record_len: 5 });
    expect(r.rows).toEqual([[1, "abc"], [2, "def"], [3, "g\nh"], [4, "jkl"]]);
    await expect(readFixed("x", { fields: [["n", 1, 2]], line_oriented: false })).rejects.toThrow(/record_len/);
    await expect(readFixed("x", { fields: [["n", 4, 3]], line_oriented: false, record_len: 5 })).rejects.toThrow(/beyond record_len 5/);
  });

  it("reads dates in the stream format, overrides storages, decimal commas", async () => {
    const text = "15/01/2024 3,5 007\n";
    const fields = [["d", 1, 10], ["x", 12, 3], ["id", 16, 3]];
    const r = await readFixed(text, { fields, decimal_symbol: "Comma", custom_storage: { id: "String" } });
    expect(r.fields.map((f) => f.storage)).toEqual(["date", "real", "string"]);
    expect(r.rows).toEqual([[daysFromCivil(2024, 1, 15), 3.5, "007"]]);
    const plain = await readFixed(text, { fields, auto_recognize_datetime: false, lines_to_scan: 1 });
    expect(plain.fields.map((f) => f.storage)).toEqual(["string", "string", "integer"]);
  });

  it("has Filter and Types tabs", async () => {
    const r = await readFixed(PEOPLE, { fields: LAYOUT, include: { BP: false }, new_name: { Na: "Sodium" }, direction: { Sex: "Target" } });
    expect(r.fields.map((f) => f.name)).toEqual(["Age", "Sex", "Sodium"]);
    expect(r.schema[1]!.role).toBe("target");
  });

  it("reads other encodings and handles invalid characters", async () => {
    const latin1 = Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]);
    expect((await readFixed(latin1, { fields: [["w", 1, 4]], encoding: "latin1" })).rows).toEqual([["café"]]);
    const bad = Buffer.from([0x61, 0xff, 0x62, 0x0a]);
    expect((await readFixed(bad, { fields: [["w", 1, 3]], invalid_char_mode: "Replace", invalid_char_replacement: "#" })).rows).toEqual([["a#b"]]);
  });

  it("checks its layout", async () => {
    await expect(readFixed("x\n", { fields: [] })).rejects.toThrow(/at least one/);
    await expect(readFixed("x\n", { fields: [["a", 0, 1]] })).rejects.toThrow(/fields/);
  });

  it("is named after its file", () => {
    expect(defaultRegistry().displayName({ id: "n", type: "fixedfile", enabled: true, properties: { full_filename: "/data/people.dat" } })).toBe("people.dat");
  });
});
