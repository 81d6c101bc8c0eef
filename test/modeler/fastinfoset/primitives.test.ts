/** The integer, length and alphabet encodings of X.891 Annex C at every boundary, octet by octet. */
import { describe, expect, it } from "vitest";
import { ByteReader } from "../../../src/modeler/fastinfoset/byte-reader.js";
import { ByteWriter } from "../../../src/modeler/fastinfoset/byte-writer.js";
import { createAlphabet, decodeWithAlphabet, encodeWithAlphabet } from "../../../src/modeler/fastinfoset/alphabets.js";
import { javaNumberText } from "../../../src/modeler/fastinfoset/algorithms.js";
import { StringTable } from "../../../src/modeler/fastinfoset/vocabulary.js";
import { FastInfosetError } from "../../../src/modeler/fastinfoset/index.js";

type Field = "indexBit2" | "indexBit3" | "indexBit4" | "lengthBit2" | "lengthBit5" | "lengthBit7";

function written(field: Field, value: number, high = 0): number[] {
  const w = new ByteWriter();
  w[field](high, value);
  return [...w.result()];
}

/** Reads `field` back; for lengths the reader also needs that many octets of content to follow. */
function read(field: Field, octets: number[], contentLength = 0): { value: number; consumed: number } {
  const r = new ByteReader(Uint8Array.from([...octets, ...new Array<number>(contentLength).fill(0)]));
  const value = r[field](r.u8());
  return { value, consumed: r.pos };
}

describe("integers and lengths (C.21 – C.28)", () => {
  const cases: [Field, number, number[]][] = [
    ["indexBit2", 1, [0x00]],
    ["indexBit2", 64, [0x3f]],
    ["indexBit2", 65, [0x40, 0x00]],
    ["indexBit2", 8256, [0x5f, 0xff]],
    ["indexBit2", 8257, [0x60, 0x00, 0x00]],
    ["indexBit2", 1 << 20, [0x6f, 0xdf, 0xbf]],
    ["indexBit3", 1, [0x00]],
    ["indexBit3", 32, [0x1f]],
    ["indexBit3", 33, [0x20, 0x00]],
    ["indexBit3", 2080, [0x27, 0xff]],
    ["indexBit3", 2081, [0x28, 0x00, 0x00]],
    ["indexBit3", 526368, [0x2f, 0xff, 0xff]],
    ["indexBit3", 526369, [0x30, 0x00, 0x00, 0x00]],
    ["indexBit3", 1 << 20, [0x30, 0x07, 0xf7, 0xdf]],
    ["indexBit4", 1, [0x00]],
    ["indexBit4", 16, [0x0f]],
    ["indexBit4", 17, [0x10, 0x00]],
    ["indexBit4", 1040, [0x13, 0xff]],
    ["indexBit4", 1041, [0x14, 0x00, 0x00]],
    ["indexBit4", 263184, [0x17, 0xff, 0xff]],
    ["indexBit4", 263185, [0x18, 0x00, 0x00, 0x00]],
    ["indexBit4", 1 << 20, [0x18, 0x0b, 0xfb, 0xef]],
    ["lengthBit2", 1, [0x00]],
    ["lengthBit2", 64, [0x3f]],
    ["lengthBit2", 65, [0x40, 0x00]],
    ["lengthBit2", 320, [0x40, 0xff]],
    ["lengthBit2", 321, [0x60, 0x00, 0x00, 0x00, 0x00]],
    ["lengthBit5", 1, [0x00]],
    ["lengthBit5", 8, [0x07]],
    ["lengthBit5", 9, [0x08, 0x00]],
    ["lengthBit5", 264, [0x08, 0xff]],
    ["lengthBit5", 265, [0x0c, 0x00, 0x00, 0x00, 0x00]],
    ["lengthBit7", 1, [0x00]],
    ["lengthBit7", 2, [0x01]],
    ["lengthBit7", 3, [0x02, 0x00]],
    ["lengthBit7", 258, [0x02, 0xff]],
    ["lengthBit7", 259, [0x03, 0x00, 0x00, 0x00, 0x00]],
  ];

  it.each(cases)("%s(%i) is %j and reads back", (field, value, octets) => {
    expect(written(field, value)).toEqual(octets);
    const isLength = field.startsWith("length");
    expect(read(field, octets, isLength ? value : 0)).toEqual({ value, consumed: octets.length });
  });

  it("keeps the bits before the field (high bits) intact", () => {
    expect(written("indexBit3", 2081, 0x40)).toEqual([0x68, 0x00, 0x00]);
    expect(written("indexBit4", 17, 0xa0)).toEqual([0xb0, 0x00]);
    expect(written("lengthBit7", 3, 0x90)).toEqual([0x92, 0x00]);
  });

  it("refuses lengths longer than the remaining input before reading them", () => {
    expect(() => read("lengthBit2", [0x60, 0xff, 0xff, 0xff, 0xff])).toThrow(/exceeds the 0 remaining/);
    expect(() => read("lengthBit7", [0x02, 0x05], 4)).toThrow(FastInfosetError);
  });

  it("encodes sequence lengths (C.21) and combines adjacent terminators", () => {
    const w = new ByteWriter();
    w.sequenceLength(1);
    w.sequenceLength(128);
    w.sequenceLength(129);
    w.sequenceLength(1 << 20);
    w.terminate();
    w.terminate();
    w.terminate();
    w.byte(0x01);
    w.terminate();
    expect([...w.result()]).toEqual([0x00, 0x7f, 0x80, 0x00, 0x00, 0x8f, 0xff, 0x7f, 0xff, 0xf0, 0x01, 0xf0]);
    const r = new ByteReader(Uint8Array.from([0x00, 0x7f, 0x80, 0x00, 0x00, 0x8f, 0xff, 0x7f, ...new Array<number>(1 << 20).fill(0)]));
    expect([r.sequenceLength("a"), r.sequenceLength("b"), r.sequenceLength("c"), r.sequenceLength("d")]).toEqual([1, 128, 129, 1 << 20]);
  });
});

