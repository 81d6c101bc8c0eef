/**
 * The document model produced by the decoder and consumed by the encoder: the XML infoset as
 * Fast Infoset (ITU-T X.891) carries it. Names keep prefix and namespace name as encoded (no
 * scope resolution is needed: Fast Infoset names carry their namespace name explicitly).
 */

/** A qualified name. Empty strings mean "no prefix" / "no namespace". */
export interface FiQualifiedName {
  readonly prefix: string;
  readonly namespaceName: string;
  readonly localName: string;
}

export interface FiAttribute {
  name: FiQualifiedName;
  value: string;
}

/** `xmlns:prefix="namespaceName"`; prefix "" is the default namespace (`xmlns=""` undeclares). */
export interface FiNamespaceDeclaration {
  prefix: string;
  namespaceName: string;
}

/**
 * The arrays are read-only: decoded elements share one frozen empty array wherever they have no
 * attributes, declarations or children (hundreds of thousands of small elements would otherwise
 * each carry three arrays). To change an element, assign a new array.
 */
export interface FiElement {
  kind: "element";
  name: FiQualifiedName;
  attributes: readonly FiAttribute[];
  namespaceDeclarations: readonly FiNamespaceDeclaration[];
  children: readonly FiNode[];
}

/** Character content. `cdata` marks a CDATA section (the built-in "cdata" encoding algorithm). */
export interface FiText {
  kind: "text";
  value: string;
  cdata?: boolean;
}

export interface FiComment {
  kind: "comment";
  value: string;
}

export interface FiProcessingInstruction {
  kind: "processingInstruction";
  target: string;
  data: string;
}

/** An entity reference the producer did not expand (`&name;`). */
export interface FiUnexpandedEntityReference {
  kind: "entityReference";
  name: string;
  systemId?: string;
  publicId?: string;
}

/**
 * The document type declaration. Fast Infoset carries no DTD name (it is the document element's
 * name) and no markup declarations other than notations and unparsed entities (on the document).
 */
export interface FiDocumentTypeDeclaration {
  kind: "documentType";
  systemId?: string;
  publicId?: string;
  processingInstructions: FiProcessingInstruction[];
}

export type FiNode = FiElement | FiText | FiComment | FiProcessingInstruction | FiUnexpandedEntityReference;
export type FiDocumentChild = FiElement | FiComment | FiProcessingInstruction | FiDocumentTypeDeclaration;

export interface FiNotation {
  name: string;
  systemId?: string;
  publicId?: string;
}

export interface FiUnparsedEntity {
  name: string;
  systemId: string;
  publicId?: string;
  notationName: string;
}

/** Application data carried in the header, identified by a URI. */
export interface FiAdditionalDatum {
  id: string;
  data: Uint8Array;
}

/** Document-level properties from the optional header parts. */
export interface FiDocumentProperties {
  /** The textual XML declaration that preceded the binary header, if any (`<?xml … encoding='finf'?>`). */
  xmlDeclaration?: string;
  version?: string;
  standalone?: boolean;
  characterEncodingScheme?: string;
  additionalData: FiAdditionalDatum[];
  notations: FiNotation[];
  unparsedEntities: FiUnparsedEntity[];
}

export interface FiDocument extends FiDocumentProperties {
  kind: "document";
  children: FiDocumentChild[];
}

/**
 * The content of a vocabulary (X.891 initial vocabulary tables), used to supply external
 * vocabularies to the decoder. Entries are appended after the built-in ones, in order.
 */
export interface FiVocabulary {
  /** Characters of each user-defined restricted alphabet (table indices 16 and up). */
  restrictedAlphabets?: readonly string[];
  /** URIs of user-defined encoding algorithms (table indices 32 and up). */
  encodingAlgorithms?: readonly string[];
  prefixes?: readonly string[];
  namespaceNames?: readonly string[];
  localNames?: readonly string[];
  otherNCNames?: readonly string[];
  otherURIs?: readonly string[];
  attributeValues?: readonly string[];
  contentCharacterChunks?: readonly string[];
  otherStrings?: readonly string[];
  elementNames?: readonly FiQualifiedName[];
  attributeNames?: readonly FiQualifiedName[];
}

/** Turns the octets of a user-defined encoding algorithm into characters. */
export type FiEncodingAlgorithmDecoder = (octets: Uint8Array) => string;

export interface FiDecodeOptions {
  /** External vocabularies by URI; a document referring to an unknown one is refused. */
  externalVocabularies?: Readonly<Record<string, FiVocabulary>>;
  /** Decoders for user-defined encoding algorithms by URI; unknown ones are refused. */
  encodingAlgorithms?: Readonly<Record<string, FiEncodingAlgorithmDecoder>>;
  /** Deepest element nesting accepted (default 10 000); deeper input is refused, never overflows the stack. */
  maxDepth?: number;
}

export interface FiEncodeOptions {
  /** Character chunks and attribute values shorter than this are added to the tables (default 32, like the Java encoder). */
  indexStringsShorterThan?: number;
  /** Write the textual `<?xml version='1.0' encoding='finf'?>` declaration before the binary header. */
  xmlDeclaration?: boolean;
}

/**
 * SAX-like callbacks of `parseFastInfoset`. Every callback is optional. Name objects are shared
 * between elements with the same name (they come from the decoder's tables): do not mutate them.
 */
export interface FiContentHandler {
  startDocument?(properties: FiDocumentProperties): void;
  documentType?(declaration: FiDocumentTypeDeclaration): void;
  startElement?(name: FiQualifiedName, attributes: readonly FiAttribute[], namespaceDeclarations: readonly FiNamespaceDeclaration[]): void;
  endElement?(name: FiQualifiedName): void;
  /** One character chunk; adjacent chunks are reported separately. */
  characters?(text: string, cdata: boolean): void;
  comment?(text: string): void;
  processingInstruction?(target: string, data: string): void;
  entityReference?(reference: FiUnexpandedEntityReference): void;
  endDocument?(): void;
}
