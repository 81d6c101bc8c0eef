/**
 * Text encodings of files that nodes read and write (`encoding` of Var. File, Fixed File and
 * Flat File): Modeler's `StreamDefault` / `SystemDefault` / `UTF-8` plus any encoding label
 * Node's `TextDecoder` knows (WHATWG names: `latin1`, `windows-1252`, `utf-16le`, `shift_jis`, ...).
 *
 * Reading uses `TextDecoder` (non-fatal: undecodable bytes become U+FFFD, which the reader then
 * discards or replaces). Writing supports UTF-8, UTF-16 and every single-byte encoding the
 * decoder knows: the byte table is built by decoding the 256 byte values, so the encoder is
 * exactly the decoder's inverse. Characters an encoding cannot hold are written as `?` and
 * counted.
 */
import { TextDecoder } from "node:util";
import { ModelerBatchError } from "../errors.js";

export class EncodingError extends ModelerBatchError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super("ENCODING", message, details);
  }
}

/** Node's own default, used for `SystemDefault`. */
export const SYSTEM_DEFAULT_ENCODING = "utf-8";

/**
 * The canonical WHATWG name of an encoding property value (`StreamDefault` takes the stream's
 * encoding, `SystemDefault` UTF-8). Unknown labels are an error listing some known ones.
 */
export function resolveEncoding(value: string, streamEncoding: string): string {
  const label = value === "StreamDefault" || value === "" ? streamEncoding : value === "SystemDefault" ? SYSTEM_DEFAULT_ENCODING : value;
  try {
    return new TextDecoder(label).encoding;
  } catch {
    throw new EncodingError(
      `unknown text encoding "${label}"; use StreamDefault, SystemDefault, UTF-8 or another encoding name such as latin1, windows-1252, utf-16le, iso-8859-15, shift_jis`,
      { encoding: label },
    );
  }
}

const SINGLE_BYTE = new Set([
  "ibm866", "iso-8859-2", "iso-8859-3", "iso-8859-4", "iso-8859-5", "iso-8859-6", "iso-8859-7", "iso-8859-8",
  "iso-8859-8-i", "iso-8859-10", "iso-8859-13", "iso-8859-14", "iso-8859-15", "iso-8859-16", "koi8-r", "koi8-u",
  "macintosh", "windows-874", "windows-1250", "windows-1251", "windows-1252", "windows-1253", "windows-1254",
  "windows-1255", "windows-1256", "windows-1257", "windows-1258", "x-mac-cyrillic",
]);

/** True when every ASCII byte is its ASCII character and no other byte sequence uses ASCII bytes. */
export function isAsciiCompatible(encoding: string): boolean {
  return encoding === "utf-8" || SINGLE_BYTE.has(encoding);
}

export interface TextEncoderFn {
  /** Bytes of the text. */
  (text: string): Buffer;
  /** Characters written as `?` so far because the encoding cannot hold them. */
  readonly unmappable: () => number;
}

/** An encoder for a canonical encoding name (see `resolveEncoding`). */
export function makeEncoder(encoding: string): TextEncoderFn {
  let unmappable = 0;
  const counted = (fn: (text: string) => Buffer): TextEncoderFn => Object.assign(fn, { unmappable: () => unmappable });
  switch (encoding) {
    case "utf-8":
      return counted((text) => Buffer.from(text, "utf8"));
    case "utf-16le":
      return counted((text) => Buffer.from(text, "utf16le"));
    case "utf-16be":
      return counted((text) => Buffer.from(text, "utf16le").swap16());
  }
  if (!SINGLE_BYTE.has(encoding)) {
    throw new EncodingError(`writing text in ${encoding} is not supported; use UTF-8, UTF-16 or a single-byte encoding (latin1, windows-1252, iso-8859-15, ...)`, { encoding });
  }
  const table = singleByteTable(encoding);
  return counted((text) => {
    const out = Buffer.allocUnsafe(text.length);
    let o = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let b = c < 0x80 ? c : table.get(c);
      if (b === undefined) {
        unmappable++;
        // A surrogate pair is one character: one `?`.
        if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) i++;
        b = 0x3f;
      }
      out[o++] = b;
    }
    return out.subarray(0, o);
  });
}

const tables = new Map<string, Map<number, number>>();

function singleByteTable(encoding: string): Map<number, number> {
  let table = tables.get(encoding);
  if (!table) {
    table = new Map();
    // Streaming decode: Node 20's one-shot decode of windows-1252 takes a Latin-1 shortcut
    // (0x80 becomes U+0080, not €); the streaming path decodes correctly.
    const high = Uint8Array.from({ length: 128 }, (_, i) => 0x80 + i);
    const chars = new TextDecoder(encoding).decode(high, { stream: true });
    if (chars.length === 128) {
      for (let i = 0; i < 128; i++) {
        const c = chars.charCodeAt(i);
        if (c !== 0xfffd && !table.has(c)) table.set(c, 0x80 + i);
      }
    }
    tables.set(encoding, table);
  }
  return table;
}
