/**
 * Seeded random documents (namespaces, attributes, mixed text with special and non-ASCII
 * characters, CDATA, comments, PIs, empty strings) through our encoder: our decoder gives the
 * same document back, and the Java decoder reads the same content.
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  createQualifiedName as q,
  decodeFastInfoset,
  encodeFastInfoset,
  fastInfosetToXml,
  type FiDocument,
  type FiElement,
  type FiNode,
} from "../../../src/modeler/fastinfoset/index.js";
import { expectSameDocument } from "./helpers/documents.js";
import { JAVA_AVAILABLE, JAVA_SKIP_REASON, javaConvert, type Converted } from "./helpers/java.js";
import { cdataAsText, documentToXNodes, firstDifference, parseXml } from "./helpers/xml-oracle.js";

const DOCUMENTS = 200;

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CHARACTERS = ["a", "b", "z", " ", "<", ">", "&", '"', "'", "\n", "\r", "\t", "é", "中", "😀", "]", "-", "?", "0"];
const NAMES = ["a", "b", "row", "value", "n-1", "x.y", "long_element_name", "é"];
const PREFIXES = ["", "", "", "p", "q", "xsi"];

function randomDocument(random: () => number): FiDocument {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const text = (max: number, avoid?: string): string => {
    let value = "";
    for (let n = Math.floor(random() * max); n > 0; n--) value += pick(CHARACTERS);
    return avoid ? value.split(avoid).join("") : value;
  };
  const element = (depth: number): FiElement => {
    const prefix = pick(PREFIXES);
    const namespaceName = prefix ? `urn:${prefix}:${Math.floor(random() * 2)}` : "";
    const attributes = new Map<string, { name: FiElement["name"]; value: string }>();
    for (let n = Math.floor(random() * 4); n > 0; n--) {
      const local = pick(NAMES);
      const name = random() < 0.3 && prefix ? q(local, namespaceName, prefix) : q(local);
      attributes.set(`${name.namespaceName}|${local}`, { name, value: random() < 0.2 ? "" : text(40) });
    }
    const children: FiNode[] = [];
    for (let n = depth < 5 ? Math.floor(random() * 6) : 0; n > 0; n--) {
      const kind = random();
      if (kind < 0.35) children.push(element(depth + 1));
      else if (kind < 0.7) children.push({ kind: "text", value: text(60) || "t" });
      else if (kind < 0.8) children.push({ kind: "text", value: text(20) || "c", cdata: true });
      else if (kind < 0.9) children.push({ kind: "comment", value: text(20, "-") });
      else children.push({ kind: "processingInstruction", target: pick(["pi", "target", "x-y"]), data: text(20, "?").trimStart() });
    }
    return {
      kind: "element",
      name: q(pick(NAMES), namespaceName, prefix),
      namespaceDeclarations: prefix ? [{ prefix, namespaceName }] : [],
      attributes: [...attributes.values()],
      children,
    };
  };
  return { kind: "document", children: [element(0)], additionalData: [], notations: [], unparsedEntities: [] };
}

describe("seeded random documents through the encoder", () => {
  const random = mulberry32(0xf1f1);
  const documents = Array.from({ length: DOCUMENTS }, () => randomDocument(random));
  const encoded = documents.map((d) => encodeFastInfoset(d));
  let java: Converted[] = [];

  beforeAll(() => {
    if (JAVA_AVAILABLE) java = javaConvert("fi2xml", encoded);
    else console.warn(`${JAVA_SKIP_REASON}: random documents are checked with our decoder only`);
  }, 300_000);

  it(`our decoder reads back the same ${DOCUMENTS} documents, and their XML text parses to them`, () => {
    documents.forEach((document, i) => {
      expectSameDocument(decodeFastInfoset(encoded[i]!), document);
      expect(firstDifference(parseXml(fastInfosetToXml(encoded[i]!)), documentToXNodes(document))).toBeUndefined();
    });
  });

  it.skipIf(!JAVA_AVAILABLE)("the Java decoder reads the same content (CDATA compared as text)", () => {
    const failures = documents
      .map((document, i) => {
        const result = java[i]!;
        if (!result.ok) return `document ${i}: ${result.error}`;
        const difference = firstDifference(cdataAsText(parseXml(result.output.toString("utf8"))), cdataAsText(documentToXNodes(document)));
        return difference && `document ${i}: ${difference}`;
      })
      .filter(Boolean);
    expect(failures).toEqual([]);
  });
});
