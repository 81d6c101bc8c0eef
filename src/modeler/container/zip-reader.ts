/**
 * A bounded, synchronous ZIP reader for `.str` files held in memory.
 *
 * Sizes come from the central directory (Modeler writes data descriptors, so local headers
 * hold zeros); every offset and size is checked against the buffer and the limits before
 * anything is inflated, inflation is capped at the declared size, and the CRC is checked.
 * Names are UTF-8 when flagged, else UTF-8 when they decode as such (Modeler writes UTF-8
 * without the flag), else IBM code page 437 as the ZIP specification says.
 */
import { crc32, inflateRawSync } from "node:zlib";
import { StrFormatError } from "../errors.js";
import type { InflateBudget, StrLimits } from "../limits.js";

export interface ZipEntry {
  /** Position in the central directory (0-based). */
  readonly index: number;
  readonly name: string;
  readonly rawName: Uint8Array;
  readonly flags: number;
  /** 0 stored, 8 deflated. */
  readonly method: number;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly dosTime: number;
  readonly dosDate: number;
  /** Offset of the compressed data in the file. */
  readonly dataOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const FLAG_ENCRYPTED = 0x1;
const FLAG_UTF8 = 0x800;
const utf8Strict = new TextDecoder("utf-8", { fatal: true });

/** Reads the central directory. Throws `StrFormatError` when the bytes are not a ZIP Modeler could have written. */
export function readZipDirectory(bytes: Uint8Array, limits: StrLimits): ZipEntry[] {
  if (bytes.length > limits.maxFileBytes) {
    throw new StrFormatError(`the file is ${bytes.length} bytes, more than the limit of ${limits.maxFileBytes}`, { size: bytes.length });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfCentralDirectory(bytes, view);
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (view.getUint16(eocd + 4, true) !== 0 || view.getUint16(eocd + 6, true) !== 0 || view.getUint16(eocd + 8, true) !== count) {
    throw new StrFormatError("multi-disk ZIP archives are not .str files");
  }
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw new StrFormatError("ZIP64 archives are not supported (no Modeler stream needs one)");
  if (count > limits.maxMembers) throw new StrFormatError(`the archive has ${count} members, more than the limit of ${limits.maxMembers}`, { members: count });
  if (cdOffset + cdSize > eocd) throw new StrFormatError(`the central directory (offset ${cdOffset}, ${cdSize} bytes) lies outside the file`, { offset: cdOffset });
  const entries: ZipEntry[] = [];
  let pos = cdOffset;
  for (let i = 0; i < count; i++) {
    if (pos + 46 > cdOffset + cdSize || view.getUint32(pos, true) !== CENTRAL) {
      throw new StrFormatError(`central directory entry ${i} is damaged (at byte ${pos})`, { offset: pos });
    }
    const flags = view.getUint16(pos + 8, true);
    const method = view.getUint16(pos + 10, true);
    const nameLength = view.getUint16(pos + 28, true);
    const extraLength = view.getUint16(pos + 30, true);
    const commentLength = view.getUint16(pos + 32, true);
    const localOffset = view.getUint32(pos + 42, true);
    const next = pos + 46 + nameLength + extraLength + commentLength;
    if (next > cdOffset + cdSize) throw new StrFormatError(`central directory entry ${i} runs past the directory (at byte ${pos})`, { offset: pos });
    const rawName = bytes.subarray(pos + 46, pos + 46 + nameLength);
    const name = decodeName(rawName, (flags & FLAG_UTF8) !== 0);
    const entry: ZipEntry = {
      index: i,
      name,
      rawName,
      flags,
      method,
      crc32: view.getUint32(pos + 16, true),
      compressedSize: view.getUint32(pos + 20, true),
      size: view.getUint32(pos + 24, true),
      dosTime: view.getUint16(pos + 12, true),
      dosDate: view.getUint16(pos + 14, true),
      dataOffset: localDataOffset(view, localOffset, name, cdOffset),
    };
    checkEntry(entry, bytes.length, limits);
    entries.push(entry);
    pos = next;
  }
  return entries;
}

function findEndOfCentralDirectory(bytes: Uint8Array, view: DataView): number {
  if (bytes.length < 22) throw new StrFormatError(`not a .str file: ${bytes.length} bytes is too short for a ZIP archive`);
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let p = bytes.length - 22; p >= lowest; p--) {
    if (view.getUint32(p, true) === EOCD && p + 22 + view.getUint16(p + 20, true) === bytes.length) return p;
  }
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) throw new StrFormatError("not a .str file: it is not a ZIP archive");
  throw new StrFormatError("the ZIP archive is truncated or damaged: its end-of-central-directory record is missing");
}

