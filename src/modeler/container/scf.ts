/**
 * SCF members: the chunked container Modeler uses for CF model containers (PMML, StatXML,
 * save-model XML, pickled Python models, charts). Not encrypted.
 *
 *   "SCF" 0x01 | uint32be 0 | uint32be offset of the last (index) chunk
 *   then repeated { uint32be compressedLen | uint32be uncompressedLen | zlib stream }
 *
 * Each zlib stream is unterminated (no final block): it is inflated with a sync flush and
 * exactly `uncompressedLen` bytes are taken. A chunk's payload starts with a uint32be record
 * type and a small header; content records carry `mimeType=…\ntypeId=…` and then the content.
 */
import { constants, inflateSync } from "node:zlib";
import { StrFormatError } from "../errors.js";
import type { InflateBudget } from "../limits.js";
import { outputChunkSize } from "./zip-reader.js";

export const SCF_MAGIC = [0x53, 0x43, 0x46, 0x01] as const;

export function isScf(bytes: Uint8Array): boolean {
  return bytes.length >= 12 && SCF_MAGIC.every((b, i) => bytes[i] === b);
}

/** The uncompressed payload of every chunk, in order. */
export function decodeScf(bytes: Uint8Array, member: string, budget: InflateBudget): Uint8Array[] {
  const limits = budget.limits;
  if (!isScf(bytes)) throw new StrFormatError(`member "${member}" is not an SCF container`, { member });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: Uint8Array[] = [];
  let pos = 12;
  while (pos < bytes.length) {
    if (chunks.length >= limits.maxScfChunks) throw new StrFormatError(`SCF member "${member}" has more than ${limits.maxScfChunks} chunks`, { member });
    if (pos + 8 > bytes.length) throw new StrFormatError(`SCF member "${member}" is truncated: a chunk header at byte ${pos} is cut off`, { member, offset: pos });
    const compressedLength = view.getUint32(pos, false);
    const size = view.getUint32(pos + 4, false);
    const start = pos + 8;
    const where = { member, offset: pos, chunk: chunks.length };
    if (start + compressedLength > bytes.length) {
      throw new StrFormatError(`SCF member "${member}": chunk ${chunks.length} claims ${compressedLength} bytes at byte ${start}, past the end of the member`, where);
    }
    if (size > limits.maxMemberBytes) throw new StrFormatError(`SCF member "${member}": chunk ${chunks.length} declares ${size} bytes, more than the limit of ${limits.maxMemberBytes}`, where);
    if (size > limits.ratioFloorBytes && size / Math.max(1, compressedLength) > limits.maxCompressionRatio) {
      throw new StrFormatError(`SCF member "${member}": chunk ${chunks.length} would inflate ${compressedLength} bytes to ${size}; refusing a likely bomb`, where);
    }
    if (!budget.take(size)) throw new StrFormatError(`SCF member "${member}" would pass the limit of ${limits.maxTotalBytes} uncompressed bytes for one file`, where);
    chunks.push(inflateChunk(bytes.subarray(start, start + compressedLength), size, where));
    pos = start + compressedLength;
  }
  return chunks;
}

function inflateChunk(data: Uint8Array, size: number, where: { member: string; offset: number; chunk: number }): Uint8Array {
  if (size === 0) return new Uint8Array(0);
  let out: Uint8Array;
  try {
    out = inflateSync(data, { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: size, chunkSize: outputChunkSize(size) });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === "ERR_BUFFER_TOO_LARGE" ? `inflates to more than its declared ${size} bytes` : `cannot be inflated (${(err as Error).message})`;
    throw new StrFormatError(`SCF member "${where.member}": chunk ${where.chunk} ${reason}`, where, { cause: err });
  }
  if (out.length < size) throw new StrFormatError(`SCF member "${where.member}": chunk ${where.chunk} inflates to ${out.length} bytes, fewer than the declared ${size}`, where);
  return out.subarray(0, size);
}

export interface ScfRecord {
  readonly mimeType?: string;
  readonly typeId?: string;
  readonly content: Uint8Array;
}

const MIME = Buffer.from("mimeType=", "latin1");
const TYPE_ID = Buffer.from("typeId=", "latin1");

/**
 * A content record's header and content: the header text (`mimeType=…\ntypeId=…`, either
 * order) is preceded by its uint16be length; the content follows it. Payloads without such a
 * header (index records, pickled objects) come back whole as content.
 */
export function scfRecord(payload: Uint8Array): ScfRecord {
  const buf = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  const head = buf.subarray(0, Math.min(buf.length, 64));
  const at = Math.min(...[head.indexOf(MIME), head.indexOf(TYPE_ID)].filter((i) => i >= 2));
  if (!Number.isFinite(at)) return { content: payload };
  const length = buf.readUInt16BE(at - 2);
  if (at + length > buf.length) return { content: payload };
  const header = buf.subarray(at, at + length).toString("utf8");
  const fields = Object.fromEntries(header.split("\n").map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]));
  return {
    ...(fields.mimeType ? { mimeType: fields.mimeType } : {}),
    ...(fields.typeId ? { typeId: fields.typeId } : {}),
    content: payload.subarray(at + length),
  };
}
