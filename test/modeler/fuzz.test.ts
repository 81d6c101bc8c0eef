/**
 * Fuzzing the .str reader with seeded mutations of real files: bit flips and truncation of
 * the archive, lying sizes in ZIP headers (central directory, local header, end record), lying
 * lengths in SCF chunk headers, and bit flips inside the main member and the data members
 * (archive rebuilt, so the damage reaches the decoders past the CRC check). Every case must
 * end in a typed error (`ModelerBatchError`) or a successful load, within a time and memory
 * bound. The seed and case number are in every failure message.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ModelerBatchError } from "../../src/errors.js";
import { parseStreamBytes } from "../../src/load/index.js";
import { StrContainer } from "../../src/modeler/container/str-file.js";
import { isScf } from "../../src/modeler/container/scf.js";
import { writeZip, type ZipMemberInput } from "../../src/modeler/container/zip-writer.js";
import { defaultRegistry } from "../../src/nodes/registry.js";
import { CORPUS_AVAILABLE, corpusFile } from "./helpers/corpus.js";
import { centralEntries, scfChunkOffsets, setUint32 } from "./helpers/zip-bytes.js";

const SEED = 20261128;
const CASES_PER_KIND = Number(process.env.STR_FUZZ_CASES ?? 100);
const MAX_MS_PER_CASE = 5_000;
const MAX_HEAP_GROWTH_MB = 400;
/** Limits a server would set: generous for real streams, small enough to bound a fuzz case. */
const LIMITS = { maxTotalBytes: 256 * 1024 * 1024, maxMemberBytes: 128 * 1024 * 1024 };

const FILES = [
  "pmservice__drug-selection__Drug1n",
  "Nitish-Drafts__IBM-SPSS__telecom_analysis",
  "hkwd__spssmodelerscript__230711fixednodeAutosetting__fixednodeAutosetting",
  "randyphoa__spss-modeler-flow-python-examples__example-1",
  "IBMPredictiveAnalytics__SVM_with_scikit-learn__example",
  "daiphuongngo__Data-Analysis-SPSS-Modeler-SAS__IBM_SPSS_-_Assignment_1_-_Phuong_Dai_Ngo__Liam_",
];

/** mulberry32: small, seeded, the same on every machine. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Mutation = (bytes: Uint8Array, r: () => number) => Uint8Array;
const int = (r: () => number, n: number) => Math.floor(r() * n);

function flipBits(bytes: Uint8Array, r: () => number): Uint8Array {
  const out = new Uint8Array(bytes);
  for (let i = 1 + int(r, 8); i > 0; i--) out[int(r, out.length)]! ^= 1 << int(r, 8);
  return out;
}

const LYING_SIZES = [0, 1, 0x7fffffff, 0xffffffff, 0xfffffff0, 1 << 30];

/** Rebuilds the archive with one member's uncompressed bytes changed (valid CRC, so decoders see the damage). */
function rebuildWith(bytes: Uint8Array, pick: (c: StrContainer) => string | undefined, change: (member: Uint8Array) => Uint8Array): Uint8Array {
  const c = StrContainer.open(bytes);
  const target = pick(c);
  const members: ZipMemberInput[] = c.entries.map((e) => (e.name === target ? { name: e.name, data: change(c.read(e.name)) } : { name: e.name, raw: c.raw(e) }));
  return writeZip(members);
}

const MUTATIONS: Record<string, Mutation> = {
  "bit flips in the archive": flipBits,
  truncation: (b, r) => b.subarray(0, int(r, b.length)),
  "lying ZIP header sizes": (b, r) => {
    const entries = centralEntries(b);
    const at = entries[int(r, entries.length)]!;
    const field = [20, 24, 42, 28][int(r, 4)]!;
    if (field === 28) {
      const copy = new Uint8Array(b);
      new DataView(copy.buffer).setUint16(at + 28, int(r, 65536), true);
      return copy;
    }
    return setUint32(b, at + field, LYING_SIZES[int(r, LYING_SIZES.length)]!);
  },
  "lying end-of-directory record": (b, r) => setUint32(b, b.length - 22 + [12, 16][int(r, 2)]!, LYING_SIZES[int(r, LYING_SIZES.length)]!),
  "lying SCF chunk lengths": (b, r) =>
    rebuildWith(
      b,
      (c) => {
        const scf = c.entries.filter((e) => e !== c.main && isScf(c.read(e.name)));
        return scf.length > 0 ? scf[int(r, scf.length)]!.name : undefined;
      },
      (m) => {
        const offsets = scfChunkOffsets(m);
        const at = offsets[int(r, offsets.length)] ?? 12;
        return setUint32(m, at + (r() < 0.5 ? 0 : 4), LYING_SIZES[int(r, LYING_SIZES.length)]!, false);
      },
    ),
  "bit flips in the main member": (b, r) => rebuildWith(b, (c) => c.main.name, (m) => flipBits(m, r)),
  "bit flips in a data member": (b, r) =>
    rebuildWith(
      b,
      (c) => {
        const others = c.entries.filter((e) => e !== c.main && e.size > 0);
        return others.length > 0 ? others[int(r, others.length)]!.name : undefined;
      },
      (m) => flipBits(m, r),
    ),
};

describe.skipIf(!CORPUS_AVAILABLE)("fuzzing the .str reader (seeded)", () => {
  const registry = defaultRegistry();
  const originals = CORPUS_AVAILABLE ? FILES.map((f) => readFileSync(corpusFile(f).strPath)) : [];

  it.each(Object.keys(MUTATIONS))("%s: a typed error or a load, in bounded time and memory", (kind) => {
    const r = rng(SEED + kind.length * 7919);
    const outcomes = { loaded: 0, refused: 0 };
    for (let i = 0; i < CASES_PER_KIND; i++) {
      const source = originals[i % originals.length]!;
      const mutated = MUTATIONS[kind]!(source, r);
      const heapBefore = process.memoryUsage().heapUsed;
      const start = performance.now();
      try {
        parseStreamBytes(mutated, "fuzz.str", registry, LIMITS);
        outcomes.loaded++;
      } catch (err) {
        if (!(err instanceof ModelerBatchError)) {
          throw new Error(`seed ${SEED}, ${kind}, case ${i} (${FILES[i % FILES.length]}): untyped ${(err as Error).stack}`);
        }
        outcomes.refused++;
      }
      const ms = performance.now() - start;
      const grownMb = (process.memoryUsage().heapUsed - heapBefore) / 1048576;
      expect(ms, `seed ${SEED}, ${kind}, case ${i}: ${ms.toFixed(0)} ms`).toBeLessThan(MAX_MS_PER_CASE);
      expect(grownMb, `seed ${SEED}, ${kind}, case ${i}: heap grew ${grownMb.toFixed(0)} MB`).toBeLessThan(MAX_HEAP_GROWTH_MB);
    }
    expect(outcomes.loaded + outcomes.refused).toBe(CASES_PER_KIND);
  }, 300_000);
});
