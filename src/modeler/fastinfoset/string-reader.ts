import { FastInfosetError } from "./errors.js";
import type { ByteReader } from "./byte-reader.js";
import { decodeWithAlphabet } from "./alphabets.js";
import { decodeBuiltInAlgorithm } from "./algorithms.js";
import { ALGORITHM_CDATA, ALGORITHM_NAMES, FIRST_USER_ALGORITHM, QNAME_NAMESPACE_FLAG, QNAME_PREFIX_FLAG } from "./constants.js";
import { qualifiedName, type DecoderVocabulary, type NameTable, type StringTable } from "./vocabulary.js";
import type { FiEncodingAlgorithmDecoder, FiQualifiedName } from "./types.js";

/**
 * Decodes the string-valued fields of X.891 (identifying and non-identifying strings, encoded
 * character strings, character chunks, qualified names) and keeps the tables up to date.
 */
export class StringReader {
  /** Whether the last character chunk used the "cdata" encoding algorithm (avoids allocating a result pair). */
  lastChunkWasCdata = false;

  constructor(
    private readonly r: ByteReader,
    readonly vocabulary: DecoderVocabulary,
    private readonly userAlgorithms: Readonly<Record<string, FiEncodingAlgorithmDecoder>> | undefined,
  ) {}

  /** C.13: identifying string (literal UTF-8, always added to `table`) or index, on the first bit of a new octet. */
  identifying(table: StringTable): string {
    const r = this.r;
    const at = r.pos;
    const b = r.u8();
    if (b & 0x80) return table.get(r.indexBit2(b), at);
    const value = r.utf8(r.lengthBit2(b));
    table.add(value);
    return value;
  }

  /** C.14: non-identifying string or index on the first bit of a new octet; index 0 ('1111111') is the empty string. */
  nonIdentifying(table: StringTable): string {
    const r = this.r;
    const at = r.pos;
    const b = r.u8();
    if (b & 0x80) {
      if (b === 0xff) return "";
      return table.get(r.indexBit2(b), at);
    }
    const value = this.encodedBit3(b, at);
    if (b & 0x40) table.add(value);
    return value;
  }

  /** C.19: encoded character string starting on the third bit of `b` (read at `at`). */
  encodedBit3(b: number, at: number): string {
    const r = this.r;
    switch ((b >> 4) & 0x03) {
      case 0:
        return r.utf8(r.lengthBit5(b));
      case 1:
        return r.utf16(r.lengthBit5(b));
      case 2: {
        const { index, next } = r.splitOctet(b & 0x0f, 4);
        const alphabet = this.vocabulary.alphabet(index, at);
        const length = r.lengthBit5(next);
        const start = r.pos;
        return decodeWithAlphabet(alphabet, r.take(length), start);
      }
      default: {
        const { index, next } = r.splitOctet(b & 0x0f, 4);
        const length = r.lengthBit5(next);
        const start = r.pos;
        return this.algorithmText(index, r.take(length), start);
      }
    }
  }

  /**
   * C.15 on the third bit of a character chunk octet `b` ('10' already matched): an index into
   * the content character chunk table or a C.20 literal that may be added to it.
   */
  characterChunk(b: number, at: number): string {
    const r = this.r;
    const table = this.vocabulary.contentCharacterChunks;
    this.lastChunkWasCdata = false;
    if (b & 0x20) return table.get(r.indexBit4(b), at);
    let value: string;
    switch ((b >> 2) & 0x03) {
      case 0:
        value = r.utf8(r.lengthBit7(b));
        break;
      case 1:
        value = r.utf16(r.lengthBit7(b));
        break;
      case 2: {
        const { index, next } = r.splitOctet(b & 0x03, 2);
        const alphabet = this.vocabulary.alphabet(index, at);
        const length = r.lengthBit7(next);
        const start = r.pos;
        value = decodeWithAlphabet(alphabet, r.take(length), start);
        break;
      }
      default: {
        const { index, next } = r.splitOctet(b & 0x03, 2);
        const length = r.lengthBit7(next);
        const start = r.pos;
        value = this.algorithmText(index, r.take(length), start);
        this.lastChunkWasCdata = index === ALGORITHM_CDATA;
      }
    }
    if (b & 0x10) table.add(value);
    return value;
  }

  private algorithmText(index: number, octets: Uint8Array, at: number): string {
    if (index < ALGORITHM_NAMES.length) return decodeBuiltInAlgorithm(index, octets, at);
    if (index < FIRST_USER_ALGORITHM) throw new FastInfosetError(`encoding algorithm ${index} is reserved`, at);
    const uri = this.vocabulary.userAlgorithms[index - FIRST_USER_ALGORITHM];
    if (uri === undefined) throw new FastInfosetError(`encoding algorithm ${index} is not defined by the vocabulary`, at);
    const decode = this.userAlgorithms && Object.hasOwn(this.userAlgorithms, uri) ? this.userAlgorithms[uri] : undefined;
    if (!decode) {
      throw new FastInfosetError(
        `user-defined encoding algorithm ${uri} (index ${index}) is not supported: pass a decoder in options.encodingAlgorithms`,
        at,
        { algorithm: uri },
      );
    }
    let text: unknown;
    try {
      text = decode(octets.slice());
    } catch (error) {
      throw new FastInfosetError(`the decoder of encoding algorithm ${uri} failed: ${String(error)}`, at, { algorithm: uri });
    }
    if (typeof text !== "string") throw new FastInfosetError(`the decoder of encoding algorithm ${uri} did not return a string`, at);
    return text;
  }

  /**
   * The literal form of a qualified name: prefix and namespace-name presence bits in the low two
   * bits of `b`, then identifying strings. The name is added to `table`.
   */
  literalName(b: number, at: number, table: NameTable): FiQualifiedName {
    const hasPrefix = (b & QNAME_PREFIX_FLAG) !== 0;
    const hasNamespace = (b & QNAME_NAMESPACE_FLAG) !== 0;
    if (hasPrefix && !hasNamespace) throw new FastInfosetError("qualified name has a prefix but no namespace name", at);
    const v = this.vocabulary;
    const prefix = hasPrefix ? this.identifying(v.prefixes) : "";
    const namespaceName = hasNamespace ? this.identifying(v.namespaceNames) : "";
    const name = qualifiedName(prefix, namespaceName, this.identifying(v.localNames));
    table.add(name);
    return name;
  }

  /** A UTF-8 string in a C.22 octet string whose first bit is padding (header and vocabulary items). */
  paddedUtf8(what: string): string {
    const r = this.r;
    return r.utf8(r.lengthBit2(this.paddedOctet(what)));
  }

  /** Reads an octet whose first `bits` bits are padding and must be zero. */
  paddedOctet(what: string, mask = 0x80): number {
    const r = this.r;
    const b = r.u8();
    if (b & mask) r.fail(`padding bits of ${what} are not zero`, r.pos - 1);
    return b;
  }
}
