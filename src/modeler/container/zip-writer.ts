/**
 * A deterministic ZIP writer for `.str` files: the same members give the same bytes (fixed
 * timestamps unless a member brings its own, no extra fields, sizes in the local headers),
 * so generated fixtures and round trips can be compared byte for byte.
 *
 * Members copied from another archive keep their compressed bytes (`raw`), which is both
 * faster and exact: an untouched model member is written back bit for bit.
 */
import { crc32, deflateRawSync } from "node:zlib";

export type ZipMemberInput =
  | { readonly name: string; readonly data: Uint8Array; readonly dosTime?: number; readonly dosDate?: number }
  | {
      readonly name: string;
      readonly raw: { readonly method: number; readonly compressed: Uint8Array; readonly crc32: number; readonly size: number };
      readonly dosTime?: number;
      readonly dosDate?: number;
    };

/** 1 January 2000, 00:00 in MS-DOS form; any fixed date keeps the output reproducible. */
const FIXED_DOS_DATE = ((2000 - 1980) << 9) | (1 << 5) | 1;
const FLAG_UTF8 = 0x800;

export function writeZip(members: readonly ZipMemberInput[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const m of members) {
    const name = Buffer.from(m.name, "utf8");
    let method: number;
    let compressed: Uint8Array;
    let crc: number;
    let size: number;
    if ("raw" in m) {
      ({ method, compressed, crc32: crc, size } = m.raw);
    } else {
      size = m.data.length;
      crc = crc32(m.data) >>> 0;
      const deflated = deflateRawSync(m.data, { level: 9 });
      // Tiny members can grow when deflated; store them then, as zip tools do.
      if (deflated.length < m.data.length) {
        method = 8;
        compressed = deflated;
      } else {
        method = 0;
        compressed = m.data;
      }
    }
    const time = m.dosTime ?? 0;
    const date = m.dosDate ?? FIXED_DOS_DATE;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(FLAG_UTF8, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(FLAG_UTF8, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(compressed.buffer, compressed.byteOffset, compressed.byteLength));
    centrals.push(central, name);
    offset += 30 + name.length + compressed.length;
  }
  const cdSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, ...centrals, end]));
}
