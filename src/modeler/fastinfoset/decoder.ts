import { ByteReader, hex } from "./byte-reader.js";
import { StringReader } from "./string-reader.js";
import { DecoderVocabulary, NONE, duplicateAttributeName } from "./vocabulary.js";
import { readHeader } from "./header.js";
import { DomBuilder } from "./dom-builder.js";
import {
  COMMENT,
  DOCUMENT_TYPE_DECLARATION,
  DOUBLE_TERMINATOR,
  ELEMENT_HAS_ATTRIBUTES,
  ELEMENT_NAMESPACE_ATTRIBUTES,
  LITERAL_QNAME_BIT2,
  LITERAL_QNAME_BIT3,
  MAX_STRING_LENGTH,
  NAMESPACE_ATTRIBUTE,
  PROCESSING_INSTRUCTION,
  PUBLIC_ID_FLAG,
  QNAME_NAMESPACE_FLAG,
  QNAME_PREFIX_FLAG,
  SYSTEM_ID_FLAG,
  TERMINATOR,
  UNEXPANDED_ENTITY_REFERENCE,
} from "./constants.js";
import type {
  FiAttribute,
  FiContentHandler,
  FiDecodeOptions,
  FiDocument,
  FiDocumentProperties,
  FiDocumentTypeDeclaration,
  FiNamespaceDeclaration,
  FiQualifiedName,
  FiUnexpandedEntityReference,
} from "./types.js";

const DEFAULT_MAX_DEPTH = 10_000;

/** Decodes a Fast Infoset document into a `FiDocument` tree (adjacent character chunks merged). */
export function decodeFastInfoset(input: Uint8Array, options: FiDecodeOptions = {}): FiDocument {
  const builder = new DomBuilder();
  parseFastInfoset(input, builder, options);
  return builder.document();
}

/**
 * Decodes a Fast Infoset document, reporting it to `handler` as it goes (SAX style). Throws
 * `FastInfosetError` (with the byte offset) on malformed input; handlers may have been called
 * for the part before the error.
 */
export function parseFastInfoset(input: Uint8Array, handler: FiContentHandler, options: FiDecodeOptions = {}): void {
  new BodyDecoder(input, handler, options).run();
}

type RequiredHandler = Required<FiContentHandler>;

const noop = (): void => {};

function completeHandler(h: FiContentHandler): RequiredHandler {
  return {
    startDocument: h.startDocument?.bind(h) ?? noop,
    documentType: h.documentType?.bind(h) ?? noop,
    startElement: h.startElement?.bind(h) ?? noop,
    endElement: h.endElement?.bind(h) ?? noop,
    characters: h.characters?.bind(h) ?? noop,
    comment: h.comment?.bind(h) ?? noop,
    processingInstruction: h.processingInstruction?.bind(h) ?? noop,
    entityReference: h.entityReference?.bind(h) ?? noop,
    endDocument: h.endDocument?.bind(h) ?? noop,
  };
}

/**
 * The document's children and everything below them. Iterative (an explicit stack of open
 * elements) so that deeply nested input cannot overflow the call stack.
 */
class BodyDecoder {
  private readonly r: ByteReader;
  private readonly strings: StringReader;
  private readonly vocabulary = new DecoderVocabulary();
  private readonly h: RequiredHandler;
  private readonly maxDepth: number;
  private readonly open: FiQualifiedName[] = [];
  /** Characters in the current run of adjacent chunks: a merged run must stay a valid JS string. */
  private textRun = 0;
  private readonly attributeScratch: FiAttribute[] = [];
  private readonly namespaceScratch: FiNamespaceDeclaration[] = [];
  private seenDocumentType = false;

  constructor(
    input: Uint8Array,
    handler: FiContentHandler,
    private readonly options: FiDecodeOptions,
  ) {
    this.r = new ByteReader(input);
    this.strings = new StringReader(this.r, this.vocabulary, options.encodingAlgorithms);
    this.h = completeHandler(handler);
    this.maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  }

  run(): void {
    const properties: FiDocumentProperties = readHeader(this.r, this.strings, this.options);
    this.h.startDocument(properties);
    this.children();
    if (this.r.pos !== this.r.end) this.r.fail(`${this.r.end - this.r.pos} octets follow the end of the document`);
    this.h.endDocument();
  }

  private children(): void {
    const r = this.r;
    const open = this.open;
    for (;;) {
      const at = r.pos;
      const b = r.u8();
      if (b < 0x80) {
        this.textRun = 0;
        this.element(b, at);
        continue;
      }
      if ((b & 0xc0) === 0x80 && open.length > 0) {
        const text = this.strings.characterChunk(b, at);
        this.textRun += text.length;
        if (this.textRun > MAX_STRING_LENGTH) r.fail("adjacent character chunks are too long to hold as one string", at);
        this.h.characters(text, this.strings.lastChunkWasCdata);
        continue;
      }
      this.textRun = 0;
      if (b === TERMINATOR || b === DOUBLE_TERMINATOR) {
        let ends = b === TERMINATOR ? 1 : 2;
        while (ends > 0 && open.length > 0) {
          this.h.endElement(open.pop()!);
          ends--;
        }
        if (ends > 1) r.fail("double terminator after the end of the document", at);
        if (ends === 1) return;
      } else if (b === PROCESSING_INSTRUCTION) {
        const target = this.strings.identifying(this.vocabulary.otherNCNames);
        this.h.processingInstruction(target, this.strings.nonIdentifying(this.vocabulary.otherStrings));
      } else if (b === COMMENT) {
        this.h.comment(this.strings.nonIdentifying(this.vocabulary.otherStrings));
      } else if (open.length === 0 && (b & 0xfc) === DOCUMENT_TYPE_DECLARATION) {
        if (this.documentType(b, at)) return;
      } else if (open.length > 0 && (b & 0xfc) === UNEXPANDED_ENTITY_REFERENCE) {
        this.entityReference(b);
      } else {
        r.fail(`unexpected octet 0x${hex(b)} among the children of ${open.length ? "an element" : "the document"}`, at);
      }
    }
  }

