/** Malformed input and unsupported features end in a FastInfosetError carrying the byte offset. */
import { describe, expect, it } from "vitest";
import { ModelerBatchError } from "../../../src/errors.js";
import {
  FastInfosetError,
  decodeFastInfoset,
  isFastInfoset,
  parseFastInfoset,
  type FiDecodeOptions,
} from "../../../src/modeler/fastinfoset/index.js";
import { FI_START, bytes, encodedChunk, literal, nonIdentifying } from "./helpers/bytes.js";

function failure(octets: Uint8Array, options?: FiDecodeOptions): FastInfosetError {
  try {
    decodeFastInfoset(octets, options);
  } catch (error) {
    if (error instanceof FastInfosetError) return error;
    throw new Error(`expected a FastInfosetError, got ${String(error)}`);
  }
  throw new Error("expected a FastInfosetError, but the input decoded");
}

const root = (...content: (number | string | number[])[]) => bytes(FI_START, 0x00, 0x3c, literal("a"), ...content);
/** The initial vocabulary declaring one encoding algorithm (index 32) and one restricted alphabet (index 16). */
const withUserTables = (...body: (number | number[])[]) =>
  bytes(FI_START, 0x20, 0x0c, 0x00, 0x00, literal("ab"), 0x00, literal("urn:alg"), 0x3c, literal("a"), ...body);

describe("FastInfosetError", () => {
  it("is a ModelerBatchError with code FAST_INFOSET and the offset in details and message", () => {
    const error = failure(bytes(FI_START, 0x00, 0x00));
    expect(error).toBeInstanceOf(ModelerBatchError);
    expect(error.code).toBe("FAST_INFOSET");
    expect(error.offset).toBe(5);
    expect(error.details).toMatchObject({ offset: 5 });
    expect(error.message).toMatch(/index 1 is outside the element name surrogate table \(0 entries\) \(at byte offset 5\)/);
  });

  it.each<[string, Uint8Array, number, RegExp]>([
    ["empty input", bytes(), 0, /too short/],
    ["a ZIP instead of Fast Infoset", bytes("PK\u0003\u0004rest"), 0, /missing the E0 00 identification/],
    ["version 2", bytes(0xe0, 0x00, 0x00, 0x02, 0x00), 2, /unsupported Fast Infoset version 2/],
    ["plain XML", bytes('<?xml version="1.0"?><a/>'), 0, /does not say encoding='finf'/],
    ["the padding bit of the optional-components octet", bytes(FI_START, 0x80), 4, /optional-components/],
    ["a document that stops after the header", bytes(FI_START, 0x00), 5, /unexpected end of input/],
    ["a name longer than the input", bytes(FI_START, 0x00, 0x3c, 0x3f, "abc"), 6, /octet string of 64 octets exceeds the 3 remaining/],
    ["a chunk claiming 4 GB", root(0x83, 0xff, 0xff, 0xff, 0xff, "x"), 8, /exceeds the 1 remaining/],
    ["2^20 additional data items in 10 octets", bytes(FI_START, 0x40, 0x8f, 0xff, 0x7f, 0, 0, 0), 5, /claims 1048576 items/],
    ["an index into an empty table", root(0xa0), 8, /index 1 is outside the content character chunk table/],
    ["an attribute value index past the table", bytes(FI_START, 0x00, 0x7c, literal("a"), 0x78, literal("x"), 0x85, 0xff, 0xf0), 11, /index 6 is outside the attribute value table/],
    ["invalid UTF-8", root(0x91, 0xc3, 0x28), 9, /invalid UTF-8/],
    ["an odd-length UTF-16 string", root(0x86, 0x00, 0x61, 0x62, 0x63), 10, /odd length/],
    ["a literal name with a prefix but no namespace", bytes(FI_START, 0x00, 0x3e, literal("p"), literal("a"), 0xff), 5, /prefix but no namespace/],
    ["two attributes with one name", bytes(FI_START, 0x00, 0x7c, literal("a"), 0x78, literal("x"), 0xff, 0x00, 0xff, 0xff, 0xf0), 5, /two attributes named x/],
    ["an unknown item among children", root(0xc4), 8, /unexpected octet 0xc4 among the children of an element/],
    ["a character chunk at document level", bytes(FI_START, 0x00, 0x90, 0x61), 5, /among the children of the document/],
    ["a terminator with non-zero padding", root(0xf0, 0xf3), 9, /unexpected octet 0xf3/],
    ["octets after the end of the document", root(0xff, 0x00), 9, /1 octets follow the end of the document/],
    ["a second document type declaration", bytes(FI_START, 0x00, 0xc4, 0xf0, 0xc4, 0xf0), 7, /second document type declaration/],
    ["a double terminator after the document end", bytes(FI_START, 0x00, 0xff), 5, /double terminator after the end/],
    ["a reserved restricted alphabet", root(encodedChunk("alphabet", 3, [0x00]), 0xff), 8, /restricted alphabet 3 is not defined/],
    ["a reserved encoding algorithm", root(encodedChunk("algorithm", 11, [0x00]), 0xff), 10, /encoding algorithm 11 is reserved/],
    ["an undefined user-defined alphabet", withUserTables(encodedChunk("alphabet", 17, [0x00]), 0xff), 23, /restricted alphabet 17 is not defined/],
    ["an undefined user-defined algorithm", withUserTables(encodedChunk("algorithm", 33, [0x00]), 0xff), 25, /encoding algorithm 33 is not defined/],
    ["a user-defined algorithm without a decoder", withUserTables(encodedChunk("algorithm", 32, [0x00]), 0xff), 25, /user-defined encoding algorithm urn:alg \(index 32\) is not supported/],
    ["int data that is not a multiple of 4 octets", root(encodedChunk("algorithm", 4, [0, 0, 1]), 0xff), 11, /not a multiple of 4/],
    ["boolean data with 8 unused bits", root(encodedChunk("algorithm", 6, [0x80]), 0xff), 10, /8 unused bits/],
    [
      "restricted-alphabet padding that is not ones",
      // Alphabet 16 = "abcde", 3 bits a character: 000 000 + padding 00 (must be 11).
      bytes(FI_START, 0x20, 0x08, 0x00, 0x00, literal("abcde"), 0x3c, literal("a"), encodedChunk("alphabet", 16, [0x00]), 0xff),
      19,
      /padding bits are not all ones/,
    ],
    ["an external vocabulary that was not supplied", bytes(FI_START, 0x20, 0x10, 0x00, literal("urn:vocab"), 0x3c, 0x80, 0xff), 7, /external vocabulary urn:vocab, which is not available/],
    ["an invalid standalone octet", bytes(FI_START, 0x02, 0x02), 5, /invalid standalone octet/],
    ["nesting deeper than maxDepth", bytes(FI_START, 0x00, 0x3c, literal("d"), new Array<number>(10_000).fill(0x00)), 10007, /deeper than 10000 levels/],
  ])("%s", (_what, octets, offset, message) => {
    const error = failure(octets);
    expect(error.message).toMatch(message);
    expect(error.offset).toBe(offset);
  });
});

