import { FastInfosetError } from "./errors.js";
import { DATE_AND_TIME_ALPHABET, MAX_STRING_LENGTH, NUMERIC_ALPHABET } from "./constants.js";

/**
 * A restricted alphabet (X.891 8.2 / C.19): each character is written as its position in the
 * alphabet using the fewest bits b with 2^b > size; the all-ones code is reserved to pad the
 * last octet.
 */
export interface RestrictedAlphabet {
  readonly characters: readonly string[];
  readonly bitsPerCharacter: number;
}

export function createAlphabet(text: string, offset: number): RestrictedAlphabet {
  const characters = Array.from(text);
  if (characters.length < 2) throw new FastInfosetError("a restricted alphabet needs at least two characters", offset);
  if (new Set(characters).size !== characters.length) {
    throw new FastInfosetError(`restricted alphabet "${text}" repeats a character`, offset);
  }
  let bitsPerCharacter = 1;
  while (1 << bitsPerCharacter <= characters.length) bitsPerCharacter++;
  return { characters, bitsPerCharacter };
}

export const BUILT_IN_ALPHABETS: readonly RestrictedAlphabet[] = [
  createAlphabet(NUMERIC_ALPHABET, 0),
  createAlphabet(DATE_AND_TIME_ALPHABET, 0),
];

/** Decodes `octets` (at input `offset`) with `alphabet`; padding must be the all-ones code in the last octet. */
export function decodeWithAlphabet(alphabet: RestrictedAlphabet, octets: Uint8Array, offset: number): string {
  const { characters, bitsPerCharacter: bits } = alphabet;
  if ((octets.length * 8) / bits > MAX_STRING_LENGTH) {
    throw new FastInfosetError("restricted-alphabet string is too long to decode", offset);
  }
  const terminator = (1 << bits) - 1;
  const parts: string[] = [];
  let accumulator = 0;
  let available = 0;
  for (let i = 0; i < octets.length; i++) {
    accumulator = ((accumulator & ((1 << available) - 1)) << 8) | octets[i]!;
    available += 8;
    while (available >= bits) {
      available -= bits;
      const code = (accumulator >>> available) & terminator;
      if (code === terminator) {
        const restOnes = (accumulator & ((1 << available) - 1)) === (1 << available) - 1;
        if (!restOnes || i !== octets.length - 1) {
          throw new FastInfosetError("restricted-alphabet padding found before the last octet", offset + i);
        }
        return parts.join("");
      }
      if (code >= characters.length) {
        throw new FastInfosetError(`code ${code} is outside the restricted alphabet of ${characters.length} characters`, offset + i);
      }
      parts.push(characters[code]!);
    }
  }
  if (available > 0 && (accumulator & ((1 << available) - 1)) !== (1 << available) - 1) {
    throw new FastInfosetError("restricted-alphabet padding bits are not all ones", offset + octets.length - 1);
  }
  return parts.join("");
}

/** Encodes `text` with `alphabet`, or returns undefined when a character is not in it. */
export function encodeWithAlphabet(alphabet: RestrictedAlphabet, text: string): Uint8Array | undefined {
  const { characters, bitsPerCharacter: bits } = alphabet;
  const codes = new Map<string, number>();
  characters.forEach((c, i) => codes.set(c, i));
  const chars = Array.from(text);
  const out = new Uint8Array(Math.ceil((chars.length * bits) / 8));
  let accumulator = 0;
  let pending = 0;
  let at = 0;
  for (const c of chars) {
    const code = codes.get(c);
    if (code === undefined) return undefined;
    accumulator = ((accumulator & ((1 << pending) - 1)) << bits) | code;
    pending += bits;
    while (pending >= 8) {
      pending -= 8;
      out[at++] = (accumulator >>> pending) & 0xff;
    }
  }
  if (pending > 0) out[at++] = (((accumulator << (8 - pending)) & 0xff) | ((1 << (8 - pending)) - 1)) & 0xff;
  return out;
}
