import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "../../src/data/settings.js";
import { daysFromCivil } from "../../src/data/values.js";
import { EncodingError, makeEncoder, resolveEncoding } from "../../src/data/text-encoding.js";
import { TextFileReader } from "../../src/data/text-file.js";
import { formatReal, makeValueFormatter } from "../../src/data/text-format.js";
import { Utf8Buffer } from "../../src/data/text-bytes.js";
import { detectStorage, makeTextConverter, parseIntegerRange, parseRealRange, stripRange } from "../../src/data/text-values.js";

const options = { decimalSymbol: "." as const, dateFormat: "DD/MM/YYYY", timeFormat: "HH:MM:SS", settings: DEFAULT_SETTINGS };
const whole = (f: (s: string, a: number, b: number) => unknown) => (s: string) => f(s, 0, s.length);

describe("numbers from text ranges", () => {
  const int = whole(parseIntegerRange);
  const real = whole(parseRealRange);

  it("reads integers, with sign and surrounding blanks; blank is $null$; anything else is invalid", () => {
    expect([int("42"), int("-7"), int("+3"), int("  12\t"), int("007")]).toEqual([42, -7, 3, 12, 7]);
    expect(int("")).toBeNull();
    expect(int("   ")).toBeNull();
    for (const bad of ["3.5", "1e3", "12a", "-", "1 2", "0x10"]) expect(int(bad)).toBeUndefined();
  });

  it("reads integers beyond 2^53 as bigint and keeps safe long ones as numbers", () => {
    expect(int("123456789012345678901")).toBe(123456789012345678901n);
    expect(int("-9007199254740993")).toBe(-9007199254740993n);
    expect(int("9007199254740991")).toBe(9007199254740991);
  });

  it("reads decimals exactly as Number() does", () => {
    const samples = ["0.792535", "23.0", "-0.5", ".5", "5.", "1e3", "1.5E-7", "+2.25", "123456789.123456", "0.1", "0.30000000000000004", "1234567890123456789", "2.5e-320", "9.999999999999999e22"];
    for (const s of samples) expect(real(s)).toBe(Number(s));
    for (let i = 0; i < 2000; i++) {
      const s = (Math.random() * 10 ** (Math.floor(Math.random() * 12) - 4)).toFixed(Math.floor(Math.random() * 9));
      expect(real(s)).toBe(Number(s));
    }
  });

  it("rejects what is not a plain decimal number", () => {
    for (const bad of ["NaN", "Infinity", "1,5", "1.2.3", "e5", "1e", "--1", "abc", "1e400"]) expect(real(bad)).toBeUndefined();
  });

  it("reads a decimal comma when asked", () => {
    expect(parseRealRange("3,25", 0, 4, 44)).toBe(3.25);
    expect(parseRealRange("3.25", 0, 4, 44)).toBeUndefined();
  });

  it("works on a range of a longer string", () => {
    expect(parseRealRange("x;0.25;y", 2, 6)).toBe(0.25);
    expect(parseIntegerRange("ab123cd", 2, 5)).toBe(123);
    expect(stripRange("  ab  ", 0, 6, "Both")).toEqual([2, 4]);
    expect(stripRange("  ab  ", 0, 6, "Left")).toEqual([2, 6]);
    expect(stripRange("  ab  ", 0, 6, "Right")).toEqual([0, 4]);
  });
});

describe("storage detection", () => {
  const detect = (texts: string[], dates = true) => detectStorage(texts.map((text) => ({ text, quoted: false })), options, dates);

  it("picks the narrowest storage every non-blank value fits", () => {
    expect(detect(["1", "2", ""])).toBe("integer");
    expect(detect(["1", "2.5"])).toBe("real");
    expect(detect(["23.0"])).toBe("real");
    expect(detect(["1", "x"])).toBe("string");
    expect(detect(["", " "])).toBe("string");
  });

  it("recognises dates, times and timestamps in the stream's formats only when asked", () => {
    expect(detect(["01/02/2020", "31/12/1999"])).toBe("date");
    expect(detect(["01/02/2020"], false)).toBe("string");
    expect(detect(["10:30:00", "23:59:59"])).toBe("time");
    expect(detect(["01/02/2020 10:30:00"])).toBe("timestamp");
    expect(detect(["2020-02-01"])).toBe("string");
  });

  it("a quoted value makes the field a string", () => {
    expect(detectStorage([{ text: "1", quoted: false }, { text: "2", quoted: true }], options, true)).toBe("string");
  });

  it("converters turn text into values of the storage", () => {
    const date = makeTextConverter("date", options);
    expect(date("15/01/2024", 0, 10)).toBe(daysFromCivil(2024, 1, 15));
    expect(date("", 0, 0)).toBeNull();
    expect(date("2024-01-15", 0, 10)).toBeUndefined();
    const time = makeTextConverter("time", options);
    expect(time("01:02:03", 0, 8)).toBe(3723);
    const str = makeTextConverter("string", options);
    expect(str("a,b", 2, 3)).toBe("b");
    expect(str("", 0, 0)).toBe("");
  });
});

