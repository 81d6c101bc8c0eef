import { FastInfosetError } from "./errors.js";
import {
  ALGORITHM_BASE64,
  ALGORITHM_BOOLEAN,
  ALGORITHM_CDATA,
  ALGORITHM_DOUBLE,
  ALGORITHM_FLOAT,
  ALGORITHM_HEXADECIMAL,
  ALGORITHM_INT,
  ALGORITHM_LONG,
  ALGORITHM_NAMES,
  ALGORITHM_SHORT,
  ALGORITHM_UUID,
  MAX_STRING_LENGTH,
} from "./constants.js";

const utf8Decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Worst-case characters written per input octet, to refuse output V8 could not hold as one string. */
const CHARACTERS_PER_OCTET: readonly number[] = [0, 2, 2, 4, 3, 3, 48, 4, 4, 3, 1];

/**
 * The character form of the built-in encoding algorithms (X.891 clause 10). Lists are separated
 * by single spaces; numbers use the Java `Float.toString`/`Double.toString` layout (the
 * reference implementation's), with the shortest digits that read back to the same value.
 */
export function decodeBuiltInAlgorithm(index: number, octets: Uint8Array, offset: number): string {
  const name = ALGORITHM_NAMES[index] ?? String(index);
  if (octets.length * (CHARACTERS_PER_OCTET[index] ?? 1) > MAX_STRING_LENGTH) {
    throw new FastInfosetError(`${name} data of ${octets.length} octets is too long to decode`, offset);
  }
  const view = new DataView(octets.buffer, octets.byteOffset, octets.byteLength);
  const buffer = Buffer.from(octets.buffer, octets.byteOffset, octets.byteLength);
  switch (index) {
    case ALGORITHM_HEXADECIMAL:
      return buffer.toString("hex").toUpperCase();
    case ALGORITHM_BASE64:
      return buffer.toString("base64");
    case ALGORITHM_SHORT:
      return list(octets, 2, name, offset, (at) => String(view.getInt16(at)));
    case ALGORITHM_INT:
      return list(octets, 4, name, offset, (at) => String(view.getInt32(at)));
    case ALGORITHM_LONG:
      return list(octets, 8, name, offset, (at) => view.getBigInt64(at).toString());
    case ALGORITHM_BOOLEAN:
      return booleans(octets, offset);
    case ALGORITHM_FLOAT:
      return list(octets, 4, name, offset, (at) => javaNumberText(view.getFloat32(at), true));
    case ALGORITHM_DOUBLE:
      return list(octets, 8, name, offset, (at) => javaNumberText(view.getFloat64(at), false));
    case ALGORITHM_UUID:
      return list(octets, 16, name, offset, (at) => uuid(buffer, at));
    case ALGORITHM_CDATA:
      try {
        return utf8Decoder.decode(octets);
      } catch {
        throw new FastInfosetError("invalid UTF-8 in cdata encoding algorithm data", offset);
      }
    default:
      throw new FastInfosetError(`encoding algorithm ${index} is not a built-in algorithm`, offset);
  }
}

function list(octets: Uint8Array, size: number, name: string, offset: number, item: (at: number) => string): string {
  if (octets.length % size !== 0) {
    throw new FastInfosetError(`${name} encoding algorithm data of ${octets.length} octets is not a multiple of ${size}`, offset);
  }
  const items: string[] = new Array<string>(octets.length / size);
  for (let i = 0; i < items.length; i++) items[i] = item(i * size);
  return items.join(" ");
}

/** The first four bits count the unused bits of the last octet; every other bit is one value. */
function booleans(octets: Uint8Array, offset: number): string {
  const unused = octets[0]! >> 4;
  const count = octets.length * 8 - 4 - unused;
  if (unused > 7 || count < 0) throw new FastInfosetError(`boolean encoding algorithm data has ${unused} unused bits`, offset);
  const items: string[] = new Array<string>(count);
  for (let i = 0; i < count; i++) {
    const bit = i + 4;
    items[i] = (octets[bit >> 3]! >> (7 - (bit & 7))) & 1 ? "true" : "false";
  }
  return items.join(" ");
}

function uuid(buffer: Buffer, at: number): string {
  const h = buffer.toString("hex", at, at + 16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Java's layout: plain decimals for 10^-3 <= |x| < 10^7 ("100.0", "0.001"), otherwise
 * "d.dddE±n" ("1.0E7", "1.5E-4"); always at least one fractional digit.
 */
export function javaNumberText(value: number, isFloat: boolean): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "Infinity";
  if (value === -Infinity) return "-Infinity";
  if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0";
  const scientific = isFloat ? shortestFloatExponential(value) : value.toExponential();
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(scientific);
  if (!match) throw new Error(`unexpected exponential form ${scientific}`);
  const sign = match[1]!;
  const digits = match[2]! + (match[3] ?? "");
  const exponent = Number(match[4]);
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    if (exponent >= 0) {
      const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, "0");
      return `${sign}${whole}.${digits.slice(exponent + 1) || "0"}`;
    }
    return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
  }
  return `${sign}${digits[0]}.${digits.slice(1) || "0"}E${exponent}`;
}

/** The shortest exponential form that reads back to the same 32-bit float. */
function shortestFloatExponential(value: number): string {
  for (let precision = 0; precision < 9; precision++) {
    const text = value.toExponential(precision);
    if (Math.fround(Number(text)) === value) return text;
  }
  return value.toExponential(8);
}
