import { FastInfosetError } from "./errors.js";
import type { ByteWriter } from "./byte-writer.js";
import {
  ALGORITHM_CDATA,
  LITERAL_QNAME_BIT2,
  LITERAL_QNAME_BIT3,
  MAX_TABLE_ENTRIES,
  QNAME_NAMESPACE_FLAG,
  QNAME_PREFIX_FLAG,
  XML_NAMESPACE,
  XML_PREFIX,
} from "./constants.js";
import type { FiQualifiedName } from "./types.js";

/** Strings with a lone surrogate have no UTF-8 form; the encoder writes them as UTF-16 instead. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const ANY_SURROGATE = /[\ud800-\udfff]/;

function hasLoneSurrogate(text: string): boolean {
  return ANY_SURROGATE.test(text) && LONE_SURROGATE.test(text);
}

/**
 * The encoder's copy of one decoder table: same additions in the same order, capped at 2^20
 * entries. `find` returns the index of a known string, or adds it (when `add`) and returns
 * undefined, so a new string costs one lookup and one insertion.
 */
class IndexTable {
  private readonly indices = new Map<string, number>();
  private size = 0;

  constructor(builtIn: readonly string[] = []) {
    for (const value of builtIn) this.find(value, true);
  }

  find(value: string, add: boolean): number | undefined {
    const index = this.indices.get(value);
    if (index === undefined && add && this.size < MAX_TABLE_ENTRIES) this.indices.set(value, ++this.size);
    return index;
  }
}

interface NameEntry {
  readonly prefix: string;
  readonly namespaceName: string;
  readonly index: number;
  readonly next: NameEntry | undefined;
}

/** A name surrogate table, keyed by local name (names sharing one are chained). */
class NameIndexTable {
  private readonly byLocalName = new Map<string, NameEntry>();
  private size = 0;

  /** The index of `name`, or undefined after adding it (the caller then writes it literally). */
  find(name: FiQualifiedName): number | undefined {
    const head = this.byLocalName.get(name.localName);
    for (let e = head; e !== undefined; e = e.next) {
      if (e.namespaceName === name.namespaceName && e.prefix === name.prefix) return e.index;
    }
    if (this.size < MAX_TABLE_ENTRIES) {
      this.byLocalName.set(name.localName, { prefix: name.prefix, namespaceName: name.namespaceName, index: ++this.size, next: head });
    }
    return undefined;
  }
}

/** Writes strings and names, using the tables so that repeated ones become short indices. */
export class EncoderTables {
  readonly prefixes = new IndexTable([XML_PREFIX]);
  readonly namespaceNames = new IndexTable([XML_NAMESPACE]);
  readonly localNames = new IndexTable();
  readonly otherNCNames = new IndexTable();
  readonly otherURIs = new IndexTable();
  readonly attributeValues = new IndexTable();
  readonly contentCharacterChunks = new IndexTable();
  readonly otherStrings = new IndexTable();
  private readonly elementNames = new NameIndexTable();
  private readonly attributeNames = new NameIndexTable();

  constructor(
    private readonly w: ByteWriter,
    /** Non-identifying strings shorter than this are added to their table. */
    private readonly indexShorterThan: number,
  ) {}

  fail(message: string): never {
    throw new FastInfosetError(message, this.w.pos);
  }

  /** C.13: index if known, else a literal (UTF-8) that both sides add to `table`. */
  identifying(table: IndexTable, text: string, what: string): void {
    const w = this.w;
    if (text.length === 0) this.fail(`${what} must not be empty`);
    const index = table.find(text, true);
    if (index !== undefined) return w.indexBit2(0x80, index);
    if (hasLoneSurrogate(text)) this.fail(`${what} "${text}" contains a lone surrogate, which has no UTF-8 form`);
    const length = Buffer.byteLength(text, "utf8");
    w.lengthBit2(0x00, length);
    w.utf8(text, length);
  }

  /** C.14: "" as index zero, an index if known, else a literal added to `table` when short. */
  nonIdentifying(table: IndexTable, text: string): void {
    const w = this.w;
    if (text.length === 0) return w.byte(0xff);
    const add = text.length < this.indexShorterThan;
    const index = table.find(text, add);
    if (index !== undefined) return w.indexBit2(0x80, index);
    const high = add ? 0x40 : 0x00;
    if (hasLoneSurrogate(text)) {
      w.lengthBit5(high | 0x10, text.length * 2);
      w.utf16(text);
    } else {
      const length = Buffer.byteLength(text, "utf8");
      w.lengthBit5(high, length);
      w.utf8(text, length);
    }
  }

  /** C.15 character chunk ('10' + …); CDATA sections use the built-in "cdata" encoding algorithm. */
  characterChunk(text: string, cdata: boolean): void {
    const w = this.w;
    if (cdata) {
      if (hasLoneSurrogate(text)) this.fail("a CDATA section contains a lone surrogate, which has no UTF-8 form");
      const algorithm = ALGORITHM_CDATA - 1;
      const length = Buffer.byteLength(text, "utf8");
      w.byte(0x80 | 0x0c | (algorithm >> 6));
      w.lengthBit7((algorithm & 0x3f) << 2, length);
      w.utf8(text, length);
      return;
    }
    const add = text.length < this.indexShorterThan;
    const index = this.contentCharacterChunks.find(text, add);
    if (index !== undefined) return w.indexBit4(0xa0, index);
    const high = add ? 0x90 : 0x80;
    if (hasLoneSurrogate(text)) {
      w.lengthBit7(high | 0x04, text.length * 2);
      w.utf16(text);
    } else {
      const length = Buffer.byteLength(text, "utf8");
      w.lengthBit7(high, length);
      w.utf8(text, length);
    }
  }

  /** C.18 on the third bit; `high` holds bits 1-2 of the octet. */
  elementName(high: number, name: FiQualifiedName): void {
    const index = this.elementNames.find(name);
    if (index !== undefined) return this.w.indexBit3(high, index);
    this.literalName(high | LITERAL_QNAME_BIT3, name, "element");
  }

  /** C.17 on the second bit (the first bit, 0, identifies an attribute). */
  attributeName(name: FiQualifiedName): void {
    const index = this.attributeNames.find(name);
    if (index !== undefined) return this.w.indexBit2(0x00, index);
    this.literalName(LITERAL_QNAME_BIT2, name, "attribute");
  }

  private literalName(identification: number, name: FiQualifiedName, what: string): void {
    if (name.prefix && !name.namespaceName) this.fail(`${what} name ${name.prefix}:${name.localName} has a prefix but no namespace name`);
    this.w.byte(identification | (name.prefix ? QNAME_PREFIX_FLAG : 0) | (name.namespaceName ? QNAME_NAMESPACE_FLAG : 0));
    if (name.prefix) this.identifying(this.prefixes, name.prefix, `${what} prefix`);
    if (name.namespaceName) this.identifying(this.namespaceNames, name.namespaceName, `${what} namespace name`);
    this.identifying(this.localNames, name.localName, `${what} local name`);
  }
}