describe("values as text", () => {
  it("writes reals so they read back as the same double, always with a point", () => {
    expect([formatReal(23), formatReal(-3), formatReal(0.5), formatReal(0.792535), formatReal(1e21), formatReal(1.5e-7), formatReal(0.1 + 0.2)]).toEqual(["23.0", "-3.0", "0.5", "0.792535", "1e+21", "1.5e-7", "0.30000000000000004"]);
    for (let i = 0; i < 5000; i++) {
      const x = (Math.random() - 0.5) * 10 ** (Math.floor(Math.random() * 24) - 8);
      const s = formatReal(x);
      expect(Number(s)).toBe(x);
      if (!Number.isInteger(x)) expect(s.length).toBe(String(x).length);
    }
  });

  it("formats each storage in the stream's formats; $null$ is empty", () => {
    const o = { decimalSymbol: "," as const, dateFormat: "YYYY-MM-DD", timeFormat: "HH:MM" };
    expect(makeValueFormatter("real", o)(2.5)).toBe("2,5");
    expect(makeValueFormatter("integer", o)(12345678901234567890n)).toBe("12345678901234567890");
    expect(makeValueFormatter("date", o)(daysFromCivil(2024, 3, 9))).toBe("2024-03-09");
    expect(makeValueFormatter("time", o)(3723)).toBe("01:02");
    expect(makeValueFormatter("timestamp", o)(daysFromCivil(2024, 3, 9) * 86400 + 60)).toBe("2024-03-09 00:01");
    expect(makeValueFormatter("string", o)(null)).toBe("");
    expect(makeValueFormatter("real", o)(null)).toBe("");
  });
});

describe("UTF-8 byte writer", () => {
  it("writes reals and integers exactly as the string formatter does", () => {
    const out = new Utf8Buffer(8);
    const expected: string[] = [];
    const values = [0, -0, 1, -1, 23, 0.5, -0.125, 0.792535, 1e-6, 9.99e-7, 123456789.5, 2 ** 53, -(2 ** 60), 1e21, 0.1 + 0.2, 1 / 3];
    for (let i = 0; i < 3000; i++) values.push((Math.random() - 0.5) * 10 ** (Math.floor(Math.random() * 26) - 9), Number((Math.random() * 1000).toFixed(i % 8)));
    for (const x of values) {
      out.real(x, 46);
      out.byte(59);
      expected.push(formatReal(x));
    }
    expect(out.take().toString("utf8")).toBe(expected.join(";") + ";");
    out.real(2.5, 44);
    out.integer(-42);
    out.integer(2 ** 31);
    out.integer(2 ** 54);
    expect(out.take().toString("utf8")).toBe("2,5-42214748364818014398509481984");
  });

  it("writes text as UTF-8 and doubles the quote inside quoted text", () => {
    const out = new Utf8Buffer(4);
    out.text("abc");
    out.text("čaj ✓ 😀");
    out.quotedText('say "hi"', 34);
    out.quotedText('ünï "x"', 34);
    expect(out.take().toString("utf8")).toBe('abcčaj ✓ 😀say ""hi""ünï ""x""');
  });
});

describe("encodings", () => {
  it("resolves Modeler's encoding names and rejects unknown ones", () => {
    expect(resolveEncoding("StreamDefault", "utf-8")).toBe("utf-8");
    expect(resolveEncoding("SystemDefault", "latin1")).toBe("utf-8");
    expect(resolveEncoding("UTF-8", "utf-8")).toBe("utf-8");
    expect(resolveEncoding("latin1", "utf-8")).toBe("windows-1252");
    expect(resolveEncoding("UTF-16LE", "utf-8")).toBe("utf-16le");
    expect(() => resolveEncoding("klingon", "utf-8")).toThrow(EncodingError);
  });

  it("encodes single-byte encodings as the decoder's inverse and counts what does not fit", () => {
    const enc = makeEncoder("windows-1252");
    expect([...enc("é€a")]).toEqual([0xe9, 0x80, 0x61]);
    expect([...enc("ж😀")]).toEqual([0x3f, 0x3f]);
    expect(enc.unmappable()).toBe(2);
    expect([...makeEncoder("utf-16be")("A")]).toEqual([0, 0x41]);
    expect(() => makeEncoder("shift_jis")).toThrow(EncodingError);
  });

  it("reads a file in chunks, keeping characters split across reads whole", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mb-text-"));
    const path = join(dir, "t.txt");
    writeFileSync(path, Buffer.from("\ufeffhéllo wörld ✓", "utf8"));
    const reader = await TextFileReader.open(path, { encoding: "utf-8", chunkBytes: 3, skipChars: 2 });
    let text = "";
    for (let chunk = await reader.read(); chunk !== null; chunk = await reader.read()) text += chunk;
    await reader.close();
    expect(text).toBe("llo wörld ✓");
  });

  it("decodes ASCII chunks then a character split across reads (UTF-8 and windows-1252)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mb-text-"));
    const utf8 = join(dir, "u.txt");
    writeFileSync(utf8, "abcdefg\u00e9h\u2713ij");
    const read = async (path: string, encoding: string) => {
      const r = await TextFileReader.open(path, { encoding, chunkBytes: 4 });
      let text = "";
      for (let c = await r.read(); c !== null; c = await r.read()) text += c;
      await r.close();
      return text;
    };
    expect(await read(utf8, "utf-8")).toBe("abcdefg\u00e9h\u2713ij");
    const cp1252 = join(dir, "w.txt");
    writeFileSync(cp1252, Buffer.from([0x61, 0x62, 0x63, 0x64, 0x80, 0x65]));
    expect(await read(cp1252, "windows-1252")).toBe("abcd\u20ace");
  });

  it("discards or replaces undecodable bytes and NUL", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mb-text-"));
    const path = join(dir, "bad.txt");
    writeFileSync(path, Buffer.from([0x61, 0xff, 0x62, 0x00, 0x63]));
    const read = async (invalid: { mode: "Discard" | "Replace"; replacement: string }) => {
      const r = await TextFileReader.open(path, { encoding: "utf-8", invalid });
      let text = "";
      for (let c = await r.read(); c !== null; c = await r.read()) text += c;
      await r.close();
      return [text, r.invalidCount];
    };
    expect(await read({ mode: "Discard", replacement: "" })).toEqual(["abc", 2]);
    expect(await read({ mode: "Replace", replacement: "|" })).toEqual(["a|b|c", 2]);
  });
});
