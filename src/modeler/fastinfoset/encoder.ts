import { ByteWriter } from "./byte-writer.js";
import { EncoderTables } from "./encoder-tables.js";
import { duplicateAttributeName } from "./vocabulary.js";
import * as C from "./constants.js";
import type {
  FiAttribute,
  FiDocument,
  FiDocumentTypeDeclaration,
  FiElement,
  FiEncodeOptions,
  FiNode,
  FiProcessingInstruction,
  FiUnexpandedEntityReference,
} from "./types.js";

const DEFAULT_INDEX_SHORTER_THAN = 32;

/**
 * Encodes a document as Fast Infoset (X.891), with every name and prefix in the tables and short
 * attribute values and character chunks added to theirs, so repeats cost one to three octets.
 * Refuses (with `FastInfosetError`) what the decoder would refuse: empty names, prefixed names
 * without a namespace, duplicate attributes, text at document level, two document type declarations.
 */
export function encodeFastInfoset(document: FiDocument, options: FiEncodeOptions = {}): Uint8Array {
  const w = new ByteWriter();
  const tables = new EncoderTables(w, options.indexStringsShorterThan ?? DEFAULT_INDEX_SHORTER_THAN);
  if (options.xmlDeclaration) w.bytes(Buffer.from(xmlDeclaration(document), "latin1"));
  w.bytes(C.FI_MAGIC);
  writeHeader(document, w, tables);
  let documentTypes = 0;
  for (const child of document.children) {
    switch (child.kind) {
      case "element":
        writeElement(child, w, tables);
        break;
      case "documentType":
        if (++documentTypes > 1) tables.fail("a document has at most one document type declaration");
        writeDocumentType(child, w, tables);
        break;
      case "comment":
      case "processingInstruction":
        writeLeaf(child, w, tables);
        break;
      default:
        tables.fail(`a ${(child as FiNode).kind} cannot be a child of the document`);
    }
  }
  w.terminate();
  return w.result();
}

/** One of the declaration forms X.891 allows before the binary header. */
function xmlDeclaration(document: FiDocument): string {
  const version = document.version === "1.0" || document.version === "1.1" ? ` version='${document.version}'` : "";
  const standalone = document.standalone === undefined ? "" : ` standalone='${document.standalone ? "yes" : "no"}'`;
  return `<?xml${version} encoding='finf'${standalone}?>`;
}

function writeHeader(document: FiDocument, w: ByteWriter, tables: EncoderTables): void {
  const additionalData = document.additionalData ?? [];
  const notations = document.notations ?? [];
  const unparsedEntities = document.unparsedEntities ?? [];
  let optional = 0;
  if (additionalData.length) optional |= C.HEADER_ADDITIONAL_DATA;
  if (notations.length) optional |= C.HEADER_NOTATIONS;
  if (unparsedEntities.length) optional |= C.HEADER_UNPARSED_ENTITIES;
  if (document.characterEncodingScheme !== undefined) optional |= C.HEADER_CHARACTER_ENCODING_SCHEME;
  if (document.standalone !== undefined) optional |= C.HEADER_STANDALONE;
  if (document.version !== undefined) optional |= C.HEADER_VERSION;
  w.byte(optional);
  if (additionalData.length) {
    w.sequenceLength(additionalData.length);
    for (const datum of additionalData) {
      paddedUtf8(w, tables, datum.id, "additional datum id");
      if (datum.data.length === 0) tables.fail(`additional datum ${datum.id} is empty`);
      w.lengthBit2(0x00, datum.data.length);
      w.bytes(datum.data);
    }
  }
  for (const n of notations) {
    w.byte(C.NOTATION | (n.systemId !== undefined ? C.SYSTEM_ID_FLAG : 0) | (n.publicId !== undefined ? C.PUBLIC_ID_FLAG : 0));
    tables.identifying(tables.otherNCNames, n.name, "notation name");
    if (n.systemId !== undefined) tables.identifying(tables.otherURIs, n.systemId, "notation system identifier");
    if (n.publicId !== undefined) tables.identifying(tables.otherURIs, n.publicId, "notation public identifier");
  }
  if (notations.length) w.byte(C.TERMINATOR);
  for (const e of unparsedEntities) {
    w.byte(C.UNPARSED_ENTITY | (e.publicId !== undefined ? C.PUBLIC_ID_FLAG : 0));
    tables.identifying(tables.otherNCNames, e.name, "unparsed entity name");
    tables.identifying(tables.otherURIs, e.systemId, "unparsed entity system identifier");
    if (e.publicId !== undefined) tables.identifying(tables.otherURIs, e.publicId, "unparsed entity public identifier");
    tables.identifying(tables.otherNCNames, e.notationName, "unparsed entity notation name");
  }
  if (unparsedEntities.length) w.byte(C.TERMINATOR);
  if (document.characterEncodingScheme !== undefined) {
    paddedUtf8(w, tables, document.characterEncodingScheme, "character encoding scheme");
  }
  if (document.standalone !== undefined) w.byte(document.standalone ? 1 : 0);
  if (document.version !== undefined) tables.nonIdentifying(tables.otherStrings, document.version);
}

