/**
 * Mutated documents (bit flips, random octets, truncation, inflated length fields, cut and
 * repeated slices): every case must end in a successful decode or a FastInfosetError, quickly
 * and without memory blow-up. A successful decode must also serialise and re-encode.
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  FastInfosetError,
  createQualifiedName as q,
  decodeFastInfoset,
  encodeFastInfoset,
  fiDocumentToXml,
  isFastInfoset,
} from "../../../src/modeler/fastinfoset/index.js";
import { CORPUS_AVAILABLE, CORPUS_SKIP_REASON, corpusFiles, readMainMember } from "./helpers/corpus.js";
import { FI_START, bytes, encodedChunk, encodedValue, literal, nonIdentifying } from "./helpers/bytes.js";

const CASES = 2000;
const SEED = 0x5eed_f1;
const MAX_MS_PER_CASE = 10_000;
const MAX_HEAP_BYTES = 1.5 * 1024 ** 3;
/** Corpus members above this size are left out to keep the run short; the smaller ones cover every construct Modeler writes. */
const MAX_SEED_SIZE = 40_000;

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Seeds with the constructs the corpus lacks: header parts, initial vocabulary, alphabets, algorithms, DTD. */
function handBuiltSeeds(): Uint8Array[] {
  const rich = encodeFastInfoset({
    kind: "document",
    version: "1.0",
    standalone: true,
    characterEncodingScheme: "UTF-8",
    additionalData: [{ id: "urn:d", data: Uint8Array.of(1, 2) }],
    notations: [{ name: "n", systemId: "s", publicId: "p" }],
    unparsedEntities: [{ name: "u", systemId: "s", notationName: "n" }],
    children: [
      { kind: "documentType", systemId: "d.dtd", processingInstructions: [{ kind: "processingInstruction", target: "t", data: "d" }] },
      {
        kind: "element",
        name: q("r", "urn:x", "x"),
        namespaceDeclarations: [{ prefix: "x", namespaceName: "urn:x" }],
        attributes: [{ name: q("a", "urn:x", "x"), value: "v" }],
        children: [
          { kind: "text", value: "t\ud800" },
          { kind: "text", value: "c", cdata: true },
          { kind: "entityReference", name: "e" },
          { kind: "comment", value: "c" },
        ],
      },
    ],
  });
  const vocabulary = bytes(
    FI_START, 0x20, 0x0f, 0xff,
    0x00, literal("abc"), 0x00, literal("urn:alg"), 0x00, literal("p"), 0x00, literal("urn:n"),
    0x01, literal("e"), literal("k"), 0x00, literal("pi"), 0x00, literal("urn:u"),
    0x00, nonIdentifying("vvv"), 0x00, nonIdentifying("text"), 0x00, nonIdentifying("hey"),
    0x01, 0x03, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x01,
    0x78, 0xcf, 0x81, 0x81, 0xf0, 0x00, 0x00, 0x80, 0xf0, 0xa0, 0xe2, 0x80, 0xe1, 0x80, 0xff,
    0x01, encodedChunk("alphabet", 16, [0x87]), 0xf0, 0xff,
  );
  const algorithms = bytes(
    FI_START, 0x00, 0x7c, literal("a"), 0x78, literal("i"), encodedValue("algorithm", 4, [0, 0, 0, 42]), 0xf0,
    ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].flatMap((index) => encodedChunk("algorithm", index, new Array<number>(16).fill(0x41))),
    encodedChunk("alphabet", 1, [0x12, 0x34]), encodedChunk("alphabet", 2, [0x56]), 0x86, 0x05, 0, 0x68, 0, 0xe9, 0xd8, 0x3d, 0xde, 0, 0xff,
  );
  return [rich, vocabulary, algorithms];
}

type Mutation = (input: Uint8Array, random: () => number) => Uint8Array;

const at = (input: Uint8Array, random: () => number) => Math.floor(random() * input.length);

const MUTATIONS: Record<string, Mutation> = {
  "bit flips": (input, random) => {
    const out = input.slice();
    for (let n = 1 + Math.floor(random() * 4); n > 0; n--) out[at(out, random)]! ^= 1 << Math.floor(random() * 8);
    return out;
  },
  "random octet": (input, random) => {
    const out = input.slice();
    out[at(out, random)] = Math.floor(random() * 256);
    return out;
  },
  truncation: (input, random) => input.slice(0, at(input, random)),
  "inflated length": (input, random) => {
    const out = input.slice();
    const p = at(out, random);
    out[p]! |= random() < 0.5 ? 0x6f : 0x0f; // the four-octet length forms of C.22 / C.23 / C.24
    for (let i = 1; i <= 4 && p + i < out.length; i++) out[p + i] = 0xff;
    return out;
  },
  "cut slice": (input, random) => {
    const p = at(input, random);
    return Uint8Array.from([...input.subarray(0, p), ...input.subarray(p + 1 + Math.floor(random() * 16))]);
  },
  "repeated slice": (input, random) => {
    const p = at(input, random);
    const slice = input.subarray(p, p + 1 + Math.floor(random() * 32));
    return Uint8Array.from([...input.subarray(0, p), ...slice, ...input.subarray(p)]);
  },
};

describe("fuzzing the decoder", () => {
  const seeds: Uint8Array[] = handBuiltSeeds();

  beforeAll(async () => {
    if (!CORPUS_AVAILABLE) return console.warn(`${CORPUS_SKIP_REASON}; fuzzing hand-built seeds only`);
    for (const file of corpusFiles()) {
      const member = await readMainMember(file.strPath);
      // A plain copy: Buffer#slice is a view, and the mutations must not write into the seeds.
      if (isFastInfoset(member) && member.length <= MAX_SEED_SIZE) seeds.push(new Uint8Array(member));
    }
  });

  it(`${CASES} seeded mutations decode or fail with FastInfosetError, each within ${MAX_MS_PER_CASE} ms`, () => {
    const random = mulberry32(SEED);
    const names = Object.keys(MUTATIONS);
    const outcomes = { decoded: 0, refused: 0 };
    let slowest = 0;
    let peakHeap = 0;
    for (let i = 0; i < CASES; i++) {
      const name = names[i % names.length]!;
      const seed = seeds[Math.floor(random() * seeds.length)]!;
      const input = MUTATIONS[name]!(seed, random);
      const started = performance.now();
      try {
        const document = decodeFastInfoset(input);
        fiDocumentToXml(document);
        const again = decodeFastInfoset(encodeFastInfoset(document));
        expect(fiDocumentToXml(again)).toBe(fiDocumentToXml(document));
        outcomes.decoded++;
      } catch (error) {
        if (!(error instanceof FastInfosetError)) {
          throw new Error(`case ${i} (${name}) threw ${String(error)} instead of a FastInfosetError`, { cause: error });
        }
        outcomes.refused++;
      }
      slowest = Math.max(slowest, performance.now() - started);
      if (i % 50 === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    }
    expect(outcomes.decoded + outcomes.refused).toBe(CASES);
    expect(outcomes.refused).toBeGreaterThan(CASES / 4);
    expect(slowest).toBeLessThan(MAX_MS_PER_CASE);
    expect(peakHeap).toBeLessThan(MAX_HEAP_BYTES);
  }, 300_000);
});