describe("restricted alphabets", () => {
  it.each([2, 3, 4, 15, 16, 255, 256, 1000])("round-trips strings over an alphabet of %i characters", (size) => {
    const alphabet = createAlphabet(Array.from({ length: size }, (_, i) => String.fromCodePoint(0x41 + i)).join(""), 0);
    let seed = size;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let n = 1; n < 40; n++) {
      const text = Array.from({ length: n }, () => alphabet.characters[Math.floor(random() * size)]).join("");
      expect(decodeWithAlphabet(alphabet, encodeWithAlphabet(alphabet, text)!, 0)).toBe(text);
    }
  });

  it("refuses codes outside the alphabet, padding that is not ones and padding before the end", () => {
    const abc = createAlphabet("abc", 0); // 2 bits: 11 is the padding code
    expect(decodeWithAlphabet(abc, Uint8Array.of(0x1b), 0)).toBe("abc");
    expect(() => decodeWithAlphabet(createAlphabet("abcde", 0), Uint8Array.of(0xc0), 7)).toThrow(/code 6 is outside/);
    expect(() => decodeWithAlphabet(abc, Uint8Array.of(0x1f, 0x00), 0)).toThrow(/padding found before the last octet/);
    expect(() => decodeWithAlphabet(createAlphabet("abcde", 0), Uint8Array.of(0x00), 0)).toThrow(/padding bits are not all ones/);
    expect(() => createAlphabet("a", 0)).toThrow(/at least two/);
    expect(() => createAlphabet("aba", 0)).toThrow(/repeats/);
  });
});

describe("numbers in the Java layout", () => {
  it.each([
    [1e7, false, "1.0E7"],
    [9999999, false, "9999999.0"],
    [0.001, false, "0.001"],
    [0.0001, false, "1.0E-4"],
    [123.456, false, "123.456"],
    [-1.5e-10, false, "-1.5E-10"],
    [100, false, "100.0"],
    [Math.fround(0.1), true, "0.1"],
    [Math.fround(3e10), true, "3.0E10"],
    [Math.fround(1 / 3), true, "0.33333334"],
    [Number.MAX_VALUE, false, "1.7976931348623157E308"],
  ])("%d (float: %s) is %s", (value, isFloat, text) => {
    expect(javaNumberText(value, isFloat)).toBe(text);
  });
});

describe("vocabulary tables", () => {
  it("stop growing at 2^20 entries", () => {
    const table = new StringTable("test");
    for (let i = 0; i < (1 << 20) + 5; i++) table.add("x");
    expect(table.entries.length).toBe(1 << 20);
    expect(() => table.get((1 << 20) + 1, 0)).toThrow(/outside the test table/);
  });
});
