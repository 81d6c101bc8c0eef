import { expect } from "vitest";
import type { FiDocument } from "../../../../src/modeler/fastinfoset/index.js";
import { documentToXNodes, firstDifference } from "./xml-oracle.js";

/** Deep equality without recursion-heavy matchers: compare the normalised views and the header. */
export function expectSameDocument(actual: FiDocument, expected: FiDocument): void {
  expect(firstDifference(documentToXNodes(actual), documentToXNodes(expected))).toBeUndefined();
  const header = (d: FiDocument) => ({
    version: d.version,
    standalone: d.standalone,
    characterEncodingScheme: d.characterEncodingScheme,
    additionalData: d.additionalData.map((a) => ({ id: a.id, data: Buffer.from(a.data).toString("hex") })),
    notations: d.notations,
    unparsedEntities: d.unparsedEntities,
  });
  expect(header(actual)).toEqual(header(expected));
}
