import { FastInfosetError } from "./errors.js";
import { hex, type ByteReader } from "./byte-reader.js";
import type { StringReader } from "./string-reader.js";
import { qualifiedName, type NameTable, type StringTable } from "./vocabulary.js";
import * as C from "./constants.js";
import type { FiAdditionalDatum, FiDecodeOptions, FiDocumentProperties, FiNotation, FiUnparsedEntity } from "./types.js";

/** The XML declaration that may precede the binary header is short; anything longer is not one. */
const MAX_XML_DECLARATION = 128;

/** True when `bytes` start like a Fast Infoset document (binary header or `<?xml … encoding='finf'?>`). */
export function isFastInfoset(bytes: Uint8Array): boolean {
  const start = xmlDeclarationEnd(bytes);
  if (start < 0) return false;
  return C.FI_MAGIC.every((b, i) => bytes[start + i] === b);
}

/** Offset after a leading `<?xml … finf …?>` (0 when there is none, -1 when it is not a finf declaration). */
function xmlDeclarationEnd(bytes: Uint8Array): number {
  if (!(bytes[0] === 0x3c && bytes[1] === 0x3f && bytes[2] === 0x78 && bytes[3] === 0x6d && bytes[4] === 0x6c)) return 0;
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, MAX_XML_DECLARATION)).toString("latin1");
  const end = head.indexOf("?>");
  if (end < 0 || !/encoding\s*=\s*(['"])finf\1/.test(head.slice(0, end))) return -1;
  return end + 2;
}

/** Reads everything before the document's children: declaration, identification, version and optional parts. */
export function readHeader(r: ByteReader, strings: StringReader, options: FiDecodeOptions): FiDocumentProperties {
  const properties: FiDocumentProperties = { additionalData: [], notations: [], unparsedEntities: [] };
  const declarationEnd = xmlDeclarationEnd(r.bytes);
  if (declarationEnd < 0) r.fail("the document starts with an XML declaration that does not say encoding='finf'", 0);
  if (declarationEnd > 0) {
    properties.xmlDeclaration = Buffer.from(r.bytes.buffer, r.bytes.byteOffset, declarationEnd).toString("latin1");
    r.pos = declarationEnd;
  }
  readIdentification(r);
  const optional = r.u8();
  if (optional & 0x80) r.fail(`invalid optional-components octet 0x${hex(optional)}`, r.pos - 1);
  if (optional & C.HEADER_ADDITIONAL_DATA) properties.additionalData = readAdditionalData(r, strings);
  if (optional & C.HEADER_INITIAL_VOCABULARY) readInitialVocabulary(r, strings, options);
  if (optional & C.HEADER_NOTATIONS) properties.notations = readNotations(r, strings);
  if (optional & C.HEADER_UNPARSED_ENTITIES) properties.unparsedEntities = readUnparsedEntities(r, strings);
  if (optional & C.HEADER_CHARACTER_ENCODING_SCHEME) properties.characterEncodingScheme = strings.paddedUtf8("character encoding scheme");
  if (optional & C.HEADER_STANDALONE) {
    const b = r.u8();
    if (b > 1) r.fail(`invalid standalone octet 0x${hex(b)}`, r.pos - 1);
    properties.standalone = b === 1;
  }
  if (optional & C.HEADER_VERSION) properties.version = strings.nonIdentifying(strings.vocabulary.otherStrings);
  return properties;
}

function readIdentification(r: ByteReader): void {
  const at = r.pos;
  if (r.remaining() < 4) r.fail("input is too short to be a Fast Infoset document", at);
  const b = r.bytes;
  if (b[at] !== 0xe0 || b[at + 1] !== 0x00) r.fail("not a Fast Infoset document (missing the E0 00 identification)", at);
  const version = (b[at + 2]! << 8) | b[at + 3]!;
  if (version !== 1) r.fail(`unsupported Fast Infoset version ${version} (only version 1 exists)`, at + 2);
  r.pos = at + 4;
}

function readAdditionalData(r: ByteReader, strings: StringReader): FiAdditionalDatum[] {
  const count = r.sequenceLength("additional data");
  const data: FiAdditionalDatum[] = [];
  for (let i = 0; i < count; i++) {
    const id = strings.paddedUtf8("additional datum id");
    const octets = r.take(r.lengthBit2(strings.paddedOctet("additional datum")));
    data.push({ id, data: octets.slice() });
  }
  return data;
}

function readNotations(r: ByteReader, strings: StringReader): FiNotation[] {
  const v = strings.vocabulary;
  const notations: FiNotation[] = [];
  for (;;) {
    const at = r.pos;
    const b = r.u8();
    if (b === C.TERMINATOR) return notations;
    if ((b & 0xfc) !== C.NOTATION) r.fail(`expected a notation or terminator, found 0x${hex(b)}`, at);
    const notation: FiNotation = { name: strings.identifying(v.otherNCNames) };
    if (b & C.SYSTEM_ID_FLAG) notation.systemId = strings.identifying(v.otherURIs);
    if (b & C.PUBLIC_ID_FLAG) notation.publicId = strings.identifying(v.otherURIs);
    notations.push(notation);
  }
}

function readUnparsedEntities(r: ByteReader, strings: StringReader): FiUnparsedEntity[] {
  const v = strings.vocabulary;
  const entities: FiUnparsedEntity[] = [];
  for (;;) {
    const at = r.pos;
    const b = r.u8();
    if (b === C.TERMINATOR) return entities;
    if ((b & 0xfe) !== C.UNPARSED_ENTITY) r.fail(`expected an unparsed entity or terminator, found 0x${hex(b)}`, at);
    const name = strings.identifying(v.otherNCNames);
    const systemId = strings.identifying(v.otherURIs);
    const publicId = b & C.PUBLIC_ID_FLAG ? strings.identifying(v.otherURIs) : undefined;
    const notationName = strings.identifying(v.otherNCNames);
    entities.push(publicId === undefined ? { name, systemId, notationName } : { name, systemId, publicId, notationName });
  }
}

/** C.2.5: the initial vocabulary, appended to the built-in tables (after an external vocabulary, if any). */
function readInitialVocabulary(r: ByteReader, strings: StringReader, options: FiDecodeOptions): void {
  const v = strings.vocabulary;
  const first = strings.paddedOctet("initial vocabulary", 0xe0);
  const second = r.u8();
  if (first & C.VOCAB_EXTERNAL) {
    const at = r.pos;
    const uri = strings.paddedUtf8("external vocabulary");
    const vocabularies = options.externalVocabularies;
    const external = vocabularies && Object.hasOwn(vocabularies, uri) ? vocabularies[uri] : undefined;
    if (!external) {
      throw new FastInfosetError(
        `the document uses external vocabulary ${uri}, which is not available: pass it in options.externalVocabularies`,
        at,
        { vocabulary: uri },
      );
    }
    v.load(external, at);
  }
  if (first & C.VOCAB_RESTRICTED_ALPHABETS) {
    repeat(r, "restricted alphabets", (at) => v.addAlphabet(strings.paddedUtf8("restricted alphabet"), at));
  }
  if (first & C.VOCAB_ENCODING_ALGORITHMS) {
    repeat(r, "encoding algorithms", (at) => v.addAlgorithm(strings.paddedUtf8("encoding algorithm"), at));
  }
  const literalStrings: [number, StringTable][] = [
    [first & C.VOCAB_PREFIXES, v.prefixes],
    [first & C.VOCAB_NAMESPACE_NAMES, v.namespaceNames],
    [second & C.VOCAB_LOCAL_NAMES, v.localNames],
    [second & C.VOCAB_OTHER_NCNAMES, v.otherNCNames],
    [second & C.VOCAB_OTHER_URIS, v.otherURIs],
  ];
  for (const [present, table] of literalStrings) {
    if (present) repeat(r, `${table.name} table`, () => table.add(strings.paddedUtf8(table.name)));
  }
  const encodedStrings: [number, StringTable][] = [
    [second & C.VOCAB_ATTRIBUTE_VALUES, v.attributeValues],
    [second & C.VOCAB_CONTENT_CHARACTER_CHUNKS, v.contentCharacterChunks],
    [second & C.VOCAB_OTHER_STRINGS, v.otherStrings],
  ];
  for (const [present, table] of encodedStrings) {
    if (present) {
      repeat(r, `${table.name} table`, (at) => table.add(strings.encodedBit3(strings.paddedOctet(table.name, 0xc0), at)));
    }
  }
  if (second & C.VOCAB_ELEMENT_NAME_SURROGATES) readNameSurrogates(r, strings, v.elementNames);
  if (second & C.VOCAB_ATTRIBUTE_NAME_SURROGATES) readNameSurrogates(r, strings, v.attributeNames);
}

function repeat(r: ByteReader, what: string, item: (at: number) => void): void {
  const count = r.sequenceLength(what);
  for (let i = 0; i < count; i++) item(r.pos);
}

/** C.16: name surrogates are indices into the prefix, namespace-name and local-name tables. */
function readNameSurrogates(r: ByteReader, strings: StringReader, table: NameTable): void {
  const v = strings.vocabulary;
  const index = (what: string) => {
    const at = r.pos;
    return { value: r.indexBit2(strings.paddedOctet(what)), at };
  };
  repeat(r, `${table.name} table`, (at) => {
    const flags = strings.paddedOctet("name surrogate", 0xfc);
    if ((flags & C.QNAME_PREFIX_FLAG) && !(flags & C.QNAME_NAMESPACE_FLAG)) {
      r.fail("name surrogate has a prefix but no namespace name", at);
    }
    const prefix = flags & C.QNAME_PREFIX_FLAG ? index("prefix index") : undefined;
    const namespace = flags & C.QNAME_NAMESPACE_FLAG ? index("namespace name index") : undefined;
    const local = index("local name index");
    table.add(
      qualifiedName(
        prefix ? v.prefixes.get(prefix.value, prefix.at) : "",
        namespace ? v.namespaceNames.get(namespace.value, namespace.at) : "",
        v.localNames.get(local.value, local.at),
      ),
    );
  });
}
