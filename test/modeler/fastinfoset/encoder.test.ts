/** The encoder on documents built by hand: everything it writes decodes to the same document. */
import { describe, expect, it } from "vitest";
import {
  FastInfosetError,
  createQualifiedName as q,
  decodeFastInfoset,
  encodeFastInfoset,
  fiDocumentToXml,
  type FiDocument,
  type FiElement,
  type FiNode,
} from "../../../src/modeler/fastinfoset/index.js";
import { expectSameDocument } from "./helpers/documents.js";
import { JAVA_AVAILABLE, javaFiToXml } from "./helpers/java.js";

function element(name: FiElement["name"], children: FiNode[] = [], extra: Partial<FiElement> = {}): FiElement {
  return { kind: "element", name, attributes: [], namespaceDeclarations: [], children, ...extra };
}

function document(children: FiDocument["children"], extra: Partial<FiDocument> = {}): FiDocument {
  return { kind: "document", children, additionalData: [], notations: [], unparsedEntities: [], ...extra };
}

const text = (value: string, cdata = false): FiNode => (cdata ? { kind: "text", value, cdata } : { kind: "text", value });

describe("encodeFastInfoset", () => {
  it("round-trips every kind of item and header part", () => {
    const ns = "urn:example";
    const original = document(
      [
        { kind: "comment", value: "first" },
        { kind: "documentType", systemId: "doc.dtd", publicId: "-//EX//DTD", processingInstructions: [{ kind: "processingInstruction", target: "in-dtd", data: "" }] },
        element(
          q("root", ns, "ex"),
          [
            text("text "),
            text("<cdata> ]]> part", true),
            element(q("child", ns), [text("é中😀")], {
              namespaceDeclarations: [{ prefix: "", namespaceName: ns }],
              attributes: [
                { name: q("lang", "http://www.w3.org/XML/1998/namespace", "xml"), value: "en" },
                { name: q("empty"), value: "" },
                { name: q("long"), value: "v".repeat(1000) },
              ],
            }),
            { kind: "entityReference", name: "ent", systemId: "ent.txt" },
            { kind: "processingInstruction", target: "pi", data: "some data" },
            { kind: "comment", value: "" },
            element(q("child", ns), [], { attributes: [{ name: q("a", ns, "ex"), value: "1" }] }),
            element(q("undeclared"), [], { namespaceDeclarations: [{ prefix: "", namespaceName: "" }] }),
          ],
          { namespaceDeclarations: [{ prefix: "ex", namespaceName: ns }] },
        ),
        { kind: "processingInstruction", target: "after", data: "" },
      ],
      {
        version: "1.0",
        standalone: false,
        characterEncodingScheme: "UTF-8",
        additionalData: [{ id: "urn:data", data: Uint8Array.of(1, 2, 3) }],
        notations: [{ name: "gif", systemId: "image/gif" }, { name: "png", publicId: "-//PNG" }],
        unparsedEntities: [{ name: "pic", systemId: "pic.gif", notationName: "gif" }],
      },
    );
    const decoded = decodeFastInfoset(encodeFastInfoset(original));
    expectSameDocument(decoded, original);
    expect(decodeFastInfoset(encodeFastInfoset(original, { xmlDeclaration: true })).xmlDeclaration).toBe(
      "<?xml version='1.0' encoding='finf' standalone='no'?>",
    );
    expect(fiDocumentToXml(decoded)).toContain('<ex:root xmlns:ex="urn:example">text <![CDATA[<cdata> ]]]]><![CDATA[> part]]>');
  });

  it("writes repeated names and short strings as indices", () => {
    const repeated = document([element(q("a"), [element(q("b"), [text("x")]), element(q("b"), [text("x")])])]);
    // <a> literal, <b> literal with chunk "x" added, then <b> = element index 2 (0x01) and chunk index 1 (0xa0).
    expect(Buffer.from(encodeFastInfoset(repeated)).toString("hex")).toBe("e0000001003c00613c00629078f001a0fff0");
  });

  it("writes strings with lone surrogates as UTF-16 and reads them back", () => {
    const odd = "a\ud800b\udc00";
    const original = document([element(q("a"), [text(odd), { kind: "comment", value: odd }], { attributes: [{ name: q("v"), value: odd }] })]);
    const decoded = decodeFastInfoset(encodeFastInfoset(original));
    expectSameDocument(decoded, original);
    expect((decoded.children[0] as FiElement).attributes[0]!.value).toBe(odd);
  });

  it("follows the standard when a table is full: later strings stay literal, earlier ones keep their index", () => {
    const count = (1 << 20) + 20;
    const children: FiNode[] = [];
    for (let i = 0; i < count; i++) children.push(text(`${i}`));
    for (let i = 0; i < 10; i++) children.push(text(`${i}`), text(`${count - 1 - i}`));
    const original = document([element(q("r"), children)]);
    const encoded = encodeFastInfoset(original);
    const expected = children.map((c) => (c as { value: string }).value).join("");
    const decoded = decodeFastInfoset(encoded);
    expect((decoded.children[0] as FiElement).children).toEqual([{ kind: "text", value: expected }]);
    if (JAVA_AVAILABLE) expect(javaFiToXml(encoded) === `<?xml version="1.0" encoding="UTF-8"?><r>${expected}</r>`).toBe(true);
  }, 120_000);

  it("handles any depth without recursion; the decoder's maxDepth guards the stack", () => {
    let deep: FiElement = element(q("leaf"));
    for (let i = 0; i < 100_000; i++) deep = element(q("d"), [deep]);
    const encoded = encodeFastInfoset(document([deep]));
    expect(() => decodeFastInfoset(encoded)).toThrow(/deeper than 10000 levels/);
    const decoded = decodeFastInfoset(encoded, { maxDepth: 200_000 });
    const xml = fiDocumentToXml(decoded, { declaration: false });
    expect(xml.length).toBe("<d>".length * 100_000 + "<leaf/>".length + "</d>".length * 100_000);
  });

  it("indexes fewer strings when asked, at the cost of size", () => {
    const doc = document([element(q("r"), Array.from({ length: 50 }, () => element(q("e"), [text("same")])))]);
    expect(encodeFastInfoset(doc, { indexStringsShorterThan: 0 }).length).toBeGreaterThan(encodeFastInfoset(doc).length);
    expectSameDocument(decodeFastInfoset(encodeFastInfoset(doc, { indexStringsShorterThan: 0 })), doc);
  });

  it.each([
    ["an empty local name", document([element(q(""))]), /local name must not be empty/],
    ["a prefix without a namespace", document([element(q("a", "", "p"))]), /prefix but no namespace name/],
    [
      "two attributes with one name",
      document([element(q("a"), [], { attributes: [{ name: q("x"), value: "1" }, { name: q("x"), value: "2" }] })]),
      /two attributes named x/,
    ],
    ["text at document level", document([text("x") as unknown as FiElement]), /text cannot be a child of the document/],
    [
      "two document type declarations",
      document([
        { kind: "documentType", processingInstructions: [] },
        { kind: "documentType", processingInstructions: [] },
      ]),
      /at most one document type declaration/,
    ],
    ["an empty processing instruction target", document([{ kind: "processingInstruction", target: "", data: "" }]), /target must not be empty/],
    ["a lone surrogate in a name", document([element(q("a\ud800"))]), /lone surrogate/],
    ["a lone surrogate in CDATA", document([element(q("a"), [text("\ud800", true)])]), /lone surrogate/],
  ])("refuses %s", (_what, doc, message) => {
    expect(() => encodeFastInfoset(doc)).toThrow(FastInfosetError);
    expect(() => encodeFastInfoset(doc)).toThrow(message);
  });
});