function paddedUtf8(w: ByteWriter, tables: EncoderTables, text: string, what: string): void {
  if (text.length === 0) tables.fail(`${what} must not be empty`);
  const length = Buffer.byteLength(text, "utf8");
  w.lengthBit2(0x00, length);
  w.utf8(text, length);
}

function writeDocumentType(declaration: FiDocumentTypeDeclaration, w: ByteWriter, tables: EncoderTables): void {
  const { systemId, publicId } = declaration;
  w.byte(C.DOCUMENT_TYPE_DECLARATION | (systemId !== undefined ? C.SYSTEM_ID_FLAG : 0) | (publicId !== undefined ? C.PUBLIC_ID_FLAG : 0));
  if (systemId !== undefined) tables.identifying(tables.otherURIs, systemId, "document type system identifier");
  if (publicId !== undefined) tables.identifying(tables.otherURIs, publicId, "document type public identifier");
  for (const pi of declaration.processingInstructions) writeLeaf(pi, w, tables);
  w.terminate();
}

type Leaf = Exclude<FiNode, FiElement>;

function writeLeaf(node: Leaf | FiProcessingInstruction, w: ByteWriter, tables: EncoderTables): void {
  switch (node.kind) {
    case "text":
      if (node.value.length > 0) tables.characterChunk(node.value, node.cdata === true);
      break;
    case "comment":
      w.byte(C.COMMENT);
      tables.nonIdentifying(tables.otherStrings, node.value);
      break;
    case "processingInstruction":
      w.byte(C.PROCESSING_INSTRUCTION);
      tables.identifying(tables.otherNCNames, node.target, "processing instruction target");
      tables.nonIdentifying(tables.otherStrings, node.data);
      break;
    case "entityReference":
      writeEntityReference(node, w, tables);
      break;
    default:
      tables.fail(`unknown node kind ${(node as { kind: unknown }).kind}`);
  }
}

function writeEntityReference(node: FiUnexpandedEntityReference, w: ByteWriter, tables: EncoderTables): void {
  const { systemId, publicId } = node;
  w.byte(C.UNEXPANDED_ENTITY_REFERENCE | (systemId !== undefined ? C.SYSTEM_ID_FLAG : 0) | (publicId !== undefined ? C.PUBLIC_ID_FLAG : 0));
  tables.identifying(tables.otherNCNames, node.name, "entity reference name");
  if (systemId !== undefined) tables.identifying(tables.otherURIs, systemId, "entity reference system identifier");
  if (publicId !== undefined) tables.identifying(tables.otherURIs, publicId, "entity reference public identifier");
}

/** Iterative, so any depth can be written without overflowing the call stack. */
function writeElement(top: FiElement, w: ByteWriter, tables: EncoderTables): void {
  const stack: { element: FiElement; next: number }[] = [];
  const start = (element: FiElement): void => {
    const hasAttributes = element.attributes.length > 0;
    const attributeBit = hasAttributes ? C.ELEMENT_HAS_ATTRIBUTES : 0;
    if (element.namespaceDeclarations.length > 0) {
      w.byte(attributeBit | C.ELEMENT_NAMESPACE_ATTRIBUTES);
      for (const { prefix, namespaceName } of element.namespaceDeclarations) {
        w.byte(C.NAMESPACE_ATTRIBUTE | (prefix ? C.QNAME_PREFIX_FLAG : 0) | (namespaceName ? C.QNAME_NAMESPACE_FLAG : 0));
        if (prefix) tables.identifying(tables.prefixes, prefix, "namespace prefix");
        if (namespaceName) tables.identifying(tables.namespaceNames, namespaceName, "namespace name");
      }
      w.byte(C.TERMINATOR);
      tables.elementName(0x00, element.name);
    } else {
      tables.elementName(attributeBit, element.name);
    }
    if (hasAttributes) {
      if (element.attributes.length > 1) checkDistinct(element.attributes, tables);
      for (const attribute of element.attributes) {
        tables.attributeName(attribute.name);
        tables.nonIdentifying(tables.attributeValues, attribute.value);
      }
      w.terminate();
    }
    if (element.children.length === 0) w.terminate();
    else stack.push({ element, next: 0 });
  };
  start(top);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const child = frame.element.children[frame.next++];
    if (child === undefined) {
      w.terminate();
      stack.pop();
    } else if (child.kind === "element") {
      start(child);
    } else {
      writeLeaf(child, w, tables);
    }
  }
}

function checkDistinct(attributes: readonly FiAttribute[], tables: EncoderTables): void {
  const duplicate = duplicateAttributeName(attributes);
  if (duplicate) tables.fail(`element has two attributes named ${duplicate.localName}`);
}
