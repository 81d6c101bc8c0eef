/**
 * Bit patterns and built-in vocabulary of ITU-T X.891 (Fast Infoset). Clause numbers refer to
 * Annex C of the standard ("encoding of the ASN.1 types").
 */

/** Identification (`E0 00`) and version 1 (`00 01`): the first four octets of every document. */
export const FI_MAGIC = [0xe0, 0x00, 0x00, 0x01] as const;

/** Every vocabulary table holds at most 2^20 entries (indices 1 .. 2^20). */
export const MAX_TABLE_ENTRIES = 1 << 20;

/** The longest string V8 can build; longer text is refused instead of crashing with a RangeError. */
export const MAX_STRING_LENGTH = (1 << 29) - 24;

export const XML_PREFIX = "xml";
export const XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace";

// Optional header components (C.2.3): the bits after the padding bit of the fifth octet.
export const HEADER_ADDITIONAL_DATA = 0x40;
export const HEADER_INITIAL_VOCABULARY = 0x20;
export const HEADER_NOTATIONS = 0x10;
export const HEADER_UNPARSED_ENTITIES = 0x08;
export const HEADER_CHARACTER_ENCODING_SCHEME = 0x04;
export const HEADER_STANDALONE = 0x02;
export const HEADER_VERSION = 0x01;

// Initial vocabulary presence bits (C.2.5), first and second octet.
export const VOCAB_EXTERNAL = 0x10;
export const VOCAB_RESTRICTED_ALPHABETS = 0x08;
export const VOCAB_ENCODING_ALGORITHMS = 0x04;
export const VOCAB_PREFIXES = 0x02;
export const VOCAB_NAMESPACE_NAMES = 0x01;
export const VOCAB_LOCAL_NAMES = 0x80;
export const VOCAB_OTHER_NCNAMES = 0x40;
export const VOCAB_OTHER_URIS = 0x20;
export const VOCAB_ATTRIBUTE_VALUES = 0x10;
export const VOCAB_CONTENT_CHARACTER_CHUNKS = 0x08;
export const VOCAB_OTHER_STRINGS = 0x04;
export const VOCAB_ELEMENT_NAME_SURROGATES = 0x02;
export const VOCAB_ATTRIBUTE_NAME_SURROGATES = 0x01;

// Item identifications among the children of a document or element.
export const TERMINATOR = 0xf0;
export const DOUBLE_TERMINATOR = 0xff;
export const PROCESSING_INSTRUCTION = 0xe1;
export const COMMENT = 0xe2;
export const DOCUMENT_TYPE_DECLARATION = 0xc4; // '110001' + system-id bit + public-id bit
export const UNEXPANDED_ENTITY_REFERENCE = 0xc8; // '110010' + system-id bit + public-id bit
export const NOTATION = 0xc0; // '110000' + system-id bit + public-id bit
export const UNPARSED_ENTITY = 0xd0; // '1101000' + public-id bit
export const NAMESPACE_ATTRIBUTE = 0xcc; // '110011' + prefix bit + namespace-name bit
export const SYSTEM_ID_FLAG = 0x02;
export const PUBLIC_ID_FLAG = 0x01;

// Element (C.3): '0' + attributes bit + (namespace attributes '111000' | qualified name on bit 3).
export const ELEMENT_HAS_ATTRIBUTES = 0x40;
export const ELEMENT_NAMESPACE_ATTRIBUTES = 0x38;
/** Literal qualified name starting on the third bit ('1111' + prefix bit + namespace bit). */
export const LITERAL_QNAME_BIT3 = 0x3c;
/** Literal qualified name starting on the second bit ('11110' + prefix bit + namespace bit). */
export const LITERAL_QNAME_BIT2 = 0x78;
export const QNAME_PREFIX_FLAG = 0x02;
export const QNAME_NAMESPACE_FLAG = 0x01;

// Restricted alphabet table: 1 numeric, 2 date and time, 3..15 reserved, 16..256 user-defined
// (X.891 7.2.19). The Java reference deviates: it numbers user-defined alphabets and algorithms
// from octet value 32 and uses "E" in the numeric alphabet; the standard's letter is "e".
export const ALPHABET_NUMERIC = 1;
export const ALPHABET_DATE_AND_TIME = 2;
export const FIRST_USER_ALPHABET = 16;
export const NUMERIC_ALPHABET = "0123456789-+.e ";
export const DATE_AND_TIME_ALPHABET = "0123456789-:TZ ";

// Encoding algorithm table: 1..10 built in, 11..31 reserved, 32..256 user-defined (X.891 7.2.20).
export const ALGORITHM_HEXADECIMAL = 1;
export const ALGORITHM_BASE64 = 2;
export const ALGORITHM_SHORT = 3;
export const ALGORITHM_INT = 4;
export const ALGORITHM_LONG = 5;
export const ALGORITHM_BOOLEAN = 6;
export const ALGORITHM_FLOAT = 7;
export const ALGORITHM_DOUBLE = 8;
export const ALGORITHM_UUID = 9;
export const ALGORITHM_CDATA = 10;
export const FIRST_USER_ALGORITHM = 32;
export const MAX_TABLE_INDEX_OCTET = 256;

export const ALGORITHM_NAMES: readonly string[] = [
  "",
  "hexadecimal",
  "base64",
  "short",
  "int",
  "long",
  "boolean",
  "float",
  "double",
  "uuid",
  "cdata",
];
