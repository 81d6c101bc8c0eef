/**
 * XML documents exercising what the Modeler corpus does not: namespaces, comments, processing
 * instructions, CDATA, references, long strings, deep nesting and tables large enough to need
 * every index form. The Java reference turns them into Fast Infoset (`XML_SAX_FI`) at test time.
 */

export interface CraftedXml {
  name: string;
  xml: string;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

export function craftedDocuments(): CraftedXml[] {
  return [
    {
      name: "namespaces: default, prefixed, undeclared, redeclared, xml:* attributes",
      xml:
        '<?xml version="1.0"?>\n<root xmlns="urn:default" xmlns:a="urn:a" xmlns:b="urn:b" a:attr="1" b:attr="2" plain="3" xml:lang="en">' +
        '<a:child><inner xmlns="" attr="x"/><b:x xmlns:b="urn:other" b:y="z"/><a:child/></a:child>' +
        '<child xml:space="preserve">  text  </child><b:x/></root>',
    },
    {
      name: "comments, processing instructions, CDATA, references and non-ASCII text",
      xml:
        '<?xml version="1.0"?>\n<!--before--><?pi-before some data?>\n<doc><!-- inside --><?target?>' +
        "<![CDATA[<not markup> & ]]]]><![CDATA[>]]>text &amp; &lt; &gt; &#13; &#x1F600; é 中文\n" +
        '<e a="tab&#9;nl&#10;cr&#13;quote&quot;apos&apos;lt&lt;" b="" c=" "/><e/><e a="tab&#9;nl&#10;cr&#13;quote&quot;apos&apos;lt&lt;"/>' +
        "</doc><!--after--><?pi-after?>",
    },
    {
      name: "long names, values and text (every length form)",
      xml: `<${"n".repeat(400)} ${"a".repeat(70)}="${"v".repeat(300)}" b="${"w".repeat(20)}">${"t".repeat(5000)}<x>${"é".repeat(200)}</x></${"n".repeat(400)}>`,
    },
    {
      name: "deep nesting (500 levels)",
      xml: `${range(500).map((i) => `<d${i % 7}>`).join("")}x${range(500).reverse().map((i) => `</d${i % 7}>`).join("")}`,
    },
    {
      name: "3000 element names, 9000 attribute names and values, 100 prefixes, each used twice",
      xml: (() => {
        const parts = ["<r>"];
        for (let pass = 0; pass < 2; pass++) {
          for (const i of range(3000)) parts.push(`<e${i}>${i % 3 ? `t${i}` : ""}</e${i}>`);
          for (const i of range(900)) parts.push(`<a ${range(10).map((j) => `n${i * 10 + j}="v${i * 10 + j}"`).join(" ")}/>`);
          for (const i of range(100)) parts.push(`<p${i}:e xmlns:p${i}="urn:p${i}" p${i}:a="x"/>`);
        }
        parts.push("</r>");
        return parts.join("");
      })(),
    },
  ];
}

/**
 * More than 526 368 element names and 263 184 character chunks, each used twice: the largest
 * index forms (C.27 and C.28 with three extra octets). About 10 MB of XML.
 */
export function hugeTablesDocument(): CraftedXml {
  const count = 530_000;
  const parts = ["<r>"];
  for (let pass = 0; pass < 2; pass++) {
    for (let i = pass ? count - 3000 : 0; i < count; i++) parts.push(`<e${i}>c${i}</e${i}>`);
  }
  parts.push("</r>");
  return { name: "huge tables (largest index forms)", xml: parts.join("") };
}
