/**
 * Hand-built Fast Infoset octets for tests, written straight from the standard (independently
 * of the encoder under test). Only the short forms are produced here; tests spell out longer
 * forms octet by octet.
 */

/** Identification E0 00 and version 00 01. */
export const FI_START = [0xe0, 0x00, 0x00, 0x01] as const;

/** Concatenates octets (numbers), UTF-8 strings and octet arrays. */
export function bytes(...parts: (number | string | readonly number[] | Uint8Array)[]): Uint8Array {
  const out: number[] = [];
  for (const part of parts) {
    if (typeof part === "number") out.push(part);
    else if (typeof part === "string") out.push(...Buffer.from(part, "utf8"));
    else out.push(...part);
  }
  return Uint8Array.from(out);
}

/** C.22 with a zero first bit: one length octet (1..64) then the UTF-8 octets. */
export function literal(text: string): number[] {
  const octets = [...Buffer.from(text, "utf8")];
  if (octets.length < 1 || octets.length > 64) throw new Error("literal() handles 1..64 octets");
  return [octets.length - 1, ...octets];
}

/** C.14 literal UTF-8 string (1..8 octets): '0' + add-to-table bit + '00' + C.23 length. */
export function nonIdentifying(text: string, addToTable = false): number[] {
  const octets = [...Buffer.from(text, "utf8")];
  if (octets.length < 1 || octets.length > 8) throw new Error("nonIdentifying() handles 1..8 octets");
  return [(addToTable ? 0x40 : 0) | (octets.length - 1), ...octets];
}

/** C.15 character chunk, literal UTF-8 (1..258 octets): '10' + '0' + add bit + '00' + C.24 length. */
export function chunk(text: string, addToTable = false): number[] {
  const octets = [...Buffer.from(text, "utf8")];
  const high = 0x80 | (addToTable ? 0x10 : 0);
  if (octets.length <= 2) return [high | (octets.length - 1), ...octets];
  if (octets.length <= 258) return [high | 0x02, octets.length - 3, ...octets];
  throw new Error("chunk() handles 1..258 octets");
}

/** C.15 character chunk with an encoding algorithm (index 1..256) or restricted alphabet: data of 1..258 octets. */
export function encodedChunk(kind: "algorithm" | "alphabet", index: number, data: readonly number[]): number[] {
  const value = index - 1;
  const discriminant = kind === "algorithm" ? 0x0c : 0x08;
  const second = (value & 0x3f) << 2;
  const length = data.length <= 2 ? [second | (data.length - 1)] : [second | 0x02, data.length - 3];
  return [0x80 | discriminant | (value >> 6), ...length, ...data];
}

/** C.14 attribute value with an encoding algorithm or restricted alphabet: data of 1..8 octets. */
export function encodedValue(kind: "algorithm" | "alphabet", index: number, data: readonly number[]): number[] {
  if (data.length < 1 || data.length > 8) throw new Error("encodedValue() handles 1..8 octets");
  const value = index - 1;
  const discriminant = kind === "algorithm" ? 0x30 : 0x20;
  return [discriminant | (value >> 4), ((value & 0x0f) << 4) | (data.length - 1), ...data];
}