describe("features supplied by the caller", () => {
  it("decodes user-defined algorithms with a supplied decoder", () => {
    const octets = withUserTables(encodedChunk("algorithm", 32, [0x68, 0x69]), 0xff);
    const document = decodeFastInfoset(octets, { encodingAlgorithms: { "urn:alg": (data) => Buffer.from(data).toString("latin1").toUpperCase() } });
    expect(document.children[0]).toMatchObject({ children: [{ kind: "text", value: "HI" }] });
  });

  it("uses a supplied external vocabulary before the initial vocabulary's own tables", () => {
    // External vocabulary: local name 1 = "fromExternal", element name 1 = {urn:x}e; initial vocabulary adds local name 2.
    const octets = bytes(FI_START, 0x20, 0x10, 0x80, literal("urn:vocab"), 0x00, literal("own"), 0x00, 0x3c, 0x81, 0xf0, 0xff);
    const document = decodeFastInfoset(octets, {
      externalVocabularies: { "urn:vocab": { localNames: ["fromExternal"], elementNames: [{ prefix: "", namespaceName: "urn:x", localName: "e" }] } },
    });
    expect(document.children[0]).toMatchObject({
      name: { localName: "e", namespaceName: "urn:x" },
      children: [{ kind: "element", name: { localName: "own", namespaceName: "" } }],
    });
  });

  it("wraps a failing or misbehaving algorithm decoder in a FastInfosetError", () => {
    const octets = withUserTables(encodedChunk("algorithm", 32, [0x68]), 0xff);
    const throwing = { "urn:alg": () => { throw new RangeError("boom"); } };
    expect(failure(octets, { encodingAlgorithms: throwing }).message).toMatch(/decoder of encoding algorithm urn:alg failed: RangeError: boom/);
    const notText = { "urn:alg": () => 42 as unknown as string };
    expect(failure(octets, { encodingAlgorithms: notText }).message).toMatch(/did not return a string/);
  });

  it("does not take inherited object properties for supplied vocabularies or algorithms", () => {
    const octets = bytes(FI_START, 0x20, 0x10, 0x00, literal("constructor"), 0x3c, 0x80, 0xff);
    expect(failure(octets, { externalVocabularies: {} }).message).toMatch(/external vocabulary constructor/);
    const algorithm = bytes(FI_START, 0x20, 0x04, 0x00, 0x00, literal("toString"), 0x3c, literal("a"), encodedChunk("algorithm", 32, [0x68]), 0xff);
    expect(failure(algorithm, { encodingAlgorithms: {} }).message).toMatch(/toString \(index 32\) is not supported/);
  });

  it("decodes from a view into a larger buffer", () => {
    const padded = bytes(0x01, 0x02, 0x03, FI_START, 0x00, 0x3c, literal("a"), 0xff, 0x09);
    expect(decodeFastInfoset(padded.subarray(3, padded.length - 1)).children).toMatchObject([{ name: { localName: "a" } }]);
  });
});

describe("parseFastInfoset (SAX style)", () => {
  it("reports events in document order, chunks separately", () => {
    const events: string[] = [];
    parseFastInfoset(bytes(FI_START, 0x00, 0xe2, nonIdentifying("c"), 0x3c, literal("a"), 0x90, "x", 0x90, "y", 0xc8, literal("e"), 0xff), {
      startDocument: () => events.push("startDocument"),
      comment: (t) => events.push(`comment ${t}`),
      startElement: (n, a) => events.push(`start ${n.localName} ${a.length}`),
      characters: (t, cdata) => events.push(`characters ${t} ${cdata}`),
      entityReference: (r) => events.push(`entity ${r.name}`),
      endElement: (n) => events.push(`end ${n.localName}`),
      endDocument: () => events.push("endDocument"),
    });
    expect(events).toEqual(["startDocument", "comment c", "start a 0", "characters x false", "characters y false", "entity e", "end a", "endDocument"]);
  });
});

describe("isFastInfoset", () => {
  it("tells Fast Infoset from other content", () => {
    expect(isFastInfoset(bytes(FI_START, 0x00))).toBe(true);
    expect(isFastInfoset(bytes("<?xml encoding='finf'?>", FI_START))).toBe(true);
    expect(isFastInfoset(bytes('<?xml version="1.0"?><a/>'))).toBe(false);
    expect(isFastInfoset(bytes("PK"))).toBe(false);
    expect(isFastInfoset(bytes())).toBe(false);
  });
});
