/**
 * PostgreSQL's binary COPY format, both ways, for the column types whose binary form is
 * simple: bigint (and smallint, integer, oid when reading), double precision (and real),
 * boolean (reading), text / varchar / char, date, time, timestamp (and timestamptz when
 * reading). Numbers then cross as 8 bytes instead of being formatted and parsed as decimal
 * text — most of the cost of COPY on our side. A table or query with any other column type
 * (numeric, uuid, json, ...) uses the text format (copy.ts); both give the same values.
 *
 * Format: the signature `PGCOPY\n\377\r\n\0`, flags and header-extension length (int32 0,
 * 0); per row an int16 field count, then per field an int32 byte length (-1 for NULL) and
 * the value; an int16 -1 ends the data. Dates are days and times microseconds since
 * 2000-01-01 / midnight.
 */
import type { Client } from "pg";
import { to as copyTo } from "pg-copy-streams";
import type { Column } from "../../../data/batch.js";
import { normaliseInteger, SECONDS_PER_DAY, type Value } from "../../../data/values.js";
import { CancelledError } from "../../../errors.js";
import type { ColumnInfo, RowWriter, WriteColumn } from "../../dialect.js";
import { openCopyIn } from "./copy-in.js";
import { OID } from "./types.js";

const SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");
const HEADER = Buffer.concat([SIGNATURE, Buffer.alloc(8)]);
/** 2000-01-01 in our day and second counts. */
const PG_EPOCH_DAYS = 10_957;
const PG_EPOCH_SECONDS = PG_EPOCH_DAYS * SECONDS_PER_DAY;
const TWO32 = 4_294_967_296;

type Kind = "int8" | "float8" | "text" | "date" | "time" | "timestamp";

/**
 * The binary kind of a column written, from the column's type (as the catalog or our
 * CREATE TABLE spells it), or undefined when the value must go as text.
 */
export function binaryWriteKind(c: WriteColumn): Kind | undefined {
  const type = (c.target?.dbType ?? "").toLowerCase().replace(/\s+/g, " ").trim();
  const base = type.replace(/\(.*\)$/, "");
  switch (c.storage) {
    case "integer":
      return type === "bigint" ? "int8" : type === "double precision" ? "float8" : undefined;
    case "real":
      return type === "double precision" ? "float8" : undefined;
    case "string":
    case "unknown":
      return type === "text" || base === "varchar" || base === "character varying" ? "text" : undefined;
    case "date":
      return type === "date" ? "date" : undefined;
    case "time":
      return type === "time" || type === "time without time zone" ? "time" : undefined;
    case "timestamp":
      return type === "timestamp" || type === "timestamp without time zone" ? "timestamp" : undefined;
  }
}

/** Bytes a value takes at most (strings: 3 bytes per UTF-16 unit). */
function maxSize(kind: Kind, v: Value): number {
  if (v === null) return 4;
  if (kind === "text") return 4 + (typeof v === "string" ? v.length * 3 : 64);
  return kind === "date" ? 8 : 12;
}

function writeInt64(buf: Buffer, pos: number, v: number | bigint): void {
  if (typeof v === "bigint") {
    buf.writeBigInt64BE(v, pos);
    return;
  }
  const hi = Math.floor(v / TWO32);
  buf.writeInt32BE(hi, pos);
  buf.writeUInt32BE(v - hi * TWO32, pos + 4);
}

/** Microseconds as an int64, exact for any date of years 1–9999. */
function micros(seconds: number): number | bigint {
  const whole = Math.floor(seconds);
  const frac = Math.round((seconds - whole) * 1e6);
  const us = whole * 1e6 + frac;
  return Number.isSafeInteger(us) ? us : BigInt(whole) * 1_000_000n + BigInt(frac);
}

function encodeValue(kind: Kind, v: Value, buf: Buffer, pos: number): number {
  if (v === null) {
    buf.writeInt32BE(-1, pos);
    return pos + 4;
  }
  switch (kind) {
    case "int8":
      buf.writeInt32BE(8, pos);
      writeInt64(buf, pos + 4, v as number | bigint);
      return pos + 12;
    case "float8":
      buf.writeInt32BE(8, pos);
      buf.writeDoubleBE(Number(v), pos + 4);
      return pos + 12;
    case "date":
      buf.writeInt32BE(4, pos);
      buf.writeInt32BE((v as number) - PG_EPOCH_DAYS, pos + 4);
      return pos + 8;
    case "time":
      buf.writeInt32BE(8, pos);
      writeInt64(buf, pos + 4, micros(v as number));
      return pos + 12;
    case "timestamp":
      buf.writeInt32BE(8, pos);
      writeInt64(buf, pos + 4, micros((v as number) - PG_EPOCH_SECONDS));
      return pos + 12;
    case "text": {
      const n = buf.write(typeof v === "string" ? v : String(v), pos + 4, "utf8");
      buf.writeInt32BE(n, pos);
      return pos + 4 + n;
    }
  }
}