function localDataOffset(view: DataView, offset: number, name: string, limit: number): number {
  if (offset + 30 > limit || view.getUint32(offset, true) !== LOCAL) {
    throw new StrFormatError(`the local header of member "${name}" is missing or damaged (at byte ${offset})`, { member: name, offset });
  }
  return offset + 30 + view.getUint16(offset + 26, true) + view.getUint16(offset + 28, true);
}

function checkEntry(e: ZipEntry, fileSize: number, limits: StrLimits): void {
  const where = { member: e.name };
  if (e.flags & FLAG_ENCRYPTED) throw new StrFormatError(`member "${e.name}" is encrypted; Modeler streams are not`, where);
  if (e.method !== 0 && e.method !== 8) throw new StrFormatError(`member "${e.name}" uses compression method ${e.method}; only stored and deflate occur in .str files`, where);
  if (e.dataOffset + e.compressedSize > fileSize) {
    throw new StrFormatError(`member "${e.name}" claims ${e.compressedSize} compressed bytes at byte ${e.dataOffset}, past the end of the file`, { ...where, offset: e.dataOffset });
  }
  if (e.size > limits.maxMemberBytes) throw new StrFormatError(`member "${e.name}" declares ${e.size} bytes, more than the limit of ${limits.maxMemberBytes}`, { ...where, size: e.size });
  if (e.method === 0 && e.size !== e.compressedSize) throw new StrFormatError(`stored member "${e.name}" has different stored and declared sizes`, where);
  if (e.size > limits.ratioFloorBytes && e.size / Math.max(1, e.compressedSize) > limits.maxCompressionRatio) {
    throw new StrFormatError(`member "${e.name}" would inflate ${e.compressedSize} bytes to ${e.size} (more than ${limits.maxCompressionRatio}:1); refusing a likely ZIP bomb`, { ...where, size: e.size });
  }
}

/** The member's uncompressed bytes, checked against its declared size and CRC. */
export function readZipEntry(bytes: Uint8Array, e: ZipEntry, budget: InflateBudget): Uint8Array {
  const raw = bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
  if (!budget.take(e.size)) {
    throw new StrFormatError(`reading member "${e.name}" would pass the limit of ${budget.limits.maxTotalBytes} uncompressed bytes for one file`, { member: e.name });
  }
  let data: Uint8Array;
  if (e.method === 0) data = raw;
  else {
    try {
      // maxOutputLength caps memory at the declared size even when the header lies.
      data = inflateRawSync(raw, { maxOutputLength: Math.max(1, e.size), chunkSize: outputChunkSize(e.size) });
    } catch (err) {
      const reason = (err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE" ? `inflates to more than its declared ${e.size} bytes` : `cannot be inflated (${(err as Error).message})`;
      throw new StrFormatError(`member "${e.name}" ${reason}`, { member: e.name }, { cause: err });
    }
  }
  if (data.length !== e.size) throw new StrFormatError(`member "${e.name}" inflates to ${data.length} bytes, not the declared ${e.size}`, { member: e.name });
  if (crc32(data) >>> 0 !== e.crc32 >>> 0) throw new StrFormatError(`member "${e.name}" fails its CRC check (the file is damaged)`, { member: e.name });
  return data;
}

/**
 * Inflating into one buffer of the declared size (within reason) instead of zlib's 16 KiB
 * chunks: collecting and concatenating chunks cost most of the load time of a 60 MB stream.
 */
export function outputChunkSize(size: number): number {
  return Math.min(Math.max(size, 1024), 64 * 1024 * 1024);
}

function decodeName(raw: Uint8Array, flagged: boolean): string {
  if (flagged) return Buffer.from(raw).toString("utf8");
  try {
    return utf8Strict.decode(raw);
  } catch {
    let s = "";
    for (const b of raw) s += b < 0x80 ? String.fromCharCode(b) : CP437_HIGH[b - 0x80];
    return s;
  }
}

const CP437_HIGH =
  "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0";
