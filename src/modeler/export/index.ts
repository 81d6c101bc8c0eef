/**
 * `Stream` → Modeler `.str` bytes: a ZIP (deflate, deterministic) whose first member is the
 * stream document in Fast Infoset, followed by the data members.
 *
 * A stream read from `.str` is written by patching a copy of its original document: what did
 * not change keeps its XML (and the Fast Infoset encoder reproduces Modeler's bytes), members
 * are copied compressed as they were, changed properties go through each node type's reverse
 * mapping. A stream with no `.str` origin (open JSON, builder API) is written into a new
 * document by the same code. Whatever cannot be written is an error (`StrWriteError`) that
 * names it; nothing is silently dropped.
 */
import { documentElement, encodeFastInfoset } from "../fastinfoset/index.js";
import type { FiDocument } from "../fastinfoset/types.js";
import type { NodeRegistry } from "../../nodes/registry.js";
import type { Stream } from "../../stream/model.js";
import { writeZip } from "../container/zip-writer.js";
import type { StrOrigin } from "../import/index.js";
import { cloneElement } from "../xml/dom.js";
import { patchDiagrams } from "./diagram-xml.js";
import { MemberPlan } from "./members.js";
import { patchStreamProperties, skeletonDocument, streamParts } from "./stream-xml.js";

export { StrWriteError } from "../errors.js";

export interface WriteStrOptions {
  readonly registry: NodeRegistry;
}

export interface WrittenStr {
  readonly bytes: Uint8Array;
  /** Things written in a way the reader should know (nodes moved to the top level, …). */
  readonly warnings: readonly string[];
}

const EMPTY_IMPORT: StrOrigin["imported"] = { name: "", parameters: [], properties: {}, terminalOrder: [], links: [], drawn: [] };

export function writeStr(stream: Stream, options: WriteStrOptions): WrittenStr {
  const origin = stream.extra?.str as StrOrigin | undefined;
  const warnings: string[] = [];
  const before = origin?.imported ?? EMPTY_IMPORT;
  const originalRoot = origin ? documentElement(origin.document) : undefined;
  const root = originalRoot ? cloneElement(originalRoot) : skeletonDocument().root;
  const { props, diagram } = streamParts(root);
  patchStreamProperties(props, stream, before);
  const members = new MemberPlan(origin?.container);
  patchDiagrams(diagram, { stream, before, registry: options.registry, members, warnings, ...(origin && { origin }) });
  const document: FiDocument = origin
    ? { ...origin.document, children: origin.document.children.map((c) => (c === originalRoot ? root : c)) }
    : { kind: "document", children: [root], additionalData: [], notations: [], unparsedEntities: [] };
  const main = encodeFastInfoset(document);
  const mainName = origin?.container.main.name ?? `${stream.name.replace(/[\\/:*?"<>|]/g, "_") || "stream"}.xml`;
  const mainEntry = origin?.container.main;
  const bytes = writeZip([{ name: mainName, data: main, ...(mainEntry && { dosTime: mainEntry.dosTime, dosDate: mainEntry.dosDate }) }, ...members.entries()]);
  return { bytes, warnings };
}
