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
import { constants, deflateSync, inflateSync } from "node:zlib";
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

/** Raw chunks as stored: offset in the member, the compressed bytes (with their 8-byte header). */
function rawChunks(bytes: Uint8Array): Array<{ offset: number; stored: Uint8Array }> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Array<{ offset: number; stored: Uint8Array }> = [];
  let pos = 12;
  while (pos + 8 <= bytes.length) {
    const end = pos + 8 + view.getUint32(pos, false);
    out.push({ offset: pos, stored: bytes.subarray(pos, end) });
    pos = end;
  }
  return out;
}

/**
 * An SCF member with the content of its one content record replaced (a CF nugget's PMML after
 * training). Only the layout every PMML container of the corpus has is written: one content
 * record at byte 12 (record type 0, header `mimeType=…\ntypeId=…`, content) followed by one
 * index record (type 1) that points at byte 12 and repeats the header. The content record
 * keeps its header; the index record is copied as it is (the content still starts at byte
 * 12); the file header's offset of the last chunk moves. The new chunk is deflated with a
 * sync flush and no final block, as Modeler writes them. Another layout is a `StrFormatError`.
 */
export function replaceScfContent(bytes: Uint8Array, member: string, budget: InflateBudget, content: Uint8Array): Uint8Array {
  const chunks = decodeScf(bytes, member, budget);
  const raw = rawChunks(bytes);
  const type = (c: Uint8Array) => (c.length >= 4 ? new DataView(c.buffer, c.byteOffset, c.byteLength).getUint32(0, false) : -1);
  const lastOffset = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, false);
  if (chunks.length !== 2 || type(chunks[0]!) !== 0 || type(chunks[1]!) !== 1 || raw[1]!.offset !== lastOffset) {
    throw new StrFormatError(`SCF member "${member}" is not laid out as one content record and its index record (${chunks.length} chunks); replacing its content is not supported`, { member });
  }
  const record = scfRecord(chunks[0]!);
  const headerLength = chunks[0]!.length - record.content.length;
  if (record.typeId === undefined || headerLength <= 0) throw new StrFormatError(`SCF member "${member}": its content record has no mimeType/typeId header`, { member });
  const payload = Buffer.concat([chunks[0]!.subarray(0, headerLength), content]);
  const compressed = deflateSync(payload, { finishFlush: constants.Z_SYNC_FLUSH });
  const head = Buffer.alloc(12);
  Buffer.from(bytes.subarray(0, 8)).copy(head, 0);
  head.writeUInt32BE(12 + 8 + compressed.length, 8);
  const chunkHead = Buffer.alloc(8);
  chunkHead.writeUInt32BE(compressed.length, 0);
  chunkHead.writeUInt32BE(payload.length, 4);
  return new Uint8Array(Buffer.concat([head, chunkHead, compressed, raw[1]!.stored]));
}
