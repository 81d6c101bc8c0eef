/**
 * What a `data/NNNN.dat` member holds, recognised from its bytes (names say nothing):
 * plain XML (`Parameters`, PMML, …), SCF, a 4-byte big-endian length followed by XML, ZIP or
 * JSON, a ZIP without prefix (SPSS viewer output), text, or nothing. And the PMML of a model
 * nugget, from whichever of these holds it.
 */
import { StrFormatError } from "../errors.js";
import type { InflateBudget } from "../limits.js";
import { decodeScf, isScf, scfRecord } from "./scf.js";
import { readZipDirectory, readZipEntry } from "./zip-reader.js";

export type MemberKind = "empty" | "xml" | "scf" | "zip" | "len4" | "text" | "binary";

export interface MemberInfo {
  readonly kind: MemberKind;
  /** Root element name of XML content (also inside a length prefix). */
  readonly xmlRoot?: string;
  /** For `len4`: what follows the prefix. */
  readonly inner?: Exclude<MemberKind, "len4" | "empty" | "scf">;
}

const utf8Strict = new TextDecoder("utf-8", { fatal: true });

export function classifyMember(bytes: Uint8Array): MemberInfo {
  if (bytes.length === 0) return { kind: "empty" };
  if (isScf(bytes)) return { kind: "scf" };
  if (isZip(bytes)) return { kind: "zip" };
  if (looksLikeXml(bytes)) return withRoot({ kind: "xml" }, xmlRootName(bytes));
  if (bytes.length >= 4 && new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, false) === bytes.length - 4) {
    const rest = bytes.subarray(4);
    if (isZip(rest)) return { kind: "len4", inner: "zip" };
    if (looksLikeXml(rest)) return withRoot({ kind: "len4", inner: "xml" }, xmlRootName(rest));
    return { kind: "len4", inner: isText(rest) ? "text" : "binary" };
  }
  return { kind: isText(bytes) ? "text" : "binary" };
}

function withRoot(info: MemberInfo, root: string | undefined): MemberInfo {
  return root === undefined ? info : { ...info, xmlRoot: root };
}

/** Markup text: starts with "<" (after a BOM or white space) and is UTF-8. Fragments count (Modeler writes some). */
function looksLikeXml(bytes: Uint8Array): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  return bytes[i] === 0x3c && isText(bytes);
}

function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** The root element's name when the bytes start like an XML document. */
export function xmlRootName(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 4096)).toString("utf8").replace(/^\uFEFF/, "");
  if (!/^\s*</.test(head)) return undefined;
  const body = head.replace(/^\s*<\?xml[^?]*\?>/, "").replace(/^(\s*(<!--[\s\S]*?-->|<!DOCTYPE[^>]*>|<\?[^?]*\?>))*/, "");
  const m = /^\s*<([A-Za-z_][\w.:-]*)/.exec(body);
  if (!m) return undefined;
  const name = m[1]!;
  return name.includes(":") ? name.slice(name.indexOf(":") + 1) : name;
}

function isText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    utf8Strict.decode(bytes.subarray(0, Math.min(bytes.length, 65536)));
    return true;
  } catch {
    return false;
  }
}

/**
 * The PMML text held by a member, or undefined when it holds none: plain PMML, PMML after a
 * length prefix, `PMML.xml` (or any PMML) inside a ZIP with or without prefix, or the PMML
 * record of an SCF container.
 */
export function pmmlFromMember(bytes: Uint8Array, member: string, budget: InflateBudget): string | undefined {
  const info = classifyMember(bytes);
  switch (info.kind) {
    case "xml":
      return info.xmlRoot === "PMML" ? decodeText(bytes) : undefined;
    case "len4":
      if (info.inner === "xml") return info.xmlRoot === "PMML" ? decodeText(bytes.subarray(4)) : undefined;
      if (info.inner === "zip") return pmmlFromZip(bytes.subarray(4), member, budget);
      return undefined;
    case "zip":
      return pmmlFromZip(bytes, member, budget);
    case "scf":
      for (const chunk of decodeScf(bytes, member, budget)) {
        const record = scfRecord(chunk);
        const text = pmmlInPayload(record.content);
        if (text !== undefined && (record.typeId === undefined || /pmml/i.test(record.typeId) || /pmml/i.test(record.mimeType ?? ""))) return text;
      }
      return undefined;
    default:
      return undefined;
  }
}

function pmmlFromZip(bytes: Uint8Array, member: string, budget: InflateBudget): string | undefined {
  let entries;
  try {
    entries = readZipDirectory(bytes, budget.limits);
  } catch (err) {
    if (err instanceof StrFormatError) throw new StrFormatError(`the ZIP inside member "${member}": ${err.message}`, { member }, { cause: err });
    throw err;
  }
  const ordered = [...entries].sort((a, b) => Number(b.name === "PMML.xml") - Number(a.name === "PMML.xml"));
  for (const e of ordered) {
    if (e.name.endsWith("/")) continue;
    const data = readZipEntry(bytes, e, budget);
    if (xmlRootName(data) === "PMML") return decodeText(data);
  }
  return undefined;
}

/** PMML inside a record payload: from its XML declaration (or `<PMML`) to the closing tag. */
function pmmlInPayload(payload: Uint8Array): string | undefined {
  const buf = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  const open = buf.indexOf("<PMML");
  if (open < 0) return undefined;
  const close = buf.lastIndexOf("</PMML>");
  if (close < open) return undefined;
  const declaration = buf.lastIndexOf("<?xml", open);
  const start = declaration >= 0 && buf.subarray(declaration, open).indexOf("?>") >= 0 ? declaration : open;
  return buf.subarray(start, close + "</PMML>".length).toString("utf8");
}

function decodeText(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8").replace(/^\uFEFF/, "");
}
