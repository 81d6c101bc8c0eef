/**
 * Reading the `Parameters` member of an extension node (`node@properties` → `data/NNNN.dat`,
 * plain XML `<Parameters xmlns="http://xml.spss.com/pasw/extension">`) into the lookup the
 * node mappings' parameter codecs read (`nodes/common/str-mapping/parameters.ts`).
 */
import type { StrContainer } from "../container/str-file.js";
import { StrFormatError } from "../errors.js";
import { documentElement } from "../fastinfoset/index.js";
import { ExtensionParameters } from "../../nodes/common/str-mapping/index.js";
import { localName } from "../xml/dom.js";
import { parseXmlDocument } from "../xml/parse-xml.js";

/** The member's text, or undefined (with the reason) when it is missing or not a `Parameters` document. */
export function parametersMemberText(member: string, container: StrContainer): { text: string } | { problem: string } {
  if (member === "") return { problem: "the node names no settings member (no properties attribute)" };
  if (!container.has(member)) return { problem: `its settings member "${member}" is missing from the archive` };
  return { text: Buffer.from(container.read(member)).toString("utf8") };
}

/** Parses a `Parameters` member's text; undefined (with the reason) when it is something else. */
export function parseParameters(text: string, member: string): ExtensionParameters | { problem: string } {
  try {
    const root = documentElement(parseXmlDocument(text, { what: `member "${member}"` }));
    if (!root || localName(root) !== "Parameters") return { problem: `its settings member "${member}" is not a Parameters document` };
    return new ExtensionParameters(root, member);
  } catch (err) {
    if (err instanceof StrFormatError) return { problem: `its settings member "${member}" cannot be read: ${err.message}` };
    throw err;
  }
}

/** The node's `Parameters`, or a sentence saying why there are none. */
export function readParameters(member: string, container: StrContainer): ExtensionParameters | { problem: string } {
  const read = parametersMemberText(member, container);
  return "problem" in read ? read : parseParameters(read.text, member);
}