  private element(b: number, at: number): void {
    const r = this.r;
    const strings = this.strings;
    const v = this.vocabulary;
    // Scratch arrays filled from slot 0 and copied at exact size; never truncated, since setting
    // an array's length is a slow runtime call paid on every element.
    const namespaceScratch = this.namespaceScratch;
    let namespaceCount = 0;
    let nameOctet = b;
    let nameAt = at;
    if ((b & 0x3f) === ELEMENT_NAMESPACE_ATTRIBUTES) {
      for (;;) {
        const nsAt = r.pos;
        const n = r.u8();
        if (n === TERMINATOR) break;
        if ((n & 0xfc) !== NAMESPACE_ATTRIBUTE) r.fail(`expected a namespace attribute or terminator, found 0x${hex(n)}`, nsAt);
        const prefix = n & QNAME_PREFIX_FLAG ? strings.identifying(v.prefixes) : "";
        const namespaceName = n & QNAME_NAMESPACE_FLAG ? strings.identifying(v.namespaceNames) : "";
        namespaceScratch[namespaceCount++] = { prefix, namespaceName };
      }
      nameAt = r.pos;
      nameOctet = strings.paddedOctet("element name", 0xc0);
    }
    const name =
      (nameOctet & LITERAL_QNAME_BIT3) === LITERAL_QNAME_BIT3
        ? strings.literalName(nameOctet, nameAt, v.elementNames)
        : v.elementNames.get(r.indexBit3(nameOctet), nameAt);
    const attributeScratch = this.attributeScratch;
    let attributeCount = 0;
    let hasChildren = true;
    if (b & ELEMENT_HAS_ATTRIBUTES) {
      for (;;) {
        const attributeAt = r.pos;
        const a = r.u8();
        if (a < 0x80) {
          const attributeName =
            (a & 0x7c) === LITERAL_QNAME_BIT2
              ? strings.literalName(a, attributeAt, v.attributeNames)
              : v.attributeNames.get(r.indexBit2(a), attributeAt);
          attributeScratch[attributeCount++] = { name: attributeName, value: strings.nonIdentifying(v.attributeValues) };
        } else if (a === TERMINATOR) {
          break;
        } else if (a === DOUBLE_TERMINATOR) {
          hasChildren = false;
          break;
        } else {
          r.fail(`expected an attribute or terminator, found 0x${hex(a)}`, attributeAt);
        }
      }
    }
    const attributes = attributeCount > 0 ? attributeScratch.slice(0, attributeCount) : NONE;
    if (attributeCount > 1) this.checkDistinct(attributes, at);
    if (this.open.length >= this.maxDepth) r.fail(`elements nest deeper than ${this.maxDepth} levels (options.maxDepth)`, at);
    this.h.startElement(name, attributes, namespaceCount > 0 ? namespaceScratch.slice(0, namespaceCount) : NONE);
    if (hasChildren) this.open.push(name);
    else this.h.endElement(name);
  }

  /** An element may not carry two attributes with the same expanded name (the XML text would be malformed). */
  private checkDistinct(attributes: readonly FiAttribute[], at: number): void {
    const name = duplicateAttributeName(attributes);
    if (!name) return;
    const shown = name.namespaceName ? `{${name.namespaceName}}${name.localName}` : name.localName;
    this.r.fail(`element has two attributes named ${shown}`, at);
  }

  /** Returns true when its terminator was a double one, which also ends the document. */
  private documentType(b: number, at: number): boolean {
    const r = this.r;
    const strings = this.strings;
    const v = this.vocabulary;
    if (this.seenDocumentType) r.fail("second document type declaration", at);
    this.seenDocumentType = true;
    const declaration: FiDocumentTypeDeclaration = { kind: "documentType", processingInstructions: [] };
    if (b & SYSTEM_ID_FLAG) declaration.systemId = strings.identifying(v.otherURIs);
    if (b & PUBLIC_ID_FLAG) declaration.publicId = strings.identifying(v.otherURIs);
    for (;;) {
      const itemAt = r.pos;
      const c = r.u8();
      if (c === PROCESSING_INSTRUCTION) {
        const target = strings.identifying(v.otherNCNames);
        const data = strings.nonIdentifying(v.otherStrings);
        declaration.processingInstructions.push({ kind: "processingInstruction", target, data });
      } else if (c === TERMINATOR || c === DOUBLE_TERMINATOR) {
        this.h.documentType(declaration);
        return c === DOUBLE_TERMINATOR;
      } else {
        r.fail(`expected a processing instruction or terminator in the document type declaration, found 0x${hex(c)}`, itemAt);
      }
    }
  }

  private entityReference(b: number): void {
    const strings = this.strings;
    const v = this.vocabulary;
    const reference: FiUnexpandedEntityReference = { kind: "entityReference", name: strings.identifying(v.otherNCNames) };
    if (b & SYSTEM_ID_FLAG) reference.systemId = strings.identifying(v.otherURIs);
    if (b & PUBLIC_ID_FLAG) reference.publicId = strings.identifying(v.otherURIs);
    this.h.entityReference(reference);
  }
}
