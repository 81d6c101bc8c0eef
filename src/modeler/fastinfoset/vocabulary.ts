import { FastInfosetError } from "./errors.js";
import { BUILT_IN_ALPHABETS, createAlphabet, type RestrictedAlphabet } from "./alphabets.js";
import {
  FIRST_USER_ALGORITHM,
  FIRST_USER_ALPHABET,
  MAX_TABLE_ENTRIES,
  MAX_TABLE_INDEX_OCTET,
  XML_NAMESPACE,
  XML_PREFIX,
} from "./constants.js";
import type { FiQualifiedName, FiVocabulary } from "./types.js";

/**
 * One dynamic string table (X.891 clause 8). Index i (1-based) is `entries[i - 1]`. Additions
 * stop silently at 2^20 entries, as the standard says; the encoder mirrors that rule.
 */
export class StringTable {
  readonly entries: string[];
  constructor(
    readonly name: string,
    builtIn: readonly string[] = [],
  ) {
    this.entries = builtIn.slice();
  }

  add(value: string): void {
    if (this.entries.length < MAX_TABLE_ENTRIES) this.entries.push(value);
  }

  get(index: number, offset: number): string {
    const value = this.entries[index - 1];
    if (value === undefined) throw outOfRange(index, this.name, this.entries.length, offset);
    return value;
  }
}

export class NameTable {
  readonly entries: FiQualifiedName[] = [];
  constructor(readonly name: string) {}

  add(value: FiQualifiedName): void {
    if (this.entries.length < MAX_TABLE_ENTRIES) this.entries.push(value);
  }

  get(index: number, offset: number): FiQualifiedName {
    const value = this.entries[index - 1];
    if (value === undefined) throw outOfRange(index, this.name, this.entries.length, offset);
    return value;
  }
}

function outOfRange(index: number, table: string, size: number, offset: number): FastInfosetError {
  return new FastInfosetError(`index ${index} is outside the ${table} table (${size} entries)`, offset, { table, index });
}

/** The shared empty array of decoded elements without attributes, declarations or children. */
export const NONE: readonly never[] = Object.freeze<never[]>([]);

/** Name objects are shared by every element that uses the name; freezing keeps handlers from corrupting the table. */
export function qualifiedName(prefix: string, namespaceName: string, localName: string): FiQualifiedName {
  return Object.freeze({ prefix, namespaceName, localName });
}

/** All tables of a document being decoded, starting from the built-in vocabulary. */
export class DecoderVocabulary {
  readonly prefixes = new StringTable("prefix", [XML_PREFIX]);
  readonly namespaceNames = new StringTable("namespace name", [XML_NAMESPACE]);
  readonly localNames = new StringTable("local name");
  readonly otherNCNames = new StringTable("other NCName");
  readonly otherURIs = new StringTable("other URI");
  readonly attributeValues = new StringTable("attribute value");
  readonly contentCharacterChunks = new StringTable("content character chunk");
  readonly otherStrings = new StringTable("other string");
  readonly elementNames = new NameTable("element name surrogate");
  readonly attributeNames = new NameTable("attribute name surrogate");
  /** User-defined restricted alphabets, table index 16 onwards. */
  readonly userAlphabets: RestrictedAlphabet[] = [];
  /** URIs of user-defined encoding algorithms, table index 32 onwards. */
  readonly userAlgorithms: string[] = [];

  alphabet(index: number, offset: number): RestrictedAlphabet {
    const alphabet = index < FIRST_USER_ALPHABET ? BUILT_IN_ALPHABETS[index - 1] : this.userAlphabets[index - FIRST_USER_ALPHABET];
    if (!alphabet) throw new FastInfosetError(`restricted alphabet ${index} is not defined`, offset, { alphabet: index });
    return alphabet;
  }

  addAlphabet(characters: string, offset: number): void {
    if (FIRST_USER_ALPHABET + this.userAlphabets.length > MAX_TABLE_INDEX_OCTET) {
      throw new FastInfosetError("more than 241 user-defined restricted alphabets", offset);
    }
    this.userAlphabets.push(createAlphabet(characters, offset));
  }

  addAlgorithm(uri: string, offset: number): void {
    if (FIRST_USER_ALGORITHM + this.userAlgorithms.length > MAX_TABLE_INDEX_OCTET) {
      throw new FastInfosetError("more than 225 user-defined encoding algorithms", offset);
    }
    this.userAlgorithms.push(uri);
  }

  /** Loads a vocabulary given as strings (an external vocabulary), after what is already there. */
  load(vocabulary: FiVocabulary, offset: number): void {
    for (const a of vocabulary.restrictedAlphabets ?? []) this.addAlphabet(a, offset);
    for (const a of vocabulary.encodingAlgorithms ?? []) this.addAlgorithm(a, offset);
    const fill = (table: StringTable, values: readonly string[] | undefined) => values?.forEach((v) => table.add(v));
    fill(this.prefixes, vocabulary.prefixes);
    fill(this.namespaceNames, vocabulary.namespaceNames);
    fill(this.localNames, vocabulary.localNames);
    fill(this.otherNCNames, vocabulary.otherNCNames);
    fill(this.otherURIs, vocabulary.otherURIs);
    fill(this.attributeValues, vocabulary.attributeValues);
    fill(this.contentCharacterChunks, vocabulary.contentCharacterChunks);
    fill(this.otherStrings, vocabulary.otherStrings);
    for (const n of vocabulary.elementNames ?? []) this.elementNames.add(qualifiedName(n.prefix, n.namespaceName, n.localName));
    for (const n of vocabulary.attributeNames ?? []) this.attributeNames.add(qualifiedName(n.prefix, n.namespaceName, n.localName));
  }
}

/** The first attribute name that repeats an earlier one's expanded name (namespace + local name), if any. */
export function duplicateAttributeName(attributes: readonly { name: FiQualifiedName }[]): FiQualifiedName | undefined {
  const n = attributes.length;
  if (n <= 16) {
    for (let i = 1; i < n; i++) {
      const a = attributes[i]!.name;
      for (let j = 0; j < i; j++) {
        const o = attributes[j]!.name;
        if (a === o || (a.localName === o.localName && a.namespaceName === o.namespaceName)) return a;
      }
    }
    return undefined;
  }
  const seen = new Set<string>();
  for (const { name } of attributes) {
    const key = `${name.namespaceName}\u0000${name.localName}`;
    if (seen.has(key)) return name;
    seen.add(key);
  }
  return undefined;
}