/** `COPY ... FROM STDIN (FORMAT binary)`, one buffer per batch, with back-pressure. */
export function binaryCopyWriter(client: Client, copySql: string, kinds: readonly Kind[], signal?: AbortSignal): RowWriter {
  const copy = openCopyIn(client, `${copySql} (FORMAT binary)`, signal, HEADER);
  const width = kinds.length;
  let written = 0;
  return {
    async write(cols: readonly Column[], length: number) {
      copy.check();
      let size = 0;
      for (let c = 0; c < width; c++) {
        const col = cols[c]!;
        const kind = kinds[c]!;
        if (kind === "text") for (let r = 0; r < length; r++) size += maxSize(kind, col[r]!);
        else size += length * (kind === "date" ? 8 : 12);
      }
      const buf = Buffer.allocUnsafe(size + length * 2);
      let pos = 0;
      for (let r = 0; r < length; r++) {
        buf.writeInt16BE(width, pos);
        pos += 2;
        for (let c = 0; c < width; c++) pos = encodeValue(kinds[c]!, cols[c]![r]!, buf, pos);
      }
      written += length;
      await copy.send(buf.subarray(0, pos));
    },
    async finish() {
      await copy.end(Buffer.from([0xff, 0xff]));
      return written;
    },
    abort: () => copy.abort(),
  };
}

type Decoder = (buf: Buffer, start: number, length: number) => Value;

const DECODERS: ReadonlyMap<number, Decoder> = new Map<number, Decoder>([
  [OID.int2, (b, s) => b.readInt16BE(s)],
  [OID.int4, (b, s) => b.readInt32BE(s)],
  [OID.oid, (b, s) => b.readUInt32BE(s)],
  [OID.int8, (b, s) => int64(b, s)],
  [OID.float4, (b, s) => finite(b.readFloatBE(s))],
  [OID.float8, (b, s) => finite(b.readDoubleBE(s))],
  [OID.bool, (b, s) => (b[s] ? 1 : 0)],
  [OID.text, text],
  [OID.varchar, text],
  [OID.bpchar, text],
  [OID.name, text],
  [OID.date, (b, s) => {
    const d = b.readInt32BE(s);
    // ±infinity are the int32 extremes.
    return d === 0x7fffffff || d === -0x80000000 ? null : d + PG_EPOCH_DAYS;
  }],
  [OID.time, (b, s) => Number(int64(b, s)) / 1e6],
  [OID.timestamp, timestamp],
  [OID.timestamptz, timestamp],
]);

function text(b: Buffer, s: number, n: number): string {
  return b.toString("utf8", s, s + n);
}

function finite(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

function int64(b: Buffer, s: number): number | bigint {
  const hi = b.readInt32BE(s);
  const lo = b.readUInt32BE(s + 4);
  const n = hi * TWO32 + lo;
  return Number.isSafeInteger(n) ? n : normaliseInteger(b.readBigInt64BE(s));
}

function timestamp(b: Buffer, s: number): number | null {
  const hi = b.readInt32BE(s);
  const lo = b.readUInt32BE(s + 4);
  if ((hi === 0x7fffffff && lo === 0xffffffff) || (hi === -0x80000000 && lo === 0)) return null;
  const us = hi * TWO32 + lo;
  if (Number.isSafeInteger(us)) return us / 1e6 + PG_EPOCH_SECONDS;
  const big = b.readBigInt64BE(s);
  const whole = big / 1_000_000n;
  return Number(whole) + Number(big - whole * 1_000_000n) / 1e6 + PG_EPOCH_SECONDS;
}

/** True when every column can be read in binary (else the text format is used). */
export function binaryReadable(columns: readonly ColumnInfo[]): boolean {
  return columns.every((c) => typeof c.native === "number" && DECODERS.has(c.native));
}

/** Rows of `COPY (<select>) TO STDOUT (FORMAT binary)` as column arrays. */
export async function* binaryCopyReader(client: Client, select: string, columns: readonly ColumnInfo[], batchSize: number, signal?: AbortSignal): AsyncGenerator<Column[]> {
  const decoders = columns.map((c) => DECODERS.get(c.native as number)!);
  const width = decoders.length;
  const stream = client.query(copyTo(`COPY (${select}) TO STDOUT (FORMAT binary)`, { highWaterMark: 8 << 20 }));
  let columnsOut: Column[] = decoders.map(() => new Array<Value>(batchSize));
  let rows = 0;
  let pending: Buffer | undefined;
  let headerDone = false;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (signal?.aborted) throw new CancelledError();
      const buf = pending ? Buffer.concat([pending, chunk]) : chunk;
      let pos = 0;
      if (!headerDone) {
        if (buf.length < 19) {
          pending = buf;
          continue;
        }
        pos = 19 + buf.readInt32BE(15);
        headerDone = true;
      }
      while (pos + 2 <= buf.length) {
        const count = buf.readInt16BE(pos);
        if (count === -1) {
          pos = buf.length;
          break;
        }
        if (count !== width) throw new Error(`COPY returned ${count} fields where ${width} were expected`);
        // Decode the row only when all of it is here.
        let p = pos + 2;
        let complete = true;
        for (let c = 0; c < width; c++) {
          if (p + 4 > buf.length) {
            complete = false;
            break;
          }
          const n = buf.readInt32BE(p);
          p += 4;
          if (n < 0) continue;
          if (p + n > buf.length) {
            complete = false;
            break;
          }
          p += n;
        }
        if (!complete) break;
        p = pos + 2;
        for (let c = 0; c < width; c++) {
          const n = buf.readInt32BE(p);
          p += 4;
          if (n < 0) columnsOut[c]![rows] = null;
          else {
            columnsOut[c]![rows] = decoders[c]!(buf, p, n);
            p += n;
          }
        }
        pos = p;
        if (++rows === batchSize) {
          yield columnsOut;
          columnsOut = decoders.map(() => new Array<Value>(batchSize));
          rows = 0;
        }
      }
      pending = pos < buf.length ? buf.subarray(pos) : undefined;
    }
    if (rows > 0) {
      for (const col of columnsOut) col.length = rows;
      yield columnsOut;
    }
  } finally {
    if (!stream.destroyed) stream.destroy();
  }
}
