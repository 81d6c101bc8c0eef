/** Byte-level helpers for crafting and damaging ZIP and SCF containers in tests. */
import { constants, deflateSync } from "node:zlib";

/** Offsets of every central directory entry of a ZIP. */
export function centralEntries(zip: Uint8Array): number[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = zip.length - 22;
  while (eocd >= 0 && view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  const count = view.getUint16(eocd + 10, true);
  let pos = view.getUint32(eocd + 16, true);
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    out.push(pos);
    pos += 46 + view.getUint16(pos + 28, true) + view.getUint16(pos + 30, true) + view.getUint16(pos + 32, true);
  }
  return out;
}

export function setUint32(bytes: Uint8Array, at: number, value: number, littleEndian = true): Uint8Array {
  const copy = new Uint8Array(bytes);
  new DataView(copy.buffer).setUint32(at, value >>> 0, littleEndian);
  return copy;
}

export function setUint16(bytes: Uint8Array, at: number, value: number): Uint8Array {
  const copy = new Uint8Array(bytes);
  new DataView(copy.buffer).setUint16(at, value, true);
  return copy;
}

/** An SCF member: header, then one chunk per payload, each an unterminated zlib stream (as Modeler writes them). */
export function makeScf(payloads: Uint8Array[]): Uint8Array {
  const chunks = payloads.map((p) => {
    const z = deflateSync(p, { finishFlush: constants.Z_SYNC_FLUSH });
    // A sync-flushed stream ends with an empty stored block and no final block or checksum.
    const head = Buffer.alloc(8);
    head.writeUInt32BE(z.length, 0);
    head.writeUInt32BE(p.length, 4);
    return Buffer.concat([head, z]);
  });
  const header = Buffer.alloc(12);
  header.write("SCF\u0001", 0, "latin1");
  header.writeUInt32BE(0, 4);
  header.writeUInt32BE(12 + chunks.slice(0, -1).reduce((n, c) => n + c.length, 0), 8);
  return new Uint8Array(Buffer.concat([header, ...chunks]));
}

/** Offsets of the chunk headers of an SCF member. */
export function scfChunkOffsets(scf: Uint8Array): number[] {
  const view = new DataView(scf.buffer, scf.byteOffset, scf.byteLength);
  const out: number[] = [];
  for (let pos = 12; pos + 8 <= scf.length; pos += 8 + view.getUint32(pos, false)) out.push(pos);
  return out;
}
