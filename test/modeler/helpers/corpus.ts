/**
 * The shared Modeler corpus (`../shared/fixtures/modeler-str/`, next to the repository, as CI
 * lays it out) and its reference decodings, read independently of the code under test:
 * `decoded/*.xml` came from the Java Fast Infoset reference, and is parsed here with
 * fast-xml-parser.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { XMLParser } from "fast-xml-parser";

export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
export const CORPUS_DIR = path.resolve(REPO_ROOT, "../shared/fixtures/modeler-str");
export const DATA_DIR = path.resolve(REPO_ROOT, "../shared/fixtures/data");
export const CORPUS_AVAILABLE = existsSync(path.join(CORPUS_DIR, "str"));
export const CORPUS_SKIP_REASON = `Modeler corpus not found at ${CORPUS_DIR}; corpus tests skipped (CI requires it)`;

export interface CorpusFile {
  readonly name: string;
  readonly strPath: string;
  readonly decodedPath: string;
}

export function corpusFiles(): CorpusFile[] {
  if (!CORPUS_AVAILABLE) return [];
  return readdirSync(path.join(CORPUS_DIR, "str"))
    .filter((f) => f.endsWith(".str"))
    .sort()
    .map((f) => ({ name: f.slice(0, -4), strPath: path.join(CORPUS_DIR, "str", f), decodedPath: path.join(CORPUS_DIR, "decoded", `${f.slice(0, -4)}.xml`) }));
}

export function corpusFile(name: string): CorpusFile {
  const f = corpusFiles().find((c) => c.name === name);
  if (!f) throw new Error(`corpus file ${name} not found`);
  return f;
}

export interface ManifestEntry {
  name: string;
  version: string;
  main: string;
  main_encoding: string;
  stream_name: string;
  members: Array<[string, string, string | null, boolean]>;
  scnScoringTerminalNode: string | null;
  scnModelBuildNode: string | null;
  scriptLanguage: string | null;
  scriptDefaultExecution: string | null;
}

export function manifest(): Map<string, ManifestEntry> {
  const entries = JSON.parse(readFileSync(path.join(CORPUS_DIR, "manifest.json"), "utf8")) as ManifestEntry[];
  return new Map(entries.map((e) => [e.name, e]));
}

/** An element of the reference decoding: tag, attributes, child elements in order, text. */
export interface RefElement {
  tag: string;
  attrs: Record<string, string>;
  children: RefElement[];
  text: string;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: true,
  maxNestedTags: 100_000,
});

type Ordered = Record<string, unknown> & { ":@"?: Record<string, string> };

function convert(node: Ordered): RefElement | undefined {
  const tag = Object.keys(node).find((k) => k !== ":@");
  if (!tag || tag === "#text" || tag.startsWith("?")) return undefined;
  const el: RefElement = { tag, attrs: node[":@"] ?? {}, children: [], text: "" };
  for (const c of (node[tag] as Ordered[]) ?? []) {
    if ("#text" in c) el.text += String(c["#text"]);
    else {
      const child = convert(c);
      if (child) el.children.push(child);
    }
  }
  return el;
}

const cache = new Map<string, RefElement>();

/** The root element (`clementineStream`) of a reference decoding. */
export function referenceDocument(file: CorpusFile): RefElement {
  let root = cache.get(file.name);
  if (!root) {
    const nodes = parser.parse(readFileSync(file.decodedPath, "utf8")) as Ordered[];
    root = nodes.map(convert).find((e): e is RefElement => e !== undefined)!;
    cache.set(file.name, root);
  }
  return root;
}

export function refChild(el: RefElement | undefined, tag: string): RefElement | undefined {
  return el?.children.find((c) => c.tag === tag);
}

export function refChildren(el: RefElement | undefined, tag: string): RefElement[] {
  return el?.children.filter((c) => c.tag === tag) ?? [];
}

export function refText(el: RefElement | undefined, tag: string): string | undefined {
  const c = refChild(el, tag);
  return c === undefined ? undefined : c.text;
}

/** Every `<node class=…>` element of the reference, SuperNode contents included, in document order. */
export function refNodes(root: RefElement): RefElement[] {
  const out: RefElement[] = [];
  const walk = (diagram: RefElement | undefined) => {
    for (const n of refChildren(refChild(diagram, "nodes"), "node")) {
      out.push(n);
      walk(refChild(n, "diagram"));
    }
  };
  walk(refChild(refChild(root, "stream"), "diagram"));
  return out;
}

/** Every drawn link as [src uid, dst uid], each diagram's local ids resolved in that diagram. */
export function refLinks(root: RefElement): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const walk = (diagram: RefElement | undefined) => {
    const nodes = refChildren(refChild(diagram, "nodes"), "node");
    const uid = new Map(nodes.map((n) => [n.attrs.id!, n.attrs.uid!]));
    for (const n of nodes) walk(refChild(n, "diagram"));
    for (const l of refChildren(refChild(diagram, "links"), "link")) out.push([uid.get(l.attrs.srcId!)!, uid.get(l.attrs.dstId!)!]);
  };
  walk(refChild(refChild(root, "stream"), "diagram"));
  return out;
}

export function shortClass(cls: string): string {
  return cls.slice(cls.lastIndexOf(".") + 1);
}
