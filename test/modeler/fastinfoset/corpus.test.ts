import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import {
  FastInfosetError,
  decodeFastInfoset,
  encodeFastInfoset,
  fastInfosetToXml,
  fiDocumentToXml,
  isFastInfoset,
} from "../../../src/modeler/fastinfoset/index.js";
import { CORPUS_AVAILABLE, CORPUS_SKIP_REASON, corpusFiles, readMainMember } from "./helpers/corpus.js";
import { documentToXNodes, firstDifference, parseXml } from "./helpers/xml-oracle.js";
import { expectSameDocument } from "./helpers/documents.js";

const files = corpusFiles();
const members = new Map<string, Buffer>();

if (!CORPUS_AVAILABLE) console.warn(CORPUS_SKIP_REASON);

describe.skipIf(!CORPUS_AVAILABLE)("Modeler corpus: decoding the main member", () => {
  beforeAll(async () => {
    for (const f of files) members.set(f.name, await readMainMember(f.strPath));
  });

  it("finds the corpus", () => {
    expect(files.length).toBeGreaterThanOrEqual(57);
    expect([...members.values()].filter((m) => isFastInfoset(m)).length).toBeGreaterThanOrEqual(55);
  });

  describe.each(files.map((f) => [f.name, f] as const))("%s", (name, file) => {
    it("decodes to the reference decoding (plain-XML members are recognised and refused)", () => {
      const member = members.get(name)!;
      if (!isFastInfoset(member)) {
        // The 14.2 files hold plain XML: not Fast Infoset, and the decoder says so.
        expect(member.subarray(0, 5).toString("latin1")).toBe("<?xml");
        expect(() => decodeFastInfoset(member)).toThrow(FastInfosetError);
        return;
      }
      const document = decodeFastInfoset(member);
      const reference = parseXml(readFileSync(file.referencePath, "utf8"));
      expect(firstDifference(documentToXNodes(document), reference)).toBeUndefined();
      // Streaming to XML gives the text of the tree, and that text parses to the reference too.
      const xml = fastInfosetToXml(member);
      expect(xml === fiDocumentToXml(document)).toBe(true);
      expect(firstDifference(parseXml(xml), reference)).toBeUndefined();
    });

    it("round-trips: decode → encode → decode gives the same document, and re-encoding reproduces the file", () => {
      const member = members.get(name)!;
      if (!isFastInfoset(member)) return;
      const document = decodeFastInfoset(member);
      const encoded = encodeFastInfoset(document);
      expectSameDocument(decodeFastInfoset(encoded), document);
      // Our indexing policy matches the Java encoder Modeler uses, so the bytes come back identical.
      expect(Buffer.compare(Buffer.from(encoded), member)).toBe(0);
    });
  });
});
