/**
 * Fast Infoset (ITU-T X.891 | ISO/IEC 24824-1) for modeler-batch: the binary XML of the main
 * member of Modeler 16+ `.str` files.
 *
 * - `decodeFastInfoset(bytes)` → `FiDocument` tree; `parseFastInfoset(bytes, handler)` for SAX-style events.
 * - `encodeFastInfoset(document)` → bytes any X.891 decoder reads (checked against the Java reference).
 * - `fiDocumentToXml(document)` → XML text; `isFastInfoset(bytes)` to tell FI from plain XML.
 *
 * Every problem with the input ends in a `FastInfosetError` (code `FAST_INFOSET`) carrying the byte offset.
 */
export { FastInfosetError } from "./errors.js";
export { decodeFastInfoset, parseFastInfoset } from "./decoder.js";
export { encodeFastInfoset } from "./encoder.js";
export { isFastInfoset } from "./header.js";
export { fastInfosetToXml, fiDocumentToXml, type FiXmlOptions } from "./xml-writer.js";
export { createQualifiedName, documentElement } from "./dom.js";
export type {
  FiAdditionalDatum,
  FiAttribute,
  FiComment,
  FiContentHandler,
  FiDecodeOptions,
  FiDocument,
  FiDocumentChild,
  FiDocumentProperties,
  FiDocumentTypeDeclaration,
  FiElement,
  FiEncodeOptions,
  FiEncodingAlgorithmDecoder,
  FiNamespaceDeclaration,
  FiNode,
  FiNotation,
  FiProcessingInstruction,
  FiQualifiedName,
  FiText,
  FiUnexpandedEntityReference,
  FiUnparsedEntity,
  FiVocabulary,
} from "./types.js";
