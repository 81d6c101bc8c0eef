/**
 * A `.str` file opened: its ZIP directory, the main stream document (found by position: the
 * one top-level member, whatever its name), decoded from Fast Infoset (Modeler 16+) or plain
 * XML (14.2), and lazy, bounded access to the other members.
 */
import { FastInfosetError, decodeFastInfoset, isFastInfoset } from "../fastinfoset/index.js";
import type { FiDocument } from "../fastinfoset/types.js";
import { StrFormatError } from "../errors.js";
import { InflateBudget, strLimits, type StrLimits } from "../limits.js";
import { parseXmlDocument } from "../xml/parse-xml.js";
import { classifyMember, pmmlFromMember, type MemberInfo } from "./members.js";
import { readZipDirectory, readZipEntry, type ZipEntry } from "./zip-reader.js";

export type MainEncoding = "fastinfoset" | "xml";

export class StrContainer {
  readonly entries: readonly ZipEntry[];
  readonly main: ZipEntry;
  readonly budget: InflateBudget;
  private readonly cache = new Map<string, Uint8Array>();

  private constructor(readonly bytes: Uint8Array, limits: StrLimits) {
    this.budget = new InflateBudget(limits);
    this.entries = readZipDirectory(bytes, limits);
    const main = this.entries.find((e) => !e.name.includes("/"));
    if (!main) throw new StrFormatError("the archive has no top-level member, so it holds no stream document (is it a .str file?)");
    this.main = main;
  }

  static open(bytes: Uint8Array, limits: Partial<StrLimits> = {}): StrContainer {
    return new StrContainer(bytes, strLimits(limits));
  }

  get limits(): StrLimits {
    return this.budget.limits;
  }

  has(name: string): boolean {
    return this.entries.some((e) => e.name === name);
  }

  entry(name: string): ZipEntry | undefined {
    return this.entries.find((e) => e.name === name);
  }

  /** A member's bytes (inflated once, then cached). */
  read(name: string): Uint8Array {
    const cached = this.cache.get(name);
    if (cached) return cached;
    const e = this.entry(name);
    if (!e) throw new StrFormatError(`the stream refers to member "${name}", which the archive does not hold`, { member: name });
    const data = readZipEntry(this.bytes, e, this.budget);
    this.cache.set(name, data);
    return data;
  }

  /** Drops the inflated members kept so far (a loaded stream keeps only the compressed file). */
  forget(): void {
    this.cache.clear();
  }

  classify(name: string): MemberInfo {
    return classifyMember(this.read(name));
  }

  pmml(name: string): string | undefined {
    return pmmlFromMember(this.read(name), name, this.budget);
  }

  /** The compressed bytes of a member as stored, for copying it into another archive unchanged. */
  raw(e: ZipEntry): { method: number; compressed: Uint8Array; crc32: number; size: number } {
    return { method: e.method, compressed: this.bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize), crc32: e.crc32, size: e.size };
  }

  /** Decodes the main member: Fast Infoset, or plain XML for Modeler 14.2. */
  document(): { document: FiDocument; encoding: MainEncoding } {
    const bytes = this.read(this.main.name);
    const what = `main member "${this.main.name}"`;
    if (isFastInfoset(bytes)) {
      try {
        return { document: decodeFastInfoset(bytes, { maxDepth: this.limits.maxXmlDepth }), encoding: "fastinfoset" };
      } catch (err) {
        if (err instanceof FastInfosetError) throw new StrFormatError(`${what}: ${err.message}`, { member: this.main.name, offset: err.offset }, { cause: err });
        throw err;
      }
    }
    const info = classifyMember(bytes);
    if (info.kind !== "xml") throw new StrFormatError(`${what} is neither Fast Infoset nor XML (it starts ${hexStart(bytes)})`, { member: this.main.name });
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
    } catch {
      throw new StrFormatError(`${what} is not valid UTF-8 text`, { member: this.main.name });
    }
    return { document: parseXmlDocument(text, { what, maxDepth: this.limits.maxXmlDepth }), encoding: "xml" };
  }
}

function hexStart(bytes: Uint8Array): string {
  return [...bytes.subarray(0, 8)].map((b) => b.toString(16).padStart(2, "0")).join(" ") || "empty";
}
