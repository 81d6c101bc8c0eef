/**
 * The Java reference implementation as the oracle: it decodes everything our encoder writes, and
 * our decoder agrees with it on documents its encoder (`XML_SAX_FI`) produced from crafted XML.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { decodeFastInfoset, encodeFastInfoset, fiDocumentToXml, isFastInfoset, type FiDocument } from "../../../src/modeler/fastinfoset/index.js";
import { CORPUS_AVAILABLE, CORPUS_SKIP_REASON, corpusFiles, readMainMember } from "./helpers/corpus.js";
import { craftedDocuments, hugeTablesDocument, type CraftedXml } from "./helpers/crafted-xml.js";
import { expectSameDocument } from "./helpers/documents.js";
import { JAVA_AVAILABLE, JAVA_SKIP_REASON, javaConvert, type Converted } from "./helpers/java.js";
import { documentToXNodes, firstDifference, parseXml, type XNode } from "./helpers/xml-oracle.js";

if (!JAVA_AVAILABLE) console.warn(JAVA_SKIP_REASON);
else if (!CORPUS_AVAILABLE) console.warn(`${CORPUS_SKIP_REASON}: Java checks of re-encoded corpus documents skipped`);

const ENCODINGS = {
  default: {},
  "nothing but names indexed": { indexStringsShorterThan: 0 },
  "every string indexed": { indexStringsShorterThan: Number.MAX_SAFE_INTEGER },
  "with the textual XML declaration": { xmlDeclaration: true },
} as const;

function javaXml(result: Converted): XNode[] {
  if (!result.ok) throw new Error(`the Java reference refused the document: ${result.error}`);
  return parseXml(result.output.toString("utf8"));
}

describe.skipIf(!JAVA_AVAILABLE || !CORPUS_AVAILABLE)("Java reference decodes what we encode (corpus)", () => {
  const files = corpusFiles();
  const cases: { name: string; encoding: string; reference: XNode[] }[] = [];
  const results: Converted[] = [];

  beforeAll(async () => {
    const inputs: Uint8Array[] = [];
    for (const file of files) {
      const member = await readMainMember(file.strPath);
      if (!isFastInfoset(member)) continue;
      const document = decodeFastInfoset(member);
      const reference = parseXml(readFileSync(file.referencePath, "utf8"));
      for (const [encoding, options] of Object.entries(ENCODINGS)) {
        cases.push({ name: file.name, encoding, reference });
        inputs.push(encodeFastInfoset(document, options));
      }
    }
    results.push(...javaConvert("fi2xml", inputs));
  }, 300_000);

  it("decodes every re-encoded corpus document to the reference decoding", () => {
    expect(cases.length).toBeGreaterThanOrEqual(55 * Object.keys(ENCODINGS).length);
    const failures = cases
      .map((c, i) => {
        const difference = firstDifference(javaXml(results[i]!), c.reference);
        return difference && `${c.name} (${c.encoding}): ${difference}`;
      })
      .filter(Boolean);
    expect(failures).toEqual([]);
  });
});

describe.skipIf(!JAVA_AVAILABLE)("crafted XML through the Java encoder, our decoder and encoder, and the Java decoder", () => {
  const documents: CraftedXml[] = craftedDocuments();
  const javaFi: Converted[] = [];
  const decoded: FiDocument[] = [];
  let javaDecodedJavaFi: Converted[] = [];
  let javaDecodedOurFi: Converted[] = [];

  beforeAll(() => {
    javaFi.push(...javaConvert("xml2fi", documents.map((d) => d.xml)));
    const fis = javaFi.map((r, i) => {
      if (!r.ok) throw new Error(`XML_SAX_FI refused ${documents[i]!.name}: ${r.error}`);
      return r.output;
    });
    decoded.push(...fis.map((fi) => decodeFastInfoset(fi)));
    javaDecodedJavaFi = javaConvert("fi2xml", fis);
    javaDecodedOurFi = javaConvert("fi2xml", decoded.map((d) => encodeFastInfoset(d)));
  }, 300_000);

  it.each(documents.map((d, i) => [d.name, i] as const))("%s", (_name, i) => {
    const oracle = javaXml(javaDecodedJavaFi[i]!);
    // Our decoding of the Java encoding equals the Java decoding of it …
    expect(firstDifference(documentToXNodes(decoded[i]!), oracle)).toBeUndefined();
    // … and the Java decoder reads our re-encoding to the same document, as does ours.
    expect(firstDifference(javaXml(javaDecodedOurFi[i]!), oracle)).toBeUndefined();
    expectSameDocument(decodeFastInfoset(encodeFastInfoset(decoded[i]!)), decoded[i]!);
  });
});

describe.skipIf(!JAVA_AVAILABLE)("tables beyond every index threshold (Java encoder and decoder as oracle)", () => {
  // ~10 MB of XML: compared as text (the Java output and ours coincide for this plain content),
  // since structural comparison of a million nodes would dominate the run time.
  it("decodes the Java encoding, and the Java decoder reads our encoding, to the same XML", () => {
    const { xml } = hugeTablesDocument();
    const [javaFi] = javaConvert("xml2fi", [xml]);
    if (!javaFi!.ok) throw new Error(javaFi!.error);
    const document = decodeFastInfoset(javaFi!.output);
    expect(fiDocumentToXml(document) === `<?xml version="1.0" encoding="UTF-8"?>${xml}`).toBe(true);
    // Same tables and indexing policy as the Java encoder: the same octets, so decoding ours
    // (by Java or by us) is the decoding just checked. Java still reads ours, as a smoke test.
    const ours = encodeFastInfoset(document);
    expect(Buffer.compare(Buffer.from(ours), javaFi!.output)).toBe(0);
    const [javaOfOurs] = javaConvert("fi2xml", [ours]);
    expect(javaOfOurs!.ok && javaOfOurs!.output.toString("utf8") === `<?xml version="1.0" encoding="UTF-8"?>${xml}`).toBe(true);
  }, 300_000);
});
